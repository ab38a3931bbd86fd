"""JSON-LD blocks as pages write them: HTML-comment and CDATA wrappers, comments, JSON5."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import ItemError, extract
from spiders.extractors._lenient_json import LenientJsonError, load_lenient_json

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
URL = "https://transports-rhodaniens.example/offres/"


@pytest.fixture(scope="module")
def results() -> list[SourceOffer | ItemError]:
    return extract("jsonld", (SITES / "postings_commented_jsonld.html").read_bytes(), URL)


def offers(results: list[SourceOffer | ItemError]) -> list[SourceOffer]:
    return [result for result in results if isinstance(result, SourceOffer)]


def test_blocks_wrapped_in_comments_or_cdata_or_commented_give_their_offers(
    results: list[SourceOffer | ItemError],
) -> None:
    assert [(offer.external_id, offer.title, offer.city) for offer in offers(results)[:3]] == [
        ("TR-101", "Conducteur routier PL H/F", "Vénissieux"),
        ("TR-102", "Agent de quai H/F", "Corbas"),
        ("TR-103", "Exploitant transport H/F", "Saint-Priest"),
    ]


def test_a_block_holding_two_postings_one_after_the_other_gives_both(
    results: list[SourceOffer | ItemError],
) -> None:
    assert [(offer.external_id, offer.title) for offer in offers(results)[3:]] == [
        ("TR-105", "Magasinier H/F"),
        ("TR-106", "Laveur de véhicules H/F"),
    ]


def test_a_json5_block_keeps_its_company_and_its_line_break(
    results: list[SourceOffer | ItemError],
) -> None:
    third = offers(results)[2]
    assert (third.company, third.description) == (
        "Transports Rhodaniens",
        "Planification des tournées.\nHoraires de journée.",
    )


def test_a_broken_block_is_quarantined_in_french_with_its_line_in_the_page(
    results: list[SourceOffer | ItemError],
) -> None:
    (error,) = [str(result) for result in results if isinstance(result, ItemError)]
    assert error.endswith(
        "le bloc JSON-LD n° 4 (ligne 53 de la page) n'est pas du JSON lisible : "
        'ligne 4, colonne 2 du bloc : caractère inattendu : « " »'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": [1, 2', "ligne 1, colonne 7 du bloc : le tableau « [ » ouvert ici n'est jamais"),
        ('{"a": "b\n\n", "c": 1}  }', "ligne 3, colonne 13 du bloc : du texte suit la valeur"),
        ('{"a": tru}', "ligne 1, colonne 10 du bloc : caractère inattendu : « } »"),
        ("<!-- -->", "le bloc ne contient aucune valeur JSON"),
        ("[" * 5000 + "]" * 5000, "valeurs imbriquées sur plus de 64 niveaux"),
    ],
)
def test_an_unreadable_block_is_said_in_french_at_its_place(text: str, message: str) -> None:
    with pytest.raises(LenientJsonError) as raised:
        load_lenient_json(text)
    assert message in str(raised.value)


def test_a_comment_marker_inside_a_string_is_kept() -> None:
    assert load_lenient_json('{"a": "<!-- x --> // y /* z */", // note\n}') == {
        "a": "<!-- x --> // y /* z */"
    }
