"""Remote work read from what a source says: fully remote, some days a week, or on site.

A perk such as "2 jours de télétravail possibles" makes an on-site job hybrid, never remote: only
an explicit statement ("full remote", "télétravail complet", "100 % à distance") makes it remote.
"""

from __future__ import annotations

import re

from normalizers.memo import text_memo
from normalizers.text import ascii_words, collapse, fold
from schemas.offers import RemoteMode, RemoteWork

MAX_TEXT_CHARS = 300
MAX_DESCRIPTION_CHARS = 20_000

_FULL = re.compile(
    r"\bFULL(?:Y)? ?REMOTE\b|\b100 ?(?:%|POURCENT|PERCENT)? ?(?:EN |DE )?(?:REMOTE|TELETRAVAIL|"
    r"TELE TRAVAIL|DISTANCIEL)\b|\bTELETRAVAIL (?:COMPLET|TOTAL|INTEGRAL|A 100|100|PERMANENT)\b"
    r"|\bTOUT EN TELETRAVAIL\b|\b(?:TOTALEMENT|ENTIEREMENT|100 ?%?) A DISTANCE\b|\bREMOTE ONLY\b"
    r"|\bFULL TELETRAVAIL\b|\bWORK FROM ANYWHERE\b|\bTELETRAVAIL UNIQUEMENT\b|\bREMOTE FIRST\b"
    r"|\bTELECOMMUTE\b|\bPOSTE (?:EN|A) DISTANCE\b|\bFULLY DISTRIBUTED\b"
)
_ON_SITE = re.compile(
    r"\b(?:PAS|AUCUN|SANS|NI) (?:DE )?TELETRAVAIL\b"
    r"|\bTELETRAVAIL (?:N EST )?(?:NON|PAS|IMPOSSIBLE|EXCLU)"
    r"|\bNON TELETRAVAILLABLE\b|\b100 ?%? (?:EN )?(?:PRESENTIEL|SUR SITE|ON ?SITE)\b"
    r"|\bNO REMOTE\b|\bFULL(?:Y)? ON ?SITE\b|\bON ?SITE ONLY\b|\bPRESENTIEL UNIQUEMENT\b"
)
_REMOTE_WORD = r"(?:TELETRAVAIL|TELE TRAVAIL|REMOTE|HOME ?OFFICE|WFH|DISTANCIEL|A DISTANCE)"
_DAYS = re.compile(
    rf"(?<![\d,.])([1-5])(?: ?(?:A|-|OU|TO) ?[1-5])? ?(?:JOURS?|J|DAYS?)\b(?: ?(?:PAR|/|A LA|PER|"
    rf"A|EN) ?(?:SEMAINE|SEM|WEEK))?(?: DE| OF| EN| IN)? ?{_REMOTE_WORD}"
    rf"|\b{_REMOTE_WORD}(?: [A-Z]+){{0,3}}? ([1-5])(?: ?(?:A|-|OU|TO) ?[1-5])? ?"
    rf"(?:JOURS?|J|DAYS?)\b"
)
_HYBRID = re.compile(rf"\bHYBRIDE?\b|\bFLEX OFFICE\b|\b{_REMOTE_WORD}\b")
# In running text "à distance" and "remote" say many other things ("support à distance").
_HYBRID_IN_TEXT = re.compile(
    r"\bTELE ?TRAVAIL\b|\bHOME ?OFFICE\b|\bWFH\b|\bHYBRIDE?\b|\bREMOTE (?:WORK|FRIENDLY|POSSIBLE)"
    r"|\bWORK(?:ING)? (?:REMOTELY|FROM HOME)\b|\bTELETRAVAILLER\b"
)
# What a remote field says on its own: "Remote", "Télétravail occasionnel", "On-site", "false".
_FIELD_FULL = re.compile(r"^(?:REMOTE|TELETRAVAIL|TRUE|YES|OUI|TELECOMMUTE|FULLY REMOTE)$")
_FIELD_ON_SITE = re.compile(
    r"^(?:ON ?SITE|IN OFFICE|SUR SITE|PRESENTIEL|FALSE|NO|NON|AUCUN|NONE|OFFICE)$"
)


def _words(text: str) -> str:
    return ascii_words(fold(text), "%")


def _days(words: str) -> float | None:
    match = _DAYS.search(words)
    return float(match.group(1) or match.group(2)) if match else None


# Every pattern above that running text is read with holds one of these words: a text without
# any of them says nothing of remote work, and the long patterns need not run over it.
_RUNNING_TEXT_CUES = (
    "TELETRAVAIL",
    "TELE TRAVAIL",
    "TELECOMMUTE",
    "REMOTE",
    "DISTAN",
    "ANYWHERE",
    "DISTRIBUTED",
    "PRESENTIEL",
    "ON SITE",
    "ONSITE",
    "SUR SITE",
    "HOME",
    "WFH",
    "HYBRID",
)


def _read(words: str, *, running_text: bool) -> tuple[RemoteMode | None, float | None]:
    if running_text and not any(cue in words for cue in _RUNNING_TEXT_CUES):
        return None, None
    field = not running_text
    if _ON_SITE.search(words) or (field and _FIELD_ON_SITE.match(words)):
        return RemoteMode.ON_SITE, None
    if _FULL.search(words) or (field and _FIELD_FULL.match(words)):
        return RemoteMode.FULL, None
    days = _days(words)
    hybrid = _HYBRID_IN_TEXT if running_text else _HYBRID
    if days is not None or hybrid.search(words):
        return RemoteMode.HYBRID, days
    return None, None


@text_memo
def parse_remote(
    text: str | None, *, place: str | None = None, description: str | None = None
) -> RemoteWork:
    """Remote work as the source states it: in its remote field, its place, or its description.

    The remote field wins over the place ("Lyon (télétravail partiel)"), which wins over the
    description. A remote field saying just "Remote" (as ATS feeds do) is full remote; the
    description makes a job fully remote only with an explicit statement, and any other mention
    of remote work ("télétravail 2 jours par semaine", "accord de télétravail") makes it hybrid.
    Memoized (`normalizers.memo`): the same descriptions come again.
    """
    written = collapse(text or "")[:MAX_TEXT_CHARS] or None
    for source, running_text in ((written, False), (place, False), (description, True)):
        if not source:
            continue
        limit = MAX_DESCRIPTION_CHARS if running_text else MAX_TEXT_CHARS
        mode, days = _read(_words(source[:limit]), running_text=running_text)
        if mode is not None:
            return RemoteWork(text=written, mode=mode, days_per_week=days)
    return RemoteWork(text=written)


def with_remote_place(
    remote: RemoteWork, *, place_is_remote: bool, field: str | None
) -> RemoteWork:
    """`remote` made full when the offer's place is remote work itself ("Remote - France",
    "Télétravail (France)": no workplace, open to France), unless the source's remote field
    states another mode (`field`, as `parse_remote` reads it). A place read as remote has no
    workplace to go to, so the job is fully remote even when the words "remote" and a country
    alone would read as hybrid."""
    if not place_is_remote or remote.mode == RemoteMode.FULL:
        return remote
    if parse_remote(field).mode is not None:
        return remote
    return remote.model_copy(update={"mode": RemoteMode.FULL, "days_per_week": None})
