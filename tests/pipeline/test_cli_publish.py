"""`relais threads`, `relais targets`, `relais outbox`: what they print is French."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import main


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_an_empty_outbox_says_so(database: str) -> None:
    assert run("outbox", "status").output.strip() == "La file d'envoi est vide."


def test_a_thread_is_created_and_listed(database: str) -> None:
    created = run("threads", "add", "dev", "--title", "Développement", "--metier", "M1805")
    assert created.output.startswith("fil dev créé ; 0 offre(s) en attente d'envoi")
    (line,) = run("threads", "list").output.splitlines()
    assert "0 offre(s)  Développement" in line


def test_a_thread_with_a_bad_metier_is_refused_naming_the_filter_in_french(database: str) -> None:
    result = run("threads", "add", "dev", "--title", "Dev", "--metier", "dev")
    assert result.exit_code == 2
    assert result.output == (
        "erreur : fil refusé : métiers ROME > n° 1 (metiers.0) : « dev » n'est pas un code "
        "métier ROME comme M1805\n"
    )


def test_a_thread_with_a_bad_radius_is_refused_in_french(database: str) -> None:
    result = run("threads", "add", "lyon", "--title", "Lyon", "--commune", "69123:loin")
    assert result.exit_code == 2
    assert "fil refusé : commune '69123:loin' : le rayon doit être un nombre de km" in (
        result.output
    )


def test_a_target_that_is_not_http_is_refused_in_french(database: str) -> None:
    result = run(
        "targets",
        "add",
        "ftp",
        "--kind",
        "webhook",
        "--url",
        "ftp://x.example/",
        "--secret-env",
        "S",
    )
    assert result.exit_code == 2
    assert "seules les adresses http et https" in result.output


def test_a_thread_on_a_departement_name_is_stored_with_its_code(database: str) -> None:
    run("threads", "add", "drome", "--title", "Drôme", "--departement", "Drôme")
    assert '{"departements": ["26"]}' in run("threads", "list").output


def test_a_thread_on_an_unknown_departement_is_refused(database: str) -> None:
    result = run("threads", "add", "x", "--title", "X", "--departement", "99")
    assert result.exit_code == 2
    assert result.output.startswith("erreur : fil refusé : « 99 » n'est pas un département")


def test_a_commune_written_by_its_name_is_refused_with_its_insee_code(database: str) -> None:
    result = run("threads", "add", "lyon", "--title", "Lyon", "--commune", "Lyon:20")
    assert result.exit_code == 2
    assert "écrivez --commune 69123:20 pour Lyon (69)" in result.output
