"""Small text helpers shared by the normalizers: accent folding, lookup keys, shortening."""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_SPACES = re.compile(r"\s+")
_SAINT = re.compile(r"\b(SAINTE|SAINT)\b")


class _FoldTable(dict[int, str]):
    """Each character's accent-free form, computed the first time the character is met."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).translate(_LIGATURES))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable({code: chr(code) for code in range(128)})


def fold(text: str) -> str:
    """Upper-case `text` without accents or ligatures ("Saint-Étienne" → "SAINT-ETIENNE")."""
    if text.isascii():
        return text.upper()  # every ASCII character folds to itself
    return text.translate(_FOLD).upper()


def name_key(text: str) -> str:
    """The lookup key of a place name: folded, punctuation as spaces, Saint/Sainte as ST/STE."""
    key = _NOT_ALNUM.sub(" ", fold(text)).strip()
    return _SAINT.sub(lambda m: "STE" if m.group(1) == "SAINTE" else "ST", key)


def collapse(text: str) -> str:
    """`text` with every run of whitespace made one space, and trimmed."""
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, ending with "…" if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    boundary = cut.rfind(" ")
    if boundary > limit // 2:
        cut = cut[:boundary]
    return cut.rstrip(" ,;:-") + "…"
