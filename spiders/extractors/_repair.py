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

import codecs
import html.entities
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from spiders.extractors.base import FeedError

CHUNK_BYTES = 64 * 1024
MAX_ENTITY_EXPANSION = 1024 * 1024
"""Characters that entities declared in a DTD may add to a document, in all."""
MAX_ENTITY_VALUE = 1024
_MARGIN = 64  # a reference or a tag name is never longer: text this close to a chunk's end waits

_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_HTML_ENTITIES = {
    name[:-1]: value for name, value in html.entities.html5.items() if name.endswith(";")
}
_UNICODE_FAMILIES = ("utf-16", "utf-32", "utf16", "utf32", "ucs-2", "ucs-4", "unicode")

_SPECIAL = re.compile(
    r"""
    (?=&|<[!?]|<(?![A-Za-z_:/])|<(?i:br|hr|img|wbr)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff])
    (?:(?P<comment><!--.*?(?:-->|\Z))
    |(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))
    |(?P<declaration><\?xml(?=[\s?]).*?(?:\?>|\Z))
    |(?P<pi><\?.*?(?:\?>|\Z))
    |(?P<doctype><!(?i:DOCTYPE)(?:[^\[>]|\[.*?(?:\]|\Z))*(?:>|\Z))
    |(?P<void><(?i:br|hr|img|wbr)(?=[\s/>])[^<>]*(?:>|\Z))
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
_CHARACTER_REFERENCE = re.compile(r"&#(?:[0-9]{1,10}|[xX][0-9a-fA-F]{1,8});")
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_INVALID_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Repairs:
    """What reading one document repaired, counted, with the line of the first of each kind."""

    encoding_note: str | None = None
    declared: str | None = None
    read_as: str = "utf-8"
    fallback_bytes: int = 0
    undefined_entities: Counter[str] = field(default_factory=Counter)
    unknown_entities: Counter[str] = field(default_factory=Counter)
    declared_entities: int = 0
    bare_ampersands: int = 0
    bare_brackets: int = 0
    forbidden_characters: int = 0
    windows_1252_references: int = 0
    void_tags: int = 0
    dtd: bool = False
    unclosed: list[str] = field(default_factory=list)
    structure: str | None = None
    truncated: str | None = None
    last_line: int = 0
    """The number of lines of the document, once read."""
    first_lines: dict[str, int] = field(default_factory=dict)

    def seen(self, kind: str, line: Callable[[], int]) -> None:
        """Keep the line of the first repair of `kind` (computed only then)."""
        if kind not in self.first_lines:
            self.first_lines[kind] = line()

    def _at(self, kind: str, feminine: bool = False) -> str:
        line = self.first_lines.get(kind)
        first = "la première" if feminine else "le premier"
        return f" ({first} à la ligne {line})" if line else ""

    def notes(self) -> list[str]:
        """What was repaired, one sentence each, in French, for the people who run the source."""
        notes = [self.encoding_note] if self.encoding_note else []
        if self.fallback_bytes:
            declared = (
                f"encodage déclaré {self.declared}" if self.declared else "aucun encodage déclaré"
            )
            notes.append(
                f"{declared}, lu comme windows-1252 pour "
                f"{_count(self.fallback_bytes, 'octet', 'octets')} qui ne se "
                f"{_agree(self.fallback_bytes, 'lit', 'lisent')} pas en {self.read_as}"
                f"{self._at('fallback')}"
            )
        if self.undefined_entities:
            total = sum(self.undefined_entities.values())
            shown = ", ".join(f"&{name};" for name, _ in self.undefined_entities.most_common(3))
            notes.append(
                f"{_count(total, 'entité non définie', 'entités non définies')} en XML "
                f"({shown}) {_agree(total, 'lue comme une entité', 'lues comme des entités')} HTML"
                f"{self._at('entity', feminine=True)}"
            )
        if self.unknown_entities:
            total = sum(self.unknown_entities.values())
            shown = ", ".join(f"&{name};" for name, _ in self.unknown_entities.most_common(3))
            notes.append(
                f"{_count(total, 'entité inconnue', 'entités inconnues')} ({shown}) "
                f"{_agree(total, 'gardée telle quelle', 'gardées telles quelles')} comme du "
                f"texte{self._at('unknown', feminine=True)}"
            )
        if self.bare_ampersands:
            notes.append(
                f"{_count(self.bare_ampersands, '« & » isolé', '« & » isolés')} "
                f"{_agree(self.bare_ampersands, 'lu', 'lus')} comme du texte{self._at('ampersand')}"
            )
        if self.bare_brackets:
            notes.append(
                f"{_count(self.bare_brackets, '« < » isolé', '« < » isolés')} "
                f"{_agree(self.bare_brackets, 'lu', 'lus')} comme du texte{self._at('bracket')}"
            )
        if self.forbidden_characters:
            notes.append(
                f"{_count(self.forbidden_characters, 'caractère interdit', 'caractères interdits')}"
                f" en XML {_agree(self.forbidden_characters, 'retiré', 'retirés')}"
                f"{self._at('forbidden')}"
            )
        if self.windows_1252_references:
            notes.append(
                f"{_count(self.windows_1252_references, 'référence', 'références')} &#128; à "
                f"&#159; {_agree(self.windows_1252_references, 'lue', 'lues')} comme "
                f"windows-1252{self._at('reference', feminine=True)}"
            )
        if self.void_tags:
            notes.append(
                f"{_count(self.void_tags, 'balise HTML', 'balises HTML')} <br>, <hr>, <img> "
                f"{_agree(self.void_tags, 'non fermée fermée', 'non fermées fermées')}"
                f"{self._at('void', feminine=True)}"
            )
        if self.dtd:
            replaced = (
                f" ; {_count(self.declared_entities, 'entité simple remplacée', 'entités simples remplacées')}"  # noqa: E501
                if self.declared_entities
                else ""
            )
            notes.append(f"DTD ignorée (jamais chargée){replaced}")
        if self.unclosed:
            notes.append(
                f"section non fermée à la fin du document fermée : {', '.join(self.unclosed)}"
            )
        if self.structure:
            notes.append(f"structure XML réparée : {self.structure}")
        if self.truncated:
            notes.append(self.truncated)
        return notes


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {_agree(number, singular, plural)}"


def _agree(number: int, singular: str, plural: str) -> str:
    return singular if number == 1 else plural


_FALLBACK = threading.local()


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes the declared encoding cannot as windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    if not getattr(_FALLBACK, "count", 0):
        _FALLBACK.first = error.start
    _FALLBACK.count = getattr(_FALLBACK, "count", 0) + len(bad)
    text = "".join(
        bytes([byte]).decode("windows-1252", errors="replace").replace("\ufffd", chr(byte))
        for byte in bad
    )
    return text, error.end


codecs.register_error("relais-windows-1252", _windows_1252)


def _sniff(head: bytes) -> tuple[str | None, int]:
    """(encoding given by a byte order mark or the first bytes, BOM length) per XML appendix F."""
    for bom, name in (
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
    ):
        if head.startswith(bom):
            return name, len(bom)
    for marker, name in (
        (b"\x00\x00\x00<", "utf-32-be"),
        (b"<\x00\x00\x00", "utf-32-le"),
        (b"\x00<\x00?", "utf-16-be"),
        (b"<\x00?\x00", "utf-16-le"),
        (b"\x4c\x6f\xa7\x94", "cp037"),
    ):
        if head.startswith(marker):
            return name, 0
    return None, 0


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def choose_encoding(body: bytes) -> tuple[str, int, str | None, str | None]:
    """(encoding to read `body` with, bytes of BOM to skip, declared encoding, note or None).

    The byte order mark wins, then the XML declaration, then UTF-8. A declaration that cannot be
    true (UTF-16 read in ASCII) or names no known encoding is overridden, with a note.
    """
    sniffed, skip = _sniff(body[:4])
    head = body[skip : skip + 1024]
    if sniffed and sniffed not in ("utf-8",):
        head = head.decode(sniffed, errors="replace").encode("ascii", errors="replace")
    match = _DECLARED.match(head)
    declared = match.group(1).decode("ascii").lower() if match else None
    if sniffed and not skip and declared and sniffed == "cp037":
        codec = _codec(declared)  # EBCDIC has several code pages: the declaration says which
        return codec or sniffed, skip, declared, None
    if sniffed:
        return sniffed, skip, declared, None
    if declared is None:
        return "utf-8", skip, None, None
    codec = _codec("gb18030" if declared == "gb2312" else declared)
    if codec is None:
        return "utf-8", skip, declared, f"encodage déclaré « {declared} » inconnu, lu comme utf-8"
    if codec.startswith(_UNICODE_FAMILIES) or declared.startswith(_UNICODE_FAMILIES):
        note = f"encodage déclaré {declared}, mais le document est écrit en octets : lu comme utf-8"
        return "utf-8", skip, declared, note
    if codec in ("ascii", "latin_1", "iso8859-1"):
        return "windows-1252" if codec != "ascii" else "utf-8", skip, declared, None
    return codec, skip, declared, None


def decoded_chunks(body: bytes, repairs: Repairs) -> Iterator[str]:
    """The text of `body`, chunk by chunk; bytes its encoding cannot read are read as cp1252."""
    encoding, skip, declared, note = choose_encoding(body)
    repairs.encoding_note = note
    repairs.declared, repairs.read_as = declared, encoding
    decoder = codecs.getincrementaldecoder(encoding)(errors="relais-windows-1252")
    lines = 0
    for start in range(skip, len(body), CHUNK_BYTES):
        _FALLBACK.count = _FALLBACK.first = 0
        chunk = body[start : start + CHUNK_BYTES]
        text = decoder.decode(chunk)
        if _FALLBACK.count:
            if not repairs.fallback_bytes:
                repairs.first_lines["fallback"] = lines + chunk.count(b"\n", 0, _FALLBACK.first) + 1
            repairs.fallback_bytes += _FALLBACK.count
        lines += text.count("\n")
        yield text
    _FALLBACK.count = 0
    tail = decoder.decode(b"", final=True)
    repairs.fallback_bytes += _FALLBACK.count
    if tail:
        yield tail


class _Scanner:
    """Repairs decoded text chunk by chunk; see the module's docstring."""

    def __init__(self, repairs: Repairs) -> None:
        self.repairs = repairs
        self.entities: dict[str, str] = {}
        self.forbidden: dict[str, str] = {}  # entity declared external, parameter or nested
        self.expanded = 0
        self.lines = 0
        self.last_character = ""

    def repair(self, window: str, final: bool) -> tuple[str, str]:
        """(repaired text, what stays for the next window because it may continue there)."""
        out: list[str] = []
        position = 0
        limit = len(window) if final else max(len(window) - _MARGIN, 0)
        for match in _SPECIAL.finditer(window):
            if not final and (match.end() == len(window) or match.start() >= limit):
                limit = match.start()
                break
            out.append(window[position : match.start()])
            out.append(self._token(match, window))
            position = match.end()
        else:
            limit = max(limit, position)
        out.append(window[position:limit])
        repaired = "".join(out)
        self.lines += window.count("\n", 0, limit)
        self.last_character = window[limit - 1 : limit] or self.last_character
        return repaired, window[limit:]

    def _line(self, window: str, offset: int) -> int:
        return self.lines + window.count("\n", 0, offset) + 1

    def _token(self, match: re.Match[str], window: str) -> str:
        kind = match.lastgroup
        token = match.group()
        repairs = self.repairs
        if kind == "reference":
            return self._reference(token, window, match.start())
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
            if token.endswith("/>") or window.startswith("</", match.end()):
                return token
            repairs.void_tags += 1
            repairs.seen("void", lambda: self._line(window, match.start()))
            return token[:-1].rstrip() + "/>" if token.endswith(">") else token + "/>"
        cleaned = self._drop_forbidden(token, window, match.start())
        if kind == "comment" and not cleaned.endswith("-->"):
            repairs.unclosed.append("commentaire")
            return cleaned + "-->"
        if kind == "cdata" and not cleaned.endswith("]]>"):
            repairs.unclosed.append("section CDATA")
            return cleaned + "]]>"
        if kind == "pi" and not cleaned.endswith("?>"):
            return ""
        return cleaned

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
            return token
        if name in self.forbidden:
            raise FeedError(
                f"refusé : le document utilise l'entité &{name}; que sa DTD déclare "
                f"{self.forbidden[name]} ; seules les entités de texte simple sont acceptées "
                "(protection XXE et expansion d'entités)"
            )
        if name in self.entities:
            value = self.entities[name]
            self.expanded += len(value)
            if self.expanded > MAX_ENTITY_EXPANSION:
                raise FeedError(
                    "refusé : les entités déclarées dans la DTD ajouteraient plus de "
                    f"{MAX_ENTITY_EXPANSION // 1048576} Mio au document (expansion d'entités)"
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


def _character(match: re.Match[str]) -> str:
    reference = match.group()[2:-1]
    try:
        code = int(reference[1:], 16) if reference[:1] in ("x", "X") else int(reference)
        return chr(code)
    except (ValueError, OverflowError):
        return ""


def repaired_chunks(body: bytes, repairs: Repairs) -> Iterator[bytes]:
    """`body` decoded and repaired, as UTF-8 chunks a strict XML parser accepts token-wise."""
    scanner = _Scanner(repairs)
    pending = ""
    for text in decoded_chunks(body, repairs):
        repaired, pending = scanner.repair(pending + text, final=False)
        if repaired:
            yield repaired.encode("utf-8")
    repaired, _ = scanner.repair(pending, final=True)
    repairs.last_line = max(scanner.lines + (scanner.last_character != "\n"), 1)
    if repaired:
        yield repaired.encode("utf-8")
