"""Decoding feeds as feedparser does: BOM, XML declaration, then windows-1252 for what is left.

The byte order mark wins, then the encoding the XML declaration names, then UTF-8. Bytes the
chosen encoding cannot read are read as windows-1252 one by one (a feed declared UTF-8 but
written in Windows-1252, or mixing both), and counted in `Repairs`.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterator

from spiders.extractors._repairs import Repairs

CHUNK_BYTES = 64 * 1024
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
    if codec in _SINGLE_BYTE and _is_utf8_text(body, skip):
        note = f"encodage déclaré {declared}, lu comme utf-8 : ses octets sont de l'utf-8"
        return "utf-8", skip, declared, note
    if codec in ("ascii", "latin_1", "iso8859-1"):
        return "windows-1252" if codec != "ascii" else "utf-8", skip, declared, None
    return codec, skip, declared, None


_SINGLE_BYTE = frozenset(
    {"latin_1", "iso8859-1", "cp1252", "iso8859-15", "ascii", "windows-1252", "mac-roman"}
)


def _is_utf8_text(body: bytes, skip: int) -> bool:
    """True when `body` holds non-ASCII bytes and all of them make valid UTF-8 sequences.

    A text in a single-byte charset almost never does (an accented letter alone is an invalid
    UTF-8 byte), so a document declared ISO-8859-1 or windows-1252 that does is UTF-8 written
    under a wrong declaration, as browsers' and chardet's detection read it. Read by chunks:
    memory stays bounded.
    """
    if body.isascii():
        return False
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        for start in range(skip, len(body), CHUNK_BYTES):
            decoder.decode(body[start : start + CHUNK_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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
