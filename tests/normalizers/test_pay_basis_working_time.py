"""A full time named as the basis of a pay says nothing of the job's working time."""

from __future__ import annotations

from datetime import UTC, datetime

from normalizers.contracts import parse_contract
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def test_a_part_time_job_paid_on_a_full_time_basis_stays_part_time() -> None:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Agent d'entretien H/F",
        description=(
            "<p>CDD, 24h30 par semaine. Salaire : 1 900 € brut / mois (base temps plein).</p>"
        ),
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    assert offer.contract is not None
    assert (offer.contract.full_time, offer.contract.hours_per_week) == (False, 24.5)


def test_a_pay_on_the_basis_of_a_full_time_is_no_working_time() -> None:
    contract = parse_contract("CDD. Rémunération sur la base d'un temps plein")
    assert contract.full_time is None


def test_a_plain_full_time_is_still_full_time() -> None:
    assert parse_contract("CDI à temps plein").full_time is True
