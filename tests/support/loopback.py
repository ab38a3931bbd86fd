"""A small HTTP server on 127.0.0.1 that serves fixture feeds and pages to the real fetch path."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    # Called before answering, in the request's thread: holds the answer until it returns.
    hold: Callable[[], object] | None = None


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]


class LoopbackSite:
    """Serves registered routes; answers 304 to matching conditional GETs and 404 elsewhere."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        """`address`: any loopback address (127.0.0.0/8), so that sites can be distinct hosts."""
        self.address = address
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        # Requests being answered right now (held ones included), and the most there ever were.
        self.in_flight = 0
        self.most_in_flight = 0
        self._flight_guard = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                with site._in_flight():
                    site._answer(self)

            def do_HEAD(self) -> None:  # noqa: N802
                with site._in_flight():
                    site._answer(self, head=True)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer((address, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def host(self) -> str:
        """`host:port`, the form `RELAIS_ALLOWED_HOSTS` takes."""
        return f"{self.address}:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def add(self, path: str, body: bytes | str = b"", **route: object) -> str:
        """Serve `body` on `path`; returns the full URL."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **route)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[SeenRequest]:
        return [r for r in self.requests if r.path == path]

    @contextmanager
    def _in_flight(self) -> Iterator[None]:
        """Count one request as in flight from its arrival to the end of its answer."""
        with self._flight_guard:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._flight_guard:
                self.in_flight -= 1

    def start(self) -> LoopbackSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler, head: bool = False) -> None:
        headers = {k: v for k, v in handler.headers.items()}
        self.requests.append(SeenRequest(handler.command, handler.path, headers))
        route = self.routes.get(handler.path)
        if route is None:
            self._send(handler, 404, {"Content-Type": "text/plain"}, b"not found", head)
            return
        if route.hold is not None:
            route.hold()
        if route.delay:
            time.sleep(route.delay)
        extra = dict(route.headers)
        if route.etag:
            extra["ETag"] = route.etag
        if route.last_modified:
            extra["Last-Modified"] = route.last_modified
        not_modified = (route.etag and handler.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and handler.headers.get("If-Modified-Since") == route.last_modified
        )
        if not_modified:
            self._send(handler, 304, extra, b"", head)
            return
        extra.setdefault("Content-Type", route.content_type)
        self._send(handler, route.status, extra, route.body, head)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        headers: dict[str, str],
        body: bytes,
        head: bool,
    ) -> None:
        handler.send_response(status)
        headers.setdefault("Date", formatdate(usegmt=True))
        for name, value in headers.items():
            handler.send_header(name, value)
        if "Content-Length" not in headers:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if not head and status not in (204, 304):
            handler.wfile.write(body)
