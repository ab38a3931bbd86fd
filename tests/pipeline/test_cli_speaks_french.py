"""Every family of relais commands speaks French: their help, their typical outputs and their
errors hold none of the common English words (quoted values, addresses, command and option
names and JSON offers are data, not words, and are left out)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from tests.support.loopback import LoopbackSite

FIXTURES = Path(__file__).parent / "fixtures"
FEEDS = Path(__file__).resolve().parents[1] / "spiders" / "fixtures" / "feeds"
ATS = Path(__file__).resolve().parents[1] / "spiders" / "fixtures" / "ats"

ENGLISH = re.compile(
    r"\b(the|of|and|with|from|is|are|not|could|cannot|rejected|unreadable|feed|items?|offers?"
    r"|failed|missing|expected|such|already|unknown|usage|try|error|invalid|should|must"
    r"|no|none|true|false|paused|resumed|created|added|removed|written|read|found|or"
    r"|published|updated|merged|withdrawn|expired)\b",
    re.IGNORECASE,
)
# What is data, not words: «…» and '…' quotes, addresses, paths, commands (`relais …`, `main
# …` in a usage line, a command's name in its group's list), --options, XML tags, JSON lines,
# identifiers with _ or digits, and the field/code pairs of quarantine show.
DATA = re.compile(
    r"«[^»]*»|'[^']*'|\"[^\"]*\"|\b\w+://\S+|(?<!\w)/\S+|\b(?:relais|main)(?: [a-z-]+)+"
    r"|^  [a-z-]+(?=  )|--?[a-z][\w-]*|<[^>]*>|\[[\w/.-]+\]|\b\w*[_\d]\w*\b|^\s*[{\[].*$",
    re.MULTILINE,
)


def _english(*results: Result | str) -> list[str]:
    """The lines of the results' outputs (standard output and error) with English words."""
    texts = [r if isinstance(r, str) else r.output + r.stderr for r in results]
    lines = [line for text in texts for line in text.splitlines()]
    return [line for line in lines if ENGLISH.search(DATA.sub(" ", line))]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_the_detector_finds_english_in_an_output() -> None:
    french = "acme : 2 offres écrites, 1 refusée (flux illisible)"
    english = "acme : 2 offers written, 1 rejected (unreadable feed)"
    assert _english(french, english) == [english]


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def test_every_help_is_french() -> None:
    helps = [run(*command, "--help") for command in _commands(main)]
    assert _english(*helps) == []


def test_usage_errors_are_french() -> None:
    assert (
        _english(
            run("nope"),
            run("sources", "add"),
            run("sources", "add", "acme", "--kind", "gopher", "--url", "https://a.example/"),
            run("normalize", "--kind", "rss", "/nonexistent"),
            run("collect", "extra"),
            run("quarantine", "replay", "x"),
        )
        == []
    )


def test_normalize_speaks_french(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"\x00\xffpas du xml {")
    results = [
        run("normalize", "--kind", kind, str(path))
        for kind, path in [
            ("rss", FIXTURES / "jobs.rss"),
            ("rss", FIXTURES / "broken.rss"),
            ("rss", FIXTURES / "cut.rss"),
            ("rss", FEEDS / "truncated.xml"),
            ("rss", FEEDS / "html_page.xml"),
            ("rss", FEEDS / "xxe_file_passwd.xml"),
            ("rss", garbage),
            ("indeed-xml", FEEDS / "atom03_feed.xml"),
            ("greenhouse", ATS / "workable_account.json"),
            ("lever", garbage),
            ("html", FEEDS / "html_page.xml"),
        ]
    ]
    assert _english(*results) == []


def test_sources_speak_french(database: str, site: LoopbackSite) -> None:
    url = site.add("/feed.rss", (FIXTURES / "jobs.rss").read_bytes())
    missing = site.add("/gone.rss", b"", status=404)
    results = [
        run("sources", "list"),
        run("sources", "add", "acme", "--kind", "rss", "--url", url),
        run("sources", "add", "acme", "--kind", "rss", "--url", url),
        run("sources", "add", "bad", "--kind", "rss", "--url", "ftp://a.example/x"),
        run("sources", "check", url),
        run("sources", "check", missing),
        run("sources", "list"),
        run("sources", "pause", "acme", "--reason", "travaux"),
        run("sources", "show", "acme"),
        run("sources", "resume", "acme"),
        run("sources", "show", "nope"),
        run("sources", "confirm-withdrawals", "acme"),
    ]
    assert _english(*results) == []


def test_collect_quarantine_and_status_speak_french(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_PAUSE_AFTER_FAILURES", "1")
    jobs = site.add("/feed.rss", (FIXTURES / "jobs.rss").read_bytes())  # one item untitled
    broken = site.add("/broken.rss", (FIXTURES / "broken.rss").read_bytes())
    failing = site.add("/down.rss", b"oops", status=500)
    run("sources", "add", "acme", "--kind", "rss", "--url", jobs)
    run("sources", "add", "broken", "--kind", "rss", "--url", broken)
    run("sources", "add", "down", "--kind", "rss", "--url", failing)
    results = [
        run("collect"),
        run("collect", "--source", "nope"),
        run("quarantine", "list"),
        # the item as the feed wrote it, after "contenu lu", is the source's text, not ours
        run("quarantine", "show", "1").output.split("contenu lu (")[0],
        run("quarantine", "show", "999"),
        run("quarantine", "replay", "--source", "acme"),
        run("status"),
        run("sources", "show", "down"),
    ]
    assert _english(*results) == []


def test_threads_targets_and_outbox_speak_french(database: str) -> None:
    results = [
        run("threads", "list"),
        run("threads", "add", "Bad Slug", "--title", "T"),
        run("threads", "add", "dev", "--title", "Dev", "--metier", "X99"),
        run("threads", "add", "dev", "--title", "Dev", "--metier", "M1805"),
        run("threads", "add", "dev", "--title", "Dev"),
        run("threads", "list"),
        run("targets", "add", "hook", "--kind", "webhook", "--url", "https://a.example/hook"),
        run(
            "targets",
            "add",
            "ft",
            "--kind",
            "francetravail-intake",
            "--url",
            "ftp://x",
            "--client-id",
            "c",
            "--secret-env",
            "FT_SECRET",
        ),  # fmt: skip
        run("outbox", "status"),
        run("outbox", "deliver"),
    ]
    assert _english(*results) == []


def test_offers_and_expire_speak_french(database: str, site: LoopbackSite) -> None:
    url = site.add("/feed.rss", (FIXTURES / "jobs.rss").read_bytes())
    run("sources", "add", "acme", "--kind", "rss", "--url", url)
    run("collect", "--source", "acme")
    results = [
        run("offers", "show", "1"),
        run("offers", "history", "1"),
        run("offers", "show", "999"),
        run("offers", "split", "1", "--copy", "1"),
        run("expire"),
    ]
    assert _english(*results) == []


def test_api_clients_and_organizations_speak_french(database: str) -> None:
    results = [
        run("api-clients", "add", "bot"),
        run("api-clients", "add", "bot"),
        run("api-clients", "add", "pusher", "--intake"),
        run("api-clients", "list"),
        run("api-clients", "revoke", "nope"),
        run("api-clients", "revoke", "bot"),
        run("orgs", "add", "Acme"),
        run("orgs", "add", "Acme"),
        run("orgs", "token", "nope"),
        run("orgs", "list"),
    ]
    assert _english(*results) == []
