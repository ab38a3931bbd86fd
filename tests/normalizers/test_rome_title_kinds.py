"""Titles a newcomer's offers showed read wrong (issue 18): a job name of two trades, an
abbreviation the ROME reads several ways, an English title. Offers written for these tests: a
title and a few description lines each, with the code a careful coder gives."""

import pytest

from normalizers.job_titles import raw_words
from normalizers.referentials import rome_appellations
from normalizers.rome import code_rome
from normalizers.rome_vocabulary import ENGLISH_TITLES, SYNONYMS
from normalizers.text import fold


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "Plongeur H/F",
            "Plonge batterie et vaisselle en restaurant.",
            "G1605",
        ),
        (
            "Plongeur (H/F)",
            "Brasserie du centre-ville : vous lavez la vaisselle et les ustensiles de cuisine, "
            "rangez la plonge et entretenez les locaux de la cuisine.",
            "G1605",
        ),
        (
            "Plongeur H/F",
            "Entreprise de travaux subaquatiques : inspection d'ouvrages immergés, soudure sous "
            "l'eau, travaux sous-marins. Certificat d'aptitude à l'hyperbarie exigé.",
            "I1502",
        ),
    ],
)
def test_the_description_says_which_trade_a_job_name_of_two_trades_is(
    title: str, description: str, expected: str
) -> None:
    coding = code_rome(title, description)
    assert coding is not None
    assert coding.code == expected


def test_a_job_name_of_two_trades_alone_is_a_guess() -> None:
    coding = code_rome("Plongeur")
    assert coding is not None
    assert coding.confidence < 0.5
    assert {coding.code, *(alternative.code for alternative in coding.alternatives)} >= {
        "I1502",
        "G1605",
    }


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "CIP H/F – Mission Locale",
            "Au sein de la Mission Locale, vous accompagnez des jeunes de 16 à 25 ans dans leur "
            "parcours d'insertion sociale et professionnelle : diagnostic, projet professionnel, "
            "recherche d'emploi et de formation, lien avec les entreprises.",
            "K1801",
        ),
        (
            "CIP (H/F)",
            "Vous accompagnez des demandeurs d'emploi dans leur retour à l'emploi : entretiens "
            "individuels, ateliers collectifs de recherche d'emploi, relations avec les "
            "employeurs du territoire.",
            "K1801",
        ),
        (
            "CIP H/F",
            "Le service pénitentiaire d'insertion et de probation recrute : suivi des personnes "
            "placées sous main de justice en milieu ouvert et en détention, rapports aux "
            "magistrats.",
            "K1211",
        ),
        ("CIP", None, "K1211"),  # nothing says otherwise: the ROME's own reading
        (
            "Enseignant APA (H/F)",
            "Association sport santé : séances d'activité physique pour des patients atteints de "
            "maladies chroniques, en lien avec les médecins.",
            "J1415",
        ),
    ],
)
def test_an_abbreviation_is_read_with_the_description(
    title: str, description: str | None, expected: str
) -> None:
    coding = code_rome(title, description)
    assert coding is not None
    assert coding.code == expected


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        (
            "Front Desk Agent",
            "Hôtel 4 étoiles : accueil des clients, arrivées et départs, réservations, "
            "encaissement.",
            {"G1703"},
        ),
        (
            "Warehouse Operative",
            "Plateforme logistique : préparation de commandes, réception des marchandises, "
            "chargement des camions.",
            {"N1103", "N1105"},
        ),
        (
            "Housekeeper (F/M)",
            "Hôtel : nettoyage des chambres et des salles de bains, changement du linge.",
            {"G1501"},
        ),
        (
            "Forklift Driver",
            "Entrepôt : chargement et déchargement des camions au chariot élévateur, CACES 3.",
            {"N1101"},
        ),
        (
            "Sales Associate",
            "Boutique de prêt-à-porter : conseil à la clientèle, encaissement, mise en rayon.",
            {"D1214", "D1211", "D1212"},
        ),
        (
            "Receptionist",
            "Hotel front desk: check-in and check-out of guests, bookings.",
            {"G1703"},
        ),
    ],
)
def test_an_english_title_reads_as_the_french_job(
    title: str, description: str, expected: set[str]
) -> None:
    coding = code_rome(title, description)
    assert coding is not None
    assert coding.code in expected


def test_the_english_glossary_rewrites_no_appellation_of_the_rome() -> None:
    """The glossary is read in titles only where they write English: none of its phrases is
    written in the ROME's appellations (French, some English), whose reading it would change."""
    labels = [
        f" {' '.join(fold(w) for w in raw_words(a.label))} " for a in rome_appellations().values()
    ]
    for written, meant in ENGLISH_TITLES.items():
        assert SYNONYMS[written] == meant
        assert not any(f" {written} " in label for label in labels), written
