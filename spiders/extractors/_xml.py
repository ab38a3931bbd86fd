"""Safe, streaming XML for the extractors: read liberally, no DTD, no network, bounded sizes."""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit

from lxml import etree

from spiders.extractors._document import Document
from spiders.extractors._encoding import choose_encoding
from spiders.extractors._repair import FEED_ITEMS, Repairs, repaired_chunks
from spiders.extractors.base import FeedError, ItemError, RawRecord

SAFE_XML_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}
MAX_ITEM_BYTES = 1024 * 1024
MAX_ITEMS = 2_000_000
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
    (
        re.compile(r"Unescaped '<' not allowed in attributes values"),
        "« < » dans la valeur d'un attribut (guillemet non fermé ?)",
    ),
    (
        re.compile(r"Input is not proper UTF-8, indicate encoding !\s*Bytes: (.*)", re.DOTALL),
        r"octets qui ne se lisent pas en UTF-8 : \1",
    ),
    (re.compile(r"xmlParseCharRef: invalid xmlChar value (\d+)"), r"référence &#\1; interdite"),
    (re.compile(r"PCDATA invalid Char value (\d+)"), r"caractère de code \1 interdit en XML"),
    (re.compile(r"Char 0x(\w+) out of allowed range"), r"caractère 0x\1 interdit en XML"),
    (
        re.compile(r"XML declaration allowed only at the start of the document"),
        "déclaration XML ailleurs qu'au tout début du document",
    ),
    (
        re.compile(r"Namespace prefix (\S+) on (\S+) is not defined"),
        r"préfixe \1 de <\2> jamais déclaré",
    ),
    (re.compile(r"Specification mandates value for attribute (\S+)"), r"attribut \1 sans valeur"),
    (re.compile(r"EndTag: '</' not found"), "balise fermante « </ » attendue"),
    (
        re.compile(r"Sequence '\]\]>' not allowed in content"),
        "« ]]> » hors d'une section CDATA",
    ),
    (re.compile(r"CData section not finished.*", re.DOTALL), "section CDATA non fermée"),
)
_UNTRANSLATED = "défaut de syntaxe XML"
"""What is said of a parser's message no pattern above translates: people read French only."""


def describe_syntax_error(error: etree.XMLSyntaxError) -> str:
    """A parser's error as "ligne L, colonne C : cause", the cause in French when it is known."""
    line, column = error.position
    message = _WHERE.sub("", error.msg or str(error)).strip()
    for pattern, french in _LIBXML_MESSAGES:
        if pattern.search(message):
            message = pattern.sub(french, message)
            break
    else:
        message = _UNTRANSLATED
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


def _unreadable(body: Document, repairs: Repairs, shadow: _StrictShadow) -> FeedError:
    """Why a document gave no element at all, said of what it holds."""
    text = b"".join(repaired_chunks(body.head(4096), Repairs())).decode("utf-8", "replace")
    text = _MARKUP_WITHOUT_ELEMENT.sub("", text).strip()
    if body.is_blank():
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
    body: bytes | Document,
    *,
    is_item: Callable[[etree._Element], bool],
    check_root: Callable[[etree._Element], None],
    item_id: Callable[[etree._Element, str], str],
    content_type: Callable[[etree._Element], str],
    max_items: int = MAX_ITEMS,
    max_item_bytes: int = MAX_ITEM_BYTES,
    repairs: Repairs | None = None,
    item_names: frozenset[str] = FEED_ITEMS,
    charset: str | None = None,
) -> Iterator[RawRecord]:
    """Stream the items of `body` (elements `is_item` accepts) as raw records, in constant memory.

    `body` is the document's bytes, or a Document whose file is read chunk by chunk (memory
    then stays bounded whatever the document's size).

    A well-formed document is read by a strict parser alone (the fast path). At its first
    fault, the document is read again liberally (see `spiders.extractors._repair`) from the
    start, and the items the strict parser had already given are not given twice: what was
    repaired is counted in `repairs`, whose `truncated` says when the document stops before its
    end (its items are then kept, an item cut by the end comes with an error). `charset` is the
    HTTP Content-Type's (`_encoding.http_charset`), None when there is none. `check_root`
    raises FeedError when the root element is not of the expected format. `item_names` are
    the local names (lower-case) of items, for the repair of an item left without its end tag.
    Raises FeedError when the document has no element, declares entities other than simple
    text, or holds more than `max_items` items; the items before the fault have been yielded.
    """
    body = Document.of(body)
    repairs = repairs if repairs is not None else Repairs()
    repairs.item_names = sorted(item_names, key=lambda name: name != "item")
    reader = _ItemReader(is_item, check_root, item_id, content_type, max_items, max_item_bytes)
    given = 0
    encoding = strict_encoding(body, charset)
    if encoding is not None:
        try:
            for record in _strict_records(body, encoding, reader):
                yield record
                given += 1
            return
        except _NotWellFormed:
            reader = reader.again()
    yield from _liberal_records(body, repairs, item_names, charset, reader, given)


