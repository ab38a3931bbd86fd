"""Shared text helpers: folding, place keys, shortening."""

from __future__ import annotations

import pytest

from normalizers.text import collapse, fold, name_key, shorten


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Saint-Martin-d'Hères", "ST MARTIN D HERES"),
        ("ST MARTIN D HERES", "ST MARTIN D HERES"),
        ("Sainte-Colombe", "STE COLOMBE"),
        ("Marcq-en-Barœul", "MARCQ EN BAROEUL"),
        ("L’Haÿ-les-Roses", "L HAY LES ROSES"),
        ("  Évry   Courcouronnes ", "EVRY COURCOURONNES"),
    ],
)
def test_name_key(written: str, key: str) -> None:
    assert name_key(written) == key


def test_fold_keeps_punctuation() -> None:
    assert fold("Télétravail 100 %") == "TELETRAVAIL 100 %"


def test_collapse() -> None:
    assert collapse(" a \n\t b  ") == "a b"


def test_shorten_cuts_at_a_word_boundary() -> None:
    assert shorten("un deux trois quatre", 12) == "un deux…"
    assert shorten("court", 12) == "court"


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Saint-Étienne", "SAINT-ETIENNE"),
        ("Œuvre cœur", "OEUVRE COEUR"),
        ("straße", "STRASSE"),
        ("e\u0301te\u0301", "ETE"),  # accents written as combining marks
        ("Ångström ñ ç", "ANGSTROM N C"),
    ],
)
def test_fold_removes_accents_and_ligatures(written: str, folded: str) -> None:
    assert fold(written) == folded
