"""Per-source health for operators: last run, error budget, next run, and field fill rates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, SQLColumnExpression, case, func, select
from sqlalchemy.orm import Session

from schemas.legacy_text import french_error
from store import models
from store import runs as run_store

ERROR_BUDGET_RUNS = 10
FILLED_FIELDS = ("rome_code", "commune", "salary", "contract")
SURE_ROME_CONFIDENCE = 0.5
"""A ROME code given with a confidence under this is uncertain (as
`store.reports.uncertain_rome_offers` lists them); one with no confidence came from the source."""


@dataclass(frozen=True)
class SourceHealth:
    """One source as an operator watches it."""

    name: str
    kind: str
    organization: str | None
    paused: bool
    paused_reason: str | None
    last_run_id: int | None
    last_started_at: datetime | None
    status: str | None  # of the last run: ok, not_modified, failed, running
    duration_seconds: float | None
    http_status: int | None
    error: str | None
    notes: list[str]  # of the last run, in French: what reading its document repaired…
    offers_new: int
    offers_changed: int
    offers_unchanged: int
    offers_withdrawn: int | None  # None while crawl runs do not count withdrawals
    items_rejected: int
    failures: int  # among the last `runs` runs
    runs: int
    consecutive_failures: int
    next_run_at: datetime | None  # None: due at the next collection
    quarantined: int


def consecutive_failures(session: Session, source_id: int, limit: int = 100) -> int:
    """How many of the source's latest runs failed in a row (0 when the last one did not)."""
    count = 0
    for run in run_store.latest_runs(session, source_id, limit):
        if run.status != "failed":
            break
        count += 1
    return count


def source_health(
    session: Session, source: models.Source, budget_runs: int = ERROR_BUDGET_RUNS
) -> SourceHealth:
    """The health of one source, its error budget counted over `budget_runs` runs."""
    runs = run_store.latest_runs(session, source.id, budget_runs)
    last = runs[0] if runs else None
    duration = (
        (last.finished_at - last.started_at).total_seconds()
        if last is not None and last.finished_at is not None
        else None
    )
    quarantined = session.scalar(
        select(func.count()).where(
            models.Rejection.source_id == source.id, models.Rejection.resolved_at.is_(None)
        )
    )
    # Withdrawals are counted per run once crawl runs have the column (see migration 0006).
    counts_withdrawals = hasattr(models.CrawlRun, "offers_withdrawn")
    return SourceHealth(
        name=source.name,
        kind=source.kind,
        organization=source.organization.name if source.organization else None,
        paused=source.paused,
        paused_reason=french_error(source.paused_reason),
        last_run_id=last.id if last else None,
        last_started_at=last.started_at if last else None,
        status=last.status if last else None,
        duration_seconds=duration,
        http_status=last.http_status if last else None,
        error=french_error(last.error) if last else None,
        notes=list(last.notes or []) if last else [],
        offers_new=last.offers_new if last else 0,
        offers_changed=last.offers_updated if last else 0,
        offers_unchanged=last.offers_unchanged if last else 0,
        offers_withdrawn=(getattr(last, "offers_withdrawn", 0) or 0 if last else 0)
        if counts_withdrawals
        else None,
        items_rejected=last.items_rejected if last else 0,
        failures=sum(1 for run in runs if run.status == "failed"),
        runs=len(runs),
        consecutive_failures=consecutive_failures(session, source.id),
        next_run_at=source.next_run_at,
        quarantined=quarantined or 0,
    )


def all_health(session: Session, budget_runs: int = ERROR_BUDGET_RUNS) -> list[SourceHealth]:
    """Every source's health, by name."""
    sources = session.scalars(select(models.Source).order_by(models.Source.name))
    return [source_health(session, source, budget_runs) for source in sources]


@dataclass(frozen=True)
class FillRates:
    """Of `offers` live offers, the share with each field filled (0 to 1)."""

    scope: str  # a source's name, or "catalogue"
    offers: int
    rome_code: float
    commune: float
    salary: float
    contract: float
    disagreements: int = 0  # offers whose structured fields and text state a fact differently
    rome_code_sure: float = 0.0  # the share with a ROME code that is not uncertain

    def rate(self, name: str) -> float:
        return float(getattr(self, name))


