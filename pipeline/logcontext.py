"""Structured logs: every line logged during a crawl carries its source and run.

`log_context(source=…, run=…)` (or the `in_run_context` / `in_crawl_context` decorators)
sets the fields for the block; a log-record factory copies them onto every record, whatever
the handler, as attributes (`relais_source`, `relais_run`) and as `relais_context`, the
`source=… run=…` text. `KeyValueFormatter` writes whole lines as key=value pairs.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_fields: ContextVar[tuple[tuple[str, str], ...]] = ContextVar("relais_log_fields", default=())
_previous_factory = logging.getLogRecordFactory()


def current_fields() -> dict[str, str]:
    """The fields every log line carries now."""
    return dict(_fields.get())


def _render(value: object) -> str:
    text = str(value)
    if not text or any(c in text for c in ' "=\n\t'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return text


def context_text(fields: dict[str, str] | None = None) -> str:
    """`source=acme run=12`: the fields as key=value pairs."""
    fields = current_fields() if fields is None else fields
    return " ".join(f"{key}={_render(value)}" for key, value in fields.items())


def bind(**fields: object) -> None:
    """Add fields for the rest of the enclosing `log_context` block."""
    merged = {**current_fields(), **{k: str(v) for k, v in fields.items() if v is not None}}
    _fields.set(tuple(merged.items()))


@contextmanager
def log_context(**fields: object) -> Iterator[None]:
    """Log lines of the block carry these fields (and those bound inside it); they are
    dropped when it ends."""
    token = _fields.set(_fields.get())
    try:
        bind(**fields)
        yield
    finally:
        _fields.reset(token)


def in_run_context(step: Callable[[int], R]) -> Callable[[int], R]:
    """Run a `step(run_id)` with the run and its source in every log line."""

    @functools.wraps(step)
    def wrapper(run_id: int) -> R:
        with log_context(source=_source_of_run(run_id), run=run_id):
            return step(run_id)

    return wrapper


def in_crawl_context(crawl: Callable[P, R]) -> Callable[P, R]:
    """Give a crawl its own log context; the crawl binds its source and run when it has them."""

    @functools.wraps(crawl)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with log_context():
            return crawl(*args, **kwargs)

    return wrapper


def _source_of_run(run_id: int) -> str | None:
    from store import models
    from store.db import session_scope

    with session_scope() as session:
        run = session.get(models.CrawlRun, run_id)
        return run.source.name if run is not None else None


def _record_with_context(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _previous_factory(*args, **kwargs)
    fields = current_fields()
    record.relais_source = fields.get("source")
    record.relais_run = fields.get("run")
    record.relais_context = context_text(fields)
    return record


logging.setLogRecordFactory(_record_with_context)


class KeyValueFormatter(logging.Formatter):
    """`time=… level=… logger=… source=… run=… msg="…"`, one line per record."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        parts = [f"time={when}", f"level={record.levelname}", f"logger={record.name}"]
        context = getattr(record, "relais_context", "")
        if context:
            parts.append(context)
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        parts.append(f"msg={_render(message)}")
        return " ".join(parts)
