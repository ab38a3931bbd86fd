"""ATS job-board answers (written after each API's documentation) read offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import FeedError, ItemError, extract, extractor_for

ATS = Path(__file__).resolve().parents[1] / "fixtures" / "ats"
URL = "https://api.example.org/board"


def offers(kind: str, fixture: str) -> list[SourceOffer]:
    results = extract(kind, (ATS / fixture).read_bytes(), URL)
    assert all(isinstance(result, SourceOffer) for result in results), results
    return [result for result in results if isinstance(result, SourceOffer)]


EXPECTED: list[tuple[str, str, dict[str, Any]]] = [
    (
        "greenhouse",
        "greenhouse_jobs.json",
        {
            "external_id": "4011001",
            "title": "Développeur·se Python H/F",
            "company": "Atelier Lumière",
            "place": "Lyon, France",
            "contract": "CDI",
            "salary": "45000 - 55000 EUR per year",
            "remote": "Hybride, 2 jours sur site",
            "category": "Engineering",
            "reference": "ENG-042",
            "posted_at": "2026-11-02T09:00:00-05:00",
            "updated_at": "2026-11-18T10:15:00-05:00",
            "url": "https://boards.greenhouse.io/atelierlumiere/jobs/4011001",
            "apply_url": "https://boards.greenhouse.io/atelierlumiere/jobs/4011001",
        },
    ),
    (
        "lever",
        "lever_page1.json",
        {
            "external_id": "7b1c2d3e-0001-4aaa-9bbb-000000000001",
            "title": "Product Designer",
            "place": "Paris",
            "other_places": ["Remote France"],
            "country": "FR",
            "contract": "Full-time",
            "salary": "48000 - 58000 EUR per year",
            "remote": "Hybrid",
            "category": "Product, Design",
            "posted_at": "2026-11-08T08:00:00+00:00",
            "url": "https://jobs.lever.co/cordee/7b1c2d3e-0001-4aaa-9bbb-000000000001",
            "apply_url": "https://jobs.lever.co/cordee/7b1c2d3e-0001-4aaa-9bbb-000000000001/apply",
        },
    ),
    (
        "recruitee",
        "recruitee_offers.json",
        {
            "external_id": "918273",
            "title": "Technicien de maintenance H/F",
            "company": "Granit Froid",
            "place": "Rennes, Bretagne, France",
            "city": "Rennes",
            "postal_code": "35000",
            "region": "Bretagne",
            "country": "France",
            "contract": "fulltime_permanent",
            "working_time": "35 h/semaine",
            "salary": "2300 - 2700 EUR per month",
            "experience": "mid_level",
            "remote": None,
            "valid_through": "2026-12-31 23:59:59 UTC",
            "apply_url": "https://granitfroid.recruitee.com/o/technicien-de-maintenance-hf/c/new",
        },
    ),
    (
        "smartrecruiters",
        "smartrecruiters_posting_744000011122201.json",
        {
            "external_id": "744000011122201",
            "title": "Responsable d'agence H/F",
            "company": "Roulottes du Sud",
            "place": "Montpellier, Occitanie, France",
            "postal_code": "34000",
            "country": "FR",
            "contract": "CDI",
            "experience": "Mid-Senior Level",
            "remote": "Hybrid",
            "reference": "REF-2026-118",
            "url": "https://jobs.smartrecruiters.com/RoulottesDuSud/"
            "744000011122201-responsable-d-agence-h-f",
        },
    ),
    (
        "workable",
        "workable_account.json",
        {
            "external_id": "8A1B2C3D4E",
            "title": "Brasseur·se",
            "place": "Bordeaux, Nouvelle-Aquitaine, France",
            "contract": "Full-time",
            "experience": "Entry level",
            "reference": "BRA-01",
            "posted_at": "2026-11-08",
            "apply_url": "https://apply.workable.com/j/8A1B2C3D4E/apply",
        },
    ),
    (
        "ashby",
        "ashby_job_board.json",
        {
            "external_id": "5c2f3a10-aaaa-4bbb-8ccc-000000000001",
            "title": "Ingénieur·e backend",
            "place": "Nantes",
            "other_places": ["Angers"],
            "city": "Nantes",
            "postal_code": "44000",
            "contract": "FullTime",
            "salary": "50000 - 60000 EUR per year",
            "remote": "Hybrid",
            "category": "Engineering, Platform",
            "posted_at": "2026-11-03T08:00:00.000+00:00",
        },
    ),
    (
        "francetravail",
        "francetravail_search.json",
        {
            "external_id": "201ABCD",
            "title": "Aide-soignant / Aide-soignante (H/F)",
            "company": "EHPAD LES GLYCINES",
            "place": "44 - NANTES",
            "postal_code": "44000",
            "contract": "Contrat à durée déterminée - 6 Mois",
            "working_time": "Temps plein",
            "salary": "Mensuel de 1900.00 Euros à 2100.00 Euros sur 12 mois",
            "experience": "Débutant accepté",
            "posted_at": "2026-11-15T09:04:11.000Z",
            "updated_at": "2026-11-16T10:00:00.000Z",
            "url": "https://candidat.francetravail.fr/offres/recherche/detail/201ABCD",
            "apply_url": "https://glycines.example.org/postuler/201ABCD",
        },
    ),
]


@pytest.mark.parametrize(
    ("kind", "fixture", "expected"), EXPECTED, ids=[kind for kind, _, _ in EXPECTED]
)
def test_first_posting_reads_as_documented(
    kind: str, fixture: str, expected: dict[str, Any]
) -> None:
    first = offers(kind, fixture)[0]
    assert {name: getattr(first, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("kind", "fixture", "count"),
    [
        ("greenhouse", "greenhouse_jobs.json", 2),
        ("lever", "lever_page1.json", 2),
        ("recruitee", "recruitee_offers.json", 1),
        ("smartrecruiters", "smartrecruiters_postings_page1.json", 2),
        ("workable", "workable_account.json", 2),
        ("ashby", "ashby_job_board.json", 1),
        ("francetravail", "francetravail_search.json", 1),
    ],
)
def test_every_posting_is_one_record_whose_payload_reads_alone(
    kind: str, fixture: str, count: int
) -> None:
    extractor = extractor_for(kind)
    records = list(extractor.split((ATS / fixture).read_bytes(), URL))
    assert len(records) == count
    for record in records:
        assert isinstance(json.loads(record.payload), dict)
        assert extractor.read(record.payload, URL).external_id == record.external_id


def test_greenhouse_content_is_unescaped_once() -> None:
    first, second = offers("greenhouse", "greenhouse_jobs.json")
    assert first.description is not None
    assert first.description.startswith("<p>Nous cherchons un·e <strong>développeur·se</strong>")
    assert second.description == "<p>Rejoignez l&#39;équipe RH.</p>"


def test_lever_description_joins_opening_lists_and_closing() -> None:
    description = offers("lever", "lever_page1.json")[0].description
    assert description == (
        "<p>Chez Cordée, on conçoit des outils pour les guides.</p>\n"
        "<div>Vous concevrez nos parcours.</div>\n"
        "<h3>Ce que vous ferez</h3><ul><li>Prototyper</li><li>Tester</li></ul>\n"
        "<div>Processus en trois étapes.</div>"
    )


def test_lever_hourly_wage_and_equal_bounds() -> None:
    assert offers("lever", "lever_page1.json")[1].salary == "16 EUR per hour"


def test_smartrecruiters_ad_sections_come_in_documented_order() -> None:
    description = offers("smartrecruiters", "smartrecruiters_posting_744000011122201.json")[0]
    assert description.description is not None
    titles = ["L'entreprise", "Le poste", "Profil", "Informations"]
    positions = [description.description.index(f"<h3>{title}</h3>") for title in titles]
    assert positions == sorted(positions)


def test_smartrecruiters_list_entry_without_ad_links_to_its_public_page() -> None:
    second = offers("smartrecruiters", "smartrecruiters_postings_page1.json")[1]
    assert second.url == "https://jobs.smartrecruiters.com/RoulottesDuSud/744000011122202"
    assert second.description is None


def test_workable_remote_job_and_javascript_apply_link() -> None:
    remote = offers("workable", "workable_account.json")[1]
    assert remote.remote == "Remote"
    assert remote.apply_url == "https://apply.workable.com/j/9F8E7D6C5B"  # javascript: dropped


def test_ashby_unlisted_jobs_are_not_published() -> None:
    records = list(extractor_for("ashby").split((ATS / "ashby_job_board.json").read_bytes(), URL))
    assert [record.external_id for record in records] == ["5c2f3a10-aaaa-4bbb-8ccc-000000000001"]


def test_francetravail_no_content_answer_has_no_offer() -> None:
    assert list(extractor_for("francetravail").split(b"", URL)) == []


@pytest.mark.parametrize(
    ("kind", "body", "message"),
    [
        (
            "greenhouse",
            b'{"meta": {}}',
            r"réponse inattendue \(espace carrières Greenhouse\) : pas de liste « jobs »",
        ),
        ("lever", b'{"ok": false}', r"réponse inattendue \(offres Lever\)"),
        ("recruitee", b"[]", r"réponse inattendue \(site carrières Recruitee\)"),
        (
            "ashby",
            b"<html>Maintenance</html>",
            "JSON mal formé : ligne 1, colonne 1 : valeur attendue, trouvé « < »",
        ),
        (
            "lever",
            b'[{"id": "a1",\n  "text": "Chef de projet" "hostedUrl": "x"}]',
            'JSON mal formé : ligne 2, colonne 28 : « , » attendue, trouvé « " »',
        ),
        ("recruitee", b'{"offers": []}}', "JSON mal formé : ligne 1, colonne 15 : du texte suit"),
        ("workable", b"", "JSON mal formé : le document est vide"),
        ("smartrecruiters", b"[" * 100_000, "imbriqué trop profondément"),
        ("francetravail", b'{"erreur": "quota"}', "pas de liste « resultats »"),
    ],
)
def test_an_answer_of_the_wrong_shape_fails_the_document(
    kind: str, body: bytes, message: str
) -> None:
    with pytest.raises(FeedError, match=message):
        list(extractor_for(kind).split(body, URL))


def test_a_posting_that_is_not_an_object_is_flagged_and_the_others_kept() -> None:
    body = json.dumps({"jobs": ["oops", {"id": 7, "title": "Ok", "absolute_url": URL}]})
    records = list(extractor_for("greenhouse").split(body.encode(), URL))
    assert records[0].error == "l'offre n° 1 est un texte JSON, pas un objet JSON"
    assert (records[1].external_id, records[1].error) == ("7", None)


def test_a_stored_payload_that_is_not_an_object_is_an_item_error() -> None:
    with pytest.raises(ItemError, match="l'élément est un tableau JSON, pas un objet JSON"):
        extractor_for("lever").read("[1, 2]", URL)


def test_workable_keeps_every_location_shown_the_first_as_the_place() -> None:
    job = {
        "shortcode": "ABC123",
        "title": "Technicien·ne de maintenance",
        "locations": [
            {"city": "Lyon", "region": "Auvergne-Rhône-Alpes", "country": "France"},
            {"city": "Caen", "country": "France", "hidden": True},
            {"city": "Grenoble", "region": "Auvergne-Rhône-Alpes", "country": "France"},
        ],
    }
    offer = extractor_for("workable").read(json.dumps(job), URL)
    assert offer.place == "Lyon, Auvergne-Rhône-Alpes, France"
    assert offer.other_places == ["Grenoble, Auvergne-Rhône-Alpes, France"]


def test_a_lever_posting_without_a_main_location_takes_the_first_of_all() -> None:
    posting = {"id": "x1", "text": "Support", "categories": {"allLocations": ["Lille", "Roubaix"]}}
    offer = extractor_for("lever").read(json.dumps(posting), URL)
    assert (offer.place, offer.other_places) == ("Lille", ["Roubaix"])


def test_greenhouse_keeps_every_office_beside_the_job_location() -> None:
    job = {
        "id": 9,
        "title": "Comptable",
        "location": {"name": "Lyon"},
        "offices": [{"id": 1, "name": "Lyon"}, {"id": 2, "name": "Nantes"}],
    }
    offer = extractor_for("greenhouse").read(json.dumps(job), URL)
    assert (offer.place, offer.other_places) == ("Lyon", ["Nantes"])


def test_greenhouse_without_a_location_takes_the_first_office_and_keeps_the_others() -> None:
    job = {"id": 9, "title": "Comptable", "offices": [{"name": "Metz"}, {"name": "Nancy"}]}
    offer = extractor_for("greenhouse").read(json.dumps(job), URL)
    assert (offer.place, offer.other_places) == ("Metz", ["Nancy"])


def test_recruitee_keeps_each_of_the_offer_locations() -> None:
    posting = {
        "id": 5,
        "title": "Vendeur",
        "city": "Rennes",
        "country": "France",
        "locations": [
            {"city": "Rennes", "postal_code": "35000", "country": "France"},
            {"city": "Brest", "postal_code": "29200", "state": "Bretagne", "country": "France"},
        ],
    }
    offer = extractor_for("recruitee").read(json.dumps(posting), URL)
    assert offer.place == "Rennes, France"
    assert offer.other_places == ["Brest, 29200, Bretagne, France"]
