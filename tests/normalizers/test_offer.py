"""The composition SourceOffer → Offer | Rejection, its rejections and its content hash."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from normalizers.dates import PARIS
from normalizers.offer import (
    RunNotes,
    SourceContext,
    content_hash,
    normalize_noted,
    normalize_offer,
)
from schemas import Offer, PlaceMatch, Rejection, SourceDefaults, SourceOffer
from schemas.offers import ExperienceRequirement, RemoteMode

FETCHED_AT = datetime(2024, 11, 10, 12, 0, tzinfo=UTC)
CONTEXT = SourceContext(
    source="acme-rss",
    attribution="Acme Careers (acme-rss)",
    defaults=SourceDefaults(company_name="Acme", place="Lyon", contract="CDI"),
    base_url="https://acme.example/careers/feed.xml",
    fetched_at=FETCHED_AT,
)


def item(**fields: str | None) -> SourceOffer:
    values: dict[str, str | None] = {
        "external_id": "42",
        "title": "Développeur Python H/F",
        "description": "<p>Une équipe à taille humaine.</p>",
        "url": "https://acme.example/jobs/42",
    }
    values.update(fields)
    return SourceOffer.model_validate(values)


def offer(**fields: str | None) -> Offer:
    result = normalize_offer(item(**fields), CONTEXT)
    assert isinstance(result, Offer), result
    return result


def rejection(**fields: str | None) -> Rejection:
    result = normalize_offer(item(**fields), CONTEXT)
    assert isinstance(result, Rejection), result
    return result


def test_a_complete_item_becomes_an_offer() -> None:
    result = offer(
        description="<p>Rejoignez-nous<script>alert(1)</script></p>",
        company="Initech",
        place="Saint-Martin-d'Hères (38)",
        contract="CDD de 6 mois",
        working_time="35h/semaine",
        salary="32 000 € - 40 000 € brut par an",
        posted_at="Tue, 05 Nov 2024 09:30:00 +0100",
        valid_through="2024-12-31",
        apply_url="https://acme.example/apply/42",
        reference="REF-42",
    )
    assert result.source == "acme-rss" and result.external_id == "42"
    assert result.attribution == "Acme Careers (acme-rss)"
    assert result.description_html == "<p>Rejoignez-nous</p>"
    assert result.description_text == "Rejoignez-nous"
    assert result.company_name == "Initech"
    assert result.place.insee_code == "38421"
    assert (result.contract.type_contrat, result.contract.duration_value) == ("CDD", 6)
    assert result.contract.hours_per_week == 35
    assert result.salary is not None and result.salary.minimum == 32_000
    assert result.posted_at == datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
    assert result.valid_through == datetime(2024, 12, 31, 22, 59, 59, tzinfo=UTC)  # the whole day
    assert str(result.apply_url) == "https://acme.example/apply/42"
    assert result.reference == "REF-42"


def test_title_is_plain_text_on_one_line() -> None:
    assert offer(title="  <b>Chef</b>\n de  projet &amp; PMO ").title == "Chef de projet & PMO"


def test_long_title_is_cut_at_a_word_boundary() -> None:
    title = offer(title="Développeur " * 40).title
    assert len(title) <= 300 and title.endswith("Développeur…")


def test_source_defaults_fill_company_place_and_contract() -> None:
    result = offer()
    assert result.company_name == "Acme"
    assert result.place.insee_code == "69123"
    assert result.contract.type_contrat == "CDI"


def test_item_values_win_over_the_defaults() -> None:
    result = offer(company="Initech", city="Nantes", contract="Intérim")
    assert (result.company_name, result.place.insee_code) == ("Initech", "44109")
    assert result.contract.type_contrat == "MIS"


def test_no_place_anywhere_is_missing() -> None:
    context = SourceContext(source="s", attribution="S", defaults=SourceDefaults())
    result = normalize_offer(item(), context)
    assert isinstance(result, Offer) and result.place.match == PlaceMatch.MISSING


def test_contract_falls_back_on_the_title_without_defaults() -> None:
    context = SourceContext(source="s", attribution="S", defaults=SourceDefaults())
    result = normalize_offer(item(title="CDI - Comptable H/F"), context)
    assert isinstance(result, Offer) and result.contract.type_contrat == "CDI"


def test_relative_dates_count_from_the_fetch() -> None:
    assert offer(posted_at="il y a 3 jours").posted_at == datetime(2024, 11, 6, 23, 0, tzinfo=UTC)


def test_an_unreadable_date_is_empty_not_a_rejection() -> None:
    assert offer(posted_at="bientôt").posted_at is None


def test_relative_links_are_resolved_against_the_fetched_address() -> None:
    result = offer(url="/jobs/42", apply_url="apply?id=42")
    assert str(result.url) == "https://acme.example/jobs/42"
    assert str(result.apply_url) == "https://acme.example/careers/apply?id=42"


def test_links_in_the_description_are_resolved_too() -> None:
    html = offer(description='<a href="/a">a</a>').description_html
    assert 'href="https://acme.example/a"' in html


def test_an_unusable_link_is_dropped_when_another_remains() -> None:
    result = offer(url="javascript:alert(1)", apply_url="https://acme.example/apply")
    assert result.url is None and str(result.apply_url) == "https://acme.example/apply"


def test_missing_title_is_rejected() -> None:
    reasons = rejection(title="  <p> </p> ").reasons
    assert [(r.field, r.code) for r in reasons] == [("title", "missing")]
    assert reasons[0].message


def test_no_way_to_apply_is_rejected() -> None:
    (reason,) = rejection(url=None).reasons
    assert (reason.field, reason.code) == ("url", "no_way_to_apply")
    assert "contacter" in reason.message


def test_a_contact_is_a_way_to_apply() -> None:
    result = offer(url=None, contact="Envoyez votre CV à rh@acme.example")
    assert result.url is None and result.contact == "Envoyez votre CV à rh@acme.example"


def test_a_mailto_link_becomes_the_contact() -> None:
    result = offer(url=None, apply_url="mailto:rh@acme.example")
    assert (result.apply_url, result.contact) == (None, "rh@acme.example")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "http://[::1"])
def test_no_usable_link_is_rejected_with_the_value(url: str) -> None:
    reasons = rejection(url=url).reasons
    assert [(r.field, r.code) for r in reasons] == [
        ("url", "no_way_to_apply"),
        ("url", "invalid_url"),
    ]
    assert reasons[1].value == url


def test_relative_link_without_a_base_is_rejected() -> None:
    context = SourceContext(source="s", attribution="S", defaults=SourceDefaults())
    result = normalize_offer(item(url="/jobs/42"), context)
    assert isinstance(result, Rejection)
    assert result.reasons[1].code == "invalid_url" and "relatif" in result.reasons[1].message


def test_every_reason_is_listed_in_one_rejection() -> None:
    result = rejection(
        title="",
        url="javascript:x()",
        apply_url="ftp://acme.example/x",
        description="<script>x()</script>",
        posted_at="2024-11-05",
        updated_at="2024-10-01",
    )
    assert [(r.field, r.code) for r in result.reasons] == [
        ("title", "missing"),
        ("url", "no_way_to_apply"),
        ("url", "invalid_url"),
        ("apply_url", "invalid_url"),
        ("description", "empty"),
        ("updated_at", "before_posted"),
    ]
    assert result.source == "acme-rss" and result.external_id == "42"
    assert all(r.message.endswith(".") for r in result.reasons)


def test_offending_values_are_shortened() -> None:
    reason = rejection(url="javascript:" + "x" * 1000).reasons[1]
    assert reason.value is not None and len(reason.value) <= 200


@pytest.mark.parametrize("description", ["<p> </p>", "<script>alert(1)</script>", "<img src=x>"])
def test_a_description_empty_once_sanitized_is_rejected(description: str) -> None:
    (reason,) = rejection(description=description).reasons
    assert (reason.field, reason.code) == ("description", "empty")
    assert "rien du poste" in reason.message


def test_no_description_is_rejected() -> None:
    (reason,) = rejection(description=None).reasons
    assert (reason.field, reason.code) == ("description", "missing")


def test_a_publication_after_the_collection_keeps_the_offer_without_its_date() -> None:
    kept = offer(posted_at="2025-06-01", valid_through="2024-12-31")
    assert (kept.title, kept.posted_at, kept.valid_through) == (
        "Développeur Python H/F",
        None,
        datetime(2024, 12, 31, 22, 59, 59, tzinfo=UTC),
    )


def test_a_publication_after_the_collection_is_noted_in_french() -> None:
    assert normalize_noted(item(posted_at="2025-06-01"), CONTEXT).notes == (
        "date de publication du flux (2025-06-01) postérieure à la collecte (2024-11-10) : "
        "l'offre est gardée, sa date de publication laissée inconnue",
    )


def test_a_run_says_once_how_many_offers_were_dated_after_their_collection() -> None:
    notes = RunNotes()
    for number, posted_at in enumerate(["2025-06-01", "2024-11-09", "2025-01-15"]):
        notes.add(f"offre-{number}", normalize_noted(item(posted_at=posted_at), CONTEXT))
    assert notes.notes() == [
        "2 offres se disent publiées après leur collecte (la première, « offre-0 », le "
        "2025-06-01) : gardées, leur date de publication laissée inconnue"
    ]


def test_an_update_before_the_publication_is_rejected() -> None:
    (reason,) = rejection(posted_at="2024-11-05", updated_at="2024-01-05").reasons
    assert (reason.field, reason.code) == ("updated_at", "before_posted")


def test_the_title_is_coded_in_the_rome() -> None:
    result = offer(title="Développeuse web (H/F)")
    assert result.rome is not None
    assert (result.rome.code, result.rome.appellation_label) == (
        "M1855",
        "Développeur / Développeuse web",
    )


def test_a_doubtful_code_is_kept_with_its_low_confidence() -> None:
    result = offer(title="Responsable")
    assert result.rome is not None and result.rome.confidence < 0.5


def test_the_category_helps_the_rome_coder() -> None:
    result = offer(
        title="Rejoignez-nous", category="Plombier chauffagiste", description="Bienvenue."
    )
    assert result.rome is not None and result.rome.code == "F1620"


def test_experience_is_read_and_kept_as_written() -> None:
    experience = offer(experience="Expérience exigée de 3 An(s)").experience
    assert (experience.text, experience.requirement, experience.months) == (
        "Expérience exigée de 3 An(s)",
        ExperienceRequirement.REQUIRED,
        36,
    )


def test_remote_work_perks_make_a_job_hybrid_and_keep_its_place() -> None:
    result = offer(place="Lyon", description="<p>2 jours de télétravail possibles.</p>")
    assert (result.remote.mode, result.remote.days_per_week) == (RemoteMode.HYBRID, 2)
    assert result.place.insee_code == "69123"


def test_a_fully_remote_job_without_a_place_is_remote() -> None:
    context = SourceContext(source="s", attribution="S", defaults=SourceDefaults())
    result = normalize_offer(item(remote="Full remote"), context)
    assert isinstance(result, Offer)
    assert (result.remote.mode, result.place.match) == (RemoteMode.FULL, PlaceMatch.REMOTE)


def test_the_language_of_the_text_is_told() -> None:
    english = "<p>We are looking for a developer to join our team and build the platform.</p>"
    assert offer(description=english).language == "en"
    assert (
        offer(
            description="<p>Vous rejoindrez notre équipe et vous serez au cœur du produit.</p>"
        ).language
        == "fr"
    )


def test_content_hash_is_stable_and_ignores_itself() -> None:
    first, second = offer(), offer()
    assert first.content_hash == second.content_hash
    fields = first.model_dump(mode="json")
    assert content_hash(fields) == first.content_hash
    assert content_hash({**fields, "content_hash": "x"}) == first.content_hash
    assert content_hash(dict(reversed(list(fields.items())))) == first.content_hash


def test_content_hash_changes_with_the_content() -> None:
    assert offer().content_hash != offer(title="Développeuse Python").content_hash


def test_unexpected_failure_becomes_an_unreadable_rejection() -> None:
    result = normalize_offer(None, CONTEXT)  # type: ignore[arg-type]
    assert isinstance(result, Rejection)
    assert [(r.field, r.code) for r in result.reasons] == [("item", "unreadable")]


ODD = [
    "",
    " ",
    "\x00",
    "\u202e\u200b",
    "<",
    "&",
    "&#0;",
    "<![CDATA[x]]>",
    "<p",
    "💥" * 50,
    "http://",
    "https://[",
    "//",
    "javascript:",
    "-1",
    "1e309",
    "NaN",
    "9" * 300,
    "(((",
    "CDD CDI MIS",
    "il y a -3 jours",
    "31/12/9999",
    "<div>" * 200,
    "Paris " * 200,
    "€" * 300,
]
FIELDS = [
    "title", "description", "company", "place", "city", "postal_code", "region", "country",
    "contract", "working_time", "salary", "experience", "remote", "category", "reference",
    "posted_at", "updated_at", "valid_through", "url", "apply_url", "contact",
]  # fmt: skip


def test_normalize_offer_never_raises_on_odd_strings() -> None:
    chooser = random.Random(20241110)
    for _ in range(300):
        fields = {name: chooser.choice(ODD) for name in chooser.sample(FIELDS, k=8)}
        context = CONTEXT if chooser.random() < 0.5 else SourceContext("s", "S", SourceDefaults())
        result = normalize_offer(item(**fields), context)
        assert isinstance(result, Offer | Rejection)
        if isinstance(result, Rejection):
            assert all(r.code != "unreadable" for r in result.reasons), result


def test_a_link_too_long_once_encoded_is_invalid() -> None:
    reason = rejection(url="https://acme.example/" + "€" * 1000).reasons[1]
    assert (reason.field, reason.code) == ("url", "invalid_url")


@pytest.mark.parametrize(
    "description",
    [
        "<p>Publiée le 4 novembre 2024.</p><p>Poste en CDI.</p>",
        "<p>Date de publication : 04/11/2024</p><p>Poste en CDI.</p>",
        "<p>Offre mise en ligne le 2024-11-04. Poste en CDI.</p>",
    ],
)
def test_an_item_without_a_date_takes_the_publication_date_its_text_writes(
    description: str,
) -> None:
    posted = offer(description=description, posted_at=None).posted_at
    assert posted is not None and posted.astimezone(PARIS).date().isoformat() == "2024-11-04"


def test_the_feed_date_wins_over_a_publication_date_in_the_text() -> None:
    result = offer(
        description="<p>Publiée le 4 novembre 2024.</p>", posted_at="2024-11-08T09:00:00Z"
    )
    assert result.posted_at == datetime(2024, 11, 8, 9, 0, tzinfo=UTC)


def test_a_publication_date_written_after_the_collection_is_not_kept() -> None:
    assert offer(description="<p>Publiée le 4 décembre 2024.</p>").posted_at is None
