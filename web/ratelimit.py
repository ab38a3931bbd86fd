"""Failed sign-in attempts, counted per client id and per address, with the `limits` library.

Past FAILURES_PER_CLIENT wrong secrets for one client id, or FAILURES_PER_ADDRESS from one
address, in a moving window, the token endpoint and the operators' sign-in answer 429 with
`Retry-After` until the oldest failure leaves the window. Counts live in memory (one process)
unless RELAIS_RATE_LIMIT_STORAGE names a shared store in `limits`' notation, such as
`redis://127.0.0.1:6379/0`, which several uvicorn workers then share.
"""

from __future__ import annotations

import math
import os
import time

from fastapi import HTTPException
from limits import RateLimitItem, parse, storage, strategies

FAILURES_PER_CLIENT = parse("10 per 10 minutes")
FAILURES_PER_ADDRESS = parse("30 per 10 minutes")
STORAGE_SETTING = "RELAIS_RATE_LIMIT_STORAGE"
MAX_KEY_LENGTH = 200


class TooManyAttempts(Exception):
    """Too many failures lately; `retry_after` is the number of seconds to wait."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"trop d'échecs, réessayer dans {retry_after} s")
        self.retry_after = retry_after


class SignInAttempts:
    """Failed attempts to sign in, per client id and per address."""

    def __init__(self, storage_uri: str | None = None, key_prefix: str = "relais-signin") -> None:
        uri = storage_uri or os.environ.get(STORAGE_SETTING) or "memory://"
        options = {} if uri.startswith("memory") else {"key_prefix": key_prefix}
        self._limiter = strategies.MovingWindowRateLimiter(
            storage.storage_from_string(uri, **options)
        )

    def _limits(self, client_id: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return [
            (FAILURES_PER_CLIENT, "client", client_id[:MAX_KEY_LENGTH]),
            (FAILURES_PER_ADDRESS, "address", address[:MAX_KEY_LENGTH]),
        ]

    def check(self, client_id: str, address: str) -> None:
        """Raise TooManyAttempts when the client id or the address has no failure left."""
        waits = [
            self._limiter.get_window_stats(item, kind, key).reset_time - time.time()
            for item, kind, key in self._limits(client_id, address)
            if not self._limiter.test(item, kind, key)
        ]
        if waits:
            raise TooManyAttempts(max(1, math.ceil(max(waits))))

    def failed(self, client_id: str, address: str) -> None:
        """Count one failure against the client id and the address."""
        for item, kind, key in self._limits(client_id, address):
            self._limiter.hit(item, kind, key)


def too_many(error: TooManyAttempts, body: dict[str, str] | str) -> HTTPException:
    """The 429 answer, with Retry-After in seconds."""
    return HTTPException(429, body, headers={"Retry-After": str(error.retry_after)})
