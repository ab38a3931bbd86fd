"""An offer as an extractor reads it at its source: text only, nothing interpreted yet."""

from __future__ import annotations

from pydantic import Field

from schemas.base import StrictModel

Text = str | None


class SourceOffer(StrictModel):
    """The fields of one item of a feed or page, as written there.

    Extractors fill what the source says and leave the rest empty; the normalizers decide what it
    means (dates, places, contract codes, salary figures).
    """

    external_id: str = Field(
        min_length=1, max_length=500, description="The item's id at its source."
    )
    title: Text = None
    description: Text = Field(default=None, description="HTML or plain text, as published.")
    company: Text = None
    company_address: Text = Field(
        default=None,
        description="The employer's own address as one line (JSON-LD hiringOrganization): a clue "
        "to tell namesake communes apart, never the place of work.",
    )
    place: Text = Field(default=None, description="The place as one line of text, as written.")
    city: Text = None
    postal_code: Text = None
    region: Text = None
    country: Text = None
    other_places: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="The other places the item names, each as one line of text, as written.",
    )
    contract: Text = Field(
        default=None, description="Contract type as written: 'CDI', 'full-time'."
    )
    working_time: Text = None
    salary: Text = None
    experience: Text = None
    remote: Text = None
    category: Text = None
    reference: Text = Field(default=None, description="The employer's own reference for the offer.")
    posted_at: Text = None
    updated_at: Text = None
    valid_through: Text = None
    start_date: Text = Field(
        default=None,
        description="When the job starts, as written: a date, 'dès que possible' (JSON-LD "
        "jobStartDate, or 'immediate' for jobImmediateStart).",
    )
    url: Text = Field(default=None, description="The offer's own page at its source.")
    apply_url: Text = None
    contact: Text = Field(
        default=None, description="How to apply without a link, as written: e-mail, phone."
    )
    field_keys: dict[str, str] = Field(
        default_factory=dict,
        description="The source's own key each field was read from, by field name: a JSON "
        "path (`jobLocation.address.addressLocality`, `location.city`), an XML element "
        "(`job:location`, `lieu`); what the provenance of a fact shows to people.",
    )
