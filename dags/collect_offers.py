"""
# collect_offers

Collects job offers from every **due** source (not paused, its schedule elapsed), one mapped
branch per source, each task named after its source:

1. `crawl`: fetch the source in its own Scrapy process through the hardened fetch path; every
   new or changed item is kept verbatim in `raw_items`, with a crawl run saying how it went.
2. `normalize`: pending items become offers, or go to quarantine with their reasons.
3. `load`: offers are upserted by (source, external id); unchanged ones write nothing.

Then `announce` emits the `relais_offers` asset when offers were added or changed, and
`check_sources` fails the run, naming them, when some sources could not be collected.

## Runbook

- **A red `crawl`**: the task log and `relais sources show NAME` give the HTTP status or the
  parse error. Network errors and 5xx are retried; a malformed feed, a 4xx, a refused address or
  robots.txt fail at once. Nothing stored is lost or withdrawn by a failed crawl.
- **Rejected items** do not fail anything: see them with `relais sources show NAME`.
- **Collect one source now**: trigger with the `source` param (`{"source": "NAME"}`), or run
  `relais collect --source NAME` without Airflow.
- **A source to leave alone**: `relais sources pause NAME --reason "..."`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from airflow.sdk import Asset, Param, dag, get_current_context, task, task_group
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

# Updated whenever a collection adds or changes offers; DAGs that republish are scheduled on it
# by declaring the same Asset (same name and URI).
OFFERS = Asset(name="relais_offers", uri="relais://offers")

SOURCE_LABEL = "{{ relais_source }}"


def _name_task(source: dict[str, Any]) -> None:
    """Show the source's name as this mapped task's name in the UI."""
    get_current_context()["relais_source"] = source["name"]  # type: ignore[typeddict-unknown-key]


@dag(
    schedule=timedelta(minutes=15),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["relais", "collect"],
    default_args={
        "owner": "relais",
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "execution_timeout": timedelta(minutes=30),
    },
    params={
        "source": Param(None, type=["null", "string"], description="Collect only this source.")
    },
)
def collect_offers() -> None:
    @task
    def pick_sources(params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        from pipeline.collect import due_sources, source_ref

        name = (params or {}).get("source")
        refs = [source_ref(name)] if name else due_sources()
        return [{"source_id": ref.source_id, "name": ref.name} for ref in refs]

    @task(map_index_template=SOURCE_LABEL)
    def crawl(source: dict[str, Any]) -> int:
        _name_task(source)
        from pipeline.collect import crawl_source

        outcome = crawl_source(source["source_id"])
        if outcome.failed:
            message = f"{source['name']}: {outcome.error}"
            if outcome.error_kind == "transient":
                raise RuntimeError(message)
            raise AirflowFailException(message)
        return outcome.run_id

    @task(map_index_template=SOURCE_LABEL)
    def normalize(source: dict[str, Any], crawl_run: int) -> int:
        _name_task(source)
        from pipeline.collect import normalize_run

        normalize_run(crawl_run)
        return crawl_run

    @task(map_index_template=SOURCE_LABEL)
    def load(source: dict[str, Any], crawl_run: int) -> dict[str, Any]:
        _name_task(source)
        from pipeline.collect import load_run

        outcome = load_run(crawl_run)
        return {"source": outcome.source, "new": outcome.new, "updated": outcome.updated}

    @task_group
    def collect_source(source: dict[str, Any]) -> Any:
        return load(source, normalize(source, crawl(source)))

    @task(outlets=[OFFERS], trigger_rule="all_done", retries=0)
    def announce(picked: list[dict[str, Any]]) -> None:
        from pipeline.collect import summarize

        context = get_current_context()
        summary = summarize([s["source_id"] for s in picked], context["dag_run"].start_date)
        if not summary.changed:
            raise AirflowSkipException("no offer was added or changed")
        context["outlet_events"][OFFERS].extra = {
            "new": sum(new for new, _ in summary.changed.values()),
            "updated": sum(updated for _, updated in summary.changed.values()),
            "sources": sorted(summary.changed),
        }

    @task(trigger_rule="all_done", retries=0)
    def check_sources(picked: list[dict[str, Any]]) -> None:
        from pipeline.collect import summarize

        since = get_current_context()["dag_run"].start_date
        failed = summarize([s["source_id"] for s in picked], since).failed
        if failed:
            raise AirflowFailException(
                f"{len(failed)} of {len(picked)} sources were not collected: "
                + "; ".join(f"{name}: {error}" for name, error in sorted(failed.items()))
            )

    picked = pick_sources()
    collected = collect_source.expand(source=picked)
    collected >> [announce(picked), check_sources(picked)]


collect_offers()
