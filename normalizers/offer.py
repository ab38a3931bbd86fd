"""The composition: one SourceOffer becomes an Offer, or a Rejection naming every reason."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from normalizers.apply import how_to_apply
from normalizers.dates import (
    PARIS,
    date_problems,
    expired_message,
    next_yearless_day,
    parse_closing_date,
    parse_date,
    published_after,
    relative_confidence,
)
from normalizers.facts import (
    ReadFacts,
    category_facts,
    choose_contract,
    choose_experience,
    choose_place,
    choose_salary,
    choose_start,
)
from normalizers.html import html_to_text, sanitize_html
from normalizers.language import detect_language
from normalizers.mojibake import repair_double_encoding
from normalizers.remote import parse_remote, with_remote_place
from normalizers.rome import code_rome
from normalizers.text import collapse, shorten
from normalizers.text_facts import (
    FactKind,
    TextFact,
    TextFacts,
    description_lines,
    read_text_facts,
    written_publication_date,
)
from schemas import (
    Offer,
    Rejection,
    RejectionReason,
    SourceDefaults,
    SourceOffer,
)
from schemas.offers import FactName, FactOrigin, FactSource, PlaceMatch, RemoteWork

TITLE_MAX_CHARS = 300
COMPANY_MAX_CHARS = 200
VALUE_MAX_CHARS = 200


@dataclass(frozen=True)
class SourceContext:
    """What the normalizer knows about the source an item comes from."""

    source: str
    attribution: str
    defaults: SourceDefaults
    base_url: str | None = None
    fetched_at: datetime | None = None


class _Problems:
    """The reasons an item cannot become an offer, gathered before deciding."""

    def __init__(self) -> None:
        self.reasons: list[RejectionReason] = []

    def add(self, field: str, code: str, message: str, value: object = None) -> None:
        shown = None if value is None else shorten(str(value), VALUE_MAX_CHARS)
        self.reasons.append(RejectionReason(field=field, code=code, message=message, value=shown))


def _one_line(text: str | None) -> str | None:
    """HTML or text as one clean line, or None when nothing is left."""
    return collapse(html_to_text(text)) or None if text else None


def _title(item: SourceOffer, problems: _Problems) -> str:
    title = _one_line(item.title)
    if title is None:
        problems.add("title", "missing", "L'offre n'a pas de titre.", item.title)
        return ""
    return shorten(title, TITLE_MAX_CHARS)


def _description(item: SourceOffer, base_url: str | None, problems: _Problems) -> tuple[str, str]:
    """(safe HTML, plain text) of the description; a problem when nothing readable is left."""
    description_html = sanitize_html(item.description, base_url=base_url)
    description_text = html_to_text(description_html)
    if not description_text:
        if item.description and item.description.strip():
            problems.add(
                "description",
                "empty",
                "La description est vide une fois la mise en forme retirée : les candidats ne "
                "verraient rien du poste.",
                item.description,
            )
        else:
            problems.add("description", "missing", "L'offre n'a pas de description.")
    return description_html, description_text


def _facts(
    item: SourceOffer,
    context: SourceContext,
    title: str,
    description_text: str,
    remote: RemoteWork,
    text: TextFacts,
    now: datetime,
) -> ReadFacts:
    """Place, contract, pay and experience, from the fields or from the title and description
    (`text`, the snippets `read_text_facts` found), and when the job starts (`now`: when the
    offer was posted, else collected)."""
    read = ReadFacts()
    around = "\n".join(
        filter(None, (title, item.company_address, context.defaults.place, description_text))
    )
    choose_place(item, context.defaults, remote, text, read, around)
    choose_start(item, text, read, now)  # first: a contract "jusqu'au 30 juin" counts from it
    start_source = read.sources.pop("start", None)
    choose_contract(item, context.defaults, title, description_text, text, read, now)
    choose_salary(item, text, read)
    choose_experience(_one_line(item.experience), description_text, text, read)
    if start_source is not None:  # listed last, as before
        read.sources["start"] = start_source
    return read


def _rome_context(item: SourceOffer, description_text: str) -> str:
    """What besides the title tells the métier: the source's category, then the description."""
    category = _one_line(item.category)
    return f"{category}\n{description_text}" if category else description_text


_PLACE_KEYS = ("city", "place", "postal_code", "region", "country", "other_places")
"""The place fields whose source key names a place read from the fields, the finest first."""


