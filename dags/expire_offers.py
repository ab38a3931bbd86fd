"""
# expire_offers

Every hour, takes out of the catalogue the offers that ended without their source saying so:

1. copies whose `validThrough` has passed expire;
2. copies older than their source's maximum age (`--max-age-days`, ghost jobs) expire;
3. for sources with a re-check age (`--recheck-after-days`), the apply pages of older offers are
   fetched again through the guarded client (at most 50 a run): 404 or 410 withdraws the copy.

An offer leaves when none of its copies is live. Its withdrawal from every thread and push
target is written to the outbox in the same transaction, and `publish_offers` delivers it.
Offers a source stops listing are withdrawn by `collect_offers` itself, after a complete fetch.

## Runbook

- **Withdrawals held** (`relais sources show NAME` says so): a fetch would have withdrawn too
  many offers at once. Check the source, then `relais sources confirm-withdrawals NAME`, or
  wait: the next complete fetch that agrees applies them.
- **An offer expired wrongly**: `relais offers history ID` says why and when.
- **Run it now without Airflow**: `relais expire`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Asset, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowSkipException

# The asset `publish_offers` follows: withdrawals reach the targets without waiting.
OFFERS = Asset(name="relais_offers", uri="relais://offers")


@dag(
    schedule=timedelta(hours=1),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["relais", "maintenance"],
    default_args={
        "owner": "relais",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(minutes=30),
    },
)
def expire_offers() -> None:
    @task(outlets=[OFFERS])
    def expire() -> dict[str, int]:
        from pipeline.expire import expire_offers as run_expiry

        report = run_expiry()
        figures = report.as_dict()
        if not (report.expired_valid_through or report.expired_too_old or report.gone):
            raise AirflowSkipException(f"nothing expired ({figures})")
        get_current_context()["outlet_events"][OFFERS].extra = figures
        return figures

    expire()


expire_offers()
