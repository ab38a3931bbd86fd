"""Push to a France-Travail-style intake (another Relais): OAuth2, then PUT and DELETE offers."""

from __future__ import annotations

import time
from typing import Any

import httpx

from exporters.push.errors import DeliveryError, status_error
from schemas.http_status import http_status_message

INTAKE_PATH = "/partenaire/offresdemploi/v2/intake/offres"
TOKEN_PATH = "/connexion/oauth2/access_token"


class IntakePusher:
    """Creates, updates and withdraws offers at an intake, authenticated as an API client."""

    def __init__(self, base_url: str, client_id: str, client_secret: str, http: httpx.Client):
        self.base_url = base_url.rstrip("/")
        self.client_id, self.client_secret = client_id, client_secret
        self.http = http
        self._token: tuple[str, float] | None = None

    def _bearer(self, renew: bool = False) -> dict[str, str]:
        if renew or self._token is None or self._token[1] <= time.monotonic():
            response = self._call(
                "POST",
                f"{self.base_url}{TOKEN_PATH}",
                params={"realm": "/partenaire"},
                data={
                    "grant_type": "client_credentials",
                    "client_id": self.client_id,
                    "client_secret": self.client_secret,
                    "scope": "api_offresdemploiv2 intake",
                },
            )
            if response.status_code != 200:
                raise DeliveryError(
                    "le dépôt a refusé nos identifiants : "
                    f"{http_status_message(response.status_code)}",
                    target_down=True,
                )
            body = response.json()
            self._token = (body["access_token"], time.monotonic() + body["expires_in"] - 30)
        return {"Authorization": f"Bearer {self._token[0]}"}

    def _call(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.http.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            raise DeliveryError(f"{method} {url} : {error}", target_down=True) from error

    def _authorized(self, method: str, url: str, key: str, **kwargs: Any) -> httpx.Response:
        headers = {"Idempotency-Key": key, **self._bearer()}
        response = self._call(method, url, headers=headers, **kwargs)
        if response.status_code == 401:  # the token expired early: one fresh try
            headers.update(self._bearer(renew=True))
            response = self._call(method, url, headers=headers, **kwargs)
        return response

    def publish(self, reference: str, offer: dict[str, Any], key: str) -> None:
        """Create or update the offer known at the intake as `reference`."""
        url = f"{self.base_url}{INTAKE_PATH}/{reference}"
        response = self._authorized("PUT", url, key, json=offer)
        if response.status_code not in (200, 201):
            raise status_error(f"PUT {url}", response.status_code, response.text)

    def withdraw(self, reference: str, key: str) -> None:
        """Withdraw the offer; one the intake no longer has counts as withdrawn."""
        url = f"{self.base_url}{INTAKE_PATH}/{reference}"
        response = self._authorized("DELETE", url, key)
        if response.status_code not in (200, 204, 404):
            raise status_error(f"DELETE {url}", response.status_code, response.text)
