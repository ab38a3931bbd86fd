"""A JSON answer cut before its end (a dropped connection, a proxy's size limit) keeps the
complete postings before the cut, and says it is incomplete so that nothing is withdrawn."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import FeedError, extractor_for, read_document

ATS = Path(__file__).resolve().parents[1] / "fixtures" / "ats"
URL = "https://api.example.org/board"

LISTS = [
    ("ashby", "ashby_job_board.json"),
    ("francetravail", "francetravail_search.json"),
    ("greenhouse", "greenhouse_jobs.json"),
    ("lever", "lever_page1.json"),
    ("recruitee", "recruitee_offers.json"),
    ("smartrecruiters", "smartrecruiters_postings_page1.json"),
    ("workable", "workable_account.json"),
]


def cut_answer(kind: str, fixture: str) -> tuple[bytes, bytes]:
    """(the fixture's answer with one more posting at the end, the same cut inside that
    posting)."""
    data = json.loads((ATS / fixture).read_bytes())
    key = extractor_for(kind).postings_key
    postings = data if key is None else data[key]
    extra = copy.deepcopy(postings[0])
    extra["coupure"] = "ici"
    postings.append(extra)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.encode(), text[: text.index('"coupure"')].encode()


@pytest.mark.parametrize(("kind", "fixture"), LISTS)
def test_a_cut_answer_keeps_the_postings_before_the_cut(kind: str, fixture: str) -> None:
    whole, cut = cut_answer(kind, fixture)
    expected = read_document(kind, whole, URL).results[:-1]
    reading = read_document(kind, cut, URL)
    assert expected and all(isinstance(offer, SourceOffer) for offer in expected)
    assert reading.results == expected


@pytest.mark.parametrize(("kind", "fixture"), LISTS)
def test_a_cut_answer_is_reported_incomplete_in_french(kind: str, fixture: str) -> None:
    reading = read_document(kind, cut_answer(kind, fixture)[1], URL)
    assert reading.incomplete
    assert any(
        "s'arrête" in note and "aucune offre n'est retirée" in note for note in reading.notes
    ), reading.notes


def test_a_json_answer_broken_in_its_middle_is_still_refused() -> None:
    whole, _ = cut_answer("greenhouse", "greenhouse_jobs.json")
    broken = whole.replace(b'"coupure"', b"coupure", 1)
    with pytest.raises(FeedError, match="JSON mal formé"):
        read_document("greenhouse", broken, URL)
