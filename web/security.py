"""Protections on every response: security headers with a per-request CSP nonce, and a 414
for request targets too long to be a real query.

Pages get a Content-Security-Policy that runs no script but the JSON-LD block carrying the
per-request nonce (`request.state.csp_nonce`), loads styles and images from the site only and
may not be framed; every response gets `X-Content-Type-Options: nosniff`, a `Referrer-Policy`
and `X-Frame-Options: DENY` (for browsers that predate `frame-ancestors`). The API docs page
(Swagger UI, served by Relais from its own copy) gets a policy of its own.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_TARGET_LENGTH = 8192
"""Bytes of path plus query string accepted; longer is answered 414 (nginx's default limit)."""

PAGE_POLICY = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Swagger UI on /docs (web.api_docs): its files, the OpenAPI description, the token request
and "Try it out" all from the site itself; its icons are data: URIs in its stylesheet."""
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}
DOCS_PATHS = ("/docs",)


def content_security_policy(path: str, nonce: str) -> str:
    """The policy for a response to `path`; `nonce` is the one the page's JSON-LD carries."""
    if path in DOCS_PATHS:
        return DOCS_POLICY
    return PAGE_POLICY.format(nonce=nonce)


class SecurityHeaders:
    """ASGI middleware: a fresh nonce in `scope["state"]["csp_nonce"]`, and the headers above."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(18)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        policy = content_security_policy(scope["path"], nonce)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in COMMON_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Content-Security-Policy", policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TargetLengthLimit:
    """ASGI middleware: a request whose path and query exceed MAX_TARGET_LENGTH bytes gets a
    414, in France Travail's JSON shape on the API routes and in French plain text elsewhere."""

    def __init__(self, app: ASGIApp, api_path: Any) -> None:
        self.app = app
        self.is_api_path = api_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
            if len(raw_path) + len(scope.get("query_string", b"")) > MAX_TARGET_LENGTH:
                await self._refuse(scope, send)
                return
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = (
            f"L'adresse demandée dépasse {MAX_TARGET_LENGTH} octets (chemin et paramètres) : "
            "raccourcissez la requête."
        )
        if self.is_api_path(scope["path"]):
            body = json.dumps(
                {"codeHttp": 414, "message": message}, ensure_ascii=False, separators=(",", ":")
            ).encode()
            content_type = b"application/json"
        else:
            body = message.encode()
            content_type = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 414,
                "headers": [
                    (b"content-type", content_type),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
