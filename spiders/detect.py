"""`kind: auto`: which kind a URL is, from its host or its content, and why."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree

from spiders.discovery import looks_like_sitemap
from spiders.extractors._html import decode_page, parse_page
from spiders.extractors._repair import Repairs, repaired_chunks
from spiders.extractors._xml import SAFE_XML_OPTIONS, local_name
from spiders.extractors.base import FeedError
from spiders.extractors.jsonld import page_records

_SNIFF_BYTES = 64 * 1024
_RESERVED_SUBDOMAINS = {"www", "app", "api", "apply", "help", "support", "blog", "status"}
_FEED_TYPES = {"application/rss+xml": "rss", "application/atom+xml": "atom"}
_JOB_WORDS = re.compile(r"job|emploi|offre|career|carri[eè]re|recrut|vacanc|stelle", re.I)
_ATS_NAMES = {
    "greenhouse": "un espace carrières Greenhouse",
    "lever": "un site d'offres Lever",
    "recruitee": "un site carrières Recruitee",
    "smartrecruiters": "une entreprise sur SmartRecruiters",
    "workable": "un compte Workable",
    "ashby": "un espace carrières Ashby",
    "francetravail": "l'API des offres de France Travail",
    "rss": "un site carrières Teamtailor (il publie un flux RSS)",
}

_FEED_NAMES = {"rss": "RSS", "atom": "Atom"}


def _postings_reason(count: int) -> str:
    offers = (
        "une offre schema.org JobPosting" if count == 1 else f"{count} offres schema.org JobPosting"
    )
    return f"la page porte {offers} (JSON-LD ou microdonnées)"


@dataclass
class Detection:
    """The kind a URL was found to be, what to register, and why; kind None when unknown."""

    kind: str | None
    url: str
    settings: dict[str, Any] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    alternatives: list[Detection] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Detection:
        return cls(
            kind=data.get("kind"),
            url=str(data.get("url") or ""),
            settings=dict(data.get("settings") or {}),
            reasons=[str(reason) for reason in data.get("reasons") or []],
            alternatives=[cls.from_dict(other) for other in data.get("alternatives") or []],
        )


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]


def _board(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}", value) else None


def _ats(url: str) -> tuple[str, str, dict[str, Any]] | None:
    """(kind, the source URL to register, settings) for a known ATS or FT address."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = _segments(parts.path)
    first = path[0] if path else None
    if host.endswith("greenhouse.io"):
        if "embed" in path:
            board = _board(next(iter(parse_qs(parts.query).get("for") or []), None))
        elif host.startswith("boards-api.") and len(path) > 2 and path[:2] == ["v1", "boards"]:
            board = _board(path[2])
        else:
            board = _board(first)
        return ("greenhouse", url, {"board": board}) if board else None
    if host in ("jobs.lever.co", "jobs.eu.lever.co") and _board(first):
        settings: dict[str, Any] = {"board": first}
        if ".eu." in host:
            settings["api_base"] = "https://api.eu.lever.co"
        return "lever", url, settings
    if host in ("api.lever.co", "api.eu.lever.co") and path[:2] == ["v0", "postings"]:
        board = _board(path[2] if len(path) > 2 else None)
        return ("lever", url, {"board": board}) if board else None
    subdomain = host.split(".", 1)[0]
    if host.endswith(".recruitee.com") and subdomain not in _RESERVED_SUBDOMAINS:
        return "recruitee", url, {"board": subdomain}
    if host in ("careers.smartrecruiters.com", "jobs.smartrecruiters.com") and _board(first):
        return "smartrecruiters", url, {"board": first}
    if host == "api.smartrecruiters.com" and path[:2] == ["v1", "companies"] and len(path) > 2:
        return ("smartrecruiters", url, {"board": path[2]}) if _board(path[2]) else None
    if host == "apply.workable.com" and _board(first) and first not in ("api", "j"):
        return "workable", url, {"board": first}
    if host.endswith(".workable.com") and subdomain not in _RESERVED_SUBDOMAINS:
        return "workable", url, {"board": subdomain}
    if host == "jobs.ashbyhq.com" and _board(first):
        return "ashby", url, {"board": first}
    if host == "api.ashbyhq.com" and path[:2] == ["posting-api", "job-board"] and len(path) > 2:
        return ("ashby", url, {"board": path[2]}) if _board(path[2]) else None
    if host.endswith(".teamtailor.com") and subdomain not in _RESERVED_SUBDOMAINS:
        return "rss", f"{parts.scheme or 'https'}://{host}/jobs.rss", {}
    if "/offresdemploi/v2/offres/search" in parts.path:
        return "francetravail", url, {}
    return None


