"""Session cookies of the recruiters' and operators' pages, and the cross-site guard on forms.

The cookie holds the token itself, HttpOnly (no script reads it), SameSite=Strict (no other
site's page can make the browser send it) and Secure over HTTPS; form posts coming from
another origin are refused too.
"""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.responses import Response


def set_session_cookie(response: Response, request: Request, name: str, value: str) -> None:
    """Keep `value` in an HttpOnly, SameSite=Strict cookie for the browser session."""
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/", httponly=True, samesite="strict")


def same_origin(request: Request) -> None:
    """Refuse (403) a form post sent by a page of another site."""
    origin = request.headers.get("Origin")
    expected = f"{request.url.scheme}://{request.url.netloc}"
    cross_site = request.headers.get("Sec-Fetch-Site") == "cross-site"
    if cross_site or (origin is not None and origin != expected):
        raise HTTPException(status_code=403, detail="Ce formulaire vient d'un autre site.")
