"""A loopback HTTP endpoint that records what is pushed to it and answers as told."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    answered_at: datetime  # when the answer was sent, after the receiver's delay


class Receiver:
    """Answers with the queued statuses (then 200) and keeps every request it got.

    `delay` (seconds) makes it a slow receiver: each answer waits that long.
    """

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.statuses: deque[int] = deque()
        self.delay = 0.0
        self.arrived = threading.Event()  # set at the first request, before its answer
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.arrived.set()
                status = receiver.statuses.popleft() if receiver.statuses else 200
                if receiver.delay:
                    time.sleep(receiver.delay)
                receiver.received.append(
                    Received(
                        self.command,
                        self.path,
                        dict(self.headers.items()),
                        body,
                        datetime.now(UTC),
                    )
                )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_PUT = do_DELETE = _handle  # noqa: N815 - the stdlib's names

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str = "/hook") -> str:
        return f"http://{self.host}{path}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