def keyed_sources(
    sources: dict[FactName, FactSource], item: SourceOffer
) -> dict[FactName, FactSource]:
    """`sources` with each fact read from a field given the source's own key for it
    (`SourceOffer.field_keys`): a place read from its parts names the city's key when the
    item has one ("jobLocation.address.addressLocality"), else the first part's."""
    keyed: dict[FactName, FactSource] = {}
    for name, source in sources.items():
        key = None
        if source.origin == FactOrigin.FIELD and source.field:
            key = item.field_keys.get(source.field) if getattr(item, source.field, None) else None
            if source.field in _PLACE_KEYS:
                written = (
                    part for part in _PLACE_KEYS if part in item.field_keys and getattr(item, part)
                )
                key = item.field_keys.get(next(written, ""), key)
        keyed[name] = source.model_copy(update={"key": key}) if key else source
    return keyed


_NOT_CONTENT = frozenset({"content_hash", "fact_sources"})


def content_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of an offer's normalized fields, in a stable key order.

    `fields` is the offer as JSON-ready data (`Offer.model_dump(mode="json")`); its
    "content_hash" and "fact_sources" entries, if present, are left out: where a fact was read is
    no change of the offer, and offers stored before it was recorded keep their hash. An empty
    "disagreements" list is left out too, for the same reason (and a disagreement's "kept":
    "field", what every disagreement meant before the text could win), and so is an unknown "start"
    (offers stored before the start date was read keep their hash), and a salary's unknown
    "basis" (offers stored before it was read keep theirs).
    """
    content = {key: value for key, value in fields.items() if key not in _NOT_CONTENT}
    if not content.get("disagreements", True):
        del content["disagreements"]
    elif content.get("disagreements"):  # "kept": "field" is what offers stored before said
        content["disagreements"] = [
            {key: value for key, value in item.items() if (key, value) != ("kept", "field")}
            for item in content["disagreements"]
        ]
    if "start" in content and content["start"] is None:
        del content["start"]
    salary = content.get("salary")
    if isinstance(salary, dict) and "basis" in salary and salary["basis"] is None:
        content["salary"] = {key: value for key, value in salary.items() if key != "basis"}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _validation_reasons(error: ValidationError, problems: _Problems) -> None:
    for detail in error.errors():
        field = str(detail["loc"][0]) if detail["loc"] else "item"
        problems.add(field, "invalid", "La valeur n'a pas une forme acceptée.", detail["input"])


def _rejection(item: SourceOffer, context: SourceContext, problems: _Problems) -> Rejection:
    """The item's rejection, named by its title and reference when it has them."""
    title = _one_line(item.title)
    return Rejection(
        source=context.source,
        external_id=item.external_id,
        title=shorten(title, TITLE_MAX_CHARS) if title else None,
        reference=_one_line(item.reference),
        reasons=problems.reasons,
    )


@dataclass(frozen=True)
class Normalized:
    """One item normalized: its offer or rejection, and what the normalizer notes of it."""

    result: Offer | Rejection
    notes: tuple[str, ...] = ()
    """In French, for the people who run the source: a date of the item that was not kept."""
    future_posted_at: datetime | None = None
    """The item's publication date when it was after its collection (then not kept)."""
    unreadable_posted_at: str | None = None
    """The item's publication date as written, when it is no date ("Tue, 31 Nov 2026")."""
    repaired_texts: int = 0
    """How many of the item's text fields were double-encoded UTF-8, repaired
    (`normalizers.mojibake`)."""
    abroad: str | None = None
    """The country (French name) of an offer whose workplace is outside France, which therefore
    has no French commune."""
    expired: datetime | None = None
    """The application deadline of an offer kept though it had passed at its collection: the
    offer is recorded expired as it is loaded, never published."""


