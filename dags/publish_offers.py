"""
# publish_offers

Delivers the outbox: every new, changed or withdrawn offer to each community thread and push
target it was routed to (routing happens when offers are loaded, in the same transaction).
Runs when `collect_offers` updates the `relais_offers` asset, and every 15 minutes so that a
target that was down gets what it missed. One mapped `deliver` task per target, named after it.

## Runbook

- **A red `deliver`**: the target is down or refuses us; the task log and `relais outbox status`
  give the error and when the next try is due. Entries wait with a growing backoff (30 s up to
  6 hours) and are delivered once in effect: receivers deduplicate on the idempotency key.
- **Deliver now without Airflow**: `relais outbox deliver [--target push:NAME]`.
- **A target to stop**: disable it in the database (`push_targets.enabled`), its entries wait.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from airflow.sdk import (
    Asset,
    AssetOrTimeSchedule,
    CronTriggerTimetable,
    dag,
    get_current_context,
    task,
)
from airflow.sdk.exceptions import AirflowFailException

# The same asset `collect_offers` emits (same name and URI).
OFFERS = Asset(name="relais_offers", uri="relais://offers")


@dag(
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("*/15 * * * *", timezone="UTC"), assets=OFFERS
    ),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["relais", "publish"],
    default_args={
        "owner": "relais",
        "retries": 1,
        "retry_delay": timedelta(minutes=2),
        "execution_timeout": timedelta(minutes=30),
    },
)
def publish_offers() -> None:
    @task
    def pick_targets() -> list[str]:
        from pipeline.publish import pending_targets

        return pending_targets()

    @task(map_index_template="{{ relais_target }}")
    def deliver(target: str) -> dict[str, Any]:
        get_current_context()["relais_target"] = target  # type: ignore[typeddict-unknown-key]
        from pipeline.publish import deliver as deliver_to

        outcome = deliver_to(target)
        if outcome.target_down:
            # The entries wait with their backoff; retrying the task now would not help.
            raise AirflowFailException(f"{target}: {outcome.error}")
        return {"target": target, "delivered": outcome.delivered, "failed": outcome.failed}

    deliver.expand(target=pick_targets())


publish_offers()
