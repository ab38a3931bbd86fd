"""Dry runs and kind detection: fetch a URL through the real fetch path, and store nothing."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from normalizers.offer import RunNotes, SourceContext, normalize_noted
from schemas.offers import Offer
from schemas.rejections import Rejection, RejectionReason
from schemas.sources import ATS_KINDS, SourceDefaults, SourceKind, validate_settings
from schemas.validation_fr import french_reason_of
from spiders.detect import Detection, detect_from_url
from spiders.extractors import FeedError, ItemError, extractor_for
from spiders.report import CrawlReport
from spiders.runner import run_crawl

CHECK_TIMEOUT_VARIABLE = "RELAIS_CHECK_TIMEOUT"


def _timeout() -> float:
    return float(os.environ.get(CHECK_TIMEOUT_VARIABLE, "300"))


def parse_settings(pairs: Iterable[str], file: Path | None = None) -> dict[str, Any]:
    """Settings from a JSON file and `KEY=VALUE` pairs (`query.motsCles=python` nests).

    Raises ValueError naming the malformed pair or file.
    """
    settings: dict[str, Any] = {}
    if file is not None:
        try:
            loaded = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(
                f"fichier de réglages {file} : JSON illisible ligne {error.lineno}, "
                f"colonne {error.colno}"
            ) from None
        except (OSError, ValueError):
            raise ValueError(f"fichier de réglages {file} : impossible à lire") from None
        if not isinstance(loaded, dict):
            raise ValueError(f"fichier de réglages {file} : un objet JSON est attendu")
        settings.update(loaded)
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise ValueError(f"réglage {pair!r} mal formé : CLÉ=VALEUR attendu")
        *parents, name = key.strip().split(".")
        target = settings
        for parent in parents:
            child = target.setdefault(parent, {})
            if not isinstance(child, dict):
                raise ValueError(
                    f"réglage {pair!r} mal formé : {parent} n'est pas un groupe de réglages"
                )
            target = child
        target[name] = value
    return settings


def complete_settings(kind: str, url: str, settings: Mapping[str, Any]) -> dict[str, Any]:
    """`settings`, with an ATS board read from the URL when it was not given."""
    completed = dict(settings)
    if kind in ATS_KINDS and "board" not in completed:
        found = detect_from_url(url)
        if found is not None and found.kind == kind:
            completed = {**found.settings, **completed}
    return completed


def detect_kind(
    url: str,
    *,
    timeout: float | None = None,
    crawl_settings: Mapping[str, object] | None = None,
) -> Detection:
    """What kind of source `url` is: from its host when it is a known ATS, else fetched once
    (with a few of the pages it links to) through the hardened fetch path."""
    found = detect_from_url(url)
    if found is not None:
        return found
    with tempfile.TemporaryDirectory(prefix="relais-detect-") as workdir:
        result = run_crawl(
            "auto",
            url,
            workdir=Path(workdir),
            timeout=timeout or _timeout(),
            settings=crawl_settings,
        )
        if result.report.status != "ok":
            return Detection(None, url, {}, [result.report.error or "la lecture a échoué"])
        for record in result.iter_records():
            return Detection.from_dict(json.loads(record.payload))
    return Detection(None, url, {}, ["la page n'a pas pu être lue"])


@dataclass
class CheckResult:
    """What a dry run of a source would import and reject; nothing of it is stored."""

    url: str
    kind: str | None
    settings: dict[str, Any] = field(default_factory=dict)
    detection: Detection | None = None
    report: CrawlReport | None = None
    error: str | None = None
    offers: list[Offer] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.error is not None


def _reject(source: str, external_id: str, message: str) -> Rejection:
    reason = RejectionReason(field="item", code="unreadable", message=message[:500])
    return Rejection(source=source, external_id=external_id, reasons=[reason])


def check_source(
    url: str,
    kind: str = "auto",
    settings: Mapping[str, Any] | None = None,
    defaults: SourceDefaults | None = None,
    *,
    source_name: str = "check",
    timeout: float | None = None,
    crawl_settings: Mapping[str, object] | None = None,
) -> CheckResult:
    """Fetch `url` once as a `kind` source (detected when "auto") and read every item as the
    pipeline would: the offers it would import and the items it would reject, with reasons.

    Nothing is written to the database and no HTTP cache is kept. `crawl_settings`
    overrides Scrapy settings (tests use it to drop the politeness delays).
    """
    detection = None
    given = dict(settings or {})
    if kind == "auto":
        detection = detect_kind(url, timeout=timeout, crawl_settings=crawl_settings)
        if detection.kind is None:
            return CheckResult(url, None, given, detection, error="; ".join(detection.reasons))
        kind, url, given = detection.kind, detection.url, {**detection.settings, **given}
    given = complete_settings(kind, url, given)
    result = CheckResult(url, kind, given, detection)
    try:
        checked = validate_settings(SourceKind(kind), given)
    except ValueError as error:
        result.error = f"réglages : {error} (pour une source {kind})"
        return result
    with tempfile.TemporaryDirectory(prefix="relais-check-") as workdir:
        crawl = run_crawl(
            kind,
            url,
            workdir=Path(workdir),
            timeout=timeout or _timeout(),
            settings=crawl_settings,
            source_settings=checked,
        )
        result.report = crawl.report
        if crawl.report.status != "ok":
            result.error = crawl.report.error or "la lecture a échoué"
            return result
        _read_records(result, crawl.iter_records(), checked, defaults, source_name)
    return result


def _read_records(
    result: CheckResult,
    records: Iterable[Any],
    settings: dict[str, Any],
    defaults: SourceDefaults | None,
    source_name: str,
) -> None:
    """Read and normalize every record the way `pipeline.collect.read_raw_item` does; what the
    normalizer notes of them is added to the report's notes, as a run's would be."""
    assert result.kind is not None
    noted = RunNotes()
    extractor = extractor_for(result.kind, settings=settings)
    host = urlsplit(result.url).hostname or result.url
    for record in records:
        if record.error:
            result.rejections.append(_reject(source_name, record.external_id, record.error))
            continue
        try:
            item = extractor.read(record.payload, record.fetch_url)
        except (ItemError, FeedError, ValidationError) as error:
            result.rejections.append(
                _reject(source_name, record.external_id, french_reason_of(error))
            )
            continue
        context = SourceContext(
            source=source_name,
            attribution=host,
            defaults=defaults or SourceDefaults(),
            base_url=record.fetch_url,
            fetched_at=record.fetched_at,
        )
        normalized = normalize_noted(item, context)
        noted.add(record.external_id, normalized)
        outcome = normalized.result
        if isinstance(outcome, Rejection):
            result.rejections.append(outcome)
        else:
            result.offers.append(outcome)
    if result.report is not None and noted.notes():
        notes = [*result.report.notes, *noted.notes()]
        result.report = result.report.model_copy(update={"notes": notes})
