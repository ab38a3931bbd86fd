"""`relais normalize` that finds nothing says so, in French, and why: never a silent success."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
EMPTY_RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Offres</title>'
    "<link>https://emplois.example.fr/</link><description>x</description></channel></rss>"
)


def stderr_of(kind: str, path: Path) -> str:
    result = CliRunner().invoke(main, ["normalize", "--kind", kind, str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    return result.stderr


def test_a_feed_without_items_says_it_has_none(tmp_path: Path) -> None:
    feed = tmp_path / "vide.rss"
    feed.write_text(EMPTY_RSS, encoding="utf-8")
    assert stderr_of("rss", feed) == (
        f"{feed} : aucune offre trouvée : le document est un flux RSS, mais il ne contient "
        "aucun élément <item> ni <entry>\n"
    )


def test_an_rss_feed_read_as_jsonld_names_the_kind_to_try() -> None:
    feed = FIXTURES / "jobs.rss"
    assert stderr_of("jsonld", feed) == (
        f"{feed} : aucune offre trouvée : le document est un flux RSS ; essayez --kind rss\n"
    )


@pytest.mark.parametrize("kind", ["greenhouse", "lever", "recruitee"])
def test_an_empty_list_of_postings_says_it_is_empty(tmp_path: Path, kind: str) -> None:
    answer = tmp_path / "offres.json"
    answer.write_text({"greenhouse": '{"jobs": []}', "lever": "[]"}.get(kind, '{"offers": []}'))
    assert stderr_of(kind, answer) == (
        f"{answer} : aucune offre trouvée : la liste des offres du document JSON est vide\n"
    )


def test_a_json_answer_read_as_a_feed_is_not_silent(tmp_path: Path) -> None:
    answer = tmp_path / "offres.json"
    answer.write_text('{"jobs": []}')
    result = CliRunner().invoke(main, ["normalize", "--kind", "jsonld", str(answer)])
    assert "aucune offre trouvée : le document est du JSON" in result.stderr
