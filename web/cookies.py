"""Session cookies of the recruiters' and operators' pages, and the cross-site guard on forms.

The cookie holds a random session id (store.sessions), never a token: HttpOnly (no script reads
it), SameSite=Strict (no other site's page can make the browser send it) and Secure over HTTPS.
Form posts must show they come from this site: by `Origin`, by `Sec-Fetch-Site`, or, when a
browser sends neither, by a `Referer` on this site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import Response

from store import sessions
from store.db import session_scope

SAME_SITE_FETCHES = {"same-origin", "none"}  # "none": typed in, or a bookmark


def set_session_cookie(response: Response, request: Request, name: str, value: str) -> None:
    """Keep the session id `value` in an HttpOnly, SameSite=Strict cookie; it expires with the
    session (store.sessions.SESSION_LIFETIME)."""
    response.set_cookie(
        name,
        value,
        max_age=int(sessions.SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/", httponly=True, samesite="strict")


def session_holder(request: Request, name: str) -> sessions.SessionHolder | None:
    """Who the request's session cookie `name` stands for, or None (no cookie, or a session
    expired, ended or revoked)."""
    session_id = request.cookies.get(name)
    if not session_id:
        return None
    with session_scope() as session:
        return sessions.session_holder(session, session_id)


def end_session(request: Request, name: str) -> None:
    """Sign out: the session the cookie `name` holds ends in the database, not only here."""
    session_id = request.cookies.get(name)
    if session_id:
        with session_scope() as session:
            sessions.close_session(session, session_id)


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def same_origin(request: Request) -> None:
    """Refuse (403) a form post that does not show it comes from a page of this site."""
    expected = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site")
    referer = request.headers.get("Referer")
    if fetch_site is not None and fetch_site not in SAME_SITE_FETCHES:
        refused = True
    elif origin is not None:
        refused = origin != expected
    elif fetch_site is None:
        refused = referer is None or _origin_of(referer) != expected
    else:
        refused = False
    if refused:
        raise HTTPException(
            status_code=403,
            detail="Ce formulaire ne vient pas de ce site : rechargez la page et recommencez.",
        )


def flash(request: Request, name: str, message: str) -> None:
    """Show `message` once on the next page of the session the cookie `name` holds."""
    session_id = request.cookies.get(name)
    if session_id:
        with session_scope() as session:
            sessions.set_flash(session, session_id, message)


def take_flash(request: Request, name: str) -> str | None:
    """The message left for this page by the session's last action, if any (shown once)."""
    session_id = request.cookies.get(name)
    if not session_id:
        return None
    with session_scope() as session:
        return sessions.take_flash(session, session_id)
