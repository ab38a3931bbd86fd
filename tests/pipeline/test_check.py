"""Dry runs (`relais sources check`) and registering by detection (`sources add --kind auto`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from normalizers.dates import PARIS
from pipeline.check import check_source, complete_settings, parse_settings
from pipeline.cli import main
from store import models
from store.db import session_scope
from tests.support.loopback import LoopbackSite

FIXTURES = Path(__file__).resolve().parents[1] / "spiders" / "fixtures"
JSON, HTML = "application/json", "text/html; charset=utf-8"


@pytest.fixture(autouse=True)
def no_politeness_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def _greenhouse(site: LoopbackSite) -> None:
    board = json.loads((FIXTURES / "ats" / "greenhouse_jobs.json").read_text())
    board["jobs"].append({"id": 9, "title": "", "absolute_url": "https://x.example/9"})
    site.add("/v1/boards/atelierlumiere/jobs?content=true", json.dumps(board), content_type=JSON)


def test_a_dry_run_shows_offers_and_rejections_and_stores_nothing(
    site: LoopbackSite, sqlite_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_DATABASE_URL", sqlite_database)
    _greenhouse(site)
    before = _stored()
    result = check_source(
        "https://boards.greenhouse.io/atelierlumiere",
        "greenhouse",
        {"api_base": site.url("/")},
    )
    assert result.error is None
    assert result.settings == {"board": "atelierlumiere", "api_base": site.url("/")}
    assert [offer.external_id for offer in result.offers] == ["4011001", "4011002"]
    ((rejected_id, fields),) = [
        (r.external_id, [reason.field for reason in r.reasons]) for r in result.rejections
    ]
    assert rejected_id == "9" and "title" in fields
    assert _stored() == before


def _stored() -> tuple[int | None, ...]:
    with session_scope() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (models.Source, models.RawItem, models.Offer, models.CrawlRun)
        )


def test_a_dry_run_of_an_unknown_site_detects_it_first(site: LoopbackSite) -> None:
    sites = FIXTURES / "sites"
    site.add("/carrieres/", (sites / "careers_listing.html").read_bytes(), content_type=HTML)
    site.add(
        "/carrieres/boulanger-lyon",
        (sites / "posting_boulanger.html").read_bytes(),
        content_type=HTML,
    )
    site.add(
        "/carrieres/vendeur-villeurbanne",
        (sites / "posting_vendeur.html").read_bytes(),
        content_type=HTML,
    )
    result = check_source(site.url("/carrieres/"))
    assert result.detection is not None and result.kind == "jsonld"
    assert result.detection.reasons[0].startswith("les pages liées par la liste portent")
    assert (
        result.error == "HTTP 404 (page introuvable)"
    )  # the listing's page 2 is missing here: incomplete


def test_invalid_settings_are_named_before_anything_is_fetched(site: LoopbackSite) -> None:
    result = check_source(site.url("/jobs"), "lever", {"page_size": "500"})
    assert result.error == (
        "réglages : identifiant du compte (board) : obligatoire, absent; "
        "taille des pages (page_size) : doit valoir au plus 100 (pour une source lever)"
    )
    assert site.requests == []


def test_parse_settings_nests_dotted_keys_over_a_file(tmp_path: Path) -> None:
    file = tmp_path / "selectors.json"
    file.write_text(json.dumps({"links": "a.job", "fields": {"title": "h1"}}))
    settings = parse_settings(["fields.place=.lieu", "query.motsCles=soudeur"], file)
    assert settings == {
        "links": "a.job",
        "fields": {"title": "h1", "place": ".lieu"},
        "query": {"motsCles": "soudeur"},
    }
    with pytest.raises(ValueError, match="réglage 'board' mal formé : CLÉ=VALEUR attendu"):
        parse_settings(["board"])


def test_the_board_is_read_from_the_board_s_own_address() -> None:
    assert complete_settings("lever", "https://jobs.eu.lever.co/cordee", {}) == {
        "board": "cordee",
        "api_base": "https://api.eu.lever.co",
    }
    assert complete_settings("lever", "https://jobs.lever.co/cordee", {"board": "x"}) == {
        "board": "x"
    }


def test_sources_check_prints_what_would_happen(site: LoopbackSite) -> None:
    _greenhouse(site)
    result = run(
        "sources",
        "check",
        "https://boards.greenhouse.io/atelierlumiere",
        "--kind",
        "greenhouse",
        "--setting",
        f"api_base={site.url('/')}",
        "--show",
        "1",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "lecture : réussie, HTTP 200, 1 page, 3 éléments" in lines
    assert "2 offres seraient importées" in lines
    assert any(line.startswith("  + Développeur·se Python H/F · Atelier Lumière") for line in lines)
    assert "1 élément serait refusé" in lines
    assert lines[-1] == "rien n'a été enregistré"


def test_sources_check_says_an_offer_dated_after_today_is_kept_undated(
    site: LoopbackSite,
) -> None:
    body = (FIXTURES / "feeds" / "rss_pubdate_in_future.xml").read_text(encoding="utf-8")
    ahead = datetime.now(UTC) + timedelta(days=40)  # the fixture's future date, from today
    url = site.add(
        "/offres.rss", body.replace("Fri, 15 Jan 2027 08:00:00 +0100", format_datetime(ahead))
    )
    result = run("sources", "check", url, "--kind", "rss")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "3 offres seraient importées" in lines
    assert (
        "  note : 1 offre se dit publiée après sa collecte (la première, "
        f"« https://emplois.example.fr/f-2 », le {ahead.astimezone(PARIS).date().isoformat()}) : "
        "gardée, sa date de publication laissée inconnue"
    ) in lines


def test_sources_check_exits_1_when_the_source_cannot_be_read(site: LoopbackSite) -> None:
    result = run("sources", "check", site.url("/missing.rss"), "--kind", "rss")
    assert result.exit_code == 1
    assert "HTTP 404 (page introuvable)" in result.output


def test_sources_add_auto_says_what_it_detected(database: str) -> None:
    result = run(
        "sources",
        "add",
        "atelier",
        "--kind",
        "auto",
        "--url",
        "https://boards.greenhouse.io/atelierlumiere",
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "type détecté : greenhouse (boards.greenhouse.io est un espace carrières Greenhouse ; "
        "espace « atelierlumiere » lu dans l'adresse)",
        "source atelier enregistrée (greenhouse, https://boards.greenhouse.io/atelierlumiere, "
        'réglages {"board": "atelierlumiere"})',
    ]
    with session_scope() as session:
        source = session.scalars(select(models.Source)).one()
        assert (source.kind, source.settings) == ("greenhouse", {"board": "atelierlumiere"})


def test_sources_add_names_the_setting_at_fault(database: str) -> None:
    result = run("sources", "add", "acme", "--kind", "greenhouse", "--url", "https://acme.example/")
    assert result.exit_code == 2
    assert (
        "réglages (settings) : identifiant du compte (board) : obligatoire, absent "
        "(pour une source de type greenhouse)"
    ) in result.output


def test_sources_add_an_html_source_with_a_selectors_file(database: str, tmp_path: Path) -> None:
    selectors = tmp_path / "chene.json"
    selectors.write_text(json.dumps({"links": "a.job-link", "fields": {"title": "h1"}}))
    result = run(
        "sources",
        "add",
        "chene",
        "--kind",
        "html",
        "--url",
        "https://chene.example/emplois/",
        "--settings-file",
        str(selectors),
        "--setting",
        "fields.place=.lieu",
    )
    assert result.exit_code == 0, result.output
    with session_scope() as session:
        source = session.scalars(select(models.Source)).one()
        assert source.settings["fields"] == {"title": "h1", "place": ".lieu"}


def test_a_france_travail_source_keeps_only_the_name_of_its_secret(database: str) -> None:
    result = run(
        "sources",
        "add",
        "ft",
        "--kind",
        "francetravail",
        "--url",
        "https://api.francetravail.io/partenaire/offresdemploi/v2/offres/search",
        "--setting",
        "client_id=relais",
        "--setting",
        "client_secret_env=s3cr3t value",
    )
    assert result.exit_code == 2
    assert "variable d'environnement du secret (client_secret_env) : forme refusée" in result.output
