"""The DAG files parse without errors and follow the project's conventions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_dags_import_without_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert "collect_offers" in dagbag.dag_ids


def test_every_dag_has_a_runbook_tags_retries_and_no_catchup(dagbag) -> None:  # type: ignore[no-untyped-def]
    for dag_id in dagbag.dag_ids:
        dag = dagbag.get_dag(dag_id)
        assert dag.doc_md and "Runbook" in dag.doc_md, dag_id
        assert set(dag.tags) <= {"relais", "collect", "publish", "maintenance"}, dag_id
        assert dag.catchup is False, dag_id
        touching_sources = [t for t in dag.tasks if t.task_id.startswith("collect_source.")]
        assert all(task.retries >= 1 for task in touching_sources), dag_id


def test_crawls_go_to_the_queue_relais_crawl_queue_names_and_the_rest_stay_on_the_default_one(
    airflow_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("RELAIS_CRAWL_QUEUE", "crawls")
    dag = DagBag(dag_folder=str(ROOT / "dags" / "collect_offers.py")).get_dag("collect_offers")

    queues = {task.task_id: task.queue for task in dag.tasks}
    assert queues.pop("collect_source.crawl") == "crawls"
    assert set(queues.values()) == {"default"}


def test_parsing_a_dag_file_imports_no_pipeline_code() -> None:
    probe = (
        "import sys, runpy; sys.path.insert(0, 'dags'); runpy.run_path('dags/collect_offers.py');"
        "heavy = [m for m in ('scrapy', 'store', 'pipeline', 'normalizers', 'spiders', 'lxml')"
        " if m in sys.modules]; print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
