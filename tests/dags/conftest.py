"""Airflow for the DAG tests: the project's airflow.cfg with a metadata database of their own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import RUN_DIR
from tests.support.templates import made_once

ROOT = Path(__file__).resolve().parents[2]
_URL_VARIABLE = "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """The tests' Airflow metadata database (its URL is set in tests/conftest.py), migrated:
    `airflow db migrate` runs once a test run, into a template each process copies."""
    template = RUN_DIR / "airflow.db"

    def migrate() -> None:
        template.unlink(missing_ok=True)  # what a process that died making it left
        airflow = Path(sys.executable).parent / "airflow"
        result = subprocess.run(
            [str(airflow), "db", "migrate"],
            env={**os.environ, _URL_VARIABLE: f"sqlite:///{template}"},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-2000:]

    made_once(RUN_DIR / "airflow.ready", migrate)
    own = os.environ[_URL_VARIABLE].removeprefix("sqlite:///")
    # SQLite's backup copies the pages into the database file in place, under its locks.
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(own)) as target:
        source.backup(target)


@pytest.fixture(scope="session")
def dagbag(airflow_db: None):  # type: ignore[no-untyped-def]
    """Every DAG of dags/, parsed the way the DAG processor parses them."""
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))
