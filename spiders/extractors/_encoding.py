"""Decoding feeds as feedparser does: BOM, HTTP charset, XML declaration, then windows-1252.

The byte order mark wins (XML 1.0 appendix F; WHATWG Encoding, "BOM sniff"). Then, following
RFC 3023 as feedparser's `encodings.convert_to_utf8` applies it, the `charset` of the HTTP
Content-Type, when the type is an XML one (application/xml, application/*+xml, text/xml,
text/*+xml) or any other text/* type; then the encoding the XML declaration names; then UTF-8.
As feedparser does when its first choice fails ("document declared as X, but parsed as Y"), an
HTTP charset the document's bytes cannot be read in gives way to its declaration when they can
be read in that. Bytes the chosen encoding cannot read are read as windows-1252 one by one (a
feed declared UTF-8 but written in Windows-1252, or mixing both), and counted in `Repairs`.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterator

from spiders.extractors._document import CHUNK_BYTES, Document
from spiders.extractors._repairs import Repairs

__all__ = ["CHUNK_BYTES", "choose_encoding", "decoded_chunks", "http_charset"]
_UNICODE_FAMILIES = ("utf-16", "utf-32", "utf16", "utf32", "ucs-2", "ucs-4", "unicode")
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")


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


_XML_TYPES = (
    "application/xml",
    "application/xml-dtd",
    "application/xml-external-parsed-entity",
)


def http_charset(content_type: str | None) -> str | None:
    """The charset an HTTP Content-Type gives a feed, lower-case, or None.

    Taken, as feedparser does (RFC 3023), for XML types (application/xml, application/*+xml,
    text/xml, text/*+xml) and any other text/* type; ignored for other types
    (application/octet-stream), whose charset says nothing of an XML document.
    """
    if not content_type:
        return None
    mime, _, parameters = content_type.partition(";")
    mime = mime.strip().lower()
    xml = mime in _XML_TYPES or (mime.startswith("application/") and mime.endswith("+xml"))
    if not (xml or mime.startswith("text/")):
        return None
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").strip().lower()
            return charset[:40] or None
    return None


def choose_encoding(
    body: bytes | Document, charset: str | None = None
) -> tuple[str, int, str | None, str | None]:
    """(encoding to read `body` with, bytes of BOM to skip, declared encoding, note or None).

    `body` is the document's bytes, or a Document (a file is read by chunks, in bounded memory).

    The byte order mark wins, then `charset` (the HTTP Content-Type's, see `http_charset`),
    then the XML declaration, then UTF-8. A charset the bytes cannot be read in gives way to a
    declaration they can be read in. A declaration that cannot be true (UTF-16 read in ASCII)
    or names no known encoding is overridden, with a note. "Declared encoding" is the one the
    chosen reading comes from, as "x (en-tête HTTP)" when it is the HTTP charset.
    """
    body = Document.of(body)
    encoding, skip, declared, note = _from_document(body)
    if charset is None or skip or encoding.startswith(_UNICODE_FAMILIES) or encoding == "cp037":
        return encoding, skip, declared, note  # a BOM, or bytes sniffed as UTF-16, win
    codec = _codec("gb18030" if charset == "gb2312" else charset)
    if codec is None:
        unknown = f"encodage « {charset} » de l'en-tête HTTP inconnu, ignoré"
        return encoding, skip, declared, _join(note, unknown)
    if _reading(codec) == _codec(encoding):
        return encoding, skip, declared, note
    said = f"{charset} (en-tête HTTP)"
    announced = f"encodage annoncé {charset} par l'en-tête HTTP"
    if codec in _SINGLE_BYTE and _is_utf8_text(body, skip):
        return "utf-8", skip, said, f"{announced}, lu comme utf-8 : ses octets sont de l'utf-8"
    if codec.startswith(_UNICODE_FAMILIES):
        ignored = f"{announced} ignoré : le document est écrit en octets"
        return encoding, skip, declared, _join(note, ignored)
    if declared is None:
        return _reading(codec), skip, said, None
    if not _decodes(body, codec) and _decodes(body, encoding):
        return (
            encoding,
            skip,
            declared,
            (
                f"{announced}, mais le document ne s'y lit pas : lu comme {_said(encoding)}, "
                "selon sa déclaration"
            ),
        )
    return (
        _reading(codec),
        skip,
        said,
        (
            f"encodage déclaré {declared} contredit par l'en-tête HTTP : lu comme {charset} "
            "(l'en-tête prime, RFC 3023)"
        ),
    )


def _reading(codec: str) -> str:
    """The codec text in `codec` is read with: ISO-8859-1 as windows-1252 (as browsers and
    feedparser's fallback do), ASCII as UTF-8 (its superset)."""
    if codec in ("latin_1", "iso8859-1"):
        return "cp1252"
    return "utf-8" if codec == "ascii" else codec


def _said(codec: str) -> str:
    """A codec's name as people know it ("windows-1252", not "cp1252")."""
    return {"cp1252": "windows-1252", "latin_1": "iso-8859-1"}.get(codec, codec)


def _join(first: str | None, second: str) -> str:
    return f"{first} ; {second}" if first else second


def _decodes(body: Document, encoding: str) -> bool:
    """True when every byte of `body` reads in `encoding`; by chunks, memory stays bounded."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        for chunk in body.chunks():
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _from_document(body: Document) -> tuple[str, int, str | None, str | None]:
    """`choose_encoding` from the document alone: its BOM, its declaration, else UTF-8."""
    first = body.head(4 + 1024)
    sniffed, skip = _sniff(first[:4])
    head = first[skip : skip + 1024]
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
    if codec in _SINGLE_BYTE and _is_utf8_text(body, skip):
        note = f"encodage déclaré {declared}, lu comme utf-8 : ses octets sont de l'utf-8"
        return "utf-8", skip, declared, note
    if codec in ("ascii", "latin_1", "iso8859-1"):
        return "windows-1252" if codec != "ascii" else "utf-8", skip, declared, None
    return codec, skip, declared, None


_SINGLE_BYTE = frozenset(
    {"latin_1", "iso8859-1", "cp1252", "iso8859-15", "ascii", "windows-1252", "mac-roman"}
)


def _is_utf8_text(body: Document, skip: int) -> bool:
    """True when `body` holds non-ASCII bytes and all of them make valid UTF-8 sequences.

    A text in a single-byte charset almost never does (an accented letter alone is an invalid
    UTF-8 byte), so a document declared ISO-8859-1 or windows-1252 that does is UTF-8 written
    under a wrong declaration, as browsers' and chardet's detection read it. Read by chunks:
    memory stays bounded.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    ascii_only = True
    try:
        for chunk in body.chunks(skip):
            ascii_only = ascii_only and chunk.isascii()
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return not ascii_only


def decoded_chunks(
    body: bytes | Document, repairs: Repairs, charset: str | None = None
) -> Iterator[str]:
    """The text of `body` (bytes, or a Document read from its file), chunk by chunk, in the
    encoding `choose_encoding` gives it (`charset`: the HTTP Content-Type's); bytes that
    encoding cannot read are read as windows-1252."""
    body = Document.of(body)
    encoding, skip, declared, note = choose_encoding(body, charset)
    repairs.encoding_note = note
    repairs.declared, repairs.read_as = declared, _said(encoding)
    decoder = codecs.getincrementaldecoder(encoding)(errors="relais-windows-1252")
    lines = 0
    for chunk in body.chunks(skip):
        _FALLBACK.count = _FALLBACK.first = 0
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
