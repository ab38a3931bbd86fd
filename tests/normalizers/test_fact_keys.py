"""A fact read from a structured field names the source's own key for it, not Relais's."""

from __future__ import annotations

from normalizers.offer import SourceContext, normalize_offer
from schemas.offers import Offer
from schemas.source_offer import SourceOffer
from schemas.sources import SourceDefaults

CONTEXT = SourceContext(
    source="essai", attribution="essai", defaults=SourceDefaults(), base_url="https://ex.fr/"
)
JSONLD_KEYS = {
    "place": "jobLocation.address",
    "city": "jobLocation.address.addressLocality",
    "postal_code": "jobLocation.address.postalCode",
    "contract": "employmentType",
}


def offer(**fields: object) -> Offer:
    fields.setdefault("description", "Vente en boutique.")
    item = SourceOffer(external_id="1", title="Vendeur H/F", url="https://ex.fr/offres/1", **fields)  # type: ignore[arg-type]
    normalized = normalize_offer(item, CONTEXT)
    assert isinstance(normalized, Offer)
    return normalized


def test_a_place_read_from_its_parts_names_the_city_s_key() -> None:
    read = offer(place="Villeurbanne, 69100", city="Villeurbanne", postal_code="69100",
                 field_keys=JSONLD_KEYS)  # fmt: skip
    assert read.fact_sources["place"].key == "jobLocation.address.addressLocality"


def test_a_contract_read_from_its_field_names_the_source_s_key() -> None:
    read = offer(contract="CDI", field_keys=JSONLD_KEYS)
    assert read.fact_sources["contract"].key == "employmentType"


def test_a_fact_read_from_the_description_names_no_key() -> None:
    read = offer(description="<p>Lieu : Lyon 3e</p>", field_keys=JSONLD_KEYS)
    assert (read.fact_sources["place"].origin, read.fact_sources["place"].key) == (
        "description",
        None,
    )


def test_a_key_of_an_empty_field_is_not_named() -> None:
    read = offer(place="Lyon", field_keys={"place": "location", "city": "city"})
    assert read.fact_sources["place"].key == "location"


def test_a_field_without_a_known_key_keeps_relais_s_name() -> None:
    read = offer(place="Lyon")
    assert (read.fact_sources["place"].field, read.fact_sources["place"].key) == ("place", None)
