"""The report a crawl leaves next to its items: what happened, said plainly for an operator."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from schemas.base import StrictModel

CrawlStatus = Literal["ok", "not_modified", "failed"]
ErrorKind = Literal["transient", "permanent"]


class CrawlReport(StrictModel):
    """One crawl of one source document (`report.json`).

    `complete` is true only when the whole document was read (ok) or is unchanged
    (not_modified); items of a failed crawl are to be discarded. An ok crawl that is not
    complete read a document that stops before its end (a cut feed): its items are kept, and
    nothing it no longer lists is withdrawn; `notes` say why. `etag` and `last_modified`
    are the validators to send next time, given for complete crawls only.
    """

    status: CrawlStatus
    complete: bool
    http_status: int | None = None
    error: str | None = Field(default=None, description="What went wrong, for the operator.")
    error_kind: ErrorKind | None = Field(
        default=None,
        description="transient: worth retrying (timeouts, 5xx, 429, DNS, connection); "
        "permanent: the source itself is wrong (parse errors, 4xx, refused, robots.txt).",
    )
    url: str
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: int | None = Field(
        default=None, description="Seconds the server asked to wait (Retry-After), if it did."
    )
    bytes_received: int = 0
    pages: int = Field(default=0, description="Documents read (API pages, listings, postings).")
    items: int = 0
    notes: list[str] = Field(
        default_factory=list,
        description="What the operator should know of a crawl that went through anyway "
        "(a host that asked to slow down, a query split by département…).",
    )
    started_at: AwareDatetime
    finished_at: AwareDatetime

    @classmethod
    def failure(
        cls,
        url: str,
        error: str,
        error_kind: ErrorKind,
        *,
        started_at: datetime,
        finished_at: datetime,
    ) -> CrawlReport:
        """A failed crawl that produced nothing usable (crash, overall timeout)."""
        return cls(
            status="failed",
            complete=False,
            error=error,
            error_kind=error_kind,
            url=url,
            started_at=started_at,
            finished_at=finished_at,
        )
