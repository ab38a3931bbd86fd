"""Liberal reading of XML feeds: decode as feedparser does, repair what breaks XML, say what.

The bytes of a feed are decoded and repaired in chunks (constant memory) into UTF-8 text that a
strict XML parser accepts: the encoding is sniffed from the BOM and the XML declaration, bytes
the declared encoding cannot read are read as windows-1252 (feedparser's own fallback); HTML
entities undefined in XML become characters, bare `&` and `<` become text, characters XML forbids
are dropped, HTML void tags (`<br>`) are closed. The DTD is removed: it is never given to a
parser, so nothing external is fetched and nothing expands; simple text entities it declares
(feedparser's "safe entities") are replaced within a budget, and a document that uses any other
entity its DTD declares (external or nested: XXE, billion laughs) is refused.

`Repairs` counts what was changed and says it in French for the people who run the source.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from xml.sax.saxutils import escape

from spiders.extractors._document import Document
from spiders.extractors._encoding import decoded_chunks
from spiders.extractors._repairs import Repairs
from spiders.extractors.base import FeedError

__all__ = ["Repairs", "repaired_chunks"]

MAX_ENTITY_EXPANSION = 1024 * 1024
"""Characters that entities declared in a DTD may add to a document, in all."""
MAX_ENTITY_VALUE = 1024
MAX_NAME = 200
"""Characters of an attribute name beyond which it is text gone astray, dropped."""
MAX_TRACKED_DEPTH = 512
"""Elements open at once beyond which tags are no longer followed (a parser stops at 256)."""
MAX_ITEM_DEPTH = 128
"""Elements open at once inside one item beyond which the item is not read (a parser stops at
256 in the whole document, and the items after it would be lost)."""
MAX_ITEM_CHARS = 1024 * 1024
"""Characters of one item beyond which the rest of it is skipped unread (memory stays bounded)."""
FEED_ITEMS = frozenset({"item", "entry"})
"""The local names of the items of RSS and Atom feeds, lower-case."""
_HTML_ELEMENTS = frozenset(
    """a abbr b big blockquote br center cite code dd del div dl dt em font h1 h2 h3 h4 h5 h6 hr
    i img ins kbd li mark ol p pre q s small span strike strong sub sup table tbody td tfoot th
    thead tr tt u ul""".split()
)
"""HTML elements feeds write unescaped inside their text (the HTML 4 body elements)."""
_MARGIN = 64  # a reference or a tag name is never longer: text this close to a chunk's end waits

_XML_ENTITIES = {"amp": "&#38;", "lt": "&#60;", "gt": "&#62;", "quot": "&#34;", "apos": "&#39;"}
"""XML's own entities, written as character references: a liberal parser that met a fault drops
the entity references that follow it (libxml2 2.14: `&lt;p&gt;` read as "p"), never those."""
_HTML_ENTITIES = {
    name[:-1]: value for name, value in html.entities.html5.items() if name.endswith(";")
}

_SPECIAL = re.compile(
    r"""
    (?=&|<[!?]|<(?![A-Za-z_:/])|<(?i:br|hr|img|wbr)|</?[A-Za-z_:]|\]\]>|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff])
    (?:(?P<comment><!--.*?(?:-->|\Z))
    |(?P<cdata><!\[CDATA\[)
    |(?P<cdata_end>\]\]>)
    |(?P<declaration><\?xml(?=[\s?]).*?(?:\?>|\Z))
    |(?P<pi><\?.*?(?:\?>|\Z))
    |(?P<doctype><!(?i:DOCTYPE)(?:[^\[>]|\[.*?(?:\]|\Z))*(?:>|\Z))
    |(?P<void><(?i:br|hr|img|wbr)(?=[\s/>])(?:[^<>"']|"[^"<]*"|'[^'<]*')*+(?:["'][^<>]*+)?+(?:>|\Z|(?=<)))
    |(?P<tag><(?P<end>/)?(?P<name>[A-Za-z_:][^\s/<>"']*)(?P<attributes>(?:[^<>"']|"[^"<]*"|'[^'<]*')*+(?:["'][^<>]*+)?+)(?:>|\Z|(?=<)))
    |(?P<reference>&(?:\#[0-9]{1,10};?|\#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)?)
    |(?P<bang><!)
    |(?P<lt><(?![A-Za-z_:/!?]))
    |(?P<invalid>[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]))
    """,
    re.DOTALL | re.VERBOSE,
)
_ENTITY = re.compile(
    r"""<!ENTITY\s+(?P<parameter>%\s+)?(?P<name>[^\s"'>%]+)\s+
    (?:(?P<external>SYSTEM|PUBLIC)\b|"(?P<double>[^"]*)"|'(?P<single>[^']*)')""",
    re.VERBOSE | re.IGNORECASE,
)
_LATE_DECLARATION = re.compile(r"\A(?:(?!<\?xml\s).){0,4096}?(<\?xml\s)", re.DOTALL)
_TAG = re.compile(r"<[^<>]*>")
_SPACES = re.compile(r"\s+")
_CHARACTER_REFERENCE = re.compile(r"&#(?:[0-9]{1,10}|[xX][0-9a-fA-F]{1,8});")
_CLEAN_ATTRIBUTES = re.compile(
    r"""(?:\s+[A-Za-z_][-\w.]*(?::[A-Za-z_][-\w.]*)?\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*\s*/?""",
)
_VOID_NAME = re.compile(r"<[A-Za-z]+")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][-\w.]*(?::[A-Za-z_][-\w.]*)?")
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s=/>"'<]+)
    (?:\s*=\s*(?:"(?P<double>[^"]*)(?P<closed_double>")?
    |'(?P<single>[^']*)(?P<closed_single>')?
    |(?P<bare>[^\s"'>]+)))?""",
    re.VERBOSE,
)
_VALUE_SPECIAL = re.compile(
    r"&(?:\#[0-9]{1,10};?|\#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)?|<|\""
)
_INVALID_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CDATA_MARKER = re.compile(r"<!\[CDATA\[|\]\]>")
MAX_CDATA_WAIT = 1024 * 1024
"""Characters after a CDATA section's start within which its `]]>` is waited for; past them, a
section without it ends at the first tag that ends it (see `_Scanner._cdata`)."""
_CDATA_PART = re.compile(
    r"""(?P<open><!\[CDATA\[)|(?P<close>\]\]>)
    |</(?P<end>[A-Za-z_:][^\s/<>"']*)\s*>|<(?P<start>[A-Za-z_:][^\s/<>"']*)[\s/>]""",
    re.VERBOSE,
)
"""What a CDATA section's end is looked for among: another section's start (nested), its end,
and the tags that end it when its `]]>` is missing (an open element's end, an item's start)."""


class _Scanner:
    """Repairs decoded text chunk by chunk; see the module's docstring."""

    def __init__(
        self,
        repairs: Repairs,
        items: frozenset[str] = FEED_ITEMS,
        max_item_chars: int = MAX_ITEM_CHARS,
    ) -> None:
        self.repairs = repairs
        self.items = items  # an item starting while one is open ends it
        self.max_item_chars = max_item_chars
        self.item_chars = 0  # characters of the open item read before the current window
        self.skipping: str | None = None  # why the rest of the open item is skipped unread
        self.skipped = 0  # characters of the open item skipped so far
        self.skip_line = 0  # the line the skip started at
        self.cut_at_tag = False  # `_tag` began a skip: the window is cut after this tag
        self.inside: dict[int, list[str]] = {}
        """For the element open at each depth: the names of the elements (not HTML) opened
        inside it, at most three; a field left open with such ones swallowed its neighbours."""
        names = "|".join(re.escape(name) for name in sorted(items))
        self.item_boundary = re.compile(
            rf"</(?:[^\s<>/:]+:)?(?:{names})\s*>|<(?:[^\s<>/:]+:)?(?:{names})(?=[\s/>])",
            re.IGNORECASE,
        )
        self.entities: dict[str, str] = {}
        self.forbidden: dict[str, str] = {}  # entity declared external, parameter or nested
        self.expanded = 0
        self.lines = 0
        self.last_character = ""
        self.open: list[str] = []  # the names of the elements open, outermost first
        self.untracked = False
        self.closed_root = False  # the last tag read ended the outermost element
        self.item_number = 0  # outermost items started so far

    def _follow_item(self) -> None:
        """Tell `repairs` which item (its number, from 1) the text read is in; 0 for none."""
        inside = _last_item(self.open, self.items) is not None
        self.repairs.item = self.item_number if inside else 0

    def repair(self, window: str, final: bool) -> tuple[str, str]:
        """(repaired text, what stays for the next window because it may continue there)."""
        out: list[str] = []
        while True:
            if self.skipping is not None:
                window, done = self._skip(window, final)
                if not done:
                    return "".join(out), window
            text, window, cut = self._repair_window(window, final)
            out.append(text)
            if not cut:
                return "".join(out), window

    def _skip(self, window: str, final: bool) -> tuple[str, bool]:
        """Drop the text of the item being skipped up to its end tag or the next item's start:
        (what is left of `window`, whether the skip ended)."""
        boundary = self.item_boundary.search(window)
        if boundary is not None:
            end = boundary.start()
        else:
            end = len(window) if final else max(len(window) - _MARGIN, 0)
        dropped = window[:end]
        self.skipped += len(dropped)
        self.lines += dropped.count("\n")
        self.last_character = dropped[-1:] or self.last_character
        if boundary is None and not final:
            return window[end:], False
        self._end_skip()
        return window[end:], True

    def _begin_skip(self, reason: str, window: str, offset: int) -> str:
        """Stop reading the open item at `offset`: the end tags of the elements open inside it
        (the parser gets a whole item), the rest of it is dropped by `_skip`."""
        item = _last_item(self.open, self.items)
        assert item is not None
        self.skipping = reason
        self.skipped = 0
        self.skip_line = self._line(window, offset)
        closed = self.open[item + 1 :]
        del self.open[item + 1 :]
        return "".join(f"</{name}>" for name in reversed(closed))

    def _end_skip(self) -> None:
        size = (self.item_chars + self.skipped) / 1048576
        limit = self.max_item_chars / 1048576
        reasons = {
            "size": f"offre trop longue : au moins {size:.1f} millions de caractères, au-delà "
            f"de la limite de {limit:g} Mio par offre ; lue jusqu'à la ligne {self.skip_line}, "
            "la suite ignorée".replace(".", ","),
            "depth": f"plus de {MAX_ITEM_DEPTH} balises imbriquées les unes dans les autres "
            f"(ligne {self.skip_line}), au-delà de la limite par offre : la suite ignorée",
        }
        self.repairs.item_broken(self.item_number, reasons[self.skipping or "size"])
        self.skipping = None

    def _repair_window(self, window: str, final: bool) -> tuple[str, str, bool]:
        """(repaired text, the rest of `window`, whether the open item is to be skipped from
        the start of that rest on)."""
        out: list[str] = []
        position = 0
        limit = len(window) if final else max(len(window) - _MARGIN, 0)
        while True:
            match = _SPECIAL.search(window, position)
            if match is None:
                limit = max(limit, position)
                break
            if not final and (match.end() == len(window) or match.start() >= limit):
                limit = match.start()
                break
            if match.lastgroup == "cdata":
                section = self._cdata(window, match.start(), final)
                if section is None:  # its end is in the text to come
                    if self._item_chars(len(window)) > self.max_item_chars:
                        out.append(window[position : match.start()])
                        return self._cut("size", out, window, match.start())
                    limit = match.start()
                    break
                out.append(window[position : match.start()])
                out.append(section[0])
                position = section[1]
                continue
            out.append(window[position : match.start()])
            out.append(self._token(match, window))
            position = match.end()
            if self.cut_at_tag:
                self.cut_at_tag = False
                self._consumed(window, position)
                return "".join(out), window[position:], True
        out.append(window[position:limit])
        if self._item_chars(limit) > self.max_item_chars:
            return self._cut("size", out, window, limit)
        self._consumed(window, limit)
        return "".join(out), window[limit:], False

    def _item_chars(self, offset: int) -> int:
        """The characters of the open item up to `offset` in the window; 0 outside items."""
        if _last_item(self.open, self.items) is None:
            return 0
        return self.item_chars + offset

    def _consumed(self, window: str, end: int) -> None:
        """Count the text of `window` read up to `end`: lines, the open item's characters."""
        self.lines += window.count("\n", 0, end)
        self.last_character = window[end - 1 : end] or self.last_character
        self.item_chars += end

    def _cut(self, reason: str, out: list[str], window: str, offset: int) -> tuple[str, str, bool]:
        out.append(self._begin_skip(reason, window, offset))
        self._consumed(window, offset)
        return "".join(out), window[offset:], True

    def _line(self, window: str, offset: int) -> int:
        return self.lines + window.count("\n", 0, offset) + 1

    def _token(self, match: re.Match[str], window: str) -> str:
        kind = match.lastgroup
        if kind == "tag":
            tag = self._tag(match, window)
            self._follow_item()
            return tag
        token = match.group()
        repairs = self.repairs
        if kind == "reference":
            return self._reference(token, window, match.start())
        if kind == "cdata_end":  # a section's end without its start: the marker alone goes
            repairs.stray_cdata_ends += 1
            repairs.seen("cdata_end", lambda: self._line(window, match.start()))
            repairs.item_fault(
                "marque de fin de section CDATA « ]]> » sans début retirée, le texte autour gardé"
            )
            return ""
        if kind == "invalid":
            repairs.forbidden_characters += 1
            repairs.seen("forbidden", lambda: self._line(window, match.start()))
            return ""
        if kind == "lt" or kind == "bang":
            repairs.bare_brackets += 1
            repairs.seen("bracket", lambda: self._line(window, match.start()))
            return "&lt;" + token[1:]
        if kind == "declaration":
            return ""  # the text goes on in UTF-8, whatever the declaration said
        if kind == "doctype":
            self._doctype(token)
            return ""
        if kind == "void":
            unended = not token.endswith(">") and match.end() < len(window)
            name = _VOID_NAME.match(token).group()[1:]  # type: ignore[union-attr]
            if unended:  # `<img src="x` before the next tag
                token += ">"
            if token.endswith(">"):
                token = self._start_tag(token, len(name) + 1, window, match.start(), unended)
            end_tag = window[match.end() : match.end() + len(name) + 2]
            if token.endswith("/>") or end_tag.lower() == f"</{name.lower()}":
                return token
            repairs.void_tags += 1
            repairs.seen("void", lambda: self._line(window, match.start()))
            return token[:-1].rstrip() + "/>" if token.endswith(">") else token + "/>"
        cleaned = self._drop_forbidden(token, window, match.start())
        if kind == "comment" and not cleaned.endswith("-->"):
            repairs.unclosed.append("commentaire")
            return cleaned + "-->"
        if kind == "pi" and not cleaned.endswith("?>"):
            return ""
        return cleaned

    def _cdata(self, window: str, start: int, final: bool) -> tuple[str, int] | None:
        """(the CDATA section starting at `start` written well-formed, where it ends in
        `window`), or None when its end may be in the text to come.

        A section opened inside another (`<![CDATA[a <![CDATA[b]]> c]]>`, as CMSs write when
        they wrap text already wrapped) is part of it: its markers are dropped, its text kept,
        and the outer section ends at the `]]>` matching its own start. A section whose `]]>`
        is missing (none matches it by the end of the document, or within MAX_CDATA_WAIT
        characters) ends before the end tag of an element open around it or the start of the
        next item, never later: the rest of the document stays markup.
        """
        depth = 1
        markers: list[tuple[int, int]] = []  # inner markers, dropped
        end = body_end = None
        unterminated = False
        for part in _CDATA_MARKER.finditer(window, start + 9):
            depth += 1 if part.group() == "<![CDATA[" else -1
            if depth == 0:
                body_end, end = part.start(), part.end()
                break
            markers.append(part.span())
        if end is None:
            if not final and len(window) - start <= MAX_CDATA_WAIT:
                return None
            markers = []
            for part in _CDATA_PART.finditer(window, start + 9):
                if part.lastgroup in ("open", "close"):
                    markers.append(part.span())
                elif (part.lastgroup == "end" and part.group("end") in self.open) or (
                    part.lastgroup == "start" and _local_name(part.group("start")) in self.items
                ):
                    body_end = end = part.start()
                    break
            if end is None:
                if not final:
                    return None
                body_end = end = len(window)
            unterminated = True
        pieces, position = [], start + 9
        for marker_start, marker_end in markers:
            pieces.append(window[position:marker_start])
            position = marker_end
        pieces.append(window[position:body_end])
        body = self._drop_forbidden("".join(pieces), window, start).replace("]]>", "]]&gt;")
        repairs = self.repairs
        if markers:
            repairs.nested_cdata += 1
            repairs.seen("nested_cdata", lambda: self._line(window, start))
            repairs.item_fault(
                "section CDATA ouverte dans une autre : ses marques « <![CDATA[ » et « ]]> » "
                "retirées, tout son texte gardé"
            )
        if unterminated:
            if end == len(window):
                repairs.unclosed.append("section CDATA")
            else:
                repairs.unterminated_cdata += 1
                repairs.seen("unterminated_cdata", lambda: self._line(window, start))
                repairs.item_fault(
                    "section CDATA sans « ]]> » fermée à la fin de son élément, "
                    "tout son texte gardé"
                )
        return f"<![CDATA[{body}]]>", end

    def _tag(self, match: re.Match[str], window: str) -> str:
        """An ordinary tag, its element followed: end tags a feed forgot are written.

        An end tag closes the elements opened after its own (`<title>B<b>gras</title>` ends
        `<b>` too, as an HTML reader does). An `<item>` or `<entry>` starting while one is open
        ends it first (its `</item>` was missing). An end tag of an HTML element that closes
        nothing is dropped; any other that closes nothing is taken for a misspelling of the
        innermost open element's and ends it. The end of the document adds nothing: a document
        cut short stays so.
        """
        token = match.group()
        name = match.group("name")
        open_ = self.open
        if not token.endswith(">"):
            if match.end() == len(window):
                return token  # the end of the document: it stays cut
            if match.group("end") is not None or "=" not in match.group("attributes"):
                return self._bare_bracket(token, window, match.start())
            token += ">"  # `<a href="x` before the next tag: its ">" is missing
        if match.group("end") is not None:
            if match.group("attributes").strip():  # `</title junk>`
                self._broken_attributes(window, match.start())
                token = f"</{name}>"
        else:
            token = self._start_tag(
                token,
                match.start("attributes") - match.start(),
                window,
                match.start(),
                not match.group().endswith(">"),
            )
        if self.untracked:
            return token
        if match.group("end") is None:
            if token.endswith("/>"):
                self._note_inside(name)
                return token
            closing = ""
            if _local_name(name) in self.items:
                item = _last_item(open_, self.items)
                if item is not None:
                    closing = self._close_down_to(item, window, match.start(), "item")
                if _last_item(open_, self.items) is None:
                    self.item_number += 1
                    self.item_chars = -match.start()
            else:
                item = _last_item(open_, self.items)
                if item is not None and len(open_) - item > MAX_ITEM_DEPTH:
                    self.cut_at_tag = True
                    return self._begin_skip("depth", window, match.start())
                self._note_inside(name)
            self.closed_root = False
            if len(open_) >= MAX_TRACKED_DEPTH:
                self.untracked = True  # the parser refuses such a depth anyway
            self.inside[len(open_)] = []
            open_.append(name)
            return closing + token
        if open_ and open_[-1] == name:
            open_.pop()
            self.closed_root = not open_
            return token
        for index in range(len(open_) - 1, -1, -1):
            if open_[index] == name:
                return self._close_down_to(index + 1, window, match.start(), "unclosed") + (
                    _pop(open_, token)
                )
        lowered = name.lower()
        for index in range(len(open_) - 1, -1, -1):
            if open_[index].lower() == lowered:  # `<Item>…</item>`: XML names keep their case
                self.repairs.case_end_tags += 1
                self.repairs.seen("case", lambda: self._line(window, match.start()))
                closing = self._close_down_to(index + 1, window, match.start(), "unclosed")
                ended = open_.pop()
                self.repairs.case_example = self.repairs.case_example or f"</{name}> pour <{ended}>"
                self.closed_root = not open_
                return f"{closing}</{ended}>"
        if open_ and name.lower() not in _HTML_ELEMENTS:
            # a misspelled end tag (`<title>…</titel>`) ends the element it stands for
            self.repairs.mismatched_end_tags += 1
            self.repairs.seen("mismatched", lambda: self._line(window, match.start()))
            return f"</{open_.pop()}>"
        self.repairs.stray_end_tags += 1
        self.repairs.seen("stray", lambda: self._line(window, match.start()))
        return ""

    def _bare_bracket(self, token: str, window: str, offset: int) -> str:
        """`token`, which looked like a tag but ends at the next one without `>` nor attribute
        ("Bac+2 <BTS requis"), as text: its `<` escaped, the rest repaired as text is."""
        self.repairs.bare_brackets += 1
        self.repairs.seen("bracket", lambda: self._line(window, offset))
        lines, last = self.lines, self.last_character
        self.lines = self._line(window, offset) - 1
        rest, _ = self.repair(token[1:], final=True)
        self.lines, self.last_character = lines, last
        return "&lt;" + rest

    def _broken_attributes(self, window: str, offset: int) -> None:
        self.repairs.broken_tags += 1
        self.repairs.seen("attribute", lambda: self._line(window, offset))

    def _start_tag(
        self, token: str, start: int, window: str, offset: int, unended: bool = False
    ) -> str:
        """`token` (a start tag ending in ">"; `unended`: whose ">" was missing and added) with
        its attributes written as XML wants them.

        As an HTML reader does: a value left without its closing quote ends at the tag's end,
        a value without quotes or an attribute without a value (`checked`) is quoted, `<` and
        bare `&` in a value are escaped, HTML entities are read, text that makes no attribute
        and repeated attributes are dropped. Line breaks stay where they were.
        """
        attributes = token[start:-1]
        if (
            not unended
            and _CLEAN_ATTRIBUTES.fullmatch(attributes)
            and (attributes.count("=") < 2 or _distinct_names(attributes))
        ):
            return token
        self_closing = attributes.rstrip().endswith("/")
        if self_closing:
            attributes = attributes.rstrip()[:-1]
        written, broken = self._attributes(attributes, window, offset)
        if broken or unended:
            self._broken_attributes(window, offset)
        return token[:start] + written + ("/>" if self_closing else ">")

    def _attributes(self, text: str, window: str, offset: int) -> tuple[str, bool]:
        """(the attributes of `text` rewritten well-formed, whether anything but an entity was
        repaired)."""
        out: list[str] = []
        names: set[str] = set()
        broken = False
        position = 0
        while position < len(text):
            space_end = position
            while space_end < len(text) and text[space_end].isspace():
                space_end += 1
            space = text[position:space_end]
            match = _ATTRIBUTE.match(text, space_end)
            if match is None:  # a stray quote or "=": dropped
                broken = True
                out.append(space + "\n" * text[space_end : space_end + 1].count("\n"))
                position = space_end + 1
                continue
            position = match.end()
            name = match.group("name")
            if len(name) > MAX_NAME or _ATTRIBUTE_NAME.fullmatch(name) is None or name in names:
                broken = True
                out.append(space + "\n" * match.group().count("\n"))
                continue
            names.add(name)
            value = match.group("double")
            if value is None:
                value = match.group("single")
            if value is None:
                value = match.group("bare")
            if (
                value is None
                or match.group("bare") is not None
                or (match.group("double") is not None and not match.group("closed_double"))
                or (match.group("single") is not None and not match.group("closed_single"))
                or not space
            ):
                broken = True
            if value is None:
                value = name
            escaped, escape_broken = self._attribute_value(value, window, offset)
            broken = broken or escape_broken
            out.append(f'{space or " "}{name}="{escaped}"')
        return "".join(out), broken

    def _attribute_value(self, value: str, window: str, offset: int) -> tuple[str, bool]:
        """`value` escaped for a double-quoted attribute; True when a `<` had to be."""
        broken = False

        def escaped(match: re.Match[str]) -> str:
            nonlocal broken
            token = match.group()
            if token == "<":
                broken = True
                return "&lt;"
            if token == '"':
                return "&quot;"
            return self._reference(token, window, offset)

        return _VALUE_SPECIAL.sub(escaped, value), broken

    def _close_down_to(self, index: int, window: str, offset: int, kind: str) -> str:
        """End tags for the elements open from `index` on, innermost first; they are closed.

        A field of an item left open (not an HTML element) inside which other fields were
        opened swallowed them: which text belongs to which field is unknown, the item is
        not read (`Repairs.item_broken`)."""
        self._swallowed(index, window, offset)
        closed = self.open[index:]
        del self.open[index:]
        if kind == "item":
            self.repairs.unclosed_items += 1
        else:
            self.repairs.unclosed_tags += len(closed)
        self.repairs.seen(kind, lambda: self._line(window, offset))
        return "".join(f"</{name}>" for name in reversed(closed))

    def _note_inside(self, name: str) -> None:
        """Note an element (not HTML) opened now in the innermost open element not HTML."""
        if _local_name(name) in _HTML_ELEMENTS:
            return
        for depth in range(len(self.open) - 1, -1, -1):
            if _local_name(self.open[depth]) not in _HTML_ELEMENTS:
                names = self.inside.setdefault(depth, [])
                if len(names) < 3 and f"<{name}>" not in names:
                    names.append(f"<{name}>")
                return

    def _swallowed(self, index: int, window: str, offset: int) -> None:
        """Mark the open item broken when an element left open from `index` on swallowed
        others (see `_close_down_to`)."""
        item = _last_item(self.open, self.items)
        if item is None:
            return
        for depth in range(max(index, item + 1), len(self.open)):
            name = self.open[depth]
            swallowed = self.inside.get(depth)
            if swallowed and _local_name(name) not in _HTML_ELEMENTS:
                self.repairs.item_broken(
                    self.item_number,
                    f"la balise <{name}> n'est jamais fermée : {', '.join(swallowed)} "
                    f"{'y est tombé' if len(swallowed) == 1 else 'y sont tombés'} (fermée "
                    f"d'office ligne {self._line(window, offset)}) ; on ne sait plus quel texte "
                    "va dans quel champ, l'offre n'est pas lue",
                )
                return

    def _drop_forbidden(self, token: str, window: str, offset: int) -> str:
        cleaned, removed = _INVALID_CHARACTER.subn("", token)
        if removed:
            self.repairs.forbidden_characters += removed
            self.repairs.seen("forbidden", lambda: self._line(window, offset))
        return cleaned

    def _reference(self, token: str, window: str, offset: int) -> str:
        repairs = self.repairs
        if not token.endswith(";"):
            repairs.bare_ampersands += 1
            repairs.seen("ampersand", lambda: self._line(window, offset))
            return "&amp;" + token[1:]
        name = token[1:-1]
        if name.startswith("#"):
            return self._character_reference(token, name, window, offset)
        if name in _XML_ENTITIES:
            return _XML_ENTITIES[name]
        if name in self.forbidden:
            raise FeedError(
                f"refusé : le document utilise l'entité &{name}; que sa DTD déclare "
                f"{self.forbidden[name]} ; seules les entités de texte simple sont acceptées "
                f"(protection XXE et expansion d'entités) ; ligne {self._line(window, offset)}"
            )
        if name in self.entities:
            value = self.entities[name]
            self.expanded += len(value)
            if self.expanded > MAX_ENTITY_EXPANSION:
                raise FeedError(
                    "refusé : les entités déclarées dans la DTD ajouteraient plus de "
                    f"{MAX_ENTITY_EXPANSION // 1048576} Mio au document (expansion d'entités), "
                    f"dépassés par &{name}; ligne {self._line(window, offset)}"
                )
            repairs.declared_entities += 1
            return value
        if name in _HTML_ENTITIES:
            repairs.undefined_entities[name] += 1
            repairs.seen("entity", lambda: self._line(window, offset))
            return "".join(f"&#{ord(char)};" for char in _HTML_ENTITIES[name])
        repairs.unknown_entities[name] += 1
        repairs.seen("unknown", lambda: self._line(window, offset))
        return "&amp;" + token[1:]

    def _character_reference(self, token: str, name: str, window: str, offset: int) -> str:
        try:
            code = int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:])
        except ValueError:
            code = -1
        if 0x80 <= code <= 0x9F:
            character = bytes([code]).decode("windows-1252", errors="ignore")
            if character:
                self.repairs.windows_1252_references += 1
                self.repairs.seen("reference", lambda: self._line(window, offset))
                return f"&#{ord(character)};"
        if code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD:
            return f"&#{code};"  # "&#X41;" is HTML's, not XML's
        if 0x10000 <= code <= 0x10FFFF:
            return f"&#{code};"
        self.repairs.forbidden_characters += 1
        self.repairs.seen("forbidden", lambda: self._line(window, offset))
        return ""

    def _doctype(self, doctype: str) -> None:
        """Keep the simple text entities a DTD declares; note the others, refused if used.

        The DTD itself is dropped: no parser ever sees it, nothing is fetched or expanded.
        """
        self.repairs.dtd = True
        for match in _ENTITY.finditer(doctype):
            name = match.group("name")
            value = match.group("double")
            value = match.group("single") if value is None else value
            if match.group("parameter"):
                continue  # used only inside the DTD, which is dropped
            if match.group("external") or value is None:
                self.forbidden[name] = "externe (SYSTEM ou PUBLIC)"
            elif len(value) > MAX_ENTITY_VALUE:
                self.forbidden[name] = f"longue de {len(value)} caractères"
            elif "%" in value or _CHARACTER_REFERENCE.sub("", value).count("&"):
                self.forbidden[name] = "faite d'autres entités"
            else:
                text = _CHARACTER_REFERENCE.sub(_character, value)
                self.entities[name] = escape(_INVALID_CHARACTER.sub("", text))


def _distinct_names(attributes: str) -> bool:
    """True when no attribute of a well-formed attribute list is written twice."""
    names = [name for name, _ in re.findall(r"([^\s=]+)\s*=\s*(\"[^\"]*\"|'[^']*')", attributes)]
    return len(names) == len(set(names))


def _local_name(name: str) -> str:
    return name.rsplit(":", 1)[-1].lower()


def _last_item(open_: list[str], items: frozenset[str]) -> int | None:
    """The index of the innermost open item (`items`: local names, lower-case), else None."""
    for index in range(len(open_) - 1, -1, -1):
        if _local_name(open_[index]) in items:
            return index
    return None


def _pop(open_: list[str], token: str) -> str:
    open_.pop()
    return token


def _character(match: re.Match[str]) -> str:
    reference = match.group()[2:-1]
    try:
        code = int(reference[1:], 16) if reference[:1] in ("x", "X") else int(reference)
        return chr(code)
    except (ValueError, OverflowError):
        return ""


def _without_leading_junk(text: str, repairs: Repairs) -> str:
    """The document from its XML declaration, or from its first markup: what a server printed
    before it (a PHP warning, a notice) is dropped, and its first words noted; line breaks
    stay, so that every line keeps its number."""
    declaration = _LATE_DECLARATION.search(text)
    if declaration is not None:
        start = declaration.start(1)
    else:
        start = len(text) - len(text.lstrip())
        start = text.find("<", start) if not text.startswith("<", start) else start
    junk = text[:start] if start > 0 else ""
    if not junk.strip():
        return text
    repairs.lines_dropped = sum(1 for line in junk.splitlines() if line.strip())
    repairs.leading_junk = _SPACES.sub(" ", _TAG.sub("", junk)).strip()[:60].rstrip() or "<…>"
    return "\n" * junk.count("\n") + text[start:]  # the lines keep their numbers


def repaired_chunks(
    body: bytes | Document,
    repairs: Repairs,
    items: frozenset[str] = FEED_ITEMS,
    charset: str | None = None,
    max_item_chars: int = MAX_ITEM_CHARS,
) -> Iterator[bytes]:
    """`body` decoded and repaired, as UTF-8 chunks a strict XML parser accepts token-wise;
    a Document is read from its file chunk by chunk.

    `items` are the local names (lower-case) of the document's items: one that starts while
    another is open ends that one (its end tag was missing). `charset` is the HTTP
    Content-Type's (`_encoding.http_charset`), None when there is none. An item longer than
    `max_item_chars` characters, or nesting more than MAX_ITEM_DEPTH elements, is read up to
    there and its rest dropped (its elements closed), noted in `repairs.broken_items`."""
    scanner = _Scanner(repairs, items, max_item_chars)
    pending = ""
    for number, text in enumerate(decoded_chunks(body, repairs, charset)):
        if number == 0:
            text = _without_leading_junk(text, repairs)
        repaired, pending = scanner.repair(pending + text, final=False)
        if repaired:
            yield repaired.encode("utf-8")
    repaired, _ = scanner.repair(pending, final=True)
    repairs.ends_closed = scanner.closed_root and not scanner.untracked
    repairs.last_line = max(scanner.lines + (scanner.last_character != "\n"), 1)
    if repaired:
        yield repaired.encode("utf-8")
