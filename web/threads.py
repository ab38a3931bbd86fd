"""Community thread pages: a thread's fresh offers, filters, passerelles, and its feeds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from exporters import feeds
from exporters.threads import related_metiers
from schemas.offers import StoredOffer
from store import publishing as pub
from store.offers import count_published
from web.deps import Db
from web.pages import PAGE_SIZE, offer_view, templates

router = APIRouter()
FEED_SIZE = 50
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"


def _feed_answer(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI description of a feed: its real content type, and the missing thread."""
    return {
        200: {"description": what, "content": {media_type.split(";")[0]: {}}},
        404: {"description": "No such thread.", "content": {"text/html": {}}},
    }


def _thread(session: Session, slug: str) -> pub.ThreadRow:
    thread = pub.get_thread(session, slug)
    if thread is None:
        raise HTTPException(404, "Ce fil n'existe pas.")
    return thread


def _offer_url(request: Request) -> feeds.OfferUrl:
    return lambda stored: str(request.url_for("offer_page", offer_id=stored.id))


@router.get("/fils", response_class=HTMLResponse)
def threads_page(request: Request, session: Db) -> HTMLResponse:
    """Every community thread."""
    return templates.TemplateResponse(
        request,
        "threads.html",
        {"threads": pub.list_threads(session), "total": count_published(session)},
    )


def _feed_offers(session: Session, thread: pub.ThreadRow) -> list[StoredOffer]:
    return pub.thread_offers(session, thread.id, pub.ThreadPageFilter(), FEED_SIZE, 0)[1]


@router.get(
    "/fils/{slug}.rss", response_class=Response, responses=_feed_answer(RSS_TYPE, "RSS 2.0")
)
def thread_rss(request: Request, slug: str, session: Db) -> Response:
    """The thread as an RSS 2.0 feed."""
    thread = _thread(session, slug)
    link = str(request.url_for("thread_page", slug=slug))
    body = feeds.rss(
        thread.title, link, thread.description, _feed_offers(session, thread), _offer_url(request)
    )
    return Response(body, media_type=RSS_TYPE)


@router.get("/fils/{slug}.atom", response_class=Response, responses=_feed_answer(ATOM_TYPE, "Atom"))
def thread_atom(request: Request, slug: str, session: Db) -> Response:
    """The thread as an Atom feed."""
    thread = _thread(session, slug)
    link = str(request.url_for("thread_page", slug=slug))
    body = feeds.atom(thread.title, link, link, _feed_offers(session, thread), _offer_url(request))
    return Response(body, media_type=ATOM_TYPE)


@router.get("/fils/{slug}", response_class=HTMLResponse)
def thread_page(
    request: Request,
    slug: str,
    session: Db,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    contrat: Annotated[str | None, Query(max_length=3)] = None,
    departement: Annotated[str | None, Query(max_length=3)] = None,
    teletravail: Annotated[bool, Query()] = False,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    """A thread's offers, newest first, narrowed by the reader's filters."""
    thread = _thread(session, slug)
    narrow = pub.ThreadPageFilter(
        type_contrat=contrat or None,
        departement=departement or None,
        remote_only=teletravail,
        words=q or None,
    )
    total, offers = pub.thread_offers(
        session, thread.id, narrow, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    criteria = thread.model().filter
    related = related_metiers(criteria.metiers or pub.thread_rome_codes(session, thread.id))
    passerelles = pub.offers_of_metiers(session, related, thread.id, limit=5)
    return templates.TemplateResponse(
        request,
        "thread.html",
        {
            "thread": thread,
            "offers": [offer_view(stored) for stored in offers],
            "passerelles": [offer_view(stored) for stored in passerelles],
            "total": total,
            "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "narrow": narrow,
            "facets": pub.thread_facets(session, thread.id),
            "query": request.query_params,
        },
    )


@router.get(
    "/flux/indeed.xml",
    response_class=Response,
    responses={200: {"description": "Indeed-style XML", "content": {"application/xml": {}}}},
)
def indeed_feed(request: Request, session: Db) -> Response:
    """Every live offer as an Indeed-style XML feed, for job boards that pull."""
    base = str(request.url_for("community_page"))
    body = feeds.indeed_xml(
        "Relais", base, pub.published_offers(session, limit=5000), _offer_url(request)
    )
    return Response(body, media_type=XML_TYPE)