def _filled(column: SQLColumnExpression[Any]) -> ColumnElement[int]:
    return func.sum(case((column.is_not(None), 1), else_=0)).cast(Integer)


def fill_rates(session: Session) -> list[FillRates]:
    """Fill rates of ROME code (and of sure ROME codes, see `SURE_ROME_CONFIDENCE`), commune,
    salary and contract over live offers, and how many
    offers have a fact their fields and their text disagree on: the whole catalogue first, then
    each source with live offers, by name."""
    salary = case(
        (
            models.Offer.salary_minimum.is_not(None) | models.Offer.salary_maximum.is_not(None),
            1,
        ),
        else_=None,
    )
    sure_rome = case(
        (
            models.Offer.rome_code.is_not(None)
            & (
                models.Offer.rome_confidence.is_(None)
                | (models.Offer.rome_confidence >= SURE_ROME_CONFIDENCE)
            ),
            1,
        ),
        else_=None,
    )
    rows = session.execute(
        select(
            models.Source.name,
            func.count(),
            _filled(models.Offer.rome_code),
            _filled(sure_rome),
            _filled(models.Offer.place_insee_code),
            _filled(salary),
            _filled(models.Offer.contract_type_contrat),
            func.sum(case((models.Offer.disagreement_count > 0, 1), else_=0)).cast(Integer),
        )
        .join(models.Source, models.Source.id == models.Offer.source_id)
        .where(models.Offer.status == "published")
        .group_by(models.Source.name)
        .order_by(models.Source.name)
    ).all()
    per_source = [
        FillRates(
            name,
            total,
            rome / total,
            commune / total,
            pay / total,
            contract / total,
            disagree,
            sure / total,
        )
        for name, total, rome, sure, commune, pay, contract, disagree in rows
    ]
    total = sum(row.offers for row in per_source)

    def share(field: str) -> float:
        if not total:
            return 0.0
        return sum(row.rate(field) * row.offers for row in per_source) / total

    catalogue = FillRates(
        "catalogue",
        total,
        share("rome_code"),
        share("commune"),
        share("salary"),
        share("contract"),
        sum(row.disagreements for row in per_source),
        share("rome_code_sure"),
    )
    return [catalogue, *per_source]


MISSING_FACTS = ("commune", "salaire", "contrat", "rome")
"""The facts `missing_facts` can list: the commune, the salary figures, the typeContrat, the
ROME code (the columns `fill_rates` counts)."""

_PLACE_WHY = {
    "missing": "aucun lieu donné, ni dans un champ, ni dans le texte",
    "unknown": "lieu écrit mais reconnu dans aucun référentiel",
    "ambiguous": "plusieurs communes portent ce nom et rien dans l'offre ne les départage",
    "departement": "lieu moins précis qu'une commune : un département",
    "region": "lieu moins précis qu'une commune : une région",
    "country": "lieu moins précis qu'une commune : un pays",
    "remote": "télétravail complet : pas de lieu de travail",
    "zone": "zone de plusieurs pays, sans commune",
}


@dataclass(frozen=True)
class MissingFact:
    """A live offer without a fact, with what its source wrote and why nothing was read."""

    offer_id: int
    source: str
    title: str
    written: str | None  # the fact as the source wrote it, when it wrote something
    why: str  # in French


_ORIGIN_WORDS = {"title": "titre", "description": "description"}
_PLACES_SHOWN = 3
# A capitalised name after a word that places something ("à Fort-de-France", "Réseau urbain de
# Pointe-à-Pitre", "sur Cayenne"): words like a place's name, which Relais did not read as one.
_NAME_TOKEN = r"[A-ZÀ-Ý][\w'’]*(?:-[\w'’]+)*"
_NAME_AFTER_CUE = re.compile(
    r"(?:^|[\s(])(?:à|a|au|aux|de|du|d['’]|sur|près\s+de|proche\s+de)\s*"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:(?:de|du|des|la|le|les|sur|en)\s+)?{_NAME_TOKEN})*)"
)