class RunNotes:
    """What the normalizer noted of a run's items, said once for the run, in French."""

    def __init__(self) -> None:
        self.future = 0
        self.first_future: tuple[str, datetime] | None = None
        self.unreadable = 0
        self.first_unreadable: tuple[str, str] | None = None
        self.repaired_texts = 0
        self.abroad = 0
        self.first_abroad: tuple[str, str] | None = None
        self.expired = 0
        self.first_expired: tuple[str, datetime] | None = None

    def add(self, external_id: str, normalized: Normalized) -> None:
        """Count what `normalized` (the item `external_id`) noted."""
        if normalized.future_posted_at is not None:
            self.future += 1
            if self.first_future is None:
                self.first_future = (external_id, normalized.future_posted_at)
        if normalized.unreadable_posted_at is not None:
            self.unreadable += 1
            if self.first_unreadable is None:
                self.first_unreadable = (external_id, normalized.unreadable_posted_at)
        self.repaired_texts += normalized.repaired_texts
        if normalized.abroad is not None:
            self.abroad += 1
            if self.first_abroad is None:
                self.first_abroad = (external_id, normalized.abroad)
        if normalized.expired is not None:
            self.expired += 1
            if self.first_expired is None:
                self.first_expired = (external_id, normalized.expired)

    def notes(self) -> list[str]:
        """One sentence per kind of note, in French ([] when nothing was noted)."""
        notes: list[str] = []
        if self.repaired_texts:
            many = self.repaired_texts > 1
            notes.append(
                f"{self.repaired_texts} {'textes' if many else 'texte'} en double encodage "
                f"UTF-8 {'réparés' if many else 'réparé'}"
            )
        if self.first_unreadable is not None:
            external_id, written = self.first_unreadable
            many = self.unreadable > 1
            notes.append(
                f"date de publication illisible : {self.unreadable} "
                f"{'offres gardées' if many else 'offre gardée'} sans date de publication (la "
                f"première, « {shorten(external_id, 80)} », dit « {shorten(written, 60)} »)"
            )
        if self.first_abroad is not None:
            external_id, country = self.first_abroad
            many = self.abroad > 1
            notes.append(
                f"{self.abroad} {'offres ont leur lieu' if many else 'offre a son lieu'} "
                f"de travail hors de France (la première, « {shorten(external_id, 80)} », "
                f"pays : {country}) "
                f": {'gardées' if many else 'gardée'} avec ce pays, sans commune française"
            )
        if self.first_expired is not None:
            external_id, deadline = self.first_expired
            many = self.expired > 1
            notes.append(
                f"{self.expired} {'offres ont' if many else 'offre a'} passé "
                f"{'leur' if many else 'sa'} date limite de candidature (la première, "
                f"« {shorten(external_id, 80)} », le "
                f"{deadline.astimezone(PARIS).strftime('%d/%m/%Y')}) : "
                f"{'enregistrées comme expirées' if many else 'enregistrée comme expirée'}, "
                "jamais publiée" + ("s" if many else "")
            )
        if self.first_future is None:
            return notes
        external_id, posted_at = self.first_future
        day = posted_at.astimezone(PARIS).date().isoformat()
        many = self.future > 1
        return notes + [
            f"{self.future} {'offres se disent publiées' if many else 'offre se dit publiée'} "
            f"après {'leur' if many else 'sa'} collecte (la première, « {shorten(external_id, 80)} "
            f"», le {day}) : {'gardées' if many else 'gardée'}, "
            f"{'leur' if many else 'sa'} date de publication laissée inconnue",
        ]