def detect_from_url(url: str) -> Detection | None:
    """The kind of a URL on a known ATS host (or an FT API), without fetching it."""
    found = _ats(url)
    if found is None:
        return None
    kind, source_url, settings = found
    host = urlsplit(url).hostname
    reasons = [f"{host} est {_ATS_NAMES[kind]}"]
    if settings.get("board"):
        reasons.append(f"espace « {settings['board']} » lu dans l'adresse")
    if kind == "francetravail":
        reasons.append("il faut les réglages client_id et client_secret_env (client OAuth2)")
    if source_url != url:
        reasons.append(f"son flux est {source_url}")
    return Detection(kind=kind, url=source_url, settings=settings, reasons=reasons)


def _root_element(body: bytes) -> etree._Element | None:
    """The root element of an XML document read liberally (as the feeds are), else None."""
    parser = etree.XMLPullParser(events=("start",), recover=True, **SAFE_XML_OPTIONS)
    try:
        for chunk in repaired_chunks(body[:_SNIFF_BYTES], Repairs()):
            parser.feed(chunk)
            for _, element in parser.read_events():
                return element
    except (etree.XMLSyntaxError, FeedError):
        return None
    return None


def _xml_kind(body: bytes) -> str | None:
    """rss, atom, indeed-xml or sitemap for an XML document, judged on its root element."""
    root = _root_element(body)
    if root is None:
        return None
    name = local_name(root)
    if name in ("rss", "rdf"):
        return "rss"
    if name == "feed":
        return "atom"
    if name in ("source", "jobs"):
        return "indeed-xml"
    if name in ("urlset", "sitemapindex"):
        return "sitemap"
    return None


def _embeds(root: Any, url: str) -> list[Detection]:
    found: dict[tuple[str, str], Detection] = {}
    for value in root.xpath("//a/@href | //iframe/@src | //script/@src | //link/@href"):
        target = urljoin(url, str(value).strip())
        ats = _ats(target)
        if ats is None or ats[0] == "francetravail":
            continue
        kind, source_url, settings = ats
        key = (kind, str(settings.get("board") or source_url))
        if key not in found:
            reason = f"la page intègre ou cite {_ATS_NAMES[kind]} : {target}"
            found[key] = Detection(kind, source_url, settings, [reason])
    return list(found.values())


def _feed_links(root: Any, url: str) -> list[Detection]:
    feeds = []
    for link in root.xpath("//link[@href][@type]"):
        kind = _FEED_TYPES.get(link.get("type", "").split(";")[0].strip().lower())
        rel = link.get("rel", "").lower().split()
        if kind and "alternate" in rel:
            title = link.get("title") or ""
            href = urljoin(url, link.get("href").strip())
            jobs = bool(_JOB_WORDS.search(title) or _JOB_WORDS.search(href))
            what = "un flux d'offres" if jobs else "un flux"
            reason = f"l'en-tête de la page renvoie à {what} {_FEED_NAMES.get(kind, kind)}"
            reason += f" « {title} »" if title else ""
            feeds.append((not jobs, Detection(kind, href, {}, [f"{reason} : {href}"])))
    return [detection for _, detection in sorted(feeds, key=lambda pair: pair[0])]


JSON_NOT_KNOWN = (
    "le document est du JSON, la réponse d'une API qu'aucun type de source ne reconnaît ici : "
    "si c'est celle d'un logiciel de recrutement, indiquez son --kind (greenhouse, lever, "
    "recruitee, smartrecruiters, workable, ashby, francetravail) ; les API des agrégateurs "
    "(Adzuna, Jooble, Reed, The Muse, Jobicy…) ne sont pas lues par Relais"
)