class _NotWellFormed(Exception):
    """The strict parser met a fault: the document is to be read liberally."""


_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)
_C1_CONTROLS = re.compile("[\x80-\x9f]")
"""Characters that `&#128;`…`&#159;` give, which the liberal reading takes as windows-1252."""


def strict_encoding(body: bytes | Document, charset: str | None = None) -> str | None:
    """The encoding a strict parser can read `body` in as the liberal reading would, or None
    when only the liberal reading will do: the encoding is overridden (with a note), is not
    ASCII-compatible (UTF-16, EBCDIC), or the document has a DTD (never given to a parser)."""
    body = Document.of(body)
    encoding, skip, _, note = choose_encoding(body, charset)
    if note is not None or encoding.startswith(("utf-16", "utf-32", "utf16", "utf32")):
        return None
    if encoding == "cp037" or _DOCTYPE.search(body.head(65536)) is not None:
        return None
    return encoding


def _strict_records(body: Document, encoding: str, reader: _ItemReader) -> Iterator[RawRecord]:
    """The records of a well-formed `body`; _NotWellFormed at its first fault (the records
    before it are given), when it holds what the liberal reading reads otherwise, or when an
    item runs on past `max_item_bytes` (counted in the bytes given to the parser: the tree
    never holds much more than one item)."""
    try:
        parser = etree.XMLPullParser(
            events=("start", "end"), strip_cdata=False, encoding=encoding, **SAFE_XML_OPTIONS
        )
    except LookupError:  # an encoding Python knows and libxml2 does not
        raise _NotWellFormed from None
    given = item_started = 0  # bytes given to the parser; before the chunk the open item began in
    state = reader.state
    try:
        for chunk in body.chunks():
            opened = state.opened
            parser.feed(chunk)
            yield from reader.records(parser.read_events(), strict=True)
            if state.opened != opened:
                item_started = given
            if state.depth and given + len(chunk) - item_started > reader.max_item_bytes:
                raise _NotWellFormed  # an item too long: the liberal reading skips its rest
            given += len(chunk)
        parser.close()
        yield from reader.records(parser.read_events(), strict=True)
    except etree.XMLSyntaxError:
        raise _NotWellFormed from None
    if reader.state.root is None:
        raise _NotWellFormed