def _build(item: SourceOffer, context: SourceContext) -> Normalized:
    problems = _Problems()
    title = _title(item, problems)
    apply = how_to_apply(item.url, item.apply_url, item.contact, context.base_url)
    for problem in apply.problems:
        problems.add(*problem)
    description_html, description_text = _description(item, context.base_url, problems)
    now = context.fetched_at or datetime.now(UTC)
    posted_at = parse_date(item.posted_at, now=now)
    unreadable_posted_at = _unreadable(item.posted_at, posted_at)
    posted_source = _posted_source(item.posted_at, posted_at, FactOrigin.FIELD, now)
    if not (item.posted_at and item.posted_at.strip()):  # "Publiée le 3 novembre 2026"
        written = written_publication_date(description_text)
        posted_at = parse_date(written, now=now)
        posted_source = _posted_source(written, posted_at, FactOrigin.DESCRIPTION, now)
    future_note = published_after(posted_at, now)
    future_posted_at = posted_at if future_note else None
    if future_note:  # the feed's date is wrong, not its offer: kept, its date unknown
        posted_at = posted_source = None
    updated_at = parse_date(item.updated_at, now=now)
    text = read_text_facts(title, description_lines(item.description, description_text))
    if categories := category_facts(item.category):
        text = TextFacts(text.facts + categories, text.text)
    valid_through = parse_closing_date(item.valid_through, now=now)
    deadline_source: FactSource | None = None
    if valid_through is None and not (item.valid_through and item.valid_through.strip()):
        valid_through, deadline_source = _deadline_in_text(text, posted_at or now, now)
    # A deadline passed at the collection, structured or written, is kept: the offer is recorded
    # and expires as it is loaded (`store.expiry.expire_arrived_past_deadline`), whatever its
    # publication date says (a deadline before the publication is then no contradiction to
    # quarantine: the offer is over).
    closing = None if expired_message(valid_through, now) else valid_through
    for field, code, message in date_problems(posted_at, updated_at, closing):
        problems.add(field, code, message, getattr(item, field))
    if problems.reasons:
        return Normalized(_rejection(item, context, problems))
    company = _one_line(item.company) or _one_line(context.defaults.company_name)
    remote = parse_remote(item.remote, place=item.place, description=description_text)
    facts = _facts(item, context, title, description_text, remote, text, posted_at or now)
    remote = with_remote_place(
        remote, place_is_remote=facts.place.match == PlaceMatch.REMOTE, field=item.remote
    )
    fields: dict[str, Any] = {
        "source": context.source,
        "external_id": item.external_id,
        "title": title,
        "description_html": description_html,
        "description_text": description_text,
        "company_name": shorten(company, COMPANY_MAX_CHARS) if company else None,
        "place": facts.place,
        "other_places": facts.other_places,
        "rome": code_rome(title, _rome_context(item, description_text)),
        "contract": facts.contract,
        "salary": facts.salary,
        "experience": facts.experience,
        "start": facts.start,
        "remote": remote,
        "language": detect_language(f"{title}\n{description_text}"),
        "category_text": _one_line(item.category),
        "reference": _one_line(item.reference),
        "posted_at": posted_at,
        "source_updated_at": updated_at,
        "valid_through": valid_through,
        "url": apply.url,
        "apply_url": apply.apply_url,
        "contact": apply.contact,
        "attribution": context.attribution,
        "fact_sources": _with_dates(
            keyed_sources(facts.sources, item), item, deadline_source, posted_source
        ),
        "disagreements": facts.disagreements,
        "content_hash": "0" * 64,
    }
    try:
        draft = Offer.model_validate(fields)
    except ValidationError as error:
        _validation_reasons(error, problems)
        return Normalized(_rejection(item, context, problems))
    digest = content_hash(draft.model_dump(mode="json"))
    offer = draft.model_copy(update={"content_hash": digest})
    notes = [future_note] if future_note else []
    if unreadable_posted_at is not None:
        notes.append(
            f"date de publication illisible : « {shorten(unreadable_posted_at, 60)} » ; "
            "offre gardée sans date de publication"
        )
    abroad = (
        offer.place.label or offer.place.country_code
        if offer.place.match == PlaceMatch.COUNTRY and offer.place.country_code != "FR"
        else None
    )
    passed = offer.valid_through is not None and offer.valid_through < now
    expired = offer.valid_through if passed else None
    return Normalized(
        offer, tuple(notes), future_posted_at, unreadable_posted_at, abroad=abroad, expired=expired
    )


WRITTEN_PUBLICATION_CONFIDENCE = 0.9
"""A publication date the description writes in full ("Publiée le 3 novembre 2026"), as sure as
a labelled line."""


def _posted_source(
    written: str | None, posted_at: datetime | None, origin: FactOrigin, now: datetime
) -> FactSource | None:
    """Where the publication date `posted_at` was read, when it is not simply the source's
    date field: a date written relative to when the page was read ("il y a 3 jours", "hier",
    "30+ days ago"), counted back from the collection `now` with a lower confidence
    (`normalizers.dates.relative_confidence`), or a date the description writes. None for a
    date field written in full (as sure as it is written), or no date."""
    if posted_at is None or not written:
        return None
    confidence = relative_confidence(written, now=now)
    if confidence is None and origin == FactOrigin.FIELD:
        return None
    return FactSource(
        origin=origin,
        confidence=WRITTEN_PUBLICATION_CONFIDENCE if confidence is None else confidence,
        text=collapse(written),
        field="posted_at" if origin == FactOrigin.FIELD else None,
        counted_from=now if confidence is not None else None,
    )


