"""A loopback server whose answers are scripts: sequences, trickles, redirects (hostile tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    """One response: status, headers, body, and how slowly the body is sent."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    bytes_per_second: float | None = None
    # The Content-Length announced, when not the body's: the connection is closed after the body.
    length: int | None = None
    # Send this many bytes, then wait until `resume` is set (at most 60 s) to send the rest.
    pause_after: int | None = None
    resume: threading.Event | None = None


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float


class ScriptedSite:
    """Answers each path with the next Answer of its script (the last one repeats)."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[Answer]] = {}
        self.hits: list[Hit] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                site._answer(self)

            def do_POST(self) -> None:  # noqa: N802
                site._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def script(self, path: str, *answers: Answer) -> str:
        self.scripts[path] = list(answers)
        return self.url(path)

    def paths(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    def start(self) -> ScriptedSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        headers = dict(handler.headers.items())
        self.hits.append(Hit(handler.command, handler.path, headers, body, time.monotonic()))
        script = self.scripts.get(handler.path)
        answer = (script.pop(0) if len(script) > 1 else script[0]) if script else Answer(404)
        handler.send_response(answer.status)
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        length = len(answer.body) if answer.length is None else answer.length
        handler.send_header("Content-Length", str(length))
        handler.end_headers()
        write: Callable[[bytes], object] = handler.wfile.write
        if answer.length is not None:
            handler.close_connection = True
        try:
            if answer.pause_after is not None and answer.resume is not None:
                write(answer.body[: answer.pause_after])
                handler.wfile.flush()
                answer.resume.wait(60)
                write(answer.body[answer.pause_after :])
            elif answer.bytes_per_second:
                for index in range(len(answer.body)):
                    write(answer.body[index : index + 1])
                    handler.wfile.flush()
                    time.sleep(1 / answer.bytes_per_second)
            else:
                write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            return
