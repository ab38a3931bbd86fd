"""Safe HTML for the page extractors: decoding like a browser, parsing without network."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from spiders.extractors.base import FeedError

MAX_PAGE_CHARS = 16 * 1024 * 1024
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def decode_page(body: bytes, content_type: str | None = None) -> str:
    """An HTML page as text: BOM, then the Content-Type charset, then <meta charset>, then UTF-8.

    Undecodable bytes become U+FFFD, NUL characters too (PostgreSQL stores no NUL).
    """
    _, text = html_to_unicode(content_type, body)
    return text.replace("\x00", "\ufffd")


def parse_page(text: str) -> lxml.html.HtmlElement:
    """Parse an HTML page or fragment; entities are not expanded and nothing is fetched."""
    if not text.strip():
        raise FeedError("la page HTML est vide")
    if len(text) > MAX_PAGE_CHARS:
        raise FeedError(f"la page HTML dépasse {MAX_PAGE_CHARS // 1048576} Mio de texte")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, huge_tree=False)
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses it in text: it is decoded
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise FeedError(f"la page HTML ne peut pas être lue : {error}") from None


def outer_html(element: lxml.html.HtmlElement) -> str:
    """The element as markup, without what follows it."""
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)
