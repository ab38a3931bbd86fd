"""Safe JSON for the API extractors: decoding, bounded parsing, and one record per posting."""

from __future__ import annotations

import codecs
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from schemas.source_offer import SourceOffer
from schemas.validation_fr import french_reason_of
from spiders.extractors._lenient_json import french_json_error
from spiders.extractors._repairs import Repairs
from spiders.extractors._xml import MAX_ID_CHARS, MAX_ITEM_BYTES, MAX_ITEMS, TRUNCATED_PAYLOAD_CHARS
from spiders.extractors.base import FeedError, ItemError, RawRecord

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as Windows-1252, the usual culprit of mixed encodings."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("relais-cp1252", _cp1252_fallback)


def decode_text(body: bytes) -> str:
    """`body` as text: its BOM's encoding, else UTF-8 with stray bytes read as Windows-1252."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    return body.decode("utf-8", errors="relais-cp1252")


_JSON_TYPES = {
    "list": "tableau JSON",
    "str": "texte JSON",
    "int": "nombre JSON",
    "float": "nombre JSON",
    "bool": "booléen JSON",
    "NoneType": "null JSON",
}


def load_json(body: bytes | str, what: str = "le document") -> Any:
    """Parse a JSON document; FeedError saying where it is broken when it is not JSON."""
    text = decode_text(body) if isinstance(body, bytes) else body
    if not text.strip():
        raise FeedError(f"JSON mal formé : {what} est vide")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError(f"JSON mal formé : {french_json_error(error)}") from None
    except RecursionError:
        raise FeedError(f"JSON illisible : {what} est imbriqué trop profondément") from None
    except ValueError:  # e.g. an integer with thousands of digits
        raise FeedError(f"JSON illisible : {what} contient un nombre trop long") from None


def cut_postings(text: str, key: str | None) -> tuple[list[Any], str] | None:
    """The complete postings of a JSON answer cut before its end, and a French note saying so;
    None when `text` is not such an answer (it is broken elsewhere than at its end, or the cut
    falls before the list of postings starts).

    The list is `text`'s top-level array when `key` is None, else the array value of the
    top-level object's `key` (Greenhouse's `{"jobs": [...]}`). Each element before the cut is
    read with `json.JSONDecoder.raw_decode`, one after the other (linear in the length of
    `text`); the element the cut falls in is dropped whole, never kept half-read.
    """
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        at_the_end = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        if not at_the_end:
            return None
    except (ValueError, RecursionError):
        return None
    else:
        return None
    decoder = json.JSONDecoder()
    position = _skip_blanks(text, 0)
    try:
        if key is not None:
            position = _array_of_key(decoder, text, position, key)
            if position is None:
                return None
        elif not text.startswith("[", position):
            return None
        position += 1
        postings: list[Any] = []
        while True:
            position = _skip_blanks(text, position)
            if position >= len(text) or text[position] == "]":
                break
            try:
                posting, position = decoder.raw_decode(text, position)
            except (ValueError, RecursionError):
                break
            postings.append(posting)
            position = _skip_blanks(text, position)
            if not text.startswith(",", position):
                break
            position += 1
    except (ValueError, RecursionError, IndexError):
        return None
    sliced = bool(text[position:].strip().lstrip(",").strip())
    line = text.count("\n", 0, len(text.rstrip())) + 1
    if len(postings) > 1:
        kept = f"les {len(postings)} offres complètes avant la coupure sont gardées"
    elif postings:
        kept = "l'offre complète avant la coupure est gardée"
    else:
        kept = "aucune offre n'est complète avant la coupure"
    note = (
        f"le document JSON s'arrête à la ligne {line} avant sa fin : il a pu être coupé ; "
        f"{kept}{', celle que la coupure tranche est perdue' if sliced else ''}, et aucune "
        "offre n'est retirée parce qu'il ne la liste plus"
    )
    return postings, note


def _skip_blanks(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _array_of_key(decoder: json.JSONDecoder, text: str, position: int, key: str) -> int | None:
    """The offset of the `[` opening the array value of `key` in the object starting at
    `position`, None when the object has no such key before the cut."""
    if not text.startswith("{", position):
        return None
    position += 1
    while True:
        position = _skip_blanks(text, position)
        if not text.startswith('"', position):
            return None
        name, position = decoder.raw_decode(text, position)
        position = _skip_blanks(text, position)
        if not text.startswith(":", position):
            return None
        position = _skip_blanks(text, position + 1)
        if name == key:
            return position if text.startswith("[", position) else None
        _, position = decoder.raw_decode(text, position)
        position = _skip_blanks(text, position)
        if not text.startswith(",", position):
            return None
        position += 1


def read_object(payload: str) -> dict[str, Any]:
    """One stored JSON payload, which must be an object; ItemError otherwise."""
    try:
        data = json.loads(payload)
    except json.JSONDecodeError as error:
        raise ItemError(f"l'élément n'est pas du JSON : {french_json_error(error)}") from None
    except RecursionError:
        raise ItemError("l'élément n'est pas lisible : JSON imbriqué trop profondément") from None
    except ValueError:  # e.g. an integer with thousands of digits
        raise ItemError("l'élément n'est pas lisible : un nombre trop long") from None
    if not isinstance(data, dict):
        raise ItemError(
            f"l'élément est un {_JSON_TYPES.get(type(data).__name__, 'JSON')}, pas un objet JSON"
        )
    return data


def dump_payload(data: Any) -> str:
    """A posting as stored: compact JSON, non-ASCII kept, control characters escaped."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def stable_json_id(candidates: Iterable[object], payload: str) -> str:
    """The first usable candidate id as text, else a sha256 of the payload."""
    for candidate in candidates:
        if isinstance(candidate, bool) or candidate is None:
            continue
        value = str(candidate).strip() if isinstance(candidate, str | int) else ""
        if value:
            if len(value) > MAX_ID_CHARS:
                return "sha256:" + hashlib.sha256(value.encode()).hexdigest()
            return value
    return "sha256:" + hashlib.sha256(payload.encode()).hexdigest()


