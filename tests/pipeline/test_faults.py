"""A fault of Relais reaches a person as French words and a reference, never as Python's English
or a traceback; errors written for people pass as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from pipeline.cli import main
from pipeline.faults import FAULTS_LOG, fault_message
from store.db import var_dir
from store.sources import SourceNotFound

REFERENCE = re.compile(r"référence ([0-9a-f]{8})")


@pytest.fixture
def broken_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database Relais cannot open: SQLAlchemy then raises in English."""
    monkeypatch.setenv("RELAIS_DATABASE_URL", f"sqlite:///{tmp_path}/absent/relais.db")


def test_a_fault_is_told_in_french_with_a_reference() -> None:
    message = fault_message(KeyError("offer_sources.status_reason"))
    assert message.startswith("erreur interne de Relais (référence ")
    assert "status_reason" not in message


def test_a_faults_traceback_is_kept_under_its_reference() -> None:
    try:
        raise RuntimeError("naive datetime given to a UTC column")
    except RuntimeError as error:
        found = REFERENCE.search(fault_message(error))
    assert found is not None
    kept = (var_dir() / FAULTS_LOG).read_text(encoding="utf-8")
    after = kept[kept.index(f"reference={found[1]}") :]
    assert "RuntimeError: naive datetime given to a UTC column" in after


def test_the_same_fault_told_twice_keeps_its_reference() -> None:
    error = ValueError("an external id comes twice in the batch")
    assert fault_message(error) == fault_message(error)


def test_an_error_written_for_people_passes_as_it_is() -> None:
    error = SourceNotFound("aucune source ne s'appelle « acme »")
    assert fault_message(error) == "aucune source ne s'appelle « acme »"


def test_the_cli_tells_a_fault_in_french_without_a_traceback(broken_database: None) -> None:
    result = CliRunner().invoke(main, ["status"])
    assert (result.exit_code, result.stderr.splitlines()[0][:35]) == (
        1,
        "erreur interne de Relais (référence",
    )
    assert "Traceback" not in result.output + result.stderr


def test_a_page_tells_a_fault_in_french(broken_database: None) -> None:
    from web.app import create_app

    page = TestClient(create_app(), raise_server_exceptions=False).get("/")
    assert page.status_code == 500 and "Erreur interne de Relais (référence" in page.text
    assert "Internal Server Error" not in page.text
