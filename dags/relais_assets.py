"""Assets shared by the Relais DAGs: `collect_offers` emits OFFERS, later DAGs follow it."""

from airflow.sdk import Asset

# Updated whenever a collection adds or changes offers.
OFFERS = Asset(name="relais_offers", uri="relais://offers")
