"""The relais command as an operator or an integrator types it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.support.loopback import LoopbackSite

FIXTURES = Path(__file__).parent / "fixtures"


def relais(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, the way a person does."""
    command = [str(Path(sys.executable).parent / "relais"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_normalize_prints_one_canonical_offer_per_line() -> None:
    result = relais("normalize", "--kind", "rss", str(FIXTURES / "jobs.rss"))
    offers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [offer["external_id"] for offer in offers] == ["acme-1", "acme-2"]
    assert offers[0]["posted_at"] == "2026-11-20T08:00:00Z"


def test_normalize_prints_rejections_on_stderr_with_their_reason_and_exits_zero() -> None:
    result = relais("normalize", "--kind", "rss", str(FIXTURES / "jobs.rss"))
    assert result.returncode == 0
    assert "acme-3" in result.stderr and "n'a pas de titre" in result.stderr


def test_normalize_keeps_an_offer_dated_after_today_and_says_so(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "spiders" / "fixtures" / "feeds"
    body = (fixture / "rss_pubdate_in_future.xml").read_text(encoding="utf-8")
    ahead = datetime.now(UTC) + timedelta(days=40)  # the fixture's future date, from today
    feed = tmp_path / "offres.rss"
    feed.write_text(body.replace("Fri, 15 Jan 2027 08:00:00 +0100", format_datetime(ahead)))
    result = relais("normalize", "--kind", "rss", str(feed))
    offers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(offer["title"], offer["posted_at"] is None) for offer in offers] == [
        ("Cariste H/F", False),
        ("Préparateur de commandes H/F", True),
        ("Chef d'équipe logistique H/F", False),
    ]
    assert (
        f"{feed} : note : 1 offre se dit publiée après sa collecte (la première, "
        "« https://emplois.example.fr/f-2 »"
    ) in result.stderr


def test_normalize_in_france_travail_shape() -> None:
    result = relais(
        "normalize", "--kind", "indeed-xml", "--format", "francetravail", str(FIXTURES / "jobs.xml")
    )
    cariste = json.loads(result.stdout.splitlines()[0])
    assert cariste["intitule"] == "Cariste H/F"
    assert cariste["lieuTravail"] == {
        "libelle": "35 - RENNES",
        "latitude": cariste["lieuTravail"]["latitude"],
        "longitude": cariste["lieuTravail"]["longitude"],
        "codePostal": "35000",
        "commune": "35238",
    }
    assert (cariste["typeContrat"], cariste["typeContratLibelle"]) == (
        "MIS",
        "Mission intérimaire - 3 Mois",
    )
    assert cariste["salaire"] == {"libelle": "Horaire de 12.10 Euros"}
    assert cariste["origineOffre"]["urlOrigine"] == "https://interim-ouest.example/offres/IO-7781"
    assert cariste["dateCreation"] == "2026-11-21T08:00:00.000Z"


def test_normalize_reads_recruitee_dates_year_month_day() -> None:
    answer = Path(__file__).parents[1] / "spiders" / "fixtures" / "ats" / "recruitee_offers.json"
    result = relais("normalize", "--kind", "recruitee", "--format", "francetravail", str(answer))
    offer = json.loads(result.stdout.splitlines()[0])
    # written "2026-11-10 08:30:00 UTC" and "2026-11-12 14:00:00 UTC": 10 and 12 November
    assert (offer["dateCreation"], offer["dateActualisation"]) == (
        "2026-11-10T08:30:00.000Z",
        "2026-11-12T14:00:00.000Z",
    )


def test_normalize_says_why_a_feed_is_unreadable() -> None:
    result = relais("normalize", "--kind", "rss", str(FIXTURES / "broken.rss"))
    assert result.returncode == 1
    assert "flux illisible : pas un flux RSS ou Atom : l'élément racine est <html>" in (
        result.stderr
    )


def test_normalize_reads_a_broken_feed_item_by_item_and_says_what_it_repaired() -> None:
    path = FIXTURES / "cut.rss"
    result = relais("normalize", "--kind", "rss", str(path))
    assert result.returncode == 0
    assert (
        f"{path} : réparé : 2 balises non fermées dans un élément fermées avec lui "
        "(la première à la ligne 11, dans l'offre « Opérateur de production »)"
    ) in result.stderr.splitlines()
    # </channel> ends the second item: it is read whole (and lacks a link), only <rss> is cut
    assert "le document s'arrête à la ligne 12 avant la fin de <rss>" in result.stderr
    assert "coupé par la fin du document" not in result.stderr


def test_sources_add_then_list(database: str) -> None:
    added = run(
        "sources",
        "add",
        "acme",
        "--kind",
        "rss",
        "--url",
        "https://acme.example/jobs.rss",
        "--org",
        "Acme",
    )
    assert added.exit_code == 0, added.output
    listing = run("sources", "list").output
    assert "acme" in listing and "active" in listing


def test_sources_add_refuses_a_non_http_url_and_says_which_field(database: str) -> None:
    result = run("sources", "add", "acme", "--kind", "rss", "--url", "file:///etc/passwd")
    assert result.exit_code == 2
    assert "url" in result.output


def test_sources_pause_and_resume(database: str) -> None:
    run("sources", "add", "acme", "--kind", "rss", "--url", "https://acme.example/jobs.rss")
    assert run("sources", "pause", "acme", "--reason", "feed moved").exit_code == 0
    assert "en pause : feed moved" in run("sources", "show", "acme").output
    run("sources", "resume", "acme")
    assert "état :          active" in run("sources", "show", "acme").output


def test_an_unknown_source_is_an_error(database: str) -> None:
    result = run("sources", "show", "nope")
    assert result.exit_code == 2 and "aucune source ne s'appelle « nope »" in result.output


@pytest.mark.parametrize("fixture, status", [("jobs.rss", 0), ("broken.rss", 1)])
def test_collect_exits_zero_when_it_ran_even_with_rejections(
    database: str, site: LoopbackSite, fixture: str, status: int
) -> None:
    url = site.add("/feed.rss", (FIXTURES / fixture).read_bytes())
    run("sources", "add", "acme", "--kind", "rss", "--url", url)
    result = run("collect", "--source", "acme")
    assert result.exit_code == status, result.output


def test_collect_says_when_failures_paused_a_source(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_PAUSE_AFTER_FAILURES", "1")
    url = site.add("/feed.rss", b"oops", status=500)
    run("sources", "add", "acme", "--kind", "rss", "--url", url)
    result = run("collect", "--source", "acme")
    assert result.exit_code == 1
    assert "acme : mise en pause automatiquement après 1 collecte échouée de suite" in result.output
    assert "relais sources resume acme" in result.output


def test_sources_show_lists_quarantined_items_with_their_reason(
    database: str, site: LoopbackSite
) -> None:
    url = site.add("/feed.rss", (FIXTURES / "jobs.rss").read_bytes())
    run("sources", "add", "acme", "--kind", "rss", "--url", url)
    run("collect", "--source", "acme")
    shown = run("sources", "show", "acme").output
    assert "quarantaine :   1 élément" in shown
    assert (
        "Offre sans titre (identifiant dans le flux : acme-3) : L'offre n'a pas de titre."
    ) in shown


def test_sources_show_says_what_each_crawl_repaired(database: str, site: LoopbackSite) -> None:
    feeds = Path(__file__).parents[1] / "spiders" / "fixtures" / "feeds"
    url = site.add("/feed.rss", (feeds / "rss_html_entities.xml").read_bytes())
    run("sources", "add", "entites", "--kind", "rss", "--url", url)
    run("collect", "--source", "entites")
    shown = run("sources", "show", "entites").output
    assert (
        "    note de collecte : 10 entités non définies en XML (&eacute;, &nbsp;, &agrave;) lues "
        "comme des entités HTML (la première à la ligne 13)"
    ) in shown


def test_init_creates_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    result = run("init")
    assert result.exit_code == 0 and "base prête" in result.output
    assert (tmp_path / "fresh.db").exists()


def test_normalize_says_which_settings_an_html_page_needs(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>Cariste</h1></body></html>")
    result = relais("normalize", "--kind", "html", str(page))
    assert result.returncode == 2
    assert "sélecteurs" in result.stderr and "Traceback" not in result.stderr


def test_sources_add_of_a_loopback_url_says_at_once_how_to_allow_it(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RELAIS_ALLOWED_HOSTS", raising=False)
    url = "http://127.0.0.1:8765/offres.rss"
    result = run("sources", "add", "local", "--kind", "rss", "--url", url)
    assert result.exit_code == 0, result.output
    assert (
        "attention : les collectes refuseront cette adresse : 127.0.0.1 est une adresse de "
        "bouclage (loopback) ; pour l'autoriser (site de test, intranet), ajoutez "
        "127.0.0.1:8765 à RELAIS_ALLOWED_HOSTS"
    ) in result.output


def test_sources_add_auto_of_a_refused_url_says_only_how_to_allow_it(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RELAIS_ALLOWED_HOSTS", raising=False)
    url = "http://127.0.0.1:8765/offres.rss"
    result = run("sources", "add", "local", "--kind", "auto", "--url", url)
    assert result.exit_code == 2
    assert result.output.startswith(
        "erreur : type de source non détecté : les collectes refuseront cette adresse"
    )
    assert "ajoutez 127.0.0.1:8765 à RELAIS_ALLOWED_HOSTS" in result.output
    assert "--settings-file" not in result.output


def test_sources_add_of_an_address_without_scheme_says_what_to_write(database: str) -> None:
    result = run("sources", "add", "local", "--kind", "rss", "--url", "www.fournil.example/o.rss")
    assert result.exit_code == 2
    assert (
        "« www.fournil.example/o.rss » n'a pas de http:// ni de https:// au début : écrivez "
        "https://www.fournil.example/o.rss"
    ) in result.output


def test_sources_add_of_an_allowed_local_url_warns_of_nothing(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", "127.0.0.1:8765")
    result = run("sources", "add", "local", "--kind", "rss", "--url", "http://127.0.0.1:8765/o.rss")
    assert result.exit_code == 0 and "attention" not in result.output


def test_sources_add_of_a_private_name_says_how_to_allow_it(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RELAIS_ALLOWED_HOSTS", raising=False)
    result = run("sources", "add", "nas", "--kind", "rss", "--url", "https://nas.local/o.rss")
    assert "nas.local est un nom réservé aux réseaux locaux" in result.output
    assert "ajoutez nas.local:443 à RELAIS_ALLOWED_HOSTS" in result.output


def test_the_collect_of_a_refused_local_source_names_relais_allowed_hosts(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.add("/offres.rss", "<rss/>")
    monkeypatch.delenv("RELAIS_ALLOWED_HOSTS")
    run("sources", "add", "local", "--kind", "rss", "--url", url)
    run("collect", "--source", "local")
    shown = run("sources", "show", "local").output
    assert "refusé : 127.0.0.1 est une adresse de bouclage (loopback) ; pour l'autoriser" in shown
    assert f"ajoutez {site.host} à RELAIS_ALLOWED_HOSTS" in shown
    assert site.requests == []


def test_collect_with_no_source_due_says_so_in_french(database: str) -> None:
    result = run("collect")
    assert result.exit_code == 0, result.output
    assert result.output == "aucune source à collecter maintenant\n"


def test_collect_of_an_unknown_source_is_a_french_error_exiting_two(database: str) -> None:
    result = run("collect", "--source", "nope")
    assert result.exit_code == 2
    assert result.output.startswith("erreur : aucune source ne s'appelle « nope »")


def test_collect_reports_a_run_in_french(database: str, site: LoopbackSite) -> None:
    url = site.add("/feed.rss", (FIXTURES / "jobs.rss").read_bytes())
    run("sources", "add", "acme", "--kind", "rss", "--url", url)
    result = run("collect", "--source", "acme")
    assert result.output.startswith("acme : collecte réussie, éléments : 3 nouveau(x) / ")
    assert "offres : 2 nouvelle(s), 0 mise(s) à jour ; 1 refusé(s)" in result.output


def test_sources_list_heads_its_columns_in_french(database: str) -> None:
    run("sources", "add", "acme", "--kind", "rss", "--url", "https://acme.example/jobs.rss")
    heading = run("sources", "list").output.splitlines()[0].split()
    assert heading == ["NOM", "TYPE", "ÉTAT", "DERNIÈRE", "COLLECTE", "RÉSULTAT", "OFFRES"]


def test_sources_list_with_no_source_says_how_to_add_one_in_french(database: str) -> None:
    assert run("sources", "list").output.startswith("aucune source enregistrée pour l'instant")


def test_sources_pause_says_it_in_french(database: str) -> None:
    run("sources", "add", "acme", "--kind", "rss", "--url", "https://acme.example/jobs.rss")
    assert run("sources", "pause", "acme").output == "acme mise en pause\n"


def test_sources_show_labels_its_fields_in_french(database: str) -> None:
    run("sources", "add", "acme", "--kind", "rss", "--url", "https://acme.example/jobs.rss")
    labels = [line.split(" :")[0] for line in run("sources", "show", "acme").output.splitlines()]
    assert labels[:7] == ["nom", "type", "url", "organisation", "rythme", "état", "cycle de vie"]


def test_the_help_of_a_command_is_in_french() -> None:
    shown = run("sources", "add", "--help").output
    assert shown.startswith("Utilisation : main sources add [OPTIONS] NOM\n")
    assert "Options :" in shown and "Afficher cette aide et quitter." in shown
    assert "obligatoire]" in shown and "[par défaut :" in shown
    assert "Show this message" not in shown and "Usage:" not in shown


def test_a_missing_option_is_named_in_a_french_error() -> None:
    result = run("sources", "add", "acme", "--url", "https://acme.example/jobs.rss")
    assert result.exit_code == 2
    assert "Erreur : Option manquante '--kind'." in result.output
    assert "Essayez « main sources add --help » pour l'aide." in result.output


def test_an_unknown_command_is_refused_in_french() -> None:
    result = relais("sourcse")
    assert result.returncode == 2
    assert "Erreur : Commande inconnue : 'sourcse'." in result.stderr


def test_normalize_names_each_rejected_item_in_french() -> None:
    result = relais("normalize", "--kind", "rss", str(FIXTURES / "jobs.rss"))
    assert f"{FIXTURES / 'jobs.rss'} : élément acme-3 : refusé : " in result.stderr


def test_click_speaks_english_again_outside_relais() -> None:
    import click

    run("--help")

    @click.command()
    def other() -> None:
        """Another program's command."""

    assert CliRunner().invoke(other, ["--help"]).output.startswith("Usage: other [OPTIONS]")
