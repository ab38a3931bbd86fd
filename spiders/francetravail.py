"""A France Travail "Offres d'emploi v2"-compatible API: OAuth2 token, range paging, sharding."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from spiders.extractors._json import load_json
from spiders.paged import PagedSpider

PAGE_SIZE = 150
"""France Travail serves at most 150 offers per request (`range=p-d`, d - p < 150)."""
RESULT_CAP = 3150
"""…and no offer past index 3149 of a query: a larger query must be split."""
DEPARTEMENTS = (
    [f"{n:02d}" for n in range(1, 20)]
    + ["2A", "2B"]
    + [f"{n:02d}" for n in range(21, 96)]
    + ["971", "972", "973", "974", "976"]
)
_CONTENT_RANGE = re.compile(r"^\s*\S+\s+(\d+)-(\d+)/(\d+|\*)\s*$")


def content_range_total(value: bytes | str | None) -> int | None:
    """The total of `Content-Range: offres 0-149/3500` (None when absent or unknown)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    match = _CONTENT_RANGE.match(text)
    if not match or match.group(3) == "*":
        return None
    return int(match.group(3))


def with_query(url: str, parameters: dict[str, str]) -> str:
    """`url` with `parameters` added to (or replacing those of) its query string."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(parameters)
    return urlunsplit(parts._replace(query=urlencode(query)))


class FranceTravailSpider(PagedSpider):
    """Searches an FT v2 API (the source URL is its `/offres/search`) page by page.

    A token is asked first with OAuth2 client credentials (the secret comes from the
    environment variable the settings name). When a query finds more offers than the API can
    page through, it is run again once per département.
    """

    name = "francetravail"
    kinds = ("francetravail",)
    accept = "application/json"
    max_pages = 2000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.token: str | None = None

    def first_pages(self) -> Iterable[scrapy.Request]:
        variable = str(self.source_settings.get("client_secret_env") or "")
        secret = os.environ.get(variable) if variable else None
        if not secret:
            self.outcome.fail(
                f"the client secret is not set: the environment variable {variable or '?'} "
                "named by this source's settings (client_secret_env) is empty or missing",
                "permanent",
            )
            return
        form = {
            "grant_type": "client_credentials",
            "client_id": str(self.source_settings.get("client_id") or ""),
            "client_secret": secret,
            "scope": str(self.source_settings.get("scope") or ""),
        }
        request = self.page(str(self.source_settings["token_url"]), self.parse_token)
        yield request.replace(
            method="POST",
            body=urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
            meta={**request.meta, "dont_cache": True},
        )

    def parse_first(self, response: Response) -> Iterable[Any]:
        return self.parse_token(response)

    def parse_token(self, response: Response) -> Iterator[Any]:
        answer = load_json(response.body, "la réponse du jeton")
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token.strip():
            self.fail("le service des jetons a répondu sans access_token")
        self.token = str(token).strip()
        query = {str(k): str(v) for k, v in (self.source_settings.get("query") or {}).items()}
        yield self.search(query, 0, shard=None)

    def search(self, query: dict[str, str], start: int, shard: str | None) -> scrapy.Request:
        """One page of a search: offers `start` to `start + 149` of `query` (in a département)."""
        parameters = dict(query, range=f"{start}-{start + PAGE_SIZE - 1}")
        if shard is not None:
            parameters["departement"] = shard
        return self.page(
            with_query(self.url, parameters),
            lambda response: self.parse_search(response, query, start, shard),
            headers={"Authorization": f"Bearer {self.token}"},
        )

    def parse_search(
        self, response: Response, query: dict[str, str], start: int, shard: str | None
    ) -> Iterator[Any]:
        records = self.split_page(response)
        total = content_range_total(response.headers.get("Content-Range"))
        if total is None:
            total = start + len(records)
        if start == 0 and total > RESULT_CAP:
            yield from self._split(query, total, shard)
            return
        yield from self.emit(records, response)
        if start == 0:
            for following in range(PAGE_SIZE, min(total, RESULT_CAP), PAGE_SIZE):
                yield self.search(query, following, shard)

    def _split(self, query: dict[str, str], total: int, shard: str | None) -> Iterator[Any]:
        where = f"in département {shard} alone " if shard else ""
        if (
            shard is not None
            or "departement" in query
            or not self.source_settings.get("shard_by_departement", True)
        ):
            self.fail(
                f"the search finds {total} offers {where}— over the {RESULT_CAP} the API can "
                "page through; narrow the query (settings.query) so that nothing is missed"
            )
        self.outcome.notes.append(
            f"the search finds {total} offers, over the {RESULT_CAP} the API can page "
            f"through: searched again in each of the {len(DEPARTEMENTS)} départements"
        )
        for code in DEPARTEMENTS:
            yield self.search(query, 0, shard=code)
