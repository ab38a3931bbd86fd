"""Conditional GET for every page: a small on-disk cache of validated pages, always revalidated."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Headers, Response
from scrapy.http.response import Response as BaseResponse
from scrapy.responsetypes import responsetypes
from scrapy.settings import BaseSettings
from scrapy.utils.request import fingerprint


class RevalidatePolicy(RFC2616Policy):
    """Keep 200 answers that carry an ETag or Last-Modified; never reuse one without asking.

    Every cached page is revalidated (If-None-Match / If-Modified-Since); a 304 gives back the
    stored page, so an unchanged page is neither downloaded again nor taken as empty.
    """

    def should_cache_response(self, response: Response, request: Request) -> bool:
        cache_control = response.headers.get(b"Cache-Control") or b""
        if response.status != 200 or b"no-store" in cache_control:
            return False
        return b"ETag" in response.headers or b"Last-Modified" in response.headers

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False


class JsonFileCacheStorage:
    """Pages as files (body + JSON metadata, no pickle) under HTTPCACHE_DIR, one per request.

    After a complete crawl the pages it did not ask for again are deleted, so the cache holds
    one crawl's worth of pages at most.
    """

    def __init__(self, settings: BaseSettings) -> None:
        self.directory = Path(settings["HTTPCACHE_DIR"])
        self.touched: set[str] = set()

    def open_spider(self, spider: Any) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)

    def close_spider(self, spider: Any) -> None:
        outcome = getattr(spider, "outcome", None)
        if outcome is None or outcome.status != "ok":
            return
        for entry in self.directory.iterdir():
            if entry.is_dir() and entry.name not in self.touched:
                shutil.rmtree(entry, ignore_errors=True)

    def _entry(self, request: Request) -> Path:
        key = fingerprint(request).hex()
        self.touched.add(key)
        return self.directory / key

    def retrieve_response(self, spider: Any, request: Request) -> Response | None:
        entry = self._entry(request)
        try:
            meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
            body = (entry / "body").read_bytes()
        except (OSError, ValueError):
            return None
        headers = Headers({name: values for name, values in meta["headers"].items()})
        response_class = responsetypes.from_args(headers=headers, url=meta["url"], body=body)
        response: BaseResponse = response_class(
            url=meta["url"], status=meta["status"], headers=headers, body=body
        )
        return response

    def store_response(self, spider: Any, request: Request, response: Response) -> None:
        entry = self._entry(request)
        entry.mkdir(parents=True, exist_ok=True)
        headers = {
            name.decode("latin-1"): [value.decode("latin-1") for value in values]
            for name, values in response.headers.items()
        }
        meta = {"url": response.url, "status": response.status, "headers": headers}
        for name, data in (("body", response.body), ("meta.json", json.dumps(meta).encode())):
            partial = entry / f"{name}.partial"
            partial.write_bytes(data)
            os.replace(partial, entry / name)


class RevalidatingCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's cache middleware, except that a failed download stays a failure: a stored page
    is never served in place of a timeout or a lost connection."""

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        request.meta.pop("cached_response", None)
        return None
