"""An html source's fields: an unknown name is refused with the names accepted (in the error,
`--help` and the README), and `fields.start` reads the start date (« Prise de poste »)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from schemas.sources import HtmlFields, validate_settings

PAGE = (
    "<html><body><h1>Auxiliaire de puériculture H/F</h1><dl>"
    "<dt>Lieu</dt><dd class='lieu'>97200 Fort-de-France</dd>"
    "<dt>Prise de poste</dt><dd class='debut'>01/03/2027</dd></dl>"
    "<div class='desc'><p>CDD de 4 mois. Accueil des enfants.</p></div></body></html>"
)
README = Path(__file__).resolve().parents[2] / "README.md"


def normalize(tmp_path: Path, *settings: str) -> tuple[str, str]:
    page = tmp_path / "offre.html"
    page.write_text(PAGE, encoding="utf-8")
    pairs = [item for setting in settings for item in ("--setting", setting)]
    result = CliRunner().invoke(
        main,
        ["normalize", "--kind", "html", "--base-url", "https://emplois.example/offre/1",
         "--setting", "links=a", "--setting", "fields.title=h1", *pairs, str(page)],
    )  # fmt: skip
    return result.stdout, result.stderr


def test_an_unknown_field_is_refused_with_the_names_accepted(tmp_path: Path) -> None:
    _, said = normalize(tmp_path, "fields.debut=.debut")
    assert "fields.debut" in said and "réglage inconnu" in said
    assert "réglages acceptés : title, description, company, place" in said
    assert ", start, " in said


def test_every_kind_names_its_settings_when_one_is_unknown() -> None:
    try:
        validate_settings("greenhouse", {"board": "acme", "boards": "x"})
    except ValueError as error:
        assert "boards : réglage inconnu pour ce type de source" in str(error)
        assert "(réglages acceptés : board, api_base)" in str(error)
    else:
        raise AssertionError("an unknown setting was accepted")
    try:
        validate_settings("rss", {"board": "acme"})
    except ValueError as error:
        assert "ce type n'a aucun réglage" in str(error)
    else:
        raise AssertionError("an unknown setting was accepted")


def test_the_help_and_the_readme_list_the_fields() -> None:
    for command in (["normalize", "--help"], ["sources", "add", "--help"]):
        shown = " ".join(CliRunner().invoke(main, command).output.split())
        assert "fields.start" in shown and "fields.valid_through" in shown
    readme = README.read_text(encoding="utf-8")
    assert all(f"`fields.{name}`" in readme for name in HtmlFields.model_fields)


def test_the_start_field_gives_the_start_date(tmp_path: Path) -> None:
    printed, said = normalize(
        tmp_path, "fields.start=.debut", "fields.place=.lieu", "fields.description=.desc"
    )
    offer = json.loads(printed)
    assert offer["start"]["day"] == "2027-03-01", said
    assert offer["fact_sources"]["start"]["origin"] == "field"
    assert offer["fact_sources"]["start"]["key"] == ".debut"
