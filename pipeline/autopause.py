"""Pause a source that keeps failing, and say so: operators resume it once it is fixed.

The threshold is `RELAIS_PAUSE_AFTER_FAILURES` crawl runs failed in a row (default 5), checked by
the collect_offers DAG and by `relais collect` alike; every crawl attempt, retries included, is a
run with its own error in `crawl_runs`.
"""

from __future__ import annotations

import logging
import os

from store import health, models
from store.db import session_scope

log = logging.getLogger(__name__)

PAUSE_AFTER_VARIABLE = "RELAIS_PAUSE_AFTER_FAILURES"
DEFAULT_PAUSE_AFTER = 5


def pause_after_failures() -> int:
    """How many failed runs in a row pause a source (0 or less: never)."""
    return int(os.environ.get(PAUSE_AFTER_VARIABLE, DEFAULT_PAUSE_AFTER))


def pause_if_failing(source_id: int, threshold: int | None = None) -> str | None:
    """Pause the source when its latest `threshold` runs all failed; the reason it was paused
    (now or before) is returned, None when it is not paused."""
    threshold = pause_after_failures() if threshold is None else threshold
    with session_scope() as session:
        source = session.get_one(models.Source, source_id)
        if source.paused:
            return source.paused_reason or "en pause"
        failures = health.consecutive_failures(session, source_id, limit=max(threshold, 1))
        if threshold <= 0 or failures < threshold:
            return None
        last = health.source_health(session, source, budget_runs=1)
        source.paused = True
        source.paused_reason = (
            f"mise en pause automatiquement après {failures} "
            f"{'collectes échouées' if failures > 1 else 'collecte échouée'} de suite "
            f"(dernière erreur : {last.error or 'inconnue'}) ; une fois la source réparée, "
            f"reprenez-la : relais sources resume {source.name}"
        )
        log.warning("source %s %s", source.name, source.paused_reason)
        return source.paused_reason
