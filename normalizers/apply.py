"""How a job seeker applies: the offer's page, a link to apply, or a contact (e-mail, phone)."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from pydantic import HttpUrl, TypeAdapter, ValidationError

from normalizers.text import collapse, shorten

URL_MAX_CHARS = 2083
CONTACT_MAX_CHARS = 300
_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(
    r"(?<!\d)(?:\+\s?\d{2,3}[\s.\-]?(?:\(0\)\s?)?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)"
)


class Problem(NamedTuple):
    """Why a field cannot serve: the field, a stable code, a sentence, the value."""

    field: str
    code: str
    message: str
    value: str | None = None


class HowToApply(NamedTuple):
    """The usable ways to apply, and the problems found when there is none."""

    url: str | None
    apply_url: str | None
    contact: str | None
    problems: tuple[Problem, ...]


def web_address(value: str | None, base_url: str | None) -> tuple[str | None, str | None]:
    """(absolute http(s) URL, None) or (None, why the value is not usable)."""
    if value is None or not value.strip():
        return None, None
    url = value.strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    try:
        scheme = urlsplit(url).scheme.lower()
        if not scheme:
            if not base_url or urlsplit(base_url).scheme.lower() not in ("http", "https"):
                return None, "est un lien relatif et l'adresse de la source est inconnue"
            url = urljoin(base_url, url)
            scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None, "n'est pas une adresse web valide"
    if scheme not in ("http", "https"):
        return None, f"est un lien {scheme}:, pas une page web (http ou https)"
    too_long = f"dépasse {URL_MAX_CHARS} caractères"
    if len(url) > URL_MAX_CHARS:
        return None, too_long
    try:
        parsed = _HTTP_URL.validate_python(url)
    except ValidationError:
        return None, "n'est pas une adresse web valide"
    if not parsed.host:
        return None, "n'a pas de nom de domaine"
    if len(str(parsed)) > URL_MAX_CHARS:  # once its special characters are percent-encoded
        return None, too_long
    return str(parsed), None


def contact_of(text: str | None) -> str | None:
    """`text` as a contact to apply to, when it holds an e-mail address or a phone number.

    A "mailto:" link gives its address. Text without either ("Envoyez votre CV") is no contact.
    """
    if not text or not (written := collapse(text)):
        return None
    if written.lower().startswith("mailto:"):
        address = unquote(written[7:].split("?", 1)[0])
        return address if _EMAIL.fullmatch(address) else None
    if _EMAIL.search(written) or _PHONE.search(written):
        return shorten(written, CONTACT_MAX_CHARS)
    return None


def how_to_apply(
    url: str | None, apply_url: str | None, contact: str | None, base_url: str | None
) -> HowToApply:
    """The usable links and contact of an offer; problems only when none of them is usable.

    Links must be http(s) (relative ones are resolved against `base_url`); a "mailto:" link is
    read as a contact. With no way to apply, every unusable value is reported, and the lack itself.
    """
    page, page_problem = web_address(url, base_url)
    apply_link, apply_problem = web_address(apply_url, base_url)
    found_contact = contact_of(contact) or contact_of(apply_url) or contact_of(url)
    if page or apply_link or found_contact:
        return HowToApply(page, apply_link, found_contact, ())
    problems = [
        Problem(
            "url",
            "no_way_to_apply",
            "L'offre ne dit pas comment postuler : ni lien vers sa page ou vers le formulaire "
            "de candidature, ni adresse e-mail ou numéro de téléphone à contacter.",
        )
    ]
    if page_problem:
        message = f"Le lien vers la page de l'offre {page_problem}."
        problems.append(Problem("url", "invalid_url", message, url))
    if apply_problem:
        message = f"Le lien pour postuler {apply_problem}."
        problems.append(Problem("apply_url", "invalid_url", message, apply_url))
    if contact and contact.strip():
        problems.append(
            Problem(
                "contact",
                "invalid_contact",
                "Le contact ne contient ni adresse e-mail ni numéro de téléphone.",
                contact,
            )
        )
    return HowToApply(None, None, None, tuple(problems))
