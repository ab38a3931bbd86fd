"""How a delivery failed, and whether the target as a whole is unreachable."""

from schemas.http_status import http_status_message


class DeliveryError(Exception):
    """A delivery failed; `target_down` means later entries would fail too, so stop for now."""

    def __init__(self, message: str, *, target_down: bool) -> None:
        super().__init__(message)
        self.target_down = target_down


def status_error(what: str, response_status: int, body: str) -> DeliveryError:
    """A delivery error from an HTTP answer: 5xx and 429 mean the target is down for now."""
    down = response_status >= 500 or response_status in (408, 429)
    answer = f"{what} : {http_status_message(response_status)} {body[:300]}".strip()
    return DeliveryError(answer, target_down=down)
