"""Community thread pages: a thread's fresh offers, filters, passerelles, and its feeds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from exporters import feeds
from exporters.threads import related_metiers
from schemas.offers import StoredOffer
from store import publishing as pub
from store.offers import count_published
from store.search import search
from web.deps import Db
from web.pages import offer_view, search_page_context, templates
from web.search_form import SeekerSearch, read_search

router = APIRouter(tags=["Pages et flux publics"])
FEED_SIZE = 50
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
SITE_FEED_TITLE = "Offres d'emploi · Relais"


def _feed_answer(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI description of a feed: its real content type, and the missing thread."""
    return {
        200: {"description": what, "content": {media_type.split(";")[0]: {}}},
        400: {
            "description": "Un nom de lieu ou de métier inconnu, ou qui désigne plusieurs "
            "entrées des référentiels ; un type de contrat inconnu.",
            "content": {"text/html": {}},
        },
        404: {"description": "Ce fil n'existe pas.", "content": {"text/html": {}}},
    }


def _thread(session: Session, slug: str) -> pub.ThreadRow:
    thread = pub.get_thread(session, slug)
    if thread is None:
        raise HTTPException(404, "Ce fil n'existe pas.")
    return thread


def _offer_url(request: Request) -> feeds.OfferUrl:
    return lambda stored: str(request.url_for("offer_page", offer_id=stored.id))


@router.get(
    "/fils",
    response_class=HTMLResponse,
    summary="Fils thématiques",
    description="Tous les fils thématiques de la communauté.",
)
def threads_page(request: Request, session: Db) -> HTMLResponse:
    """Every community thread."""
    return templates.TemplateResponse(
        request,
        "threads.html",
        {"threads": pub.list_threads(session), "total": count_published(session)},
    )


def _feed_search(
    request: Request, session: Session, thread_id: int | None = None
) -> tuple[SeekerSearch, list[StoredOffer]]:
    """The search the feed's URL carries, and its newest FEED_SIZE offers; a place or métier
    name that resolves to nothing or to several things, or a contract that names no type, is
    a 400 saying so (in French)."""
    form = read_search(request.query_params)
    for lookup, what in ((form.place, "lieu"), (form.metier_lookup, "métier")):
        if lookup is not None and lookup.found is None:
            raise HTTPException(
                400,
                f"Le {what} « {lookup.text} » ne désigne pas une seule entrée des référentiels : "
                "précisez-le dans le formulaire de recherche, puis suivez le lien du flux.",
            )
    if form.unknown_contrats:
        raise HTTPException(400, " ".join(form.contract_problems))
    query = form.query(thread_id)
    if query is None:
        return form, []
    return form, search(session, query, 0, FEED_SIZE - 1).offers


def _feed_title(title: str, form: SeekerSearch) -> str:
    """The feed's title: the page's, with the search's filters in words."""
    return " · ".join([title, *form.describe()])


def _feed_links(request: Request, form: SeekerSearch, page_path: str) -> tuple[str, str]:
    """(the search page's URL, the feed's own URL), both with the search's parameters."""
    base = str(request.base_url).rstrip("/")
    return base + form.url(page_path), base + form.url(request.url.path)


@router.get(
    "/fils/{slug}.rss",
    response_class=Response,
    responses=_feed_answer(RSS_TYPE, "Flux RSS 2.0"),
    summary="Fil en RSS",
    description="Le fil en flux RSS 2.0, restreint par les paramètres de recherche de sa page.",
)
def thread_rss(request: Request, slug: str, session: Db) -> Response:
    """The thread as an RSS 2.0 feed, narrowed by the search parameters of its page."""
    thread = _thread(session, slug)
    form, offers = _feed_search(request, session, thread.id)
    link, self_link = _feed_links(request, form, f"/fils/{slug}")
    title = _feed_title(thread.title, form)
    body = feeds.rss(
        title, link, thread.description, offers, _offer_url(request), self_link=self_link
    )
    return Response(body, media_type=RSS_TYPE)