def postings_in(data: Any, key: str | None, what: str) -> list[Any]:
    """The list of postings of an API answer: `data[key]`, or `data` itself when key is None."""
    postings = data.get(key) if key is not None and isinstance(data, dict) else data
    if key is not None and not isinstance(data, dict):
        raise FeedError(f"réponse inattendue ({what}) : un objet JSON avec « {key} » était attendu")
    if postings is None and key is not None:
        raise FeedError(f"réponse inattendue ({what}) : pas de liste « {key} » dans l'objet JSON")
    if not isinstance(postings, list):
        raise FeedError(f"réponse inattendue ({what}) : {key or 'le document'} n'est pas une liste")
    return postings


def json_records(
    postings: Iterable[Any],
    *,
    posting_id: Callable[[dict[str, Any]], object],
    content_type: str,
    max_items: int = MAX_ITEMS,
    max_item_bytes: int = MAX_ITEM_BYTES,
    keep: Callable[[dict[str, Any]], bool] | None = None,
) -> Iterator[RawRecord]:
    """One raw record per posting object, its payload the posting as JSON.

    Entries that are not objects become records with an error; over `max_items` postings
    raise FeedError; a posting over `max_item_bytes` is flagged and stored truncated.
    """
    count = 0
    for index, posting in enumerate(postings):
        if isinstance(posting, dict) and keep is not None and not keep(posting):
            continue
        count += 1
        if count > max_items:
            raise FeedError(f"le document contient plus de {max_items} éléments, la limite")
        payload = dump_payload(posting)
        if not isinstance(posting, dict):
            yield RawRecord(
                external_id=stable_json_id([], payload),
                payload=payload[:TRUNCATED_PAYLOAD_CHARS],
                content_type=content_type,
                error=(
                    f"l'offre n° {index + 1} est un "
                    f"{_JSON_TYPES.get(type(posting).__name__, 'JSON')}, pas un objet JSON"
                ),
            )
            continue
        external_id = stable_json_id([posting_id(posting)], payload)
        size = len(payload.encode())
        if size > max_item_bytes:
            yield RawRecord(
                external_id=external_id,
                payload=payload[:TRUNCATED_PAYLOAD_CHARS],
                content_type=content_type,
                error=(
                    f"l'élément pèse {size / 1048576:.1f} Mio, au-delà de la limite de "
                    f"{max_item_bytes / 1048576:g} Mio par élément ; gardé tronqué"
                ),
            )
            continue
        yield RawRecord(external_id=external_id, payload=payload, content_type=content_type)


class JsonPostingsExtractor:
    """An API answer holding a list of postings; subclasses say where and how to read one."""

    kinds: tuple[str, ...] = ()
    content_type = "application/json"
    postings_key: str | None = None
    what = "espace carrières"

    def __init__(self, max_items: int = MAX_ITEMS, settings: dict[str, Any] | None = None):
        self.max_items = max_items
        self.settings = dict(settings or {})

    def posting_id(self, posting: dict[str, Any]) -> object:
        return posting.get("id")

    def keep(self, posting: dict[str, Any]) -> bool:
        """False for postings the board lists but does not publish."""
        return True

    def postings(self, data: Any) -> list[Any]:
        return postings_in(data, self.postings_key, self.what)

    def split(self, body: bytes, url: str, repairs: Repairs | None = None) -> Iterator[RawRecord]:
        """One record per posting of the API answer; FeedError when it is not one.

        Given `repairs`, an answer cut before its end keeps its complete postings
        (`cut_postings`) and `repairs.truncated` says so; without, it is a FeedError.
        """
        text = decode_text(body)
        try:
            postings = self.postings(load_json(text))
        except FeedError:
            cut = cut_postings(text, self.postings_key) if repairs is not None else None
            if cut is None:
                raise
            postings, repairs.truncated = cut  # type: ignore[union-attr]
        return json_records(
            postings,
            posting_id=self.posting_id,
            content_type=self.content_type,
            max_items=self.max_items,
            keep=self.keep,
        )

    def read(self, payload: str, url: str) -> SourceOffer:
        """Read one stored posting into a SourceOffer; ItemError when it cannot be."""
        posting = read_object(payload)
        try:
            return self.offer(posting, url)
        except ValueError as error:
            raise ItemError(
                f"l'élément ne fait pas une offre : {french_reason_of(error)}"
            ) from error

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        """The SourceOffer of one posting object."""
        raise NotImplementedError
