"""
# collect_offers

Collects job offers from every **due** source (not paused, its schedule elapsed), one mapped
branch per source, each task named after its source:

1. `crawl`: fetch the source in its own Scrapy process through the hardened fetch path; every
   new or changed item is kept verbatim in `raw_items`, with a crawl run saying how it went.
2. `normalize`: pending items become offers, or go to quarantine with their reasons.
3. `load`: each item is kept as the source's copy of an offer (unchanged ones write nothing);
   copies of the same offer from several sources make one offer. Then the offers a complete,
   successful fetch no longer lists are withdrawn, unless that would withdraw more than 10 and
   more than 10 % of the source's live offers at once: the mass-deletion guard holds those.

Then `announce` emits the `relais_offers` asset when offers were added, changed or withdrawn, and
`check_sources` fails the run, naming them, when some sources could not be collected.

## Runbook

- **A red `crawl`**: the task log and `relais sources show NAME` give the HTTP status or the
  parse error. Network errors and 5xx are retried; a malformed feed, a 4xx, a refused address or
  robots.txt fail at once. Nothing stored is lost or withdrawn by a failed crawl.
- **Withdrawals held** (`relais sources show NAME` has an `attention:` line): check the
  source; `relais sources confirm-withdrawals NAME` applies them; without it they apply once
  3 complete fetches spanning 24 hours agree (`RELAIS_WITHDRAWAL_HOLD_FETCHES`,
  `RELAIS_WITHDRAWAL_HOLD_HOURS`), and offers listed again are kept or come back.
- **A wrong merge** of two offers: `relais offers show ID`, then `relais offers split ID --copy N`.
- **Rejected items** do not fail anything: see them with `relais sources show NAME`.
- **Collect one source now**: trigger with the `source` param (`{"source": "NAME"}`), or run
  `relais collect --source NAME` without Airflow. One collect of a source runs at a time: another
  waits `RELAIS_SOURCE_LOCK_WAIT` seconds (default 60), then its `crawl` is skipped, saying so.
- **A collect killed** (kill -9, out of memory, reboot): its crawl process dies with it; the next
  crawl closes its run as failed ("collecte interrompue…") and removes its work folder under
  `var/`; the offers it had loaded stay, the rest is loaded by the next collect.
- **A source to leave alone**: `relais sources pause NAME --reason "..."`. A source whose last
  `RELAIS_PAUSE_AFTER_FAILURES` crawls (default 5) all failed is paused automatically, and the
  failure says so; `relais sources resume NAME` once it is fixed.
- **Alerts**: a failed task notifies, naming the source and the error, by webhook when
  `RELAIS_ALERT_WEBHOOK_CONN` names an HTTP connection (`RELAIS_ALERT_WEBHOOK_ENDPOINT` its path)
  and by e-mail when `RELAIS_ALERT_EMAIL` lists recipients (SMTP connection
  `RELAIS_ALERT_SMTP_CONN`, default `smtp_default`).
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from typing import Any

from airflow.sdk import Asset, Param, dag, get_current_context, task, task_group
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

# Updated whenever a collection adds or changes offers; DAGs that republish are scheduled on it
# by declaring the same Asset (same name and URI).
OFFERS = Asset(name="relais_offers", uri="relais://offers")

SOURCE_LABEL = "{{ relais_source }}"

# The Celery queue of the crawl tasks, when set in the DAG processor's environment (the scheduler
# queues each task on the queue its parsed DAG names): crawls, which wait on the network and on
# their host's slot (pipeline/politeness.py), then run on the workers started with
# `airflow celery worker --queues` naming it, apart from normalizing and loading, which stay on
# `[operators] default_queue`. Unset, every task goes to the default queue.
CRAWL_QUEUE = os.environ.get("RELAIS_CRAWL_QUEUE", "").strip()


def _failure_notifiers() -> list[Any]:
    """Airflow notifiers told of each failed task: a webhook and e-mail, when configured."""
    what = "{{ ti.task_id }} failed for {{ ti.rendered_map_index or 'all sources' }}"
    notifiers: list[Any] = []
    if connection := os.environ.get("RELAIS_ALERT_WEBHOOK_CONN"):
        from airflow.providers.http.notifications import HttpNotifier

        payload = {"dag_run": "{{ run_id }}", "summary": what, "error": "{{ exception }}"}
        endpoint = os.environ.get("RELAIS_ALERT_WEBHOOK_ENDPOINT")
        notifiers.append(HttpNotifier(http_conn_id=connection, endpoint=endpoint, json=payload))
    if recipients := os.environ.get("RELAIS_ALERT_EMAIL"):
        from airflow.providers.smtp.notifications.smtp import SmtpNotifier

        smtp = os.environ.get("RELAIS_ALERT_SMTP_CONN", "smtp_default")
        html = "<p>{{ exception | e }}</p><p>Run {{ run_id }}, try {{ ti.try_number }}.</p>"
        to = [address.strip() for address in recipients.split(",")]
        notifiers.append(
            SmtpNotifier(to=to, smtp_conn_id=smtp, subject=f"Relais: {what}", html_content=html)
        )
    return notifiers


def _notify_failure(context: Any) -> None:
    """Run fresh notifiers (they render their templates in place) for one failed task."""
    for notifier in _failure_notifiers():
        try:
            notifier(context)
        except Exception:  # noqa: BLE001 - one channel down must not silence the other
            logging.getLogger(__name__).exception("could not send a failure alert")


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
        "on_failure_callback": _notify_failure,
    },
    params={
        "source": Param(None, type=["null", "string"], description="Collect only this source.")
    },
)
def collect_offers() -> None:
    @task(execution_timeout=timedelta(minutes=2))
    def pick_sources(params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        from pipeline.collect import due_sources, source_ref

        name = (params or {}).get("source")
        refs = [source_ref(name)] if name else due_sources()
        return [{"source_id": ref.source_id, "name": ref.name} for ref in refs]

    @task(
        map_index_template=SOURCE_LABEL,
        execution_timeout=timedelta(minutes=20),
        **({"queue": CRAWL_QUEUE} if CRAWL_QUEUE else {}),
    )
    def crawl(source: dict[str, Any]) -> int:
        _name_task(source)
        from pipeline.autopause import pause_if_failing
        from pipeline.collect import crawl_source

        outcome = crawl_source(source["source_id"])
        if outcome.status == "skipped":  # another collect of the source held it too long
            raise AirflowSkipException(f"{source['name']} : {outcome.error}")
        if outcome.failed:
            message = f"{source['name']}: {outcome.error}"
            if paused := pause_if_failing(source["source_id"]):
                raise AirflowFailException(f"{message}; {paused}")
            if outcome.error_kind == "transient":
                raise RuntimeError(message)
            raise AirflowFailException(message)
        return outcome.run_id

    @task(map_index_template=SOURCE_LABEL, execution_timeout=timedelta(minutes=15))
    def normalize(source: dict[str, Any], crawl_run: int) -> int:
        _name_task(source)
        from pipeline.collect import normalize_run

        normalize_run(crawl_run)
        return crawl_run

    @task(map_index_template=SOURCE_LABEL, execution_timeout=timedelta(minutes=15))
    def load(source: dict[str, Any], crawl_run: int) -> dict[str, Any]:
        _name_task(source)
        from pipeline.collect import load_run

        outcome = load_run(crawl_run)
        return {
            "source": outcome.source,
            "new": outcome.new,
            "updated": outcome.updated,
            "merged": outcome.merged,
            "withdrawn": outcome.withdrawn,
            "held": outcome.held,
        }

    @task_group
    def collect_source(source: dict[str, Any]) -> Any:
        return load(source, normalize(source, crawl(source)))

    @task(outlets=[OFFERS], trigger_rule="all_done", retries=0)
    def announce(picked: list[dict[str, Any]]) -> None:
        from pipeline.collect import summarize

        context = get_current_context()
        summary = summarize([s["source_id"] for s in picked], context["dag_run"].start_date)
        if not summary.changed:
            raise AirflowSkipException("no offer was added, changed or withdrawn")
        context["outlet_events"][OFFERS].extra = {
            "new": sum(new for new, _, _ in summary.changed.values()),
            "updated": sum(updated for _, updated, _ in summary.changed.values()),
            "withdrawn": sum(withdrawn for _, _, withdrawn in summary.changed.values()),
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
