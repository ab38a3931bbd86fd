"""schema.org JobPosting in careers pages: JSON-LD read liberally, microdata read with extruct."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.html

from schemas.source_offer import SourceOffer
from schemas.validation_fr import french_reason_of
from spiders.extractors._fields import http_url
from spiders.extractors._html import decode_page, outer_html, parse_page
from spiders.extractors._json import MAX_ITEMS, dump_payload, read_object, stable_json_id
from spiders.extractors._lenient_json import LenientJsonError, load_lenient_json
from spiders.extractors._values import as_list, clean_text, joined, place_line, salary_text
from spiders.extractors._xml import MAX_ITEM_BYTES, TRUNCATED_PAYLOAD_CHARS
from spiders.extractors.base import FeedError, ItemError, RawRecord

JSONLD_POSTING = "application/ld+json; JobPosting"
MICRODATA_POSTING = "text/html; microdata JobPosting"
_MAX_DEPTH = 8
_SECTIONS = ("responsibilities", "qualifications", "skills", "jobBenefits")
MAX_LOCATIONS = 50  # job locations read from one posting: the first and 49 others
_MICRODATA_ITEMS = (
    "//*[@itemscope][contains(@itemtype, 'JobPosting')]"
    "[not(ancestor::*[@itemscope][contains(@itemtype, 'JobPosting')])]"
)


def _jsonld_items(script: lxml.html.HtmlElement) -> list[Any]:
    """The JSON-LD values of one script element: its objects, or those of its top-level array
    (empty ones left out), read liberally (`_lenient_json`: comments, `<!-- -->` wrappers,
    JSON5). Raises LenientJsonError, in French, with the line and column within the block."""
    data = load_lenient_json(script.text or "")
    values = data if isinstance(data, list) else [data]
    return [value for value in values if value and isinstance(value, dict | list)]


def _microdata_items(element: lxml.html.HtmlElement, url: str) -> list[Any]:
    """The microdata items of one element, parsed by extruct."""
    from extruct.w3cmicrodata import MicrodataExtractor

    return list(MicrodataExtractor().extract_items(element, url))


def _types(data: dict[str, Any]) -> list[str]:
    """The schema.org type names of an object: "JobPosting" for "https://schema.org/JobPosting"."""
    return [str(t).rstrip("/").rsplit("/", 1)[-1] for t in as_list(data.get("@type")) if t]


def job_postings(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in a JSON-LD value: top level, lists, @graph, ItemList items."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for value in data:
            yield from job_postings(value, depth + 1)
    elif isinstance(data, dict):
        if "JobPosting" in _types(data):
            yield data
            return
        for value in data.values():
            if isinstance(value, dict | list):
                yield from job_postings(value, depth + 1)


_REFERRING = {
    "hiringOrganization",
    "jobLocation",
    "address",
    "applicantLocationRequirements",
    "baseSalary",
    "estimatedSalary",
    "identifier",
    "geo",
    "containedInPlace",
}
"""Properties whose text value may be the @id of a node of the page (Yoast and others do)."""


def _is_reference(value: dict[str, Any]) -> bool:
    """A node that only points to another: {"@id": "…"} (maybe with its @type)."""
    return isinstance(value.get("@id"), str) and not set(value) - {"@id", "@type"}


def node_index(values: list[Any]) -> dict[str, dict[str, Any]]:
    """Every node of the page's JSON-LD that has an @id and says something, by @id.

    Nodes given twice with the same @id (in @graph and another block) are merged, the first
    value of a property winning.
    """
    index: dict[str, dict[str, Any]] = {}

    def visit(value: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(value, list):
            for item in value:
                visit(item, depth + 1)
        elif isinstance(value, dict):
            node_id = value.get("@id")
            if isinstance(node_id, str) and not _is_reference(value):
                known = index.setdefault(node_id, {})
                for name, property_value in value.items():
                    known.setdefault(name, property_value)
            for item in value.values():
                if isinstance(item, dict | list):
                    visit(item, depth + 1)

    visit(values, 0)
    return index


def resolve_references(
    value: Any, index: dict[str, dict[str, Any]], depth: int = 0, path: frozenset[str] = frozenset()
) -> Any:
    """`value` with every {"@id": …} reference to a node of `index` replaced by that node,
    resolved in turn (a node never inside itself, at most 8 levels deep)."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, list):
        return [resolve_references(item, index, depth + 1, path) for item in value]
    if not isinstance(value, dict):
        return value
    node_id = value.get("@id")
    if isinstance(node_id, str) and node_id in index and node_id not in path:
        if _is_reference(value) or value is not index[node_id]:
            value = {**index[node_id], **{k: v for k, v in value.items() if k != "@id"}}
            value["@id"] = node_id
        path = path | {node_id}
    resolved: dict[str, Any] = {}
    for name, item in value.items():
        if name in _REFERRING and isinstance(item, str) and item in index and item not in path:
            item = {"@id": item}
        if name in _REFERRING and isinstance(item, list):
            item = [
                {"@id": entry} if isinstance(entry, str) and entry in index else entry
                for entry in item
            ]
        resolved[name] = resolve_references(item, index, depth + 1, path)
    return resolved


