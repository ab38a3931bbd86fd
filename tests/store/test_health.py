"""Source health for operators: last run, error budget, next run; fill rates per field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store import health, models
from store import runs as run_store
from store.db import session_scope
from tests.store.factories import register

T0 = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


def add_run(
    session, source: models.Source, status: str, minutes: int, **fields: object
) -> models.CrawlRun:  # type: ignore[no-untyped-def]
    run = run_store.start_run(session, source)
    run.started_at = T0 + timedelta(minutes=minutes)
    run.status = status
    run.finished_at = run.started_at + timedelta(seconds=42)
    for name, value in fields.items():
        setattr(run, name, value)
    return run


def add_offer(session, source: models.Source, external_id: str, **fields: object) -> None:  # type: ignore[no-untyped-def]
    session.add(
        models.Offer(
            source_id=source.id,
            external_id=external_id,
            attribution="acme.example",
            content_hash=external_id,
            **{"title": "Soudeur H/F", **fields},
        )
    )


@pytest.fixture
def watched(database: str) -> None:
    """acme: ok, failed, failed (the latest), with counts on the first; fournil: never run."""
    with session_scope() as session:
        acme = register(session, "acme")
        register(session, "fournil")
        add_run(session, acme, "ok", 0, http_status=200, offers_new=3, offers_updated=1)
        add_run(session, acme, "failed", 15, http_status=500, error="HTTP 500 from the server")
        add_run(session, acme, "failed", 30, http_status=503, error="HTTP 503 from the server")
        acme.next_run_at = T0 + timedelta(minutes=90)


def _health(name: str) -> health.SourceHealth:
    with session_scope() as session:
        return next(row for row in health.all_health(session) if row.name == name)


def test_the_last_run_is_described(watched: None) -> None:
    acme = _health("acme")
    assert (acme.status, acme.http_status, acme.error) == (
        "failed",
        503,
        "HTTP 503 (service indisponible)",  # stored in English by an older version
    )
    assert acme.duration_seconds == 42


def test_the_error_budget_counts_failures_over_the_last_runs(watched: None) -> None:
    acme = _health("acme")
    assert (acme.failures, acme.runs, acme.consecutive_failures) == (2, 3, 2)


def test_a_source_never_run_is_due_and_has_no_status(watched: None) -> None:
    fournil = _health("fournil")
    assert (fournil.status, fournil.runs, fournil.next_run_at) == (None, 0, None)


def test_the_next_run_is_given(watched: None) -> None:
    assert _health("acme").next_run_at == T0 + timedelta(minutes=90)


def test_a_success_ends_the_run_of_failures(database: str) -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        add_run(session, acme, "failed", 0)
        add_run(session, acme, "ok", 15)
    with session_scope() as session:
        assert health.consecutive_failures(session, acme.id) == 0


def test_fill_rates_per_source_and_for_the_catalogue(database: str) -> None:
    with session_scope() as session:
        acme, fournil = register(session, "acme"), register(session, "fournil")
        add_offer(session, acme, "a1", rome_code="H2913", place_insee_code="69123")
        add_offer(session, acme, "a2", salary_minimum=2000.0, contract_type_contrat="CDI")
        add_offer(session, fournil, "f1", rome_code="D1102", contract_type_contrat="CDD")
        add_offer(session, fournil, "f2", rome_code="D1102", status="withdrawn")
    with session_scope() as session:
        rates = {rate.scope: rate for rate in health.fill_rates(session)}
    assert (rates["acme"].offers, rates["acme"].rome_code, rates["acme"].salary) == (2, 0.5, 0.5)
    assert (rates["fournil"].offers, rates["fournil"].rome_code) == (1, 1.0)
    catalogue = rates["catalogue"]
    assert catalogue.offers == 3
    assert catalogue.rome_code == pytest.approx(2 / 3)
    assert catalogue.commune == pytest.approx(1 / 3)
    assert catalogue.contract == pytest.approx(2 / 3)


def test_fill_rates_count_uncertain_rome_codes_apart(database: str) -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        add_offer(session, acme, "a1", rome_code="H2913", rome_confidence=1.0)
        add_offer(session, acme, "a2", rome_code="D1102", rome_confidence=0.5)
        add_offer(session, acme, "a3", rome_code="J1501", rome_confidence=0.18)
        add_offer(session, acme, "a4", rome_code="N1103")  # given by the source
    with session_scope() as session:
        rates = {rate.scope: rate for rate in health.fill_rates(session)}
    assert (rates["acme"].rome_code, rates["acme"].rome_code_sure) == (1.0, 0.75)
    assert rates["catalogue"].rome_code_sure == 0.75


def test_fill_rates_of_an_empty_catalogue_are_zero(database: str) -> None:
    with session_scope() as session:
        (catalogue,) = health.fill_rates(session)
    assert (catalogue.offers, catalogue.rome_code) == (0, 0.0)


def test_offers_missing_a_commune_are_listed_with_what_was_written_and_why(database: str) -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        add_offer(session, acme, "a1", place_insee_code="69123")
        add_offer(session, acme, "a2", place_text="Valence", place_match="ambiguous")
        add_offer(session, acme, "a3", place_text="Trifouillis", place_match="unknown")
        add_offer(session, acme, "a4", place_match="missing", status="withdrawn")
    with session_scope() as session:
        rows = health.missing_facts(session, "commune")
    assert [(row.written, row.why) for row in rows] == [
        ("Trifouillis", "lieu écrit mais reconnu dans aucun référentiel"),
        ("Valence", "plusieurs communes portent ce nom et rien dans l'offre ne les départage"),
    ]


def test_an_offer_with_pay_written_without_figures_is_missing_its_salary(database: str) -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        add_offer(session, acme, "a1", salary_text="selon profil")
        add_offer(session, acme, "a2", salary_text="2 000 €", salary_maximum=2000.0)
    with session_scope() as session:
        (row,) = health.missing_facts(session, "salaire")
    assert (row.written, row.why) == ("selon profil", "salaire écrit sans montant lisible")


def test_an_offer_whose_text_names_a_place_relais_could_not_resolve_says_which(
    database: str,
) -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        add_offer(
            session,
            acme,
            "tried",
            title="Serveur H/F – saison d'hiver – Val Thorens",
            description_text="Restaurant d'altitude, logement fourni.",
            place_match="missing",
        )
        add_offer(
            session,
            acme,
            "named",
            title="Conducteur de bus (H/F) – lignes régulières de Pointe-à-Pitre",
            description_text="CDI, 35 h annualisées.",
            place_match="missing",
        )
        add_offer(
            session,
            acme,
            "nothing",
            title="Comptable H/F",
            description_text="Tenue des comptes, déclarations fiscales.",
            place_match="missing",
        )
    with session_scope() as session:
        why = {row.title: row.why for row in health.missing_facts(session, "commune")}
    tried = why["Serveur H/F – saison d'hiver – Val Thorens"]
    assert "pris pour un lieu" in tried and "« Val Thorens » (titre)" in tried
    assert "ni dans le texte" not in tried
    named = why["Conducteur de bus (H/F) – lignes régulières de Pointe-à-Pitre"]
    assert "pourraient être un lieu" in named and "« Pointe-à-Pitre » (titre)" in named
    assert why["Comptable H/F"] == "aucun lieu donné, ni dans un champ, ni dans le texte"
