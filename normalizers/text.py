"""Small text helpers shared by the normalizers: accent folding, lookup keys, shortening."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_SAINT = re.compile(r"\b(SAINTE|SAINT)\b")


class _FoldTable(dict[int, str]):
    """Each character's accent-free form, computed the first time the character is met."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).translate(_LIGATURES))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable({code: chr(code) for code in range(128)})
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_FOLDED_CHARACTERS: dict[str, str] = {}  # a non-ASCII character → its accent-free form
_SHORT_TEXT = 64
"""Longer texts have only their runs of non-ASCII characters looked up (most letters are
ASCII): faster than translating every character, slower on a short name."""
_LONG_TEXT = 500
"""Texts this long are folded once for the recent few: one description is folded by several
readers (ROME words, remote work, experience)."""


def _fold_run(run: re.Match[str]) -> str:
    characters = run.group(0)
    folded = _FOLDED_CHARACTERS.get(characters)
    if folded is None:
        folded = characters.translate(_FOLD)
        if len(characters) == 1:
            _FOLDED_CHARACTERS[characters] = folded
    return folded


@lru_cache(maxsize=8)
def _fold_long(text: str) -> str:
    return _NOT_ASCII.sub(_fold_run, text).upper()


def fold(text: str) -> str:
    """Upper-case `text` without accents or ligatures ("Saint-Étienne" → "SAINT-ETIENNE")."""
    if text.isascii():
        return text.upper()  # every ASCII character folds to itself
    if len(text) < _SHORT_TEXT:
        return text.translate(_FOLD).upper()
    if len(text) >= _LONG_TEXT:
        return _fold_long(text)
    return _NOT_ASCII.sub(_fold_run, text).upper()


def name_key(text: str) -> str:
    """The lookup key of a place name: folded, punctuation as spaces, Saint/Sainte as ST/STE."""
    key = _NOT_ALNUM.sub(" ", fold(text)).strip()
    return _SAINT.sub(lambda m: "STE" if m.group(1) == "SAINTE" else "ST", key)


@lru_cache(maxsize=16)
def _separators(kept: str) -> bytes:
    """A byte table turning every byte but ASCII capitals, digits and `kept` into a space.

    Raises ValueError when `kept` holds "?", which stands for every non-ASCII character."""
    if "?" in kept or not kept.isascii():
        raise ValueError(f"caractères gardés non pris en charge : {kept!r}")
    allowed = {ord(c) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" + kept}
    return bytes(code if code in allowed else ord(" ") for code in range(256))


def ascii_words(folded: str, kept: str = "") -> str:
    """The runs of ASCII capitals, digits and `kept` (ASCII) characters of `folded` text (see
    `fold`), one space apart: "CDI – 35 H/SEM." with kept "/" → "CDI 35 H/SEM". The same as
    `re.sub(r"[^0-9A-Z<kept>]+", " ", folded).strip()`, on bytes (several times faster)."""
    marked = folded.encode("ascii", "replace").translate(_separators(kept))  # others are "?"
    return b" ".join(marked.split()).decode("ascii")


def collapse(text: str) -> str:
    """`text` with every run of whitespace made one space, and trimmed."""
    return " ".join(text.split())  # str.split's whitespace is the regex \s


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, ending with "…" if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    boundary = cut.rfind(" ")
    if boundary > limit // 2:
        cut = cut[:boundary]
    return cut.rstrip(" ,;:-") + "…"
