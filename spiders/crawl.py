"""`python -m spiders.crawl`: one crawl in this process, writing items.jsonl and report.json."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from schemas.sources import SourceKind, validate_settings
from spiders.feeds import CrawlOutcome, SourceSpider
from spiders.kinds import spider_for
from spiders.lifeline import die_with_parent
from spiders.output import REPORT_FILE, JsonLinesWriter
from spiders.paged import PagedSpider
from spiders.report import CrawlReport


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m spiders.crawl",
        description="Fetch one source document and split it into DIR/items.jsonl, with "
        "DIR/report.json saying what happened. Exit status 0 when the report was written, "
        "non-zero only on a crash.",
    )
    parser.add_argument("--kind", required=True, help="source kind (rss, jsonld, lever…, or auto)")
    parser.add_argument("--url", required=True, help="the document to fetch")
    parser.add_argument("--out", required=True, type=Path, help="directory for the output files")
    parser.add_argument("--etag", help="ETag of the previous complete crawl")
    parser.add_argument("--last-modified", help="Last-Modified of the previous complete crawl")
    parser.add_argument(
        "--source-settings",
        default="{}",
        metavar="JSON",
        help="the source's kind-specific settings, as a JSON object",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help="HTTP cache of this source: pages of multi-page kinds are revalidated from it "
        "(conditional GET); none by default",
    )
    parser.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting (e.g. DOWNLOAD_MAXSIZE=1048576)",
    )
    return parser.parse_args(argv)


def crawl_settings(out: Path, overrides: list[str], cache_dir: Path | None = None) -> Settings:
    """The project settings, plus the output writer, the HTTP cache and NAME=VALUE overrides."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("RELAIS_OUTPUT_DIR", str(out), priority="cmdline")
    settings.set("ITEM_PIPELINES", {JsonLinesWriter: 100}, priority="cmdline")
    if cache_dir is not None:
        settings.set("HTTPCACHE_ENABLED", True, priority="cmdline")
        settings.set("HTTPCACHE_DIR", str(cache_dir), priority="cmdline")
    for override in overrides:
        name, equals, value = override.partition("=")
        if not equals or not name:
            raise SystemExit(f"bad setting {override!r}: expected NAME=VALUE")
        settings.set(name.strip(), value, priority="cmdline")
    return settings


def build_report(
    outcome: CrawlOutcome,
    *,
    url: str,
    written: int,
    started_at: datetime,
    finished_at: datetime,
) -> CrawlReport:
    """The report of a finished crawl; items counted are those actually written."""
    if outcome.status == "ok" and written != outcome.items:
        outcome.fail(
            f"seuls {written} éléments sur {outcome.items} ont été enregistrés", "transient"
        )
    status = outcome.status or "failed"
    complete = status in ("ok", "not_modified") and not outcome.incomplete
    return CrawlReport(
        status=status,
        complete=complete,
        http_status=outcome.http_status,
        error=outcome.error,
        error_kind=outcome.error_kind,
        url=url,
        final_url=outcome.final_url,
        etag=outcome.etag if complete else None,
        last_modified=outcome.last_modified if complete else None,
        retry_after=outcome.retry_after,
        bytes_received=outcome.bytes_received,
        pages=outcome.pages,
        items=written,
        notes=outcome.notes,
        started_at=started_at,
        finished_at=finished_at,
    )


def write_report(report: CrawlReport, out: Path) -> Path:
    """Write report.json atomically (a reader never sees half a report)."""
    path = out / REPORT_FILE
    partial = path.with_suffix(".json.partial")
    partial.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return path


def _source_settings(kind: str, text: str) -> dict[str, object]:
    """The source settings given, checked against the kind; ValueError saying what is wrong."""
    try:
        given = json.loads(text)
    except ValueError as error:
        raise ValueError(f"--source-settings is not JSON: {error}") from None
    if not isinstance(given, dict):
        raise ValueError("--source-settings must be a JSON object")
    if kind not in {member.value for member in SourceKind}:
        return given
    return validate_settings(kind, given, with_defaults=True)


def main(argv: list[str] | None = None) -> int:
    die_with_parent()
    args = _arguments(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    spider_class = spider_for(args.kind)
    started_at = datetime.now(UTC)
    try:
        source_settings = _source_settings(args.kind, args.source_settings)
    except ValueError as error:
        report = CrawlReport.failure(
            args.url,
            f"les réglages de la source sont inutilisables : {error}",
            "permanent",
            started_at=started_at,
            finished_at=datetime.now(UTC),
        )
        write_report(report, out)
        return 0
    paged = issubclass(spider_class, PagedSpider)
    process = CrawlerProcess(crawl_settings(out, args.set, args.cache_dir if paged else None))
    crawler = process.create_crawler(spider_class)
    process.crawl(
        crawler,
        url=args.url,
        kind=args.kind,
        etag=None if paged else args.etag,
        last_modified=None if paged else args.last_modified,
        source_settings=source_settings,
    )
    process.start()
    spider = crawler.spider
    outcome = spider.outcome if isinstance(spider, SourceSpider) else CrawlOutcome()
    if spider is None:
        outcome.fail("la collecte n'a pas pu démarrer (voir crawl.log)", "permanent")
    written = int(crawler.stats.get_value("item_scraped_count", 0)) if crawler.stats else 0
    report = build_report(
        outcome,
        url=args.url,
        written=written,
        started_at=started_at,
        finished_at=datetime.now(UTC),
    )
    write_report(report, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
