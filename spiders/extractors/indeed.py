"""Indeed-style XML job feeds (`<source><job>…</job></source>`), streamed in constant memory."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from schemas.source_offer import SourceOffer
from schemas.validation_fr import french_reason_of
from spiders.extractors._document import Document
from spiders.extractors._encoding import http_charset
from spiders.extractors._fields import http_url, job_fields, written_name
from spiders.extractors._xml import (
    MAX_ITEMS,
    Repairs,
    item_base,
    local_name,
    parse_payload,
    split_items,
    stable_id,
    text_of,
)
from spiders.extractors.base import FeedError, ItemError, RawRecord

INDEED_JOB = "application/xml; indeed-job"
_ROOTS = {"source", "jobs"}


def _check_root(root: etree._Element) -> None:
    if local_name(root) not in _ROOTS:
        raise FeedError(
            f"pas un flux XML de type Indeed : l'élément racine est <{local_name(root)}>, "
            "et non <source>"
        )


def is_job(element: etree._Element) -> bool:
    """A <job> element (any case)."""
    return local_name(element) == "job"


def _content_type(job: etree._Element) -> str:
    return INDEED_JOB


def _element(job: etree._Element, name: str) -> etree._Element | None:
    """The first child whose local name is `name` in any case (`<Title>`, `<TITLE>`)."""
    for child in job:
        if local_name(child) == name:
            return child
    return None


def _child(job: etree._Element, name: str) -> str | None:
    return text_of(_element(job, name))


def _inner_markup(element: etree._Element | None) -> str | None:
    """The content of `element` as published: CDATA text, or markup written as child elements."""
    if element is None:
        return None
    parts = [element.text or ""]
    parts += [etree.tostring(child, encoding="unicode", with_tail=True) for child in element]
    content = "".join(parts).strip()
    return content or None


def job_id(job: etree._Element, payload: str) -> str:
    """referencenumber, else the job's url, else a sha256 of the payload."""
    return stable_id(iter([_child(job, "referencenumber"), _child(job, "url")]), payload)


def _place(parts: dict[str, str]) -> str | None:
    """One line such as "Lyon, 69003, Auvergne-Rhône-Alpes, FR" built from the address parts."""
    keys = ("city", "postal_code", "region", "country")
    line = ", ".join(parts[key] for key in keys if parts.get(key))
    return line or None


class IndeedExtractor:
    """Indeed-style XML; each item's payload is its `<job>` element."""

    kinds: tuple[str, ...] = ("indeed-xml",)

    def __init__(self, max_items: int = MAX_ITEMS) -> None:
        self.max_items = max_items

    def split(
        self,
        body: bytes | Document,
        url: str,
        repairs: Repairs | None = None,
        content_type: str | None = None,
    ) -> Iterator[RawRecord]:
        """Stream the `<job>` elements of the document, read liberally (what was repaired is
        counted in `repairs`; `content_type` is the HTTP header, whose charset is used as
        `_encoding.choose_encoding` says); FeedError when it is not readable at all."""
        return split_items(
            body,
            is_item=is_job,
            check_root=_check_root,
            item_id=job_id,
            content_type=_content_type,
            max_items=self.max_items,
            repairs=repairs,
            charset=http_charset(content_type),
            item_names=frozenset({"job"}),
        )

    def read(self, payload: str, url: str) -> SourceOffer:
        """Read one stored `<job>` payload into a SourceOffer."""
        job = parse_payload(payload)
        if not is_job(job):
            raise ItemError(f"pas un élément <job> de flux Indeed : <{local_name(job)}>")
        keys: dict[str, str] = {}
        fields = job_fields(job, keys)
        category = _element(job, "category")
        if category is not None:
            keys["category"] = written_name(category)
        base = item_base(job, url)
        link = http_url(_child(job, "url"), base)
        try:
            return SourceOffer(
                external_id=job_id(job, payload),
                title=_child(job, "title"),
                description=_inner_markup(_element(job, "description")),
                company=fields.get("company"),
                place=_place(fields),
                city=fields.get("city"),
                postal_code=fields.get("postal_code"),
                region=fields.get("region"),
                country=fields.get("country"),
                contract=fields.get("contract"),
                working_time=fields.get("working_time"),
                salary=fields.get("salary"),
                experience=fields.get("experience"),
                remote=fields.get("remote"),
                category=_child(job, "category"),
                reference=fields.get("reference"),
                posted_at=_child(job, "date"),
                updated_at=None,
                valid_through=fields.get("valid_through"),
                start_date=fields.get("start_date"),
                url=link,
                apply_url=http_url(fields.get("apply_url"), base) or link,
                field_keys=keys,
            )
        except ValueError as error:
            raise ItemError(
                f"l'élément ne fait pas une offre : {french_reason_of(error)}"
            ) from error
