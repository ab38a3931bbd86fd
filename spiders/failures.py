"""Turn a failed download into one plain sentence for the operator, and whether to retry."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as twisted_errors
from twisted.python.failure import Failure

from schemas.http_status import http_status_message
from spiders.middlewares import RedirectLoop, RefusedRequest, retry_after_seconds
from spiders.report import ErrorKind
from spiders.resolver import RESOLUTIONS

TRANSIENT_HTTP = {408, 425, 429, 500, 502, 503, 504, 522, 524}
_TIMEOUTS = (DownloadTimeoutError, twisted_errors.TimeoutError, twisted_errors.TCPTimedOutError)
_LOST = (
    DownloadFailedError,
    ResponseDataLossError,
    twisted_errors.ConnectionLost,
    twisted_errors.ConnectionDone,
)


def size_text(size: int) -> str:
    """`33554432` -> "32 Mio", `102400` -> "100 Kio"."""
    for unit, factor in (("Gio", 1 << 30), ("Mio", 1 << 20), ("Kio", 1 << 10)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} octets"


def http_error(status: int, retry_after: int | None = None) -> tuple[str, ErrorKind]:
    """ "HTTP 500 (erreur interne du serveur)", transient for 5xx/408/429, else permanent."""
    message = http_status_message(status, retry_after)
    kind: ErrorKind = "transient" if status in TRANSIENT_HTTP or status >= 500 else "permanent"
    return message, kind


def over_size(max_size: int) -> tuple[str, ErrorKind]:
    return f"la réponse dépasse la limite de {size_text(max_size)}", "permanent"


def _tls_problem(value: BaseException) -> str | None:
    """The TLS error behind a failed download ("certificate verify failed"), if that was it."""
    cause = value.__cause__ or value
    for reason in getattr(cause, "reasons", None) or [cause]:
        error = reason.value if isinstance(reason, Failure) else reason
        if error is not None and type(error).__module__.startswith("OpenSSL"):
            details = [
                str(part[-1]) if isinstance(part, tuple) else str(part)
                for arg in error.args
                for part in (arg if isinstance(arg, list) else [arg])
            ]
            return ", ".join(detail for detail in details if detail) or type(error).__name__
    return None


def _robots_problem(value: BaseException) -> tuple[str, ErrorKind] | None:
    """robots.txt's say: a disallowed URL is permanent, an unreadable robots.txt transient."""
    from spiders.robots import RobotsForbidden, RobotsUnreachable

    if isinstance(value, RobotsForbidden):
        return str(value), "permanent"
    if isinstance(value, RobotsUnreachable):
        return str(value), "transient"
    return None


def describe_failure(
    failure: Failure,
    *,
    url: str,
    timeout: float,
    max_size: int,
    bytes_received: int,
    max_redirects: int = 5,
) -> tuple[str, ErrorKind]:
    """What the failure of the download of `url` means, and whether it is worth retrying."""
    value: BaseException = failure.value or RuntimeError("échec inconnu")
    host = urlsplit(url).hostname or url
    if isinstance(value, HttpError):
        response = value.response
        return http_error(response.status, retry_after_seconds(response.headers.get("Retry-After")))
    if isinstance(value, RefusedRequest | RedirectLoop):
        return str(value), "permanent"
    robots = _robots_problem(value)
    if robots is not None:
        return robots
    if isinstance(value, IgnoreRequest):
        text = str(value)
        if "robots.txt" in text:
            return "interdit par robots.txt", "permanent"
        if "DOWNLOAD_MAXSIZE" in text:
            return over_size(max_size)
        if "max redirections" in text:
            return f"trop de redirections (plus de {max_redirects})", "permanent"
        return f"requête abandonnée : {text}", "permanent"
    if isinstance(value, DownloadCancelledError):
        if "max size" in str(value) or (max_size and bytes_received > max_size):
            return over_size(max_size)
        return f"le téléchargement de {url} a été annulé", "transient"
    if isinstance(value, _TIMEOUTS):
        return f"pas de réponse après {timeout:g} s", "transient"
    if isinstance(value, CannotResolveHostError | twisted_errors.DNSLookupError):
        refusal = RESOLUTIONS.refusal(host)
        if refusal:
            return f"refusé : {refusal}", "permanent"
        if RESOLUTIONS.timed_out(host):
            return f"la recherche DNS de {host} n'a pas abouti à temps", "transient"
        return f"le nom {host} est introuvable (recherche DNS échouée)", "transient"
    if isinstance(value, DownloadConnectionRefusedError | twisted_errors.ConnectionRefusedError):
        return f"connexion refusée par {urlsplit(url).netloc}", "transient"
    tls_problem = _tls_problem(value)
    if tls_problem:
        return f"erreur TLS (certificat ou chiffrement) avec {host} : {tls_problem}", "permanent"
    if isinstance(value, _LOST):
        return f"connexion à {host} perdue avant la fin de la réponse : {value}", "transient"
    return f"échec du téléchargement : {type(value).__name__} : {value}", "transient"
