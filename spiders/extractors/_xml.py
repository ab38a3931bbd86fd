"""Safe, streaming XML for the extractors: read liberally, no DTD, no network, bounded sizes."""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from collections.abc import Callable, Iterator

from lxml import etree

from spiders.extractors._repair import Repairs, repaired_chunks
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
_MARKUP_WITHOUT_ELEMENT = re.compile(r"<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)", re.DOTALL)


def local_name(element: etree._Element) -> str:
    """The tag without its namespace, lower-cased; "" for comments and processing instructions.

    A tag whose prefix was never declared (kept as "itunes:subtitle" by the liberal parser)
    gives the name after the prefix.
    """
    tag = element.tag
    return _local(tag) if isinstance(tag, str) else ""


@functools.lru_cache(maxsize=4096)
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def namespace_of(element: etree._Element) -> str:
    """The element's namespace URI; "" for none, "prefix:" for a prefix never declared."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        return tag[1 : tag.index("}")]
    prefix, colon, _ = tag.rpartition(":")
    return f"{prefix}:" if colon else ""


def text_of(element: etree._Element | None) -> str | None:
    """All the text inside `element`, stripped; None when there is none."""
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


_LIBXML_MESSAGES = (
    (
        re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)"),
        r"la balise fermante </\3> ne ferme pas <\1> ouverte ligne \2",
    ),
    (re.compile(r"Extra content at the end of the document"), "du contenu suit l'élément racine"),
    (
        re.compile(r"Premature end of data in tag (\S+) line (\d+)"),
        r"le document s'arrête dans <\1> ouvert ligne \2",
    ),
    (re.compile(r"Couldn't find end of Start Tag (\S+)"), r"la balise <\1> n'est pas finie"),
    (re.compile(r"EntityRef: expecting ';'"), "« & » sans « ; »"),
    (re.compile(r"Entity '([^']+)' not defined"), r"entité &\1; non définie"),
    (re.compile(r"StartTag: invalid element name"), "nom de balise invalide après « < »"),
    (re.compile(r"Document is empty"), "aucun élément XML"),
    (re.compile(r"Double hyphen within comment.*", re.DOTALL), "« -- » dans un commentaire"),
    (re.compile(r"Comment not terminated.*", re.DOTALL), "commentaire non fermé"),
    (re.compile(r"expected '>'"), "« > » attendu : la balise n'est pas finie"),
    (re.compile(r"Start tag expected, '<' not found"), "aucun élément XML : « < » attendu"),
    (re.compile(r"AttValue: \" or ' expected"), "valeur d'attribut sans guillemets"),
    (re.compile(r"attributes construct error"), "attribut mal écrit"),
    (re.compile(r"Attribute (\S+) redefined"), r"attribut \1 répété"),
)


def describe_syntax_error(error: etree.XMLSyntaxError) -> str:
    """A parser's error as "ligne L, colonne C : cause", the cause in French when it is known."""
    line, column = error.position
    message = _WHERE.sub("", error.msg or str(error)).strip()
    for pattern, french in _LIBXML_MESSAGES:
        if pattern.search(message):
            message = pattern.sub(french, message)
            break
    return f"ligne {line}, colonne {column} : {message}"


def _syntax_error(error: etree.XMLSyntaxError) -> FeedError:
    return FeedError(f"XML mal formé : {describe_syntax_error(error)}")


def stable_id(candidates: Iterator[str | None], payload: str) -> str:
    """The first non-empty candidate, else a sha256 of the payload; at most 500 characters."""
    for candidate in candidates:
        value = (candidate or "").strip()
        if value:
            if len(value) > MAX_ID_CHARS:
                return "sha256:" + hashlib.sha256(value.encode()).hexdigest()
            return value
    return "sha256:" + hashlib.sha256(payload.encode()).hexdigest()


