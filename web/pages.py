"""The community pages: fresh offers, newest first, and one page per offer."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException as StarletteHTTPException

from exporters.jsonld import script_json, to_jobposting
from exporters.wording import contract_wording, salary_wording, working_time_wording
from normalizers.html import sanitize_html
from normalizers.referentials import rome_metiers
from normalizers.start_date import YEARLESS_DAY_CONFIDENCE, read_start_date
from schemas.offers import Offer, OfferStatus, StoredOffer
from schemas.sources import KIND_LABELS
from store.community_search import scope_counts
from store.copies import copies_of
from store.history import events, versions
from store.offers import count_published, get_offer
from store.search import search, time_limited
from web.deps import Db
from web.lookup import Lookup, departement_label
from web.search_form import (
    CONTRACT_LABELS,
    DISTANCES,
    PUBLISHED_SINCE,
    REMOTE_CHOICES,
    SeekerSearch,
    contract_label,
    grouped_domaines,
    read_search,
)

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
MONTHS = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()

ROUTER_MESSAGES = {
    404: "Cette page n'existe pas.",
    405: "Cette action n'est pas possible à cette adresse.",
}

router = APIRouter(tags=["Pages et flux publics"])
templates = Jinja2Templates(directory=HERE / "templates")


def french_date(value: date | datetime | None) -> str:
    """'22 nov. 2026', as a French reader expects it."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def safe_description(html: str) -> Markup:
    """The stored description, sanitized once more on the way out."""
    return Markup(sanitize_html(html))  # noqa: S704 - sanitized by nh3 just above


templates.env.filters["french_date"] = french_date
templates.env.filters["safe_description"] = safe_description
# A source's kind ("rss", "indeed-xml"…) in a person's words (schemas.sources.KIND_LABELS).
templates.env.filters["kind_label"] = lambda kind: KIND_LABELS.get(str(kind), str(kind))
# A typeContrat code ("MIS") by its short French name ("Intérim"); free text passes unchanged.
templates.env.filters["contract_label"] = contract_label


def apply_link(offer: Offer) -> str | None:
    """Where the apply button leads: the offer's link, else its contact (e-mail or phone)."""
    if offer.apply_url or offer.url:
        return str(offer.apply_url or offer.url)
    if offer.contact and "@" in offer.contact:
        return "mailto:" + offer.contact.strip()
    if offer.contact:
        return "tel:" + "".join(c for c in offer.contact if c.isdigit() or c == "+")
    return None


EVENT_WORDS = {
    "published": "Publiée",
    "updated": "Mise à jour",
    "merged": "Vue sur une autre source",
    "split": "Séparée d'une autre offre",
    "withdrawn": "Retirée",
    "expired": "Expirée",
}


def start_words(offer: Offer, published: datetime) -> str | None:
    """When the job starts, for the offer's page: "Dès que possible", the day ("5 janv. 2027")
    when the words name one, else the words as written ("janvier 2027", "sous 15 jours")."""
    start = offer.start
    if start is None:
        return None
    if start.immediate:
        return "Dès que possible"
    if start.day is not None:
        read = read_start_date(start.text, now=published)
        if read is not None and read.precision >= YEARLESS_DAY_CONFIDENCE:
            return french_date(start.day)
    return start.text


# An identifier made for machines, not a reference a person would quote: a URL or URN, a UUID, a
# hash ("sha256:…", long hexadecimal runs).
_MACHINE_ID = re.compile(
    r"^(\w+:|.*[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|.*[0-9a-f]{16})",
    re.IGNORECASE,
)


def public_reference(offer: Offer) -> str | None:
    """The reference a job seeker can quote to the employer: the offer's own `reference`, else
    its identifier in the source's feed when it reads like one ("FROM-12", "dev-lyon"), never a
    URL, a GUID or a hash (RSS guids and generated ids are often one), nor over 40 characters."""
    if offer.reference:
        return offer.reference
    external = offer.external_id
    return None if len(external) > 40 or _MACHINE_ID.match(external) else external


def offer_view(stored: StoredOffer) -> dict[str, Any]:
    offer = stored.offer
    return {
        "id": stored.id,
        "salary": salary_wording(offer.salary),
        "offer": offer,
        "reference": public_reference(offer),
        "place": ", ".join(
            filter(
                None, (place.label or place.text for place in (offer.place, *offer.other_places))
            )
        )
        or None,
        "contract": contract_wording(offer.contract),
        "working_time": working_time_wording(offer.contract),
        "published": offer.posted_at or stored.first_seen_at,
        "start": start_words(offer, offer.posted_at or stored.first_seen_at),
        "updated": stored.updated_at,
        "apply_url": apply_link(offer),
        "source_url": str(offer.url or offer.apply_url) if offer.url or offer.apply_url else None,
    }


