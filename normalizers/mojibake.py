"""Text a source encoded twice ("OrlÃ©ans", "1 850 â‚¬"), repaired before anything reads it.

A feed or page that takes UTF-8 bytes for Windows-1252 (or Latin-1) and encodes them again
publishes mojibake: every accented letter becomes two or three odd characters, and the place,
the pay and the words the normalizers look for are lost. `ftfy` (https://ftfy.readthedocs.io),
the maintained library for exactly this, finds and undoes it; a text is changed only when
ftfy's badness heuristic says it really is mojibake (`ftfy.badness.is_bad`) and its
`fix_encoding` finds a re-encoding that undoes it, so text written in French, however
accented, is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

import ftfy
from ftfy.badness import BADNESS_RE

from normalizers.memo import text_memo
from schemas.source_offer import SourceOffer

__all__ = ["looks_bad", "repair_double_encoding", "repaired_text"]

_IDENTITY = frozenset({"external_id", "url", "apply_url"})


_REACH = 6
"""Every match of ftfy's `BADNESS_RE` (ftfy 6.3) holds a non-ASCII character and is at most
seven characters long ("ГўВЂВ" then two more): it lies within six characters of one."""
_NON_ASCII_CLUSTER = re.compile(rf"[^\x00-\x7f](?:[\x00-\x7f]{{0,{2 * _REACH}}}[^\x00-\x7f])*")
"""Non-ASCII characters at most 2 × `_REACH` ASCII characters apart: their windows touch."""


def looks_bad(text: str) -> bool:
    """`ftfy.badness.is_bad(text)`, searched only around the text's non-ASCII characters (a
    French text is mostly ASCII, and the badness expression is slow to try at every place)."""
    search = BADNESS_RE.search
    return any(
        search(text, max(0, cluster.start() - _REACH), cluster.end() + _REACH)
        for cluster in _NON_ASCII_CLUSTER.finditer(text)
    )


def repaired_text(text: str) -> str | None:
    """`text` with its double-encoded UTF-8 undone, or None when it is not mojibake (or
    ftfy finds no re-encoding that undoes it)."""
    if not text or text.isascii():
        return None
    return _repaired_non_ascii(text)


@text_memo
def _repaired_non_ascii(text: str) -> str | None:
    """`repaired_text` of a text with non-ASCII characters, memoized (`normalizers.memo`): the
    same descriptions and titles come again, and looking for mojibake reads them whole."""
    if not looks_bad(text):
        return None
    fixed = ftfy.fix_encoding(text)
    return fixed if fixed != text else None


def repair_double_encoding(item: SourceOffer) -> tuple[SourceOffer, int]:
    """(`item` with every text field that is mojibake repaired, the number of fields repaired).

    Every text field is looked at (title, description, place, company, contract, pay...) and
    each of `other_places`, but the item's id and addresses (its identity at its source); the
    item is returned unchanged when none is mojibake.
    """
    update: dict[str, Any] = {}
    repaired = 0
    for name, value in item:
        if name in _IDENTITY:
            continue
        if isinstance(value, str):
            fixed = repaired_text(value)
            if fixed is not None:
                update[name] = fixed
                repaired += 1
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            fixes = [repaired_text(v) for v in value]
            if any(fix is not None for fix in fixes):
                update[name] = [
                    v if fix is None else fix for v, fix in zip(value, fixes, strict=True)
                ]
                repaired += sum(fix is not None for fix in fixes)
    return (item.model_copy(update=update), repaired) if update else (item, 0)
