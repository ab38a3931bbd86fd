"""Issue 16, read as a person reads an offer: a temporary work agency's mission, a contract
given its end rather than its length, the length of an alternance or an internship, a start
written with numbers, and a publication date written relative to when the page was read."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from normalizers.contracts import parse_contract, period_length, term_length, until_day
from normalizers.dates import PARIS, RELATIVE_COARSE_CONFIDENCE, RELATIVE_DAY_CONFIDENCE
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

APPRENTI, PRO = "Contrat apprentissage", "Cont. professionnalisation"
COLLECTED = datetime(2026, 11, 30, 9, tzinfo=UTC)
CONTEXT = SourceContext(
    source="test", attribution="Test", defaults=SourceDefaults(), fetched_at=COLLECTED
)


def _offer(title: str, *lines: str, posted_at: str | None = None) -> Offer:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title=title,
        description="".join(f"<p>{line}</p>" for line in lines),
        posted_at=posted_at,
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer), offer
    return offer


def _length(offer: Offer) -> tuple[int | None, str | None]:
    return offer.contract.duration_value, offer.contract.duration_unit


# 1. Missions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lines", "length"),
    [
        (
            "Préparateur de commandes H/F",
            [
                "Notre agence d'emploi recherche un préparateur de commandes.",
                "Mission de 3 semaines à Vénissieux.",
                "Vos missions : préparer les commandes, charger les camions.",
            ],
            (21, "jour"),
        ),
        (
            "Manutentionnaire H/F",
            ["Randstad recrute pour son client.", "Mission de 2 mois, renouvelable."],
            (2, "mois"),
        ),
        (
            "Cariste H/F",
            ["Nous recherchons pour une mission d'intérim de 2 mois un cariste CACES 3."],
            (2, "mois"),
        ),
        (
            "Agent de quai H/F",
            ["Mission temporaire sur notre plateforme logistique.", "Missions principales : tri."],
            (None, None),
        ),
        (
            "Aide-soignant H/F",
            [
                "Agence de travail temporaire spécialisée dans la santé.",
                "Durée de la mission : 3 semaines",
            ],
            (21, "jour"),
        ),
    ],
)
def test_a_temporary_work_agency_s_mission_is_an_interim_mission(
    title: str, lines: list[str], length: tuple
) -> None:
    offer = _offer(title, *lines)
    assert offer.contract.type_contrat == "MIS"
    assert _length(offer) == length


def test_the_duties_called_missions_are_no_contract() -> None:
    offer = _offer(
        "Comptable H/F",
        "Vos missions :",
        "- la saisie des factures ;",
        "Missions principales : bilans, déclarations de TVA.",
        "Mission de 6 mois de préparation des bilans au sein du service.",
    )
    assert offer.contract.type_contrat is None


def test_a_mission_with_a_length_outside_an_agency_is_no_interim() -> None:
    offer = _offer("Consultant SAP H/F", "Mission de 6 mois chez notre client grand compte.")
    assert offer.contract.type_contrat != "MIS"


def test_a_mission_field_with_a_length_stays_an_interim_mission() -> None:
    contract = parse_contract("Mission de 3 semaines")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "MIS",
        21,
        "jour",
    )
    assert parse_contract("Missions principales").type_contrat is None


# 2. An end instead of a length -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "type_contrat", "length"),
    [
        # From the collection (30 November 2026, no publication date): months, rounded.
        (["CDD jusqu'au 31/08/2027.", "Vos missions : la paie."], "CDD", (9, "mois")),
        (["Nous proposons un contrat jusqu'au 30 juin 2027."], "CDD", (7, "mois")),
        (
            ["Poste en CDD.", "Remplacement d'un congé maternité jusqu'à fin mars."],
            "CDD",
            (4, "mois"),
        ),
        (["CDD, remplacement jusqu'à fin mars."], "CDD", (4, "mois")),
        (["CDD jusqu'au 20/12."], "CDD", (21, "jour")),
        # Both ends written: as a range of dates is counted.
        (["CDD du 10/12/2026 au 20/04/2027."], "CDD", (132, "jour")),
        (["CDD du 04/01/2027 au 04/05/2027."], "CDD", (4, "mois")),
        (
            ["Prise de poste le 4 janvier 2027.", "CDD jusqu'au 3 février 2027."],
            "CDD",
            (31, "jour"),
        ),
    ],
)
def test_a_contract_s_end_gives_its_length(
    lines: list[str], type_contrat: str, length: tuple
) -> None:
    offer = _offer("Assistant RH H/F", *lines)
    assert offer.contract.type_contrat == type_contrat
    assert _length(offer) == length


def test_an_end_counts_from_the_publication_date() -> None:
    offer = _offer("Assistant RH H/F", "CDD jusqu'au 31/08/2027.", posted_at="2026-10-31")
    assert _length(offer) == (10, "mois")


def test_an_offer_s_deadline_is_no_contract_end() -> None:
    offer = _offer(
        "Assistant RH H/F",
        "Poste en CDD.",
        "Offre valable jusqu'au 15/12/2026.",
        "Candidatures jusqu'au 20 décembre 2026.",
    )
    assert offer.contract.type_contrat == "CDD"
    assert _length(offer) == (None, None)


def test_a_cdi_takes_no_length_from_an_end() -> None:
    offer = _offer("Assistant RH H/F", "CDI. Période d'essai jusqu'au 31/03/2027.")
    assert (offer.contract.type_contrat, _length(offer)) == ("CDI", (None, None))


def test_until_day_and_term_length() -> None:
    after = date(2026, 11, 30)
    assert until_day("jusqu'à fin mars", after=after) == date(2027, 3, 31)
    assert until_day("jusqu'à mi-janvier", after=after) == date(2027, 1, 15)
    assert until_day("jusqu'en juin 2027", after=after) == date(2027, 6, 30)
    assert until_day("until 31 August 2027", after=after) == date(2027, 8, 31)
    assert until_day("jusqu'à 20h", after=after) is None
    assert term_length(date(2027, 1, 1), date(2027, 6, 30), first_written=True) == (6, "mois")
    assert term_length(after, date(2027, 3, 31), first_written=False) == (4, "mois")
    assert term_length(after, date(2026, 11, 1), first_written=False) is None
    assert period_length("Fermeture jusqu'au 3 janvier.", start=after) is None


# 3. The length of an alternance, an apprenticeship, an internship ---------------------------


@pytest.mark.parametrize(
    ("line", "nature", "months"),
    [
        ("Alternance 24 mois, rythme 3 semaines entreprise / 1 semaine école.", APPRENTI, 24),
        (
            "Alternance, rythme 3 semaines en entreprise / 1 semaine à l'école, sur 24 mois.",
            APPRENTI,
            24,
        ),
        ("Nous proposons un apprentissage de 2 ans en boulangerie.", APPRENTI, 24),
        ("Contrat pro 12 mois en magasin.", PRO, 12),
        ("Contrat de professionnalisation de 18 mois.", PRO, 18),
        ("12-month apprenticeship in our Lyon workshop.", APPRENTI, 12),
    ],
)
def test_an_alternance_keeps_its_length_and_nature(line: str, nature: str, months: int) -> None:
    offer = _offer("Vendeur H/F", "Vous accueillez les clients.", line)
    assert offer.contract.type_contrat == "CDD"
    assert offer.contract.nature == nature
    assert _length(offer) == (months, "mois")


def test_a_rhythm_is_no_alternance_s_length() -> None:
    offer = _offer("Vendeur H/F", "Alternance : 1 semaine sur 4 à l'école.")
    assert offer.contract.nature == "Contrat apprentissage"
    assert _length(offer) == (None, None)


@pytest.mark.parametrize(
    ("line", "length"),
    [
        ("Stage de 6 mois à partir de janvier.", (6, "mois")),
        ("Stage de fin d'études de 6 mois au sein de l'équipe.", (6, "mois")),
        ("6-month internship in our Paris office.", (6, "mois")),
    ],
)
def test_an_internship_keeps_its_length_and_no_code(line: str, length: tuple) -> None:
    offer = _offer("Assistant marketing H/F", "Vous aidez l'équipe.", line)
    assert offer.contract.type_contrat is None
    assert offer.contract.text
    assert _length(offer) == length


# 4. A start written with numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("CDD du 10/12/2026 au 20/04/2027.", date(2026, 12, 10)),
        ("Poste à pourvoir le 05/01/2027.", date(2027, 1, 5)),
        ("Prise de poste : 4 janvier", date(2027, 1, 4)),
        ("Date de début de contrat : 05/01/2027", date(2027, 1, 5)),
        ("Embauche prévue le 05/01/2027.", date(2027, 1, 5)),
        ("Entrée en poste le 05/01/2027.", date(2027, 1, 5)),
        ("Vous commencerez le 4 janvier.", date(2027, 1, 4)),
        ("Mission du 14/12 au 24/12.", date(2026, 12, 14)),
    ],
)
def test_a_start_written_with_numbers_is_read(line: str, start: date) -> None:
    offer = _offer("Assistant H/F", line)
    assert offer.start is not None and offer.start.day == start


def test_a_labelled_start_is_surer_than_a_sentence() -> None:
    labelled = _offer("Assistant H/F", "Date de début de contrat : 05/01/2027")
    sentence = _offer("Assistant H/F", "Embauche prévue le 05/01/2027.")
    assert labelled.fact_sources["start"].confidence > sentence.fact_sources["start"].confidence


# 5. Publication dates relative to the collection ---------------------------------------------


@pytest.mark.parametrize(
    ("written", "day", "confidence"),
    [
        ("il y a 3 jours", date(2026, 11, 27), RELATIVE_DAY_CONFIDENCE),
        ("publiée il y a 2 semaines", date(2026, 11, 16), RELATIVE_COARSE_CONFIDENCE),
        ("posted 5 days ago", date(2026, 11, 25), RELATIVE_DAY_CONFIDENCE),
        ("aujourd'hui", date(2026, 11, 30), RELATIVE_DAY_CONFIDENCE),
        ("hier", date(2026, 11, 29), RELATIVE_DAY_CONFIDENCE),
        ("30+ days ago", date(2026, 10, 31), RELATIVE_COARSE_CONFIDENCE),
        ("il y a plus d'un mois", date(2026, 10, 30), RELATIVE_COARSE_CONFIDENCE),
    ],
)
def test_a_relative_publication_date_counts_back_from_the_collection(
    written: str, day: date, confidence: float
) -> None:
    offer = _offer("Assistant H/F", "CDI à Lyon.", posted_at=written)
    assert offer.posted_at is not None
    assert offer.posted_at.astimezone(PARIS).date() == day
    source = offer.fact_sources["posted"]
    assert (source.origin, source.field, source.text) == ("field", "posted_at", written)
    assert source.confidence == confidence < 1
    assert source.counted_from == COLLECTED


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Publiée il y a 3 jours", date(2026, 11, 27)),
        ("Posted 30+ days ago", date(2026, 10, 31)),
        ("Offre publiée aujourd'hui", date(2026, 11, 30)),
        ("Mise en ligne hier", date(2026, 11, 29)),
    ],
)
def test_a_relative_publication_date_in_the_text_is_read(line: str, day: date) -> None:
    offer = _offer("Assistant H/F", line, "CDI à Lyon.")
    assert offer.posted_at is not None
    assert offer.posted_at.astimezone(PARIS).date() == day
    source = offer.fact_sources["posted"]
    assert source.origin == "description" and source.counted_from == COLLECTED


def test_words_that_are_no_publication_are_not_read_as_one() -> None:
    offer = _offer("Assistant H/F", "Recruteur actif il y a 3 jours.", "CDI à Lyon.")
    assert offer.posted_at is None and "posted" not in offer.fact_sources


def test_a_full_publication_date_field_records_no_provenance() -> None:
    offer = _offer("Assistant H/F", "CDI à Lyon.", posted_at="2026-11-20T10:00:00Z")
    assert "posted" not in offer.fact_sources