class _ItemReader:
    """Turns a parser's events into records: outermost items, counted, their memory freed."""

    def __init__(
        self,
        is_item: Callable[[etree._Element], bool],
        check_root: Callable[[etree._Element], None],
        item_id: Callable[[etree._Element, str], str],
        content_type: Callable[[etree._Element], str],
        max_items: int,
        max_item_bytes: int,
    ) -> None:
        self.is_item, self.check_root = is_item, check_root
        self.item_id, self.content_type = item_id, content_type
        self.max_items, self.max_item_bytes = max_items, max_item_bytes
        self.state = _SplitState()
        self.titles: dict[int, str] | None = None
        """Where the liberal reading keeps each item's title, by its number, for the notes."""
        self.broken: dict[int, str] = {}
        """Why the liberal reading cannot read an item, by its number (`Repairs.broken_items`)."""

    def again(self) -> _ItemReader:
        """A reader of the same items, for another reading of the document from its start."""
        return _ItemReader(
            self.is_item,
            self.check_root,
            self.item_id,
            self.content_type,
            self.max_items,
            self.max_item_bytes,
        )

    def _strict_root(self, root: etree._Element) -> None:
        """The root a strict parser saw: one that is not the format's may be a server's
        message before the document (read liberally, that is dropped); a DTD is never read."""
        try:
            self.check_root(root)
        except FeedError:
            raise _NotWellFormed from None
        if root.getroottree().docinfo.internalDTD is not None:
            raise _NotWellFormed

    def records(
        self, events: Iterator[tuple[str, etree._Element]], strict: bool = False
    ) -> Iterator[RawRecord]:
        state = self.state
        for event, element in events:
            if strict and state.root is None:
                self._strict_root(element)
            item = state.on_event(event, element, self.check_root, self.is_item)
            if item is None:
                continue
            state.count += 1
            if state.count > self.max_items:
                raise FeedError(
                    f"le document contient plus de {self.max_items} éléments, la limite : le "
                    f"suivant commence ligne {item.sourceline}"
                )
            if self.titles is not None:
                self.titles[state.count] = _title(item)
            broken = self.broken.get(state.count)
            if broken is not None:
                record = _unread(item, self.item_id, self.content_type, broken)
            else:
                record = _record(item, self.item_id, self.content_type, self.max_item_bytes)
            if strict and _C1_CONTROLS.search(record.payload):
                raise _NotWellFormed
            yield record
            state.forget(item)


def _title(item: etree._Element) -> str:
    """The text of the item's `<title>`, on one line, at most 80 characters; "" for none."""
    for child in item:
        if isinstance(child.tag, str) and local_name(child) == "title":
            text = " ".join((text_of(child) or "").split())
            return text if len(text) <= 80 else text[:79].rstrip() + "…"
    return ""


def _liberal_records(
    body: Document,
    repairs: Repairs,
    item_names: frozenset[str],
    charset: str | None,
    reader: _ItemReader,
    given: int,
) -> Iterator[RawRecord]:
    """The records of `body` read liberally, but for the first `given` ones."""
    parser = etree.XMLPullParser(
        events=("start", "end"), recover=True, strip_cdata=False, **SAFE_XML_OPTIONS
    )
    shadow = _StrictShadow()
    state = reader.state
    reader.titles = repairs.item_titles
    reader.broken = repairs.broken_items
    for chunk in repaired_chunks(body, repairs, item_names, charset, reader.max_item_bytes):
        shadow.feed(chunk)
        parser.feed(chunk)
        for record in reader.records(parser.read_events()):
            if state.count > given:
                yield record
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
        item = state.on_event(event, element, reader.check_root, reader.is_item)
        if item is not None:
            yield _cut(item, cut, reader.item_id, reader.content_type, repairs)
            state.forget(item)
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
        self.opened = 0  # outermost items started

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
            self.opened += self.depth == 1
            return None
        self.depth -= 1
        return None if self.depth else element

    def forget(self, element: etree._Element) -> None:
        """Free what the tree holds of items already yielded: memory stays constant."""
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None and parent.get(XML_BASE) is None:
            link = _feed_link(parent)  # about to be freed, needed by the next relative links
            if link:
                parent.set(XML_BASE, link)
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


XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_LINKS = frozenset({"link", "url"})
"""Local names of the elements whose text (or `href`) is an item's address."""
_FEED_LINKS = frozenset({"link", "publisherurl"})
"""Local names of a feed's own address: RSS channel and Atom feed `link`, Indeed's publisher."""


def item_base(item: etree._Element, url: str) -> str:
    """The address the relative links of a stored `item` resolve against: its `xml:base` (set
    by `anchor` when the feed gave one), resolved against `url`, the feed's own address."""
    return urljoin(url, item.get(XML_BASE) or "")


