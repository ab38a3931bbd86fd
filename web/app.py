"""The community pages: fresh offers, newest first, and one page per offer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from normalizers.html import sanitize_html
from schemas.offers import OfferStatus, StoredOffer
from store.db import session_scope
from store.offers import count_published, fresh_offers, get_offer

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
MONTHS = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()

app = FastAPI(title="Relais", docs_url=None, redoc_url=None)
app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
templates = Jinja2Templates(directory=HERE / "templates")


def french_date(value: datetime | None) -> str:
    """'22 nov. 2026', as a French reader expects it."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def safe_description(html: str) -> Markup:
    """The stored description, sanitized once more on the way out."""
    return Markup(sanitize_html(html))  # noqa: S704 - sanitized by nh3 just above


templates.env.filters["french_date"] = french_date
templates.env.filters["safe_description"] = safe_description


def _offer_view(stored: StoredOffer) -> dict[str, Any]:
    offer = stored.offer
    contract = offer.contract
    contract_label = contract.type_contrat_label or contract.text
    if contract_label and contract.duration_value and contract.duration_unit:
        contract_label = f"{contract_label} – {contract.duration_value} {contract.duration_unit}"
    return {
        "id": stored.id,
        "offer": offer,
        "place": offer.place.label or offer.place.text,
        "contract": contract_label,
        "published": offer.posted_at or stored.first_seen_at,
        "updated": stored.updated_at,
        "apply_url": str(offer.apply_url or offer.url),
        "source_url": str(offer.url or offer.apply_url),
    }


@app.get("/", response_class=HTMLResponse)
def community_page(request: Request, page: int = Query(1, ge=1, le=10_000)) -> HTMLResponse:
    """Fresh offers, newest first, twenty a page."""
    with session_scope() as session:
        total = count_published(session)
        offers = fresh_offers(session, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return templates.TemplateResponse(
        request,
        "community.html",
        {
            "offers": [_offer_view(stored) for stored in offers],
            "total": total,
            "page": page,
            "pages": pages,
        },
    )


@app.get("/offres/{offer_id}", response_class=HTMLResponse)
def offer_page(request: Request, offer_id: int) -> HTMLResponse:
    """One offer, whole, with where it comes from and how to apply."""
    with session_scope() as session:
        stored = get_offer(session, offer_id)
    if stored is None:
        raise HTTPException(status_code=404, detail="Cette offre n'existe pas.")
    if stored.status != OfferStatus.PUBLISHED:
        raise HTTPException(status_code=410, detail="Cette offre n'est plus disponible.")
    return templates.TemplateResponse(request, "offer.html", {"item": _offer_view(stored)})


@app.get("/healthz")
def health() -> dict[str, Any]:
    """Liveness and the number of live offers, for monitoring."""
    with session_scope() as session:
        return {"status": "ok", "offers": count_published(session)}
