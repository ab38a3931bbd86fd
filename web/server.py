"""How uvicorn serves the app: one configuration for `relais serve` and the tests."""

from __future__ import annotations

from typing import Any

import uvicorn

from web.security import MAX_TARGET_LENGTH

MAX_REQUEST_HEAD = 16 * MAX_TARGET_LENGTH
"""Bytes of request line and headers h11 buffers before giving up on a request (its own default,
16 KiB, closed the connection on a 64,000-character query before the app could answer 414)."""


def server_config(app: Any, host: str, port: int, **options: Any) -> uvicorn.Config:
    """uvicorn's configuration for `app` (an ASGI app or "module:attribute") on host:port.

    Request heads up to MAX_REQUEST_HEAD bytes reach the app, which answers a target longer
    than web.security.MAX_TARGET_LENGTH with 414; longer heads are uvicorn's 400.
    """
    return uvicorn.Config(
        app, host=host, port=port, h11_max_incomplete_event_size=MAX_REQUEST_HEAD, **options
    )
