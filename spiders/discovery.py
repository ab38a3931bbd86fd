"""Finding postings on a careers site: posting links and next pages of a listing, sitemaps."""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from lxml import etree

from spiders.extractors._html import parse_page
from spiders.extractors._xml import SAFE_XML_OPTIONS, _syntax_error, local_name
from spiders.extractors.base import FeedError

_PAGE_PARAMETERS = {"page", "p", "pg", "paged", "offset", "start", "from", "skip", "pagination"}
_PAGE_PATH = re.compile(r"/(?:page|p|seite|pagina)/\d+/?$", re.IGNORECASE)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _http(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urldefrag(url)[0]


def page_links(text: str, page_url: str) -> list[str]:
    """Every http(s) link of an HTML page, absolute, without fragment, once, in page order."""
    root = parse_page(text)
    base = root.xpath("string(//base/@href)") or page_url
    links = []
    for href in root.xpath("//a/@href | //link[@rel]/@href"):
        link = _http(urljoin(urljoin(page_url, base), str(href).strip()))
        if link:
            links.append(link)
    return list(dict.fromkeys(links))


def _same_site(url: str, listing_url: str) -> bool:
    return urlsplit(url).netloc.lower() == urlsplit(listing_url).netloc.lower()


def _listing_prefix(listing_url: str) -> str:
    path = urlsplit(listing_url).path or "/"
    return path if path.endswith("/") else path + "/"


def is_pagination(url: str, listing_url: str, pattern: re.Pattern[str] | None = None) -> bool:
    """A next page of the listing: matching `pattern`, else on the listing's own path with a
    page/offset parameter, or its path followed by /page/N."""
    if not _same_site(url, listing_url) or url == listing_url:
        return False
    if pattern is not None:
        return pattern.search(url) is not None
    parts, listing = urlsplit(url), urlsplit(listing_url)
    listing_path = listing.path.rstrip("/") or "/"
    if (parts.path.rstrip("/") or "/") == listing_path:
        names = {name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
        return bool(names & _PAGE_PARAMETERS)
    return bool(_PAGE_PATH.search(parts.path)) and parts.path.startswith(listing_path)


@dataclass(frozen=True)
class ListingLinks:
    """What a listing page leads to."""

    postings: list[str]
    next_pages: list[str]


def listing_links(
    text: str,
    page_url: str,
    listing_url: str,
    *,
    follow: re.Pattern[str] | None = None,
    pagination: re.Pattern[str] | None = None,
) -> ListingLinks:
    """The posting links and next-page links of one listing page.

    Postings: links matching `follow`, else links of the same site under the listing's own
    path ("/careers/" → "/careers/python-developer"). Next pages: `rel="next"` links and
    what `is_pagination` accepts.
    """
    root = parse_page(text)
    rel_next = {
        _http(urljoin(page_url, str(href)))
        for href in root.xpath(
            "//*[self::a or self::link][contains(concat(' ', "
            "normalize-space(@rel), ' '), ' next ')]/@href"
        )
    }
    postings, next_pages = [], []
    prefix = _listing_prefix(listing_url)
    for link in page_links(text, page_url):
        if link in rel_next or is_pagination(link, listing_url, pagination):
            next_pages.append(link)
        elif follow is not None:
            if follow.search(link):
                postings.append(link)
        elif (
            _same_site(link, listing_url)
            and urlsplit(link).path.startswith(prefix)
            and urlsplit(link).path != prefix
            and link.split("?")[0] != listing_url.split("?")[0]
        ):
            postings.append(link)
    return ListingLinks(postings=postings, next_pages=[link for link in next_pages if link])


def _gunzip(body: bytes, max_size: int) -> bytes:
    """A gzipped sitemap, decompressed up to `max_size` bytes (FeedError beyond: a bomb)."""
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
        try:
            data = unzipped.read(max_size + 1)
        except (OSError, EOFError) as error:
            raise FeedError(f"le plan de site compressé (gzip) est illisible : {error}") from None
    if len(data) > max_size:
        raise FeedError(
            f"le plan de site compressé dépasse {max_size // 1048576} Mio une fois "
            "décompressé, la limite"
        )
    return data


def looks_like_sitemap(body: bytes) -> bool:
    """True for a sitemap or sitemap index (gzipped or not), judged on its first bytes."""
    head = body[:2] == b"\x1f\x8b" or b"<urlset" in body[:2048] or b"<sitemapindex" in body[:2048]
    return bool(head)


@dataclass(frozen=True)
class Sitemap:
    """The URLs a sitemap lists; `index` when they are other sitemaps."""

    index: bool
    urls: list[str]


def read_sitemap(body: bytes, *, max_size: int, max_urls: int = 50_000) -> Sitemap:
    """Parse a sitemap or sitemap index safely (no DTD, no entities, no network)."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, max_size)
    parser = etree.XMLParser(**SAFE_XML_OPTIONS)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise FeedError("refusé : le plan de site porte une DTD (XXE, expansion d'entités)")
    kind = local_name(root)
    if kind not in ("urlset", "sitemapindex"):
        raise FeedError(f"pas un plan de site : l'élément racine est <{kind}>")
    urls = [
        link
        for link in (_http((loc.text or "").strip()) for loc in _locations(root))
        if link is not None
    ]
    if len(urls) > max_urls:
        raise FeedError(f"le plan de site liste plus de {max_urls} adresses, la limite")
    return Sitemap(index=kind == "sitemapindex", urls=list(dict.fromkeys(urls)))


def _locations(root: etree._Element) -> Iterable[etree._Element]:
    for element in root.iter():
        if local_name(element) == "loc":
            yield element