def _identifier(posting: dict[str, Any]) -> str | None:
    identifier = posting.get("identifier")
    if isinstance(identifier, dict):
        return clean_text(identifier.get("value")) or clean_text(identifier.get("@id"))
    return clean_text(identifier)


def posting_id(posting: dict[str, Any], page_url: str) -> str:
    """identifier, else the posting's url, else the page it is on."""
    url = http_url(clean_text(posting.get("url")), page_url)
    return stable_json_id([_identifier(posting), url, page_url], dump_payload(posting))


def _page_anchor(page_url: str, rank: int) -> str:
    """Where a posting without a url of its own is: the page, or a numbered anchor in it."""
    return page_url if rank == 0 else f"{page_url}#job-{rank + 1}"


def _microdata_as_jsonld(item: Any) -> Any:
    """extruct's microdata item ({type, properties}) as the JSON-LD object it stands for."""
    if isinstance(item, list):
        return [_microdata_as_jsonld(value) for value in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    converted: dict[str, Any] = {"@type": item.get("type")}
    for name, value in item["properties"].items():
        converted[name] = _microdata_as_jsonld(value)
    return converted


def _microdata_description(element: lxml.html.HtmlElement) -> str | None:
    """The description's markup (extruct keeps only its text)."""
    for node in element.xpath(".//*[@itemprop='description']"):
        inner = (node.text or "") + "".join(
            outer_html(child) + (child.tail or "") for child in node
        )
        return inner.strip() or None
    return None


def _record(payload: str, external_id: str, content_type: str) -> RawRecord:
    size = len(payload.encode())
    if size > MAX_ITEM_BYTES:
        return RawRecord(
            external_id=external_id,
            payload=payload[:TRUNCATED_PAYLOAD_CHARS],
            content_type=content_type,
            error=f"l'élément pèse {size / 1048576:.1f} Mio, au-delà de la limite de "
            f"{MAX_ITEM_BYTES / 1048576:g} Mio par élément ; gardé tronqué",
        )
    return RawRecord(external_id=external_id, payload=payload, content_type=content_type)


def _where(script: lxml.html.HtmlElement, error: LenientJsonError) -> str:
    """ "(ligne L de la page) " where the fault of a script's JSON is, or "" when unknown."""
    start = script.sourceline  # the line of `<script …>`, where the block's first line is
    if start is None or error.line is None:
        return ""
    return f"(ligne {start + error.line - 1} de la page) "


def page_records(text: str, url: str, max_items: int = MAX_ITEMS) -> Iterator[RawRecord]:
    """The JobPostings of one decoded page: JSON-LD blocks first, then microdata items.

    A posting without a url of its own gets the page's (numbered when the page holds
    several), so that its stored payload still says where it was. A JSON-LD block that is not
    JSON becomes a record with an error (the page's other postings are kept); a posting given
    both ways is kept once.
    """
    root = parse_page(text)
    seen: set[str] = set()
    parsed: list[tuple[int, Any]] = []
    for number, script in enumerate(root.xpath("//script[@type]"), start=1):
        if script.get("type", "").strip().lower() != "application/ld+json":
            continue
        try:
            parsed.append((number, _jsonld_items(script)))
        except LenientJsonError as error:
            payload = (script.text or "")[:TRUNCATED_PAYLOAD_CHARS]
            yield RawRecord(
                external_id=stable_json_id([f"{url}#ld-json-{number}"], payload),
                payload=payload,
                content_type=JSONLD_POSTING,
                error=f"le bloc JSON-LD n° {number} {_where(script, error)}n'est pas du JSON "
                f"lisible : {error}",
            )
    index = node_index([blocks for _, blocks in parsed])
    for _, blocks in parsed:
        for posting in job_postings(blocks):
            posting = resolve_references(posting, index)
            if not clean_text(posting.get("url")):
                posting = {**posting, "url": _page_anchor(url, len(seen))}
            external_id = posting_id(posting, url)
            if external_id not in seen:
                seen.add(external_id)
                _check_count(len(seen), max_items)
                yield _record(dump_payload(posting), external_id, JSONLD_POSTING)
    for element in root.xpath(_MICRODATA_ITEMS):
        items = _microdata_items(element, url)
        posting = _microdata_as_jsonld(items[0]) if items else {}
        if isinstance(posting, dict) and not clean_text(posting.get("url")):
            anchor = _page_anchor(url, len(seen))
            element.append(lxml.html.Element("link", itemprop="url", href=anchor))
            posting = {**posting, "url": anchor}
        external_id = posting_id(posting if isinstance(posting, dict) else {}, url)
        if external_id not in seen:
            seen.add(external_id)
            _check_count(len(seen), max_items)
            yield _record(outer_html(element), external_id, MICRODATA_POSTING)


def _check_count(count: int, max_items: int) -> None:
    if count > max_items:
        raise FeedError(f"la page contient plus de {max_items} offres, la limite")


def _name(value: Any) -> str | None:
    """A Thing's name (Organization, Country, CategoryCode…) or the text itself."""
    if isinstance(value, dict):
        return clean_text(value.get("name")) or clean_text(value.get("codeValue"))
    return clean_text(value)


def _address(place: Any) -> dict[str, Any]:
    """The PostalAddress of a Place (an address may be given as plain text)."""
    address = place.get("address") if isinstance(place, dict) else place
    if isinstance(address, list):
        address = address[0] if address else None
    if isinstance(address, dict):
        return address
    return {"streetAddress": address} if isinstance(address, str) else {}


def _organization_address(organization: Any) -> str | None:
    """The hiring organization's address (its `address`, or its `location`'s) as one line."""
    if not isinstance(organization, dict):
        return None
    place = organization if organization.get("address") else organization.get("location")
    if isinstance(place, list):
        place = place[0] if place else None
    return _place_line(place) if place else None


def _remote(posting: dict[str, Any]) -> str | None:
    kinds = [clean_text(kind) for kind in as_list(posting.get("jobLocationType"))]
    return joined(kinds)


def _place_line(place: Any) -> str | None:
    """One job location as one line: "Lyon, 69003, Auvergne-Rhône-Alpes, FR"."""
    address = _address(place)
    line = place_line(
        _name(address.get("addressLocality")),
        _name(address.get("postalCode")),
        _name(address.get("addressRegion")),
        _name(address.get("addressCountry")),
    )
    return line or _name(address.get("streetAddress")) or _name(place)


def _location(posting: dict[str, Any]) -> dict[str, Any]:
    """The first job location's parts and the other locations as lines, or the applicant's
    required country for remote jobs."""
    places = as_list(posting.get("jobLocation"))
    address = _address(places[0]) if places else {}
    city, postal_code = _name(address.get("addressLocality")), _name(address.get("postalCode"))
    region, country = _name(address.get("addressRegion")), _name(address.get("addressCountry"))
    line = _place_line(places[0]) if places else None
    others = [other for place in places[1:MAX_LOCATIONS] if (other := _place_line(place))]
    if not places:
        required = joined(
            _name(area) for area in as_list(posting.get("applicantLocationRequirements"))
        )
        remote = _remote(posting)
        country = required
        line = joined(["Remote" if remote and "TELECOMMUTE" in remote.upper() else None, required])
    return {
        "place": line,
        "city": city,
        "postal_code": postal_code,
        "region": region,
        "country": country,
        "other_places": others,
    }


def _salary(posting: dict[str, Any]) -> str | None:
    """baseSalary (else estimatedSalary) as "40000 - 50000 EUR per year"."""
    for name in ("baseSalary", "estimatedSalary"):
        for amount in as_list(posting.get(name)):
            if not isinstance(amount, dict):
                if clean_text(amount):
                    return clean_text(amount)
                continue
            value = amount.get("value")
            currency = amount.get("currency")
            if isinstance(value, dict):
                unit = clean_text(value.get("unitText"))
                exact = value.get("value")
                low = value.get("minValue", exact)
                high = value.get("maxValue", exact)
            else:
                unit, low, high = clean_text(amount.get("unitText")), value, value
                low = amount.get("minValue", low)
                high = amount.get("maxValue", high)
            text = salary_text(low, high, currency, unit)
            if text:
                return text
    return None


def _contact(contact: Any) -> str | None:
    """applicationContact (a ContactPoint) as "jobs@example.org, +33 4 00 00 00 00"."""
    if isinstance(contact, dict):
        return joined([contact.get("email"), contact.get("telephone")])
    return clean_text(contact)


def _experience(posting: dict[str, Any]) -> str | None:
    parts = []
    for requirement in as_list(posting.get("experienceRequirements")):
        if isinstance(requirement, dict):
            months = clean_text(requirement.get("monthsOfExperience"))
            parts.append(f"{months} months" if months else _name(requirement))
        else:
            parts.append(clean_text(requirement))
    for education in as_list(posting.get("educationRequirements")):
        if isinstance(education, dict):
            parts.append(clean_text(education.get("credentialCategory")) or _name(education))
        else:
            parts.append(clean_text(education))
    return joined(parts, "; ")


def _description(posting: dict[str, Any], markup: str | None) -> str | None:
    """The description, followed by the responsibilities, qualifications… given apart."""
    description = markup or clean_text(posting.get("description"))
    parts = [description]
    for name in _SECTIONS:
        section = joined(as_list(posting.get(name)), "\n")
        if section and (not description or section not in description):
            parts.append(section)
    return "\n\n".join(part for part in parts if part) or None


def jobposting_offer(
    posting: dict[str, Any], page_url: str, description_markup: str | None = None
) -> SourceOffer:
    """A schema.org JobPosting (JSON-LD shaped) as a SourceOffer; relative links use page_url."""
    link = http_url(clean_text(posting.get("url")), page_url) or http_url(page_url)
    location = _location(posting)
    direct_apply = posting.get("directApply") in (True, "true", "True")
    return SourceOffer(
        external_id=posting_id(posting, page_url),
        title=clean_text(posting.get("title")) or clean_text(posting.get("name")),
        description=_description(posting, description_markup),
        company=_name(posting.get("hiringOrganization")),
        company_address=_organization_address(posting.get("hiringOrganization")),
        place=location["place"],
        city=location["city"],
        postal_code=location["postal_code"],
        region=location["region"],
        country=location["country"],
        other_places=location["other_places"],
        contract=joined(as_list(posting.get("employmentType"))),
        working_time=clean_text(posting.get("workHours")),
        salary=_salary(posting),
        experience=_experience(posting),
        remote=_remote(posting),
        category=joined(
            _name(value)
            for name in ("occupationalCategory", "industry")
            for value in as_list(posting.get(name))
        ),
        reference=_identifier(posting),
        posted_at=clean_text(posting.get("datePosted")),
        updated_at=clean_text(posting.get("dateModified")),
        valid_through=clean_text(posting.get("validThrough")),
        start_date=_start(posting),
        url=link,
        apply_url=link if direct_apply else None,
        contact=_contact(posting.get("applicationContact")),
        field_keys=_field_keys(posting),
    )


_ADDRESS = "jobLocation.address"
_KEYS = {
    "company": ("hiringOrganization.name",),
    "contract": ("employmentType",),
    "working_time": ("workHours",),
    "salary": ("baseSalary", "estimatedSalary"),
    "experience": ("experienceRequirements", "educationRequirements"),
    "remote": ("jobLocationType",),
    "category": ("occupationalCategory", "industry"),
    "start_date": ("jobStartDate", "jobImmediateStart"),
}
"""Each field's schema.org property, the first one the posting has is the one read."""


def _field_keys(posting: dict[str, Any]) -> dict[str, str]:
    """The schema.org property each field of `jobposting_offer` is read from: a dotted path
    from the JobPosting (`jobLocation.address.addressLocality`)."""
    keys = {
        field: next((key for key in candidates if key.split(".")[0] in posting), candidates[0])
        for field, candidates in _KEYS.items()
    }
    if as_list(posting.get("jobLocation")):
        keys |= {
            "place": _ADDRESS,
            "city": f"{_ADDRESS}.addressLocality",
            "postal_code": f"{_ADDRESS}.postalCode",
            "region": f"{_ADDRESS}.addressRegion",
            "country": f"{_ADDRESS}.addressCountry",
            "other_places": "jobLocation",
        }
    else:
        keys |= {
            "place": "applicantLocationRequirements",
            "country": "applicantLocationRequirements",
        }
    return keys


def _start(posting: dict[str, Any]) -> str | None:
    """`jobStartDate` as written, else "immediate" when `jobImmediateStart` is true."""
    written = clean_text(posting.get("jobStartDate"))
    if written:
        return written
    return "immediate" if posting.get("jobImmediateStart") in (True, "true", "True") else None


class JsonLdExtractor:
    """Pages carrying JobPosting; a payload is one JSON-LD posting or one microdata element."""

    kinds: tuple[str, ...] = ("jsonld",)

    def __init__(self, max_items: int = MAX_ITEMS, settings: dict[str, Any] | None = None):
        self.max_items = max_items

    def split(self, body: bytes, url: str) -> Iterator[RawRecord]:
        """The postings of one fetched page (bytes decoded as a browser would)."""
        return page_records(decode_page(body), url, self.max_items)

    def split_text(self, text: str, url: str) -> Iterator[RawRecord]:
        """The postings of one page already decoded (with its HTTP charset)."""
        return page_records(text, url, self.max_items)

    def read(self, payload: str, url: str) -> SourceOffer:
        """Read one stored JSON-LD posting or microdata element into a SourceOffer."""
        if payload.lstrip().startswith("{"):
            posting, markup = read_object(payload), None
        else:
            posting, markup = _read_microdata(payload, url)
        if "JobPosting" not in _types(posting):
            raise ItemError(
                f"pas une offre schema.org JobPosting : son @type est {posting.get('@type')!r}"
            )
        try:
            return jobposting_offer(posting, url, markup)
        except ValueError as error:
            raise ItemError(
                f"l'élément ne fait pas une offre : {french_reason_of(error)}"
            ) from error


def _read_microdata(payload: str, url: str) -> tuple[dict[str, Any], str | None]:
    try:
        root = parse_page(payload)
    except FeedError as error:
        raise ItemError(str(error)) from None
    elements = root.xpath(_MICRODATA_ITEMS)
    if not elements:
        raise ItemError(
            "l'élément ne porte aucune offre JobPosting en microdonnées "
            "(itemscope itemtype=JobPosting)"
        )
    items = _microdata_items(elements[0], url)
    posting = _microdata_as_jsonld(items[0]) if items else {}
    return (posting if isinstance(posting, dict) else {}), _microdata_description(elements[0])