def anchor(item: etree._Element) -> None:
    """Give an item whose links are relative (`<link>/offres/5</link>`) the `xml:base` they
    resolve against, so that its payload, stored alone, still resolves them.

    The rule is feedparser's and RFC 3986's (https://feedparser.readthedocs.io/en/latest/
    resolving-relative-links.html): the nearest `xml:base` (each resolved against the one
    enclosing it), else the feed's own address (RSS `<channel><link>`, Atom `<link href>`,
    Indeed `<publisherurl>`), else the address the feed was fetched from (applied when the
    payload is read). Items whose links are all absolute are left as they are (their payload
    does not change). The feed's address, once found, is kept on its element as `xml:base`:
    the items already read, and its `<link>` with them, are freed from the tree.
    """
    if not any(_relative(link) for link in _item_links(item)):
        return
    base = ""
    for ancestor in reversed(list(item.iterancestors())):
        given = ancestor.get(XML_BASE) or _feed_link(ancestor)
        if given:
            if ancestor.get(XML_BASE) is None:
                ancestor.set(XML_BASE, given)
            base = urljoin(base, given.strip())
    own = item.get(XML_BASE)
    base = urljoin(base, own.strip()) if own else base
    if urlsplit(base).scheme.lower() in ("http", "https"):
        item.set(XML_BASE, base)


def _item_links(item: etree._Element) -> Iterator[str]:
    for element in item.iter():
        if isinstance(element.tag, str) and local_name(element) in _LINKS:
            value = element.get("href") if element.get("href") is not None else element.text
            if value and value.strip():
                yield value.strip()


def _relative(link: str) -> bool:
    try:
        return not urlsplit(link).scheme
    except ValueError:
        return False


def _feed_link(element: etree._Element) -> str | None:
    """The feed's own address among `element`'s children (or its RDF `<channel>`'s)."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "channel" and element.getparent() is None:
            found = _feed_link(child)
            if found:
                return found
        if name not in _FEED_LINKS:
            continue
        if child.get("href") is not None:
            if child.get("rel", "alternate") == "alternate":
                return child.get("href")
        elif child.text and child.text.strip():
            return child.text.strip()
    return None


def _record(
    element: etree._Element,
    item_id: Callable[[etree._Element, str], str],
    content_type: Callable[[etree._Element], str],
    max_item_bytes: int,
) -> RawRecord:
    anchor(element)
    payload = etree.tostring(element, encoding="unicode", with_tail=False)
    external_id = item_id(element, payload)
    size = len(payload.encode())
    if size > max_item_bytes:
        return RawRecord(
            external_id=external_id,
            payload=payload[:TRUNCATED_PAYLOAD_CHARS],
            content_type=content_type(element),
            error=(
                f"élément de {size / 1048576:.1f} Mio commencé ligne {element.sourceline}, "
                f"au-delà de la limite de {max_item_bytes / 1048576:g} Mio par élément : "
                "gardé tronqué, il n'est pas lu"
            ),
        )
    return RawRecord(external_id=external_id, payload=payload, content_type=content_type(element))


def _unread(
    element: etree._Element,
    item_id: Callable[[etree._Element, str], str],
    content_type: Callable[[etree._Element], str],
    reason: str,
) -> RawRecord:
    """An item the liberal reading could not read (`Repairs.broken_items`): kept, truncated,
    with the reason, so that it is quarantined alone."""
    payload = etree.tostring(element, encoding="unicode", with_tail=False)
    return RawRecord(
        external_id=item_id(element, payload),
        payload=payload[:TRUNCATED_PAYLOAD_CHARS],
        content_type=content_type(element),
        error=f"élément commencé ligne {element.sourceline} : {reason}",
    )


def parse_payload(payload: str) -> etree._Element:
    """Parse one stored payload (a single element) safely; raise ItemError when it is not XML."""
    try:
        parser = etree.XMLParser(strip_cdata=False, **SAFE_XML_OPTIONS)
        element = etree.fromstring(payload.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise ItemError(
            f"l'élément stocké n'est pas du XML bien formé : {describe_syntax_error(error)}"
        ) from None
    if element.getroottree().docinfo.internalDTD is not None:
        raise ItemError("refusé : l'élément stocké porte une DTD")
    return element
