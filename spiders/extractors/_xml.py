"""Safe, streaming XML for the extractors: no DTD entities, no network, bounded sizes."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Collection, Iterator

from lxml import etree

from spiders.extractors.base import FeedError, ItemError, RawRecord

SAFE_XML_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}
MAX_ITEM_BYTES = 1024 * 1024
MAX_ITEMS = 100_000
TRUNCATED_PAYLOAD_CHARS = 4096
MAX_ID_CHARS = 500

_WHERE = re.compile(r",? line \d+, column \d+$")


def local_name(element: etree._Element) -> str:
    """The tag without its namespace, lower-cased; "" for comments and processing instructions."""
    if not isinstance(element.tag, str):
        return ""
    return etree.QName(element).localname.lower()


def text_of(element: etree._Element | None) -> str | None:
    """All the text inside `element`, stripped; None when there is none."""
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _syntax_error(error: etree.XMLSyntaxError) -> FeedError:
    line, column = error.position
    reason = _WHERE.sub("", error.msg or str(error)).strip()
    if line == 0 or reason == "no element found":
        return FeedError("XML not well-formed: the document is empty")
    return FeedError(f"XML not well-formed: line {line}, column {column}: {reason}")


def _refuse_entity_declarations(element: etree._Element) -> None:
    """Refuse documents whose DTD declares entities (XXE, billion laughs), before any is used."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    names = [entity.name for entity in dtd.iterentities()]
    if names:
        shown = ", ".join(str(name) for name in names[:5])
        raise FeedError(
            f"refused: the document's DTD declares entities ({shown}); "
            "entity declarations are not accepted (XXE / entity expansion)"
        )


def stable_id(candidates: Iterator[str | None], payload: str) -> str:
    """The first non-empty candidate, else a sha256 of the payload; at most 500 characters."""
    for candidate in candidates:
        value = (candidate or "").strip()
        if value:
            if len(value) > MAX_ID_CHARS:
                return "sha256:" + hashlib.sha256(value.encode()).hexdigest()
            return value
    return "sha256:" + hashlib.sha256(payload.encode()).hexdigest()


def split_items(
    body: bytes,
    *,
    item_tags: Collection[str],
    check_root: Callable[[etree._Element], None],
    item_id: Callable[[etree._Element, str], str],
    content_type: Callable[[etree._Element], str],
    max_items: int = MAX_ITEMS,
    max_item_bytes: int = MAX_ITEM_BYTES,
) -> Iterator[RawRecord]:
    """Stream the `item_tags` elements of `body` as raw records, in constant memory.

    `check_root` raises FeedError when the root element is not of the expected format.
    Raises FeedError when the document is malformed, truncated, declares entities or holds more
    than `max_items` items; the items before the fault have been yielded by then.
    """
    events = etree.iterparse(
        io.BytesIO(body), events=("start", "end"), strip_cdata=False, **SAFE_XML_OPTIONS
    )
    seen_root = False
    depth = 0  # how many item elements are open; only outermost items are records
    count = 0
    try:
        for event, element in events:
            if not seen_root:
                seen_root = True
                _refuse_entity_declarations(element)
                check_root(element)
            if element.tag not in item_tags:
                continue
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth:
                continue
            count += 1
            if count > max_items:
                raise FeedError(f"the document holds more than {max_items} items, the limit")
            yield _record(element, item_id, content_type, max_item_bytes)
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error) from None
    if not seen_root:
        raise FeedError("XML not well-formed: the document is empty")


def _record(
    element: etree._Element,
    item_id: Callable[[etree._Element, str], str],
    content_type: Callable[[etree._Element], str],
    max_item_bytes: int,
) -> RawRecord:
    payload = etree.tostring(element, encoding="unicode", with_tail=False)
    external_id = item_id(element, payload)
    size = len(payload.encode())
    if size > max_item_bytes:
        return RawRecord(
            external_id=external_id,
            payload=payload[:TRUNCATED_PAYLOAD_CHARS],
            content_type=content_type(element),
            error=(
                f"item is {size / 1048576:.1f} MiB, over the {max_item_bytes / 1048576:g} MiB "
                "limit per item; stored truncated"
            ),
        )
    return RawRecord(external_id=external_id, payload=payload, content_type=content_type(element))


def parse_payload(payload: str) -> etree._Element:
    """Parse one stored payload (a single element) safely; raise ItemError when it is not XML."""
    try:
        parser = etree.XMLParser(strip_cdata=False, **SAFE_XML_OPTIONS)
        element = etree.fromstring(payload.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        reason = _WHERE.sub("", error.msg or str(error)).strip()
        raise ItemError(
            f"payload is not well-formed XML: line {line}, column {column}: {reason}"
        ) from None
    if element.getroottree().docinfo.internalDTD is not None:
        raise ItemError("payload carries a DTD; refused")
    return element
