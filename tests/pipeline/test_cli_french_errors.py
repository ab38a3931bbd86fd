"""What `relais normalize` says of bad settings and of items that make no offer is French,
names the field in French, and never shows pydantic's English or a hash Relais made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

PAGE = (
    "<html><head><title>Offre</title></head><body><h1>Infirmier de bloc H/F</h1>"
    "<div class='desc'><p>CDI à Lyon.</p></div></body></html>"
)
ENGLISH = ("validation error", "Field required", "Input should", "pydantic.dev", "Extra inputs")


def normalize(*args: str) -> str:
    return CliRunner().invoke(main, ["normalize", *args]).stderr


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        (
            {"fields": {"title": "h1"}},
            "sélecteur des liens d'offres (links) : obligatoire, absent",
        ),
        (
            {"links": "a.job", "fields": {"title": "h1", "location": ".loc"}},
            "sélecteurs des champs > location (fields.location) : réglage inconnu pour ce type "
            "de source",
        ),
        (
            {"links": 3, "fields": {"title": "h1"}},
            "sélecteur des liens d'offres (links) : une chaîne de caractères est attendue",
        ),
    ],
)
def test_bad_html_settings_are_said_in_french(
    tmp_path: Path, settings: dict[str, object], said: str
) -> None:
    page, settings_file = tmp_path / "offre.html", tmp_path / "reglages.json"
    page.write_text(PAGE, encoding="utf-8")
    settings_file.write_text(json.dumps(settings), encoding="utf-8")
    stderr = normalize("--kind", "html", "--settings-file", str(settings_file), str(page))
    assert said in stderr
    assert not any(word in stderr for word in ENGLISH), stderr


def test_a_page_read_without_its_address_is_named_by_its_title(tmp_path: Path) -> None:
    page = tmp_path / "offre.html"
    page.write_text(PAGE, encoding="utf-8")
    stderr = normalize(
        "--kind", "html", "--setting", "links=a", "--setting", "fields.title=h1",
        "--setting", "fields.description=.desc", str(page),
    )  # fmt: skip
    assert stderr.startswith(f"{page} : refusé : « Infirmier de bloc H/F » : ")
    assert "sha256" not in stderr
    assert not any(word in stderr for word in ENGLISH), stderr


def test_rejections_of_items_without_id_name_them_by_title(tmp_path: Path) -> None:
    feed = tmp_path / "offres.rss"
    feed.write_text(
        '<rss version="2.0"><channel><title>T</title><description>x</description>'
        "<item><title>Agent d'accueil</title><description>CDI à Lyon.</description></item>"
        "<item><description>CDI à Lyon.</description></item></channel></rss>",
        encoding="utf-8",
    )
    lines = normalize("--kind", "rss", str(feed)).splitlines()
    assert [line.split(" : ")[1:3] for line in lines] == [
        ["refusé", "« Agent d'accueil »"],
        ["refusé", "Offre sans titre"],
    ]
    assert not any("sha256" in line for line in lines)
