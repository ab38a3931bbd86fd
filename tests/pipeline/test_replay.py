"""Quarantine replay: after a fix, rejected items are read again and those that pass load."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli import main
from pipeline.collect import collect
from pipeline.replay import replay
from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import sources as source_store
from store.db import session_scope
from tests.support.loopback import LoopbackSite

SITES = Path(__file__).resolve().parents[1] / "spiders" / "fixtures" / "sites"
HTML = "text/html; charset=utf-8"
POSTINGS = ["menuisier-poseur.html", "apprenti.html", "metreur.html"]


@pytest.fixture(autouse=True)
def no_politeness_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def _selectors(title: str) -> dict[str, object]:
    return {
        "links": "a.job-link",
        "next": "a.next",
        "fields": {"title": title, "description": ".description", "place": ".lieu"},
    }


@pytest.fixture
def wrong_selector(database: str, site: LoopbackSite) -> None:
    """An html source registered with a title selector that matches nothing, collected: every
    posting is in quarantine for want of a title."""
    site.add("/emplois/", (SITES / "html_list.html").read_bytes(), content_type=HTML)
    site.add(
        "/emplois/page-2.html", (SITES / "html_list_page2.html").read_bytes(), content_type=HTML
    )
    for posting in POSTINGS:
        site.add(
            f"/emplois/{posting}", (SITES / "html_posting.html").read_bytes(), content_type=HTML
        )
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(
                name="chene",
                kind=SourceKind.HTML,
                url=site.url("/emplois/"),  # type: ignore[arg-type]
                settings=_selectors("h2.no-such-title"),
            ),
        )
    collect("chene")


def _fix_the_selector() -> None:
    with session_scope() as session:
        source_store.get_source(session, "chene").settings = _selectors("h1")


def _offers() -> int:
    with session_scope() as session:
        return len(session.scalars(select(models.Offer.id)).all())


def _open_rejections() -> list[models.Rejection]:
    with session_scope() as session:
        return list(
            session.scalars(select(models.Rejection).where(models.Rejection.resolved_at.is_(None)))
        )


def test_collected_items_without_a_title_are_in_quarantine(wrong_selector: None) -> None:
    assert _offers() == 0
    rejections = _open_rejections()
    assert len(rejections) == len(POSTINGS)
    assert all(r.reasons[0]["field"] == "title" for r in rejections)


def test_replay_after_the_fix_imports_the_items(wrong_selector: None) -> None:
    _fix_the_selector()
    (outcome,) = replay("chene")
    assert (outcome.released, outcome.still_rejected) == (len(POSTINGS), [])
    assert outcome.load is not None and outcome.load.new == len(POSTINGS)
    assert _offers() == len(POSTINGS)
    assert _open_rejections() == []


def test_replay_without_a_fix_keeps_the_items_in_quarantine(wrong_selector: None) -> None:
    (outcome,) = replay("chene")
    assert outcome.released == 0 and len(outcome.still_rejected) == len(POSTINGS)
    assert _offers() == 0 and len(_open_rejections()) == len(POSTINGS)


def test_replay_of_one_rejection_by_id(wrong_selector: None) -> None:
    _fix_the_selector()
    first = _open_rejections()[0]
    (outcome,) = replay(rejection_ids=[first.id])
    assert outcome.released == 1
    assert _offers() == 1 and len(_open_rejections()) == len(POSTINGS) - 1


def test_quarantine_list_shows_each_item_and_its_reason(wrong_selector: None) -> None:
    result = run("quarantine", "list", "--source", "chene")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()[1:]
    assert len(lines) == len(POSTINGS)
    assert all(
        "chene" in line and "Offre sans titre" in line and "L'offre n'a pas de titre." in line
        for line in lines
    )


def test_quarantine_show_prints_the_reasons_and_the_payload(wrong_selector: None) -> None:
    rejection = _open_rejections()[0]
    result = run("quarantine", "show", str(rejection.id))
    assert result.exit_code == 0, result.output
    assert "  - L'offre n'a pas de titre. À corriger dans votre flux" in result.output
    assert "<h1" in result.output


def test_quarantine_replay_command_reports_what_passed(wrong_selector: None) -> None:
    _fix_the_selector()
    result = run("quarantine", "replay", "--source", "chene")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"chene : {len(POSTINGS)} éléments rejoués, {len(POSTINGS)} acceptés maintenant "
        f"({len(POSTINGS)} offres nouvelles, 0 mise à jour), 0 toujours refusé"
    )


def test_quarantine_of_an_unknown_source_is_an_error(database: str) -> None:
    assert run("quarantine", "list", "--source", "nope").exit_code == 2
    assert run("quarantine", "replay", "--source", "nope").exit_code == 2
