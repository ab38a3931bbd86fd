"""The crawl entry point's report: what counts as complete, and which validators are kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from spiders.crawl import build_report, write_report
from spiders.feeds import CrawlOutcome
from spiders.report import CrawlReport

NOW = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
URL = "https://jobs.example.org/feed.xml"


def report(outcome: CrawlOutcome, written: int) -> CrawlReport:
    return build_report(outcome, url=URL, written=written, started_at=NOW, finished_at=NOW)


def test_a_read_document_is_complete_and_keeps_its_validators() -> None:
    outcome = CrawlOutcome(status="ok", http_status=200, etag='"v2"', items=3)
    result = report(outcome, written=3)
    assert (result.status, result.complete, result.etag, result.items) == ("ok", True, '"v2"', 3)


def test_a_failed_crawl_is_incomplete_and_gives_no_validators() -> None:
    outcome = CrawlOutcome(http_status=200, etag='"v2"', last_modified="x", items=1)
    outcome.fail("XML not well-formed: line 3, column 1: boom", "permanent")
    result = report(outcome, written=1)
    assert (result.complete, result.etag, result.last_modified) == (False, None, None)


def test_the_first_failure_is_the_one_reported() -> None:
    outcome = CrawlOutcome()
    outcome.fail("HTTP 500 (erreur interne du serveur)", "transient")
    outcome.fail("la collecte s'est terminée sans lire le document (finished)", "transient")
    assert outcome.error == "HTTP 500 (erreur interne du serveur)"


def test_items_lost_between_split_and_file_fail_the_crawl() -> None:
    result = report(CrawlOutcome(status="ok", items=5), written=4)
    assert (result.status, result.complete) == ("failed", False)
    assert result.error == "seuls 4 éléments sur 5 ont été enregistrés"


def test_a_spider_that_never_ran_is_a_failure() -> None:
    result = report(CrawlOutcome(), written=0)
    assert (result.status, result.complete) == ("failed", False)


def test_the_report_is_written_as_json_the_runner_reads_back(tmp_path: Path) -> None:
    original = report(CrawlOutcome(status="not_modified", http_status=304), written=0)
    path = write_report(original, tmp_path)
    assert CrawlReport.model_validate_json(path.read_bytes()) == original
    assert not list(tmp_path.glob("*.partial"))