@router.get(
    "/fils/{slug}.atom",
    response_class=Response,
    responses=_feed_answer(ATOM_TYPE, "Flux Atom"),
    summary="Fil en Atom",
    description="Le fil en flux Atom, restreint par les paramètres de recherche de sa page.",
)
def thread_atom(request: Request, slug: str, session: Db) -> Response:
    """The thread as an Atom feed, narrowed by the search parameters of its page."""
    thread = _thread(session, slug)
    form, offers = _feed_search(request, session, thread.id)
    link, self_link = _feed_links(request, form, f"/fils/{slug}")
    title = _feed_title(thread.title, form)
    body = feeds.atom(title, link, link, offers, _offer_url(request), self_link=self_link)
    return Response(body, media_type=ATOM_TYPE)


@router.get(
    "/flux/offres.rss",
    response_class=Response,
    responses=_feed_answer(RSS_TYPE, "Flux RSS 2.0"),
    summary="Offres en RSS",
    description="Toutes les offres publiées, ou celles d'une recherche (les paramètres de la "
    "page d'accueil), en flux RSS 2.0.",
)
def offers_rss(request: Request, session: Db) -> Response:
    """Every live offer, or a search's (the home page's parameters), as an RSS 2.0 feed."""
    form, offers = _feed_search(request, session)
    link, self_link = _feed_links(request, form, "/")
    title = _feed_title(SITE_FEED_TITLE, form)
    body = feeds.rss(title, link, title, offers, _offer_url(request), self_link=self_link)
    return Response(body, media_type=RSS_TYPE)


@router.get(
    "/flux/offres.atom",
    response_class=Response,
    responses=_feed_answer(ATOM_TYPE, "Flux Atom"),
    summary="Offres en Atom",
    description="Toutes les offres publiées, ou celles d'une recherche (les paramètres de la "
    "page d'accueil), en flux Atom.",
)
def offers_atom(request: Request, session: Db) -> Response:
    """Every live offer, or a search's (the home page's parameters), as an Atom feed."""
    form, offers = _feed_search(request, session)
    link, self_link = _feed_links(request, form, "/")
    title = _feed_title(SITE_FEED_TITLE, form)
    body = feeds.atom(title, link, link, offers, _offer_url(request), self_link=self_link)
    return Response(body, media_type=ATOM_TYPE)


@router.get(
    "/fils/{slug}",
    response_class=HTMLResponse,
    summary="Page d'un fil",
    description="Les offres d'un fil, des plus récentes aux plus anciennes, selon la "
    "recherche de la personne.",
)
def thread_page(request: Request, slug: str, session: Db) -> HTMLResponse:
    """A thread's offers, newest first, narrowed by the job seeker's search."""
    thread = _thread(session, slug)
    path = f"/fils/{slug}"
    context = search_page_context(session, request.query_params, path, path, thread.id)
    criteria = thread.model().filter
    related = related_metiers(criteria.metiers or pub.thread_rome_codes(session, thread.id))
    passerelles = pub.offers_of_metiers(session, related, thread.id, limit=5)
    return templates.TemplateResponse(
        request,
        "thread.html",
        {
            **context,
            "thread": thread,
            "passerelles": [offer_view(stored) for stored in passerelles],
        },
    )


@router.get(
    "/flux/indeed.xml",
    response_class=Response,
    responses={200: {"description": "XML au format Indeed", "content": {"application/xml": {}}}},
    summary="Flux Indeed",
    description="Toutes les offres publiées en flux XML au format Indeed, pour les sites "
    "d'emploi qui viennent les chercher.",
)
def indeed_feed(request: Request, session: Db) -> Response:
    """Every live offer as an Indeed-style XML feed, for job boards that pull."""
    base = str(request.url_for("community_page"))
    body = feeds.indeed_xml(
        "Relais", base, pub.published_offers(session, limit=5000), _offer_url(request)
    )
    return Response(body, media_type=XML_TYPE)