class _Nothing:
    """A parser target that builds nothing: the strict shadow parser only finds the first error."""

    def start(self, tag: str, attributes: object) -> None:
        return None

    def end(self, tag: str) -> None:
        return None

    def data(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


class _StrictShadow:
    """Reads the repaired text strictly beside the liberal parser, to name its first fault."""

    def __init__(self) -> None:
        self.parser = etree.XMLParser(target=_Nothing(), **SAFE_XML_OPTIONS)
        self.error: etree.XMLSyntaxError | None = None

    def feed(self, chunk: bytes) -> None:
        if self.error is None:
            try:
                self.parser.feed(chunk)
            except etree.XMLSyntaxError as error:
                self.error = error

    def close(self) -> None:
        if self.error is None:
            try:
                self.parser.close()
            except etree.XMLSyntaxError as error:
                self.error = error


def _unreadable(body: bytes, repairs: Repairs, shadow: _StrictShadow) -> FeedError:
    """Why a document gave no element at all, said of what it holds."""
    text = b"".join(repaired_chunks(body[:4096], Repairs())).decode("utf-8", "replace")
    text = _MARKUP_WITHOUT_ELEMENT.sub("", text).strip()
    if not body.strip():
        return FeedError(f"le document est vide ({len(body)} octets, aucun caractère visible)")
    if not text:
        return FeedError(
            "le document ne contient aucun élément XML, seulement des commentaires ou déclarations"
        )
    shown = text[:60].replace("\n", " ")
    where = f" ({describe_syntax_error(shadow.error)})" if shadow.error is not None else ""
    return FeedError(
        f"pas de document XML : aucun élément lisible{where}, il commence par « {shown} »"
    )


def split_items(
    body: bytes,
    *,
    is_item: Callable[[etree._Element], bool],
    check_root: Callable[[etree._Element], None],
    item_id: Callable[[etree._Element, str], str],
    content_type: Callable[[etree._Element], str],
    max_items: int = MAX_ITEMS,
    max_item_bytes: int = MAX_ITEM_BYTES,
    repairs: Repairs | None = None,
) -> Iterator[RawRecord]:
    """Stream the items of `body` (elements `is_item` accepts) as raw records, in constant memory.

    The document is read liberally (see `spiders.extractors._repair`): what was repaired is
    counted in `repairs`, whose `truncated` says when the document stops before its end (its
    items are then kept, an item cut by the end comes with an error). `check_root` raises
    FeedError when the root element is not of the expected format. Raises FeedError when the
    document has no element, declares entities other than simple text, or holds more than
    `max_items` items; the items before the fault have been yielded by then.
    """
    repairs = repairs if repairs is not None else Repairs()
    parser = etree.XMLPullParser(
        events=("start", "end"), recover=True, strip_cdata=False, **SAFE_XML_OPTIONS
    )
    shadow = _StrictShadow()
    state = _SplitState()
    for chunk in repaired_chunks(body, repairs):
        shadow.feed(chunk)
        parser.feed(chunk)
        for event, element in parser.read_events():
            record = state.on_event(event, element, check_root, is_item)
            if record is not None:
                state.count += 1
                if state.count > max_items:
                    raise FeedError(f"le document contient plus de {max_items} éléments, la limite")
                yield _record(record, item_id, content_type, max_item_bytes)
                state.forget(record)
    shadow.close()
    try:
        parser.close()
    except etree.XMLSyntaxError:
        pass
    if state.root is None:
        raise _unreadable(body, repairs, shadow)
    closed_at_end: list[str] = []
    cut: set[etree._Element] = set()
    for event, element in parser.read_events():
        if event != "end":
            continue
        closed_at_end.append(f"<{local_name(element)}>")
        cut.add(element)
        record = state.on_event(event, element, check_root, is_item)
        if record is not None:
            yield _cut(record, cut, item_id, content_type, repairs)
            state.forget(record)
    cut_short = bool(closed_at_end) and not repairs.ends_closed
    if shadow.error is not None and not (cut_short and _at_the_end(shadow.error, repairs)):
        repairs.structure = describe_syntax_error(shadow.error)
    if cut_short:
        repairs.truncated = (
            f"le document s'arrête à la ligne {repairs.last_line} avant la fin de "
            f"{', '.join(closed_at_end[:4])} : il a pu être coupé ; ses éléments lus sont "
            "gardés, et aucune offre n'est retirée parce qu'il ne la liste plus"
        )


def _at_the_end(error: etree.XMLSyntaxError, repairs: Repairs) -> bool:
    """True for the error a strict parser gives at the end of a document cut short."""
    return error.position[0] >= repairs.last_line


class _SplitState:
    """Where a split is: the root seen, how many item elements are open, items yielded."""

    def __init__(self) -> None:
        self.root: etree._Element | None = None
        self.depth = 0  # how many item elements are open; only outermost items are records
        self.count = 0

    def on_event(
        self,
        event: str,
        element: etree._Element,
        check_root: Callable[[etree._Element], None],
        is_item: Callable[[etree._Element], bool],
    ) -> etree._Element | None:
        """The element when its end closes an outermost item, else None."""
        if self.root is None:
            self.root = element
            check_root(element)
        if not isinstance(element.tag, str) or not is_item(element):
            return None
        if event == "start":
            self.depth += 1
            return None
        self.depth -= 1
        return None if self.depth else element

    def forget(self, element: etree._Element) -> None:
        """Free what the tree holds of items already yielded: memory stays constant."""
        element.clear(keep_tail=False)
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def _cut(
    element: etree._Element,
    cut: set[etree._Element],
    item_id: Callable[[etree._Element, str], str],
    content_type: Callable[[etree._Element], str],
    repairs: Repairs,
) -> RawRecord:
    """An item the end of the document cut: kept with the reason it is not read.

    Its id is taken from its elements read whole only (`cut` holds those the end cut): a link
    cut in its middle ("https://example.or") names nothing; without a whole one, the id is a
    sha256 of what was read.
    """
    payload = etree.tostring(element, encoding="unicode", with_tail=False)
    whole = copy.deepcopy(element)
    for original, copied in list(zip(element.iter(), whole.iter(), strict=True))[1:]:
        if original in cut and copied.getparent() is not None:
            copied.getparent().remove(copied)
    return RawRecord(
        external_id=item_id(whole, payload),
        payload=payload[:TRUNCATED_PAYLOAD_CHARS],
        content_type=content_type(element),
        error=(
            f"élément commencé ligne {element.sourceline} et coupé par la fin du document "
            f"(ligne {repairs.last_line}) : il n'est pas lu en entier"
            if not repairs.ends_closed
            else f"élément commencé ligne {element.sourceline} dont la fin n'a pu être lue "
            "(XML mal formé) : il n'est pas lu en entier"
        ),
    )


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
                f"l'élément pèse {size / 1048576:.1f} Mio, au-delà de la limite de "
                f"{max_item_bytes / 1048576:g} Mio par élément ; gardé tronqué"
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
            f"l'élément stocké n'est pas du XML bien formé : ligne {line}, colonne {column} : "
            f"{reason}"
        ) from None
    if element.getroottree().docinfo.internalDTD is not None:
        raise ItemError("refusé : l'élément stocké porte une DTD")
    return element