def places_tried(title: str, description: str) -> tuple[list[str], bool]:
    """What in an offer's `title` and `description` (its text, not HTML) looks like a place
    when none was read: the snippets the text reader took for one (`read_text_facts`' place
    facts, the surest first) as "« Val Thorens » (titre)", at most three, and True; else the
    capitalised names written after a word that places something ("de Pointe-à-Pitre"), and
    False; else nothing."""
    from normalizers.text import fold
    from normalizers.text_facts import FactKind, read_text_facts

    def shown(found: list[tuple[str, str]]) -> list[str]:
        seen: dict[str, str] = {}
        for text, origin in found:
            seen.setdefault(fold(text), f"« {text} » ({_ORIGIN_WORDS.get(origin, origin)})")
        return list(seen.values())[:_PLACES_SHOWN]

    facts = read_text_facts(title, description).of(FactKind.PLACE)
    if facts:
        ranked = sorted(facts, key=lambda fact: -fact.confidence)
        return shown([(fact.text, fact.origin) for fact in ranked]), True
    names = [
        (match["name"], origin)
        for origin, text in (("title", title), ("description", description))
        for match in _NAME_AFTER_CUE.finditer(text or "")
    ]
    return shown(names), False


def _why_missing(fact: str, row: models.Offer) -> tuple[str | None, str]:
    if fact == "commune":
        written = row.place_text
        why = _PLACE_WHY.get(row.place_match, row.place_match)
        if row.place_match == "missing":
            tried, read_as_place = places_tried(row.title, row.description_text or "")
            if tried and read_as_place:
                why = (
                    "aucun lieu dans un champ ; des mots du texte ont été pris pour un lieu, "
                    f"mais rattachés à aucune commune : {', '.join(tried)}"
                )
            elif tried:
                why = (
                    "aucun lieu dans un champ ; le texte a des noms qui pourraient être un "
                    f"lieu, que Relais n'a pas lus comme tels : {', '.join(tried)}"
                )
        if row.place_match == "ambiguous" and row.place_candidates:
            why += f" ({', '.join(row.place_candidates[:5])})"
        return written, why
    if fact == "salaire":
        if row.salary_text:
            return row.salary_text, "salaire écrit sans montant lisible"
        return None, "aucun salaire donné, ni dans un champ, ni dans le texte"
    if fact == "contrat":
        if row.contract_text:
            return row.contract_text, "contrat écrit mais reconnu comme aucun typeContrat"
        return None, "aucun contrat donné, ni dans un champ, ni dans le texte"
    return row.title, "aucun métier du ROME ne répond à l'intitulé ni à la description"


def missing_facts(
    session: Session, fact: str, source: str | None = None, limit: int = 50
) -> list[MissingFact]:
    """Live (published) offers lacking `fact` (one of MISSING_FACTS), newest first, at most
    `limit`, of one source when `source` is given: what `fill_rates` counts as unfilled, offer
    by offer. Raises ValueError for an unknown fact."""
    column = {
        "commune": models.Offer.place_insee_code,
        "salaire": models.Offer.salary_minimum,
        "contrat": models.Offer.contract_type_contrat,
        "rome": models.Offer.rome_code,
    }.get(fact)
    if column is None:
        raise ValueError(f"fait inconnu « {fact} » : {', '.join(MISSING_FACTS)}")
    query = (
        select(models.Offer, models.Source.name)
        .join(models.Source, models.Source.id == models.Offer.source_id)
        .where(models.Offer.status == "published", column.is_(None))
    )
    if fact == "salaire":
        query = query.where(models.Offer.salary_maximum.is_(None))
    if source is not None:
        query = query.where(models.Source.name == source)
    query = query.order_by(models.Offer.id.desc()).limit(limit)
    found = []
    for row, name in session.execute(query).all():
        written, why = _why_missing(fact, row)
        found.append(MissingFact(row.id, name, row.title, written, why))
    return found
