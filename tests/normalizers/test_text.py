"""Shared text helpers: folding, place keys, shortening."""

from __future__ import annotations

import pytest

from normalizers.text import ascii_words, collapse, fold, name_key, shorten


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


@pytest.mark.parametrize("length", [10, 100, 1_000])
def test_fold_reads_long_texts_as_short_ones(length: int) -> None:
    """Texts of every length fold alike, whichever way fold reads them."""
    sentence = "Poste basé à Saint-Étienne, cœur de ville, rémunération 2 000 €. "
    text = (sentence * (length // len(sentence) + 1))[:length]
    assert fold(text) == "".join(fold(character) for character in text)


def test_collapse_treats_every_space_alike() -> None:
    assert collapse("a\xa0\u2028b\u3000 c") == "a b c"


def test_ascii_words_keeps_words_and_the_characters_asked_for() -> None:
    assert ascii_words(fold("Télétravail : 2 jours / semaine (100 %) – début…"), "%") == (
        "TELETRAVAIL 2 JOURS SEMAINE 100 % DEBUT"
    )


def test_ascii_words_refuses_the_question_mark() -> None:
    with pytest.raises(ValueError):
        ascii_words("OU ?", "?")