def _with_dates(
    sources: dict[FactName, FactSource],
    item: SourceOffer,
    deadline: FactSource | None,
    posted: FactSource | None,
) -> dict[FactName, FactSource]:
    """`sources` with where the application deadline and the publication date were read, when
    they were (a publication date field names the source's own key for it)."""
    if deadline:
        sources = {**sources, "deadline": deadline}
    if posted:
        if posted.field and (key := item.field_keys.get(posted.field)):
            posted = posted.model_copy(update={"key": key})
        sources = {**sources, "posted": posted}
    return sources


YEARLESS_DEADLINE_CONFIDENCE = 0.5
"""A deadline written without its year ("jusqu'au 15 janvier"): its year is inferred."""


def _deadline_in_text(
    text: TextFacts, after: datetime, now: datetime
) -> tuple[datetime | None, FactSource | None]:
    """The application deadline the title or description writes ("Date limite de candidature :
    15/12/2026", "Candidatures jusqu'au 15 janvier"), and where it was read. A day without its
    year is the next such day on or after `after` (the publication, else the collection;
    `next_yearless_day`), never one of a past year, read with `YEARLESS_DEADLINE_CONFIDENCE`.
    (None, None) when the text writes no deadline that can be read."""
    for fact in text.of(FactKind.CLOSING):
        if found := parse_closing_date(fact.text, now=now):
            return found, _deadline_source(fact, fact.confidence)
        if found := next_yearless_day(fact.text, after=after):
            confidence = min(fact.confidence, YEARLESS_DEADLINE_CONFIDENCE)
            return found, _deadline_source(fact, confidence)
    return None, None


def _deadline_source(fact: TextFact, confidence: float) -> FactSource:
    return FactSource(origin=FactOrigin(fact.origin), confidence=confidence, text=fact.text)


def _unreadable(written: str | None, read: datetime | None) -> str | None:
    """The publication date as written when it was written but read as no date (an impossible
    day, words that are no date, a year before 1990 or years ahead), else None."""
    if read is not None or written is None or not written.strip():
        return None
    return " ".join(written.split())


def normalize_offer(item: SourceOffer, context: SourceContext) -> Offer | Rejection:
    """The canonical Offer for `item`, or one Rejection listing every reason it cannot be one
    (`normalize_noted`'s result, without its notes)."""
    return normalize_noted(item, context).result


def normalize_noted(item: SourceOffer, context: SourceContext) -> Normalized:
    """The canonical Offer for `item`, or one Rejection listing every reason it cannot be one,
    with what was noted of it (`Normalized.notes`, French).

    Quarantined: no title; no way to apply (no usable link — url or apply_url, absolute http(s),
    relative ones resolved against `context.base_url` — and no e-mail or phone in `contact`); a
    description that is missing or empty once sanitized; dates that contradict each other
    (`normalizers.dates.date_problems`). A publication date more than a day after
    the collection (`context.fetched_at`, else now) is not kept: the offer is, with its
    publication date unknown and a note (`normalizers.dates.published_after`). Everything else
    that cannot be read is left empty (an unreadable date is None, an unknown place is kept as
    text) and a doubtful ROME code is kept with its low confidence. Never raises: an
    unexpected failure becomes a Rejection of the whole item ("item", "unreadable").
    """
    try:
        item, repaired = repair_double_encoding(item)
        normalized = _build(item, context)
        if not repaired:
            return normalized
        many = repaired > 1
        note = (
            f"{repaired} {'textes' if many else 'texte'} en double encodage UTF-8 "
            f"{'réparés' if many else 'réparé'}"
        )
        return replace(normalized, notes=(*normalized.notes, note), repaired_texts=repaired)
    except Exception as error:  # noqa: BLE001 - one bad item must never stop a run
        external_id = getattr(item, "external_id", None)
        return Normalized(
            Rejection(
                source=getattr(context, "source", None) or "unknown",
                external_id=external_id if isinstance(external_id, str) else None,
                reasons=[
                    RejectionReason(
                        field="item",
                        code="unreadable",
                        message="une erreur inattendue a interrompu sa lecture",
                        value=shorten(f"{type(error).__name__}: {error}", VALUE_MAX_CHARS),
                    )
                ],
            )
        )