def search_page_context(
    session: Session, params: QueryParams, path: str, feed_path: str, thread_id: int | None = None
) -> dict[str, Any]:
    """What a page with the job seeker's search form shows: the form as read from `params`
    (`web.search_form`), its choices among the offers of the scope (all live offers, or the
    thread's), the page of results with their count, and the links to other pages and to the
    RSS and Atom feeds of the same search (`feed_path` + ".rss" / ".atom")."""
    with time_limited(session):  # the form's counts too: no page waits on the database for long
        scope = scope_counts(session, thread_id)
    form = read_search(params, frozenset(code for code, _ in scope["rome"]))
    query = form.query(thread_id)
    start = (form.page - 1) * PAGE_SIZE
    result = search(session, query, start, start + PAGE_SIZE - 1) if query else None
    total = result.total if result else 0
    pages = max(1, -(-total // PAGE_SIZE))
    if query and form.page > pages:
        # A page past the last (an old link, fewer offers now): the last page.
        form = replace(form, page=pages)
        start = (pages - 1) * PAGE_SIZE
        result = search(session, query, start, start + PAGE_SIZE - 1)
    contracts = dict(scope["typeContrat"])
    departements_in_scope = dict(scope["departement"])
    return {
        "form": form,
        "search_path": path,
        "offers": [offer_view(stored) for stored in result.offers] if result else [],
        "total": total,
        "total_is_exact": result.total_is_exact if result else True,
        "page": form.page,
        "pages": pages,
        "prev_url": form.url(path, form.page - 1) if form.page > 1 else None,
        "next_url": form.url(path, form.page + 1) if form.page < pages else None,
        "rss_url": form.url(feed_path + ".rss"),
        "atom_url": form.url(feed_path + ".atom"),
        "contract_options": [
            (code, contract_label(code), contracts.get(code, 0))
            for code in sorted({*contracts, *form.contrats}, key=_contract_order)
        ],
        "departement_options": [
            (code, departement_label(code), departements_in_scope.get(code, 0))
            for code in sorted({*departements_in_scope, *filter(None, [form.departement])})
        ],
        "domaine_groups": grouped_domaines(scope["rome"]),
        "metier_names": sorted(
            rome_metiers()[code].label for code, _ in scope["rome"] if code in rome_metiers()
        ),
        "place_choices": _choice_urls(form, path, "lieu", form.place),
        "metier_choices": _choice_urls(form, path, "metier", form.metier_lookup),
        "distances": DISTANCES,
        "published_since": PUBLISHED_SINCE,
        "remote_choices": REMOTE_CHOICES,
    }


def _contract_order(code: str) -> tuple[int, str]:
    order = list(CONTRACT_LABELS)
    return (order.index(code) if code in order else len(order), code)


def _choice_urls(
    form: SeekerSearch, path: str, name: str, lookup: Lookup[Any] | None
) -> list[tuple[str, str]]:
    """(label, URL of the same search with that choice) for each thing a typed name may mean."""
    if lookup is None or lookup.found is not None:
        return []
    return [(choice.label, form.url(path, **{name: choice.label})) for choice in lookup.choices]


@router.get(
    "/",
    response_class=HTMLResponse,
    summary="Page d'accueil",
    description="Les offres récentes, des plus récentes aux plus anciennes, vingt par page, "
    "selon la recherche de la personne (mots-clés, lieu, contrat, métier, télétravail, date).",
)
def community_page(request: Request, session: Db) -> HTMLResponse:
    """Fresh offers, newest first, twenty a page, narrowed by the job seeker's search."""
    context = search_page_context(session, request.query_params, "/", "/flux/offres")
    return templates.TemplateResponse(request, "community.html", context)


@router.get(
    "/offres/{offer_id}",
    response_class=HTMLResponse,
    summary="Page d'une offre",
    description="Une offre en entier, avec sa provenance et la façon de postuler.",
)
def offer_page(request: Request, offer_id: int, session: Db) -> Response:
    """One offer, whole, with where it comes from and how to apply."""
    stored = get_offer(session, offer_id)
    if stored is None:
        raise HTTPException(status_code=404, detail="Cette offre n'existe pas.")
    if stored.merged_into is not None:
        # The same offer, seen on several sources: its one page is the offer it joined.
        target = request.url_for("offer_page", offer_id=stored.merged_into)
        return RedirectResponse(str(target), status_code=301)
    if stored.status != OfferStatus.PUBLISHED:
        raise HTTPException(status_code=410, detail="Cette offre n'est plus disponible.")
    page_url = str(request.url_for("offer_page", offer_id=offer_id))
    posting = script_json(to_jobposting(stored, page_url))
    seen_on = [c for c in copies_of(session, offer_id) if c.status == "live"]
    return templates.TemplateResponse(
        request,
        "offer.html",
        {
            "item": offer_view(stored),
            "jobposting": Markup(posting),
            "also_on": [c for c in seen_on if not c.canonical],
            "events": events(session, offer_id),
            "versions": {v.version: v for v in versions(session, offer_id)},
            "event_words": EVENT_WORDS,
        },
    )


@router.get(
    "/healthz",
    summary="État du service",
    description="Le service répond, et le nombre d'offres publiées : pour la supervision.",
)
def health(session: Db) -> dict[str, Any]:
    """Liveness and the number of live offers, for monitoring."""
    return {"status": "ok", "offers": count_published(session)}


async def error_page(request: Request, error: StarletteHTTPException) -> Response:
    """A readable page for a reader who followed a dead link (the router's own errors, in
    English, get a French message)."""
    message = error.detail
    if not isinstance(error, HTTPException):
        message = ROUTER_MESSAGES.get(error.status_code, message)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": error.status_code, "message": message},
        status_code=error.status_code,
        headers=error.headers,
    )
