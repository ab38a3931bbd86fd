"""Run one crawl in its own process (Twisted's reactor cannot restart) and read what it left."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.sources import SourceKind
from spiders.extractors.base import RawRecord
from spiders.lifeline import PARENT_PID_VARIABLE
from spiders.output import ITEMS_FILE, LOG_FILE, REPORT_FILE
from spiders.report import CrawlReport

STDERR_TAIL_CHARS = 2000


@dataclass(frozen=True, kw_only=True)
class FetchedRecord(RawRecord):
    """A raw record with where and when it was fetched."""

    fetch_url: str
    fetched_at: datetime


@dataclass(frozen=True)
class CrawlResult:
    """A finished crawl: its report, and its records streamed from `items.jsonl`."""

    report: CrawlReport
    workdir: Path

    @property
    def items_path(self) -> Path:
        return self.workdir / ITEMS_FILE

    def iter_records(self) -> Iterator[FetchedRecord]:
        """The records in the order they were split, read one line at a time."""
        if not self.items_path.exists():
            return
        with self.items_path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                data = json.loads(line)
                yield FetchedRecord(
                    external_id=data["external_id"],
                    payload=data["payload"],
                    content_type=data["content_type"],
                    error=data.get("error"),
                    fetch_url=data["fetch_url"],
                    fetched_at=datetime.fromisoformat(data["fetched_at"]),
                )


def _tail(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return text[-STDERR_TAIL_CHARS:].strip()


def _command(
    kind: str,
    url: str,
    workdir: Path,
    etag: str | None,
    last_modified: str | None,
    settings: Mapping[str, object] | None,
    source_settings: Mapping[str, Any] | None = None,
    cache_dir: Path | None = None,
) -> list[str]:
    command = [sys.executable, "-m", "spiders.crawl", "--kind", kind, "--url", url]
    command += ["--out", str(workdir)]
    if etag:
        command += ["--etag", etag]
    if last_modified:
        command += ["--last-modified", last_modified]
    if source_settings:
        command += ["--source-settings", json.dumps(dict(source_settings), ensure_ascii=False)]
    if cache_dir is not None:
        command += ["--cache-dir", str(cache_dir)]
    for name, value in (settings or {}).items():
        command += ["-s", f"{name}={value}"]
    return command


def run_crawl(
    kind: SourceKind | str,
    url: str,
    *,
    workdir: Path,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 600,
    allowed_hosts: str | None = None,
    settings: Mapping[str, object] | None = None,
    source_settings: Mapping[str, Any] | None = None,
    cache_dir: Path | None = None,
) -> CrawlResult:
    """Crawl `url` as a source of `kind` in a subprocess writing into `workdir`.

    `etag` / `last_modified` are the validators of the previous complete crawl (conditional
    GET of single-document kinds). `source_settings` are the source's kind-specific settings
    (board token, selectors…); `cache_dir` keeps the pages of multi-page kinds between crawls
    so each is revalidated with a conditional GET. `allowed_hosts` replaces
    RELAIS_ALLOWED_HOSTS for this crawl; `settings` overrides Scrapy settings. Never raises
    for a failed crawl: a crash or an overrun of `timeout` seconds gives a failed report (the
    process group is killed on overrun). The crawl process dies with this one, even killed
    with SIGKILL (`spiders.lifeline`): call this from a thread that lives until it returns.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    for stale in (REPORT_FILE, ITEMS_FILE):
        (workdir / stale).unlink(missing_ok=True)
    environment = dict(os.environ)
    environment[PARENT_PID_VARIABLE] = str(os.getpid())  # it dies with us (spiders.lifeline)
    if allowed_hosts is not None:
        environment["RELAIS_ALLOWED_HOSTS"] = allowed_hosts
    command = _command(
        str(kind), url, workdir, etag, last_modified, settings, source_settings, cache_dir
    )
    started_at = datetime.now(UTC)
    log_path = workdir / LOG_FILE
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,  # its own process group, killed whole on overrun
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            report = CrawlReport.failure(
                url,
                f"crawl took longer than {timeout:g} s",
                "transient",
                started_at=started_at,
                finished_at=datetime.now(UTC),
            )
            return CrawlResult(report, workdir)
        except BaseException:  # the caller is interrupted: leave no crawl behind
            _kill_group(process)
            raise
    return CrawlResult(_read_report(workdir, url, process.returncode, started_at), workdir)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _read_report(workdir: Path, url: str, returncode: int, started_at: datetime) -> CrawlReport:
    try:
        return CrawlReport.model_validate_json((workdir / REPORT_FILE).read_bytes())
    except (OSError, ValidationError):
        tail = _tail(workdir / LOG_FILE)
        return CrawlReport.failure(
            url,
            f"crawl process crashed (exit status {returncode}): {tail or 'no output'}",
            "permanent",
            started_at=started_at,
            finished_at=datetime.now(UTC),
        )
