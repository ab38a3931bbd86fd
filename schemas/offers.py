"""The canonical offer: one shape for every source, mapping onto France Travail v2 and JobPosting.

Wherever normalizing can fail, the text read at the source is kept beside the normalized value
(`Place.text`, `Contract.text`, `Salary.text`, `Experience.text`, `RemoteWork.text`,
`StartDate.text`), so nothing
the source said is lost.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    Field,
    HttpUrl,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from schemas.base import StrictModel


def _to_utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC) if value is not None else None


UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]


class PlaceMatch(StrEnum):
    """How precisely the place text was recognised."""

    COMMUNE = "commune"  # an INSEE commune (an arrondissement when the text names one)
    DEPARTEMENT = "departement"
    REGION = "region"
    COUNTRY = "country"  # "France" and nothing more precise
    REMOTE = "remote"  # fully remote, no place of work (`zone` says where it is open to)
    ZONE = "zone"  # a zone of several countries, not remote: "EMEA", "Europe"
    AMBIGUOUS = "ambiguous"  # several communes fit and nothing tells them apart
    UNKNOWN = "unknown"  # a place was written but not recognised
    MISSING = "missing"  # the source gave no place at all


class Place(StrictModel):
    """Where the job is, as written and as recognised in the INSEE referential."""

    text: str | None = Field(default=None, description="The place as written at the source.")
    match: PlaceMatch = PlaceMatch.MISSING
    label: str | None = Field(default=None, description="France Travail style: '69 - LYON 04'.")
    insee_code: str | None = Field(default=None, pattern=r"^(\d[\dAB]\d{3})$")
    commune_name: str | None = None
    postal_code: str | None = Field(default=None, pattern=r"^\d{5}$")
    departement_code: str | None = Field(default=None, pattern=r"^(\d{2}|2A|2B|97\d)$")
    departement_name: str | None = None
    region_code: str | None = Field(default=None, pattern=r"^\d{2}$")
    region_name: str | None = None
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    candidates: list[str] = Field(
        default_factory=list,
        description="INSEE codes that fit the text: an ambiguous place's, or the namesakes a "
        "commune was chosen among.",
    )
    zone: str | None = Field(
        default=None,
        description="Where a remote job is open to, or the zone named: 'Union européenne', "
        "'Monde', 'Royaume-Uni', 'France'.",
    )
    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="How sure the reading is: 1 when the text names one place; below 0.8 when "
        "a commune was chosen among namesakes by population alone.",
    )


class RomeAlternative(StrictModel):
    """Another ROME 4.0 métier the offer could be, shown beside an uncertain code."""

    code: str = Field(pattern=r"^[A-N]\d{4}$")
    label: str


class RomeCoding(StrictModel):
    """The ROME 4.0 métier recognised from the title, and how sure the coder is."""

    code: str = Field(
        pattern=r"^[A-N]\d{4}$", description="ROME 4.0 code, as France Travail codes offers."
    )
    label: str
    appellation_code: str | None = Field(default=None, description="OGR code of the appellation.")
    appellation_label: str | None = None
    confidence: float = Field(ge=0, le=1, description="Below 0.5 the code is a guess.")
    alternatives: list[RomeAlternative] = Field(
        default_factory=list,
        description="The next best métiers, best first (at most two), for a code that is a guess.",
    )


class Contract(StrictModel):
    """Contract type (France Travail `typeContrat` code), duration and working time."""

    text: str | None = Field(default=None, description="The contract as written at the source.")
    type_contrat: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    type_contrat_label: str | None = None
    duration_value: int | None = Field(default=None, gt=0)
    duration_unit: Literal["jour", "mois"] | None = None
    nature: str | None = Field(
        default=None, description="'Contrat travail', 'Contrat apprentissage'…"
    )
    working_time_text: str | None = None
    full_time: bool | None = None
    hours_per_week: float | None = Field(default=None, gt=0, le=80)


class SalaryPeriod(StrEnum):
    """What a salary figure is paid for."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class PayBasis(StrEnum):
    """Whether a pay is stated before or after the employee's social charges."""

    GROSS = "brut"  # "35 k€ bruts annuels", "gross", "before tax"
    NET = "net"  # "1 500 € net/mois", "after tax"


class Salary(StrictModel):
    """Pay as written, and the figures read from it when they could be read."""

    text: str
    minimum: float | None = Field(default=None, ge=0)
    maximum: float | None = Field(default=None, ge=0)
    period: SalaryPeriod | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    months: float | None = Field(default=None, gt=0, le=16)
    basis: PayBasis | None = Field(
        default=None,
        description="Gross or net, as the pay's words say; None when they do not say (French "
        "pay is quoted gross by custom, but only what is written is recorded).",
    )


class StartDate(StrictModel):
    """When the job starts, as written and as read: a day, or "as soon as possible".

    It maps onto JobPosting's `jobStartDate` (a schema.org Date) and `jobImmediateStart`; France
    Travail's offers have no such field. A month without a day ("janvier 2027") is read as its
    first day, with a lower confidence in `Offer.fact_sources["start"]`.
    """

    text: str = Field(description="The start as written at the source.")
    day: date | None = Field(default=None, description="The first day of work, when read.")
    immediate: bool | None = Field(
        default=None, description="True for 'dès que possible', 'immédiatement', 'ASAP'."
    )


class ExperienceRequirement(StrEnum):
    """Whether experience is needed, as France Travail's `experienceExige` codes it."""

    BEGINNER = "D"  # débutant accepté
    DESIRED = "S"  # expérience souhaitée
    REQUIRED = "E"  # expérience exigée


