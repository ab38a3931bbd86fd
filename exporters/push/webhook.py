"""Signed webhooks: each offer change POSTed as JSON with an HMAC-SHA256 signature.

The receiver checks `X-Relais-Signature: sha256=<hex>` over "<X-Relais-Timestamp>.<body>" with the
shared secret (see `verify`), and deduplicates on `Idempotency-Key`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from exporters.push.errors import DeliveryError, status_error

TOLERANCE_SECONDS = 300


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for a body sent at `timestamp` (Unix seconds)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(
    secret: str, timestamp: str, body: bytes, signature: str, now: float | None = None
) -> bool:
    """For receivers: the signature is right and the timestamp recent (replays are refused)."""
    if not timestamp.isdigit() or abs((now or time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


class WebhookPusher:
    """POSTs `offer.published` and `offer.withdrawn` events to one URL."""

    def __init__(self, url: str, secret: str, http: httpx.Client) -> None:
        self.url, self.secret, self.http = url, secret, http

    def _post(self, event: dict[str, Any], key: str) -> None:
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": key,
            "X-Relais-Timestamp": timestamp,
            "X-Relais-Signature": sign(self.secret, timestamp, body),
        }
        try:
            response = self.http.post(self.url, content=body, headers=headers)
        except httpx.HTTPError as error:
            raise DeliveryError(f"POST {self.url} : {error}", target_down=True) from error
        if not 200 <= response.status_code < 300:
            raise status_error(f"POST {self.url}", response.status_code, response.text)

    def publish(self, reference: str, offer: dict[str, Any], key: str) -> None:
        self._post({"event": "offer.published", "id": reference, "offer": offer}, key)

    def withdraw(self, reference: str, key: str) -> None:
        self._post({"event": "offer.withdrawn", "id": reference}, key)