def detect_from_document(body: bytes, url: str, content_type: str | None = None) -> Detection:
    """The kind of a fetched document: a feed, a sitemap, or a page with an ATS embed,
    JobPosting structured data or a feed link (in that order of preference)."""
    head = body.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    xml_kind = _xml_kind(body) if head == b"<" else None
    if xml_kind == "sitemap" or (xml_kind is None and looks_like_sitemap(body[:2])):
        return Detection(
            "jsonld",
            url,
            {"discovery": "sitemap"},
            [
                "le document est un plan de site (sitemap) : ses pages sont lues pour y "
                "trouver des offres schema.org JobPosting"
            ],
        )
    if xml_kind is not None:
        reason = {
            "rss": "le document est un flux RSS",
            "atom": "le document est un flux Atom",
            "indeed-xml": "le document est un flux XML de type Indeed (<source><job>)",
        }[xml_kind]
        return Detection(xml_kind, url, {}, [reason])
    if head in (b"{", b"["):
        return Detection(None, url, {}, [JSON_NOT_KNOWN])
    try:
        text = decode_page(body, content_type)
        root = parse_page(text)
    except FeedError as error:
        return Detection(None, url, {}, [f"le document n'est ni un flux ni une page web : {error}"])
    candidates = _embeds(root, url)
    postings = [record for record in page_records(text, url) if not record.error]
    if postings:
        candidates.append(
            Detection(
                "jsonld",
                url,
                {},
                [_postings_reason(len(postings))],
            )
        )
    candidates += _feed_links(root, url)
    if not candidates:
        return Detection(
            None,
            url,
            {},
            [
                "la page ne contient ni lien vers un flux, ni offre schema.org JobPosting, "
                "ni logiciel de recrutement connu"
            ],
        )
    best, *others = candidates
    best.alternatives = others
    return best


_NONE_IN = {
    "rss": "il ne contient aucun élément <item> ni <entry>",
    "atom": "il ne contient aucun élément <entry> ni <item>",
    "indeed-xml": "il ne contient aucun élément <job>",
    "jsonld": "elle ne porte aucune offre schema.org JobPosting (JSON-LD ou microdonnées)",
}
_BOM = b"\xef\xbb\xbf"


def why_no_offer(kind: str, body: bytes, url: str, json_kind: bool = False) -> str:
    """Why reading `body` (fetched from, or a file for, `url`) as `kind` gave no item at all,
    in French, for the person who ran it: "aucune offre trouvée : " and the cause, with the
    kind to try instead when the document is another one (judged by `detect_from_document`).
    `json_kind`: `kind` reads a JSON API answer (Greenhouse, Lever...). Never raises."""
    lead = "aucune offre trouvée : "
    head = body.removeprefix(_BOM).lstrip()[:1]
    if head in (b"{", b"["):
        if json_kind:
            return lead + "la liste des offres du document JSON est vide"
        return (
            lead + "le document est du JSON, la réponse d'une API : essayez le --kind de son "
            "logiciel de recrutement (greenhouse, lever, recruitee, smartrecruiters, workable, "
            "ashby, francetravail)"
        )
    if not body.strip():
        return lead + "le document est vide"
    try:
        detection = detect_from_document(body, url)
    except Exception:  # noqa: BLE001 - a diagnosis must never turn into a crash
        detection = Detection(None, url)
    reason = " ; ".join(detection.reasons) or "le document n'a pas pu être reconnu"
    same = detection.kind == kind or {detection.kind, kind} <= {"rss", "atom"}
    if kind == "html" and detection.kind in (None, "jsonld"):
        return lead + "aucun élément de la page ne répond aux sélecteurs de ses réglages"
    if json_kind:
        instead = f"essayez --kind {detection.kind}" if detection.kind else "ce n'est pas du JSON"
        return f"{lead}{reason} ; {instead}"
    if same:
        if detection.settings.get("discovery") == "sitemap":
            return f"{lead}{reason}, mais aucune de ses pages n'a été lue ici"
        return f"{lead}{reason}, mais {_NONE_IN.get(kind, 'il ne contient aucune offre')}"
    if detection.kind is not None:
        return f"{lead}{reason} ; essayez --kind {detection.kind}"
    return lead + reason