class Experience(StrictModel):
    """The experience asked for, as written and as read."""

    text: str | None = Field(default=None, description="The experience as written at the source.")
    requirement: ExperienceRequirement | None = None
    months: int | None = Field(default=None, ge=0, le=600, description="Minimum, in months.")


class RemoteMode(StrEnum):
    """How much of the work can be done away from the workplace."""

    ON_SITE = "on_site"  # said to be on site
    HYBRID = "hybrid"  # some days away: "2 jours de télétravail possibles"
    FULL = "full"  # no workplace to go to


class RemoteWork(StrictModel):
    """Remote work, as written and as read."""

    text: str | None = Field(default=None, description="What the source says about remote work.")
    mode: RemoteMode | None = None
    days_per_week: float | None = Field(default=None, gt=0, le=5)


class FactOrigin(StrEnum):
    """Where a normalized fact was read."""

    FIELD = "field"  # a structured field of the source (a JSON key, an XML element, a selector)
    TITLE = "title"  # the title's own words ("Comptable H/F – Lyon 3e")
    DESCRIPTION = "description"  # a labelled line or a sentence of the description
    DEFAULT = "default"  # the source's registered default


FactName = Literal[
    "place", "contract", "working_time", "salary", "experience", "start", "deadline", "posted"
]


class FactSource(StrictModel):
    """Where one fact of the offer was read, and how sure the reading is."""

    origin: FactOrigin
    confidence: float = Field(ge=0, le=1, description="1 for a readable structured field.")
    text: str | None = Field(
        default=None, description="The words read: the snippet, or the field's value as written."
    )
    field: str | None = Field(
        default=None,
        description="The source's field read (a `SourceOffer` field: place, city, contract, "
        "salary, experience, start_date, remote, category), when the origin is a field.",
    )
    key: str | None = Field(
        default=None,
        description="The source's own key for that field, as the source writes it "
        "(`jobLocation.address.addressLocality`, `location.city`, `job:location`), when the "
        "extractor knows it (`SourceOffer.field_keys`).",
    )
    counted_from: UtcDatetime | None = Field(
        default=None,
        description="For a date written relative to when the page was read ('il y a 3 jours', "
        "'hier', '30+ days ago'): the moment it was counted back from, the offer's collection. "
        "Left out of the serialized form when None (the facts read otherwise, and those stored "
        "before it existed, read as before).",
    )

    @model_serializer(mode="wrap")
    def _without_unknown_count(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("counted_from") is None:
            data.pop("counted_from", None)
        return data


class Disagreement(StrictModel):
    """A structured field and the offer's own words that state a fact differently."""

    fact: FactName
    field_value: str = Field(description="What the structured field says.")
    text_value: str = Field(description="What the title or description says.")
    text_origin: FactOrigin
    kept: Literal["field", "text"] = Field(
        default="field",
        description="Which one the offer holds: the field, unless it says too little to "
        "stand against the text (schema.org's vague employmentType values, CONTRACTOR, "
        "TEMPORARY, OTHER, PER_DIEM).",
    )


class Offer(StrictModel):
    """A job offer of one source, normalized; what Relais stores, shows and republishes."""

    source: str = Field(description="Name of the source the offer was collected from.")
    external_id: str = Field(min_length=1, max_length=500)
    title: str = Field(min_length=1, max_length=300)
    description_html: str = Field(default="", description="Sanitized HTML, safe to show.")
    description_text: str = ""
    company_name: str | None = Field(default=None, max_length=200)
    place: Place = Field(default=Place(), description="The main place: the first one written.")
    other_places: list[Place] = Field(
        default_factory=list, description="The other places the offer is open in, in order."
    )
    rome: RomeCoding | None = None
    contract: Contract = Contract()
    salary: Salary | None = None
    experience: Experience = Experience()
    start: StartDate | None = Field(default=None, description="When the job starts.")
    remote: RemoteWork = RemoteWork()
    language: str | None = Field(
        default=None, pattern=r"^[a-z]{2}$", description="ISO 639-1 language of the text."
    )
    category_text: str | None = None
    reference: str | None = None
    posted_at: UtcDatetime | None = None
    source_updated_at: UtcDatetime | None = None
    valid_through: UtcDatetime | None = None
    url: HttpUrl | None = Field(default=None, description="The offer's page at its source.")
    apply_url: HttpUrl | None = None
    contact: str | None = Field(
        default=None, max_length=300, description="How to apply without a link: e-mail, phone."
    )
    attribution: str = Field(description="Who published the offer, shown next to it.")
    fact_sources: dict[FactName, FactSource] = Field(
        default_factory=dict,
        description="Where each fact (place, contract, working time, salary, experience, start, "
        "application deadline, publication date) was read; not part of the content hash.",
    )
    disagreements: list[Disagreement] = Field(
        default_factory=list,
        description="Facts whose structured field and text say different things.",
    )
    content_hash: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the normalized content."
    )


class OfferStatus(StrEnum):
    """Where an offer stands in its life."""

    PUBLISHED = "published"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"  # found to duplicate another offer, which carries on


class StoredOffer(StrictModel):
    """An offer as kept in the store: the offer plus its id and its life dates."""

    id: int
    status: OfferStatus
    first_seen_at: UtcDatetime
    updated_at: UtcDatetime = Field(description="Last time the offer's content changed.")
    merged_into: int | None = Field(
        default=None, description="The offer this one turned out to duplicate, if merged."
    )
    offer: Offer
