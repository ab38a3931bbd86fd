"""`relais offers`, `relais expire` and `relais sources confirm-withdrawals`: one offer's life."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from store.history import EventView, VersionView


def _fail(message: str) -> None:
    click.echo(f"erreur : {message}", err=True)
    sys.exit(2)


#: Stored states of offers (store.models.Offer.status) and copies (store.copies.CopyStatus).
_STATES = {
    "published": "publiée",
    "live": "en ligne",
    "expired": "expirée",
    "withdrawn": "retirée",
    "merged": "fusionnée",
}


#: What happened to an offer (store.models.OfferEvent.kind), as web.pages.EVENT_WORDS says it.
_EVENTS = {
    "published": "publiée",
    "updated": "mise à jour",
    "merged": "vue sur une autre source",
    "split": "séparée d'une autre offre",
    "withdrawn": "retirée",
    "expired": "expirée",
}


def _state(status: str) -> str:
    return _STATES.get(status, status)


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else "-"


@click.group("offers")
def offers() -> None:
    """Une offre : où elle a été vue, ses versions et sa vie ; séparer une fusion erronée."""


#: `relais offers list --status`: the French words, and the stored states they name.
_LIST_STATES = {
    "publiée": ["published"],
    "expirée": ["expired"],
    "retirée": ["withdrawn"],
    "fusionnée": ["merged"],
    "toutes": [],
}


@offers.command("list")
@click.option("--source", help="Les offres de cette source seulement.")
@click.option(
    "--status",
    "state",
    type=click.Choice(list(_LIST_STATES)),
    default="publiée",
    show_default=True,
    help="L'état des offres (publiée : en ligne).",
)
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(min=1), help="Offres à lister."
)
@click.option("--json", "as_json", is_flag=True, help="Une ligne JSON par offre.")
def offers_list(source: str | None, state: str, limit: int, as_json: bool) -> None:
    """Les offres, les plus récentes d'abord : id, date de publication, contrat, commune,
    titre (l'id pour `relais offers show`)."""
    from sqlalchemy import func, select

    from store import models
    from store import sources as source_store
    from store.db import session_scope

    with session_scope() as session:
        query = select(models.Offer).join(models.Source)
        if source:
            try:
                source_store.get_source(session, source)
            except source_store.SourceNotFound as error:
                _fail(str(error))
                return
            query = query.where(models.Source.name == source)
        if _LIST_STATES[state]:
            query = query.where(models.Offer.status.in_(_LIST_STATES[state]))
        published = func.coalesce(models.Offer.posted_at, models.Offer.first_seen_at)
        query = query.order_by(published.desc(), models.Offer.id.desc()).limit(limit)
        rows = [_listed(row) for row in session.scalars(query)]
    if as_json:
        for listed in rows:
            click.echo(json.dumps(listed, ensure_ascii=False))
        return
    if not rows:
        click.echo("Aucune offre" + (f" de la source {source}" if source else "") + ".")
        return
    click.echo(f"{'id':>7}  {'publiée le':<10}  {'contrat':<7}  {'commune':<28}  titre")
    for listed in rows:
        commune = listed["commune"] or "-"
        if listed["insee_code"]:
            commune = f"{commune} ({listed['insee_code']})"
        click.echo(
            f"{listed['id']:>7}  {listed['published'] or '-':<10}  "
            f"{listed['contract'] or '-':<7}  {_cut(commune, 28):<28}  {listed['title']}"
            + ("" if state == "publiée" else f"  [{_state(listed['status'])}]")
        )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _listed(row: Any) -> dict[str, Any]:
    """One offer of `relais offers list`: id, source, status, title, commune and its INSEE
    code, contract type code, publication date (the source's, else the day Relais first saw
    it), as an ISO date."""
    return {
        "id": row.id,
        "source": row.source.name,
        "status": row.status,
        "title": row.title,
        "commune": row.place_commune_name or row.place_label,
        "insee_code": row.place_insee_code,
        "contract": row.contract_type_contrat,
        "published": _day(row.posted_at or row.first_seen_at),
    }


@offers.command("show")
@click.argument("offer_id", type=int)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["texte", "relais", "francetravail"]),
    default="texte",
    show_default=True,
    help="texte : à lire ; relais : l'offre en JSON comme `relais normalize` l'écrit, avec "
    "son id, son état et ses copies ; francetravail : le document de l'API France Travail.",
)
@click.option("--json", "as_json", is_flag=True, help="Comme --format relais.")
def offers_show(offer_id: int, output_format: str, as_json: bool) -> None:
    """Une offre : ses faits (contrat, salaire, métier, lieu, dates) et où chacun a été lu,
    chaque source où elle figure, et son historique."""
    from store import copies, history, models
    from store.db import session_scope

    if as_json:
        output_format = "relais"
    with session_scope() as session:
        row = session.get(models.Offer, offer_id)
        if row is None:
            _fail(f"aucune offre {offer_id}")
            return
        if output_format != "texte":
            click.echo(json.dumps(_offer_document(session, row, output_format), ensure_ascii=False))
            return
        click.echo(f"offre {row.id} : {row.title}")
        click.echo(f"entreprise : {row.company_name or '-'}")
        click.echo(f"lieu :       {row.place_label or row.place_text or '-'}")
        merged = f" dans l'offre {row.merged_into_id}" if row.merged_into_id else ""
        click.echo(
            f"état :       {_state(row.status)}{merged} depuis {_when(row.status_changed_at)}"
        )
        click.echo("faits :")
        for line in offer_fact_lines(row):
            click.echo(line)
        click.echo("vue sur :")
        for copy in copies.copies_of(session, offer_id):
            mark = "*" if copy.canonical else " "
            state = _state(copy.status) + (f" ({copy.status_reason})" if copy.status_reason else "")
            click.echo(
                f" {mark} copie {copy.id} : {copy.source} {copy.external_id} — {state}, "
                f"vue la première fois {_when(copy.first_seen_at)}"
                + (f"\n     {copy.url}" if copy.url else "")
            )
        _echo_history(history.versions(session, offer_id), history.events(session, offer_id))


def _offer_document(session: Any, row: Any, output_format: str) -> dict[str, Any]:
    """The stored offer `row` (`store.models.Offer`) as JSON: "relais", the `schemas.Offer`
    `relais normalize --format relais` writes, with its "id", "status", "merged_into" and
    "copies" (source, external id, state, canonical); "francetravail", the France Travail v2
    document the API serves (`exporters.francetravail.stored_to_francetravail`)."""
    from exporters.francetravail import stored_to_francetravail
    from store import copies
    from store.offers import offer_from_row, stored_offer

    if output_format == "francetravail":
        return stored_to_francetravail(stored_offer(row))
    document: dict[str, Any] = {"id": row.id, "status": row.status}
    document["merged_into"] = row.merged_into_id
    document.update(offer_from_row(row).model_dump(mode="json"))
    document["copies"] = [
        {
            "id": copy.id,
            "source": copy.source,
            "external_id": copy.external_id,
            "status": copy.status,
            "canonical": copy.canonical,
            "url": copy.url,
        }
        for copy in copies.copies_of(session, row.id)
    ]
    return document


_FACT_NAMES = {
    "place": "lieu",
    "contract": "contrat",
    "working_time": "temps de travail",
    "salary": "salaire",
    "experience": "expérience",
    "start": "début",
    "deadline": "date limite de candidature",
    "posted": "date de publication",
}
_ORIGINS = {"field": "champ", "title": "titre", "description": "description", "default": "défaut"}
# The source's fields (`schemas.SourceOffer`) a fact is read in, as a recruiter names them.
_FIELD_NAMES = {
    "place": "« lieu »",
    "city": "« ville »",
    "postal_code": "« code postal »",
    "region": "« région »",
    "country": "« pays »",
    "other_places": "« lieux »",
    "remote": "« télétravail »",
    "contract": "« contrat »",
    "working_time": "« temps de travail »",
    "salary": "« salaire »",
    "experience": "« expérience »",
    "start_date": "« date de début »",
    "posted_at": "« date de publication »",
    "category": "« catégorie »",
}
_TEXT_PLACES = {"title": "le titre", "description": "la description"}


def _day_of(moment: str) -> str:
    """A stored ISO 8601 moment as its day in Paris, the French way ("30/11/2026")."""
    from datetime import datetime

    from normalizers.dates import PARIS

    try:
        return datetime.fromisoformat(moment).astimezone(PARIS).strftime("%d/%m/%Y")
    except ValueError:
        return moment


def fact_lines(fact_sources: dict[str, Any], disagreements: list[dict[str, Any]]) -> list[str]:
    """Where each fact was read and the disagreements, in French, one line each: "lu dans :
    lieu ← champ « jobLocation.address.addressLocality » : « Annemasse », confiance 1,00" (the
    source's own key for the field, else the field's French name, and its value; or the
    title's or description's words; a French decimal comma).

    `fact_sources` and `disagreements` are the stored JSON of `Offer.fact_sources` and
    `Offer.disagreements`.
    """
    lines = []
    for name, source in fact_sources.items():
        origin = _ORIGINS.get(source.get("origin"), source.get("origin"))
        if source.get("key"):  # the source's own key, as it writes it
            origin = f"{origin} « {source['key']} »"
        elif source.get("field"):
            origin = f"{origin} {_FIELD_NAMES.get(source['field'], source['field'])}"
        words = f" : « {source['text']} »" if source.get("text") else ""
        if source.get("counted_from"):  # "il y a 3 jours": counted back from the collection
            words += f" (compté depuis la collecte du {_day_of(source['counted_from'])})"
        confidence = f"{source.get('confidence', 0):.2f}".replace(".", ",")
        lines.append(
            f"lu dans :   {_FACT_NAMES.get(name, name)} ← {origin}{words}, confiance {confidence}"
        )
    for item in disagreements:
        # Stored before the text could win, a disagreement kept the field.
        kept = "le texte est gardé" if item.get("kept") == "text" else "le champ est gardé"
        lines.append(
            f"désaccord : {_FACT_NAMES.get(item['fact'], item['fact'])} — le champ dit "
            f"« {_field_value(item)} », {_TEXT_PLACES.get(item['text_origin'], 'le texte')} dit "
            f"« {item['text_value']} » ({kept})"
        )
    return lines


def _field_value(item: dict[str, Any]) -> str:
    """A disagreement's field value, a contract code with France Travail's label ("LIB,
    Profession libérale")."""
    from normalizers.contracts import TYPE_LABELS

    value = str(item["field_value"])
    if item["fact"] == "contract" and value in TYPE_LABELS:
        return f"{value}, {TYPE_LABELS[value]}"
    return value


_PLACE_MATCHES = {
    "commune": "commune",
    "departement": "département",
    "region": "région",
    "country": "pays",
    "remote": "à distance",
    "zone": "zone",
    "ambiguous": "plusieurs communes possibles",
    "unknown": "lieu écrit mais non reconnu",
    "missing": "aucun lieu donné",
}
_REMOTE_MODES = {
    "on_site": "sur place",
    "hybrid": "télétravail partiel",
    "full": "entièrement à distance",
}
_FACT_ORDER = (
    "place",
    "contract",
    "working_time",
    "salary",
    "experience",
    "start",
    "deadline",
    "remote",
)
_VALUE_NAMES = {**_FACT_NAMES, "rome": "métier (ROME)", "remote": "télétravail"}


def _number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _day(value: object) -> str:
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else "-"


def fact_values(row: Any) -> dict[str, str]:
    """The stored values of an offer's facts, in French, by fact name (`_FACT_NAMES`' keys,
    and "rome", "remote"): "MIS, Mission intérimaire – 6 mois", "De 15 € à 17 € de l'heure",
    "F1610 Couvreur / Couvreuse, appellation 12345 « Couvreur zingueur », confiance 0,56",
    "Mérignac, commune 33281, Gironde (33)", a start "2027-01-04" or "dès que possible", a
    deadline "2026-12-20"; "-" when the fact was not read.

    `row` is a stored offer (`store.models.Offer`): its columns, not a `schemas.Offer`.
    """
    from exporters.francetravail import experience_wording
    from exporters.wording import salary_fields_wording

    values: dict[str, str] = {}
    if row.place_insee_code:
        place = (
            f"{row.place_commune_name or row.place_label or '?'}, commune {row.place_insee_code}"
        )
        if row.place_departement_code:
            place += f", {row.place_departement_name or ''} ({row.place_departement_code})"
    elif row.place_departement_code:
        place = f"{row.place_departement_name or ''} ({row.place_departement_code}), sans commune"
    else:
        place = row.place_label or row.place_zone or "-"
    match = _PLACE_MATCHES.get(row.place_match, row.place_match)
    confidence = f", confiance {_number(row.place_confidence)}" if row.place_confidence else ""
    values["place"] = f"{place} — {match}{confidence}"
    if row.contract_type_contrat:
        contract = f"{row.contract_type_contrat}, {row.contract_type_contrat_label or ''}"
    else:
        contract = f"aucun type reconnu (« {row.contract_text} »)" if row.contract_text else "-"
    if row.contract_duration_value and row.contract_duration_unit:
        unit = row.contract_duration_unit
        if row.contract_duration_value > 1 and not unit.endswith("s"):
            unit += "s"
        contract += f" – {row.contract_duration_value} {unit}"
    if row.contract_nature and row.contract_type_contrat:
        contract += f" ({row.contract_nature})"
    values["contract"] = contract
    time = []
    if row.contract_full_time is not None:
        time.append("temps plein" if row.contract_full_time else "temps partiel")
    if row.contract_hours_per_week:
        time.append(f"{row.contract_hours_per_week:g} h par semaine".replace(".", ","))
    values["working_time"] = ", ".join(time) or "-"
    if row.salary_minimum is not None or row.salary_maximum is not None:
        values["salary"] = salary_fields_wording(
            row.salary_text or "",
            row.salary_minimum,
            row.salary_maximum,
            row.salary_period,
            row.salary_currency,
            row.salary_months,
            row.salary_basis,
        )
        if row.salary_period is None:
            values["salary"] += " (période inconnue)"
    else:
        values["salary"] = f"aucun montant (« {row.salary_text} »)" if row.salary_text else "-"
    values["experience"] = (
        experience_wording(row.experience_text, row.experience_requirement, row.experience_months)
        or "-"
    )
    if row.start_immediate:
        values["start"] = "dès que possible"
    elif row.start_day:
        values["start"] = _day(row.start_day)
    else:
        values["start"] = f"aucune date (« {row.start_text} »)" if row.start_text else "-"
    values["deadline"] = _day(row.valid_through) if row.valid_through else "-"
    remote = _REMOTE_MODES.get(row.remote_mode or "", "-")
    if row.remote_days_per_week:
        remote += f", {row.remote_days_per_week:g} jour(s) par semaine".replace(".", ",")
    values["remote"] = remote
    if row.rome_code:
        rome = f"{row.rome_code} {row.rome_label or ''}".rstrip()
        if row.rome_appellation_code:
            rome += f", appellation {row.rome_appellation_code} « {row.rome_appellation_label} »"
        if row.rome_confidence is not None:
            rome += f", confiance {_number(row.rome_confidence)}"
        values["rome"] = rome
    else:
        values["rome"] = "-"
    return values


def offer_fact_lines(row: Any) -> list[str]:
    """`relais offers show`'s facts: each stored value (`fact_values`) on its line, then where
    it was read (`fact_lines`) on the next, indented; the publication date; the
    disagreements last. `row` is a stored offer (`store.models.Offer`)."""
    values = fact_values(row)
    sources = row.fact_sources or {}
    width = max(len(name) for name in _VALUE_NAMES.values()) + 2
    lines = []
    for name in (*_FACT_ORDER, "rome"):
        label = f"{_VALUE_NAMES[name]} :"
        lines.append(f"  {label:<{width}} {values[name]}")
        if name in sources:
            lines.extend(f"      {line}" for line in fact_lines({name: sources[name]}, []))
    for name in sources:  # a fact read that this version does not show a value of
        if name not in _FACT_ORDER:
            lines.extend(f"      {line}" for line in fact_lines({name: sources[name]}, []))
    published = (
        _day(row.posted_at)
        if row.posted_at
        else f"- (la source ne le dit pas ; vue la première fois le {_day(row.first_seen_at)})"
    )
    lines.append(f"  {'publiée le :':<{width}} {published}")
    lines.extend(fact_lines({}, row.disagreements or []))
    return lines


def _echo_history(versions: list[VersionView], events: list[EventView]) -> None:
    click.echo("versions :")
    for version in versions:
        what = (
            ", ".join(
                f"{name}: {json.dumps(old, ensure_ascii=False)} → "
                f"{json.dumps(new, ensure_ascii=False)}"
                for name, (old, new) in sorted(version.changes.items())
            )
            or "première version"
        )
        click.echo(f"  v{version.version} {_when(version.at)} {version.source or '-'} : {what}")
    click.echo("événements :")
    for event in events:
        reason = f" : {event.reason}" if event.reason else ""
        kind = _EVENTS.get(event.kind, event.kind)
        click.echo(f"  {_when(event.at)} {kind} → {_state(event.status)}{reason}")


@offers.command("history")
@click.argument("offer_id", type=int)
@click.option(
    "--json", "as_json", is_flag=True, help="Un seul document JSON sur la sortie standard."
)
def offers_history(offer_id: int, as_json: bool) -> None:
    """Les versions d'une offre (ce qui a changé) et les événements de sa vie (pourquoi, quand)."""
    from dataclasses import asdict

    from store import history, models
    from store.db import session_scope

    with session_scope() as session:
        if session.get(models.Offer, offer_id) is None:
            _fail(f"aucune offre {offer_id}")
            return
        versions, events = history.versions(session, offer_id), history.events(session, offer_id)
    if as_json:
        document = {
            "offer": offer_id,
            "versions": [asdict(v) for v in versions],
            "events": [asdict(e) for e in events],
        }
        click.echo(json.dumps(document, default=str, ensure_ascii=False))
        return
    _echo_history(versions, events)


@offers.command("split")
@click.argument("offer_id", type=int)
@click.option("--copy", "copy_id", type=int, required=True, help="La copie à détacher.")
@click.option(
    "--reason",
    default="pas la même offre",
    show_default=True,
    help="Raison gardée dans l'historique.",
)
def offers_split(offer_id: int, copy_id: int, reason: str) -> None:
    """Défaire une fusion erronée : la copie devient une offre à part, jamais refusionnée
    avec celles-ci."""
    from pipeline.route import route_offers
    from store import copies
    from store.db import session_scope

    try:
        with session_scope() as session:
            copies.lock_for_dedup(session)
            new = copies.split_copy(session, offer_id, copy_id, reason)
            session.flush()
            route_offers(session, [new.id, offer_id])
            new_id = new.id
    except copies.SplitError as error:
        _fail(str(error))
        return
    click.echo(f"copie {copy_id} séparée de l'offre {offer_id} : c'est maintenant l'offre {new_id}")


@click.command("expire")
@click.option("--json", "as_json", is_flag=True, help="Les chiffres en JSON.")
def expire(as_json: bool) -> None:
    """Expirer les offres échues ou trop vieilles, revérifier les anciennes pages de
    candidature (l'étape du DAG expire_offers)."""
    from pipeline.expire import expire_offers

    report = expire_offers()
    if as_json:
        click.echo(json.dumps(report.as_dict()))
        return
    click.echo(
        f"{report.expired_valid_through} offre(s) échue(s) (validThrough passé), "
        f"{report.expired_too_old} plus vieille(s) que l'âge maximal de leur source, "
        f"{report.rechecked} page(s) de candidature revérifiée(s), {report.gone} disparue(s)"
    )


@click.command("confirm-withdrawals")
@click.argument("name")
def confirm_withdrawals(name: str) -> None:
    """Appliquer les retraits que la garde contre les suppressions massives a retenus
    pour une source."""
    from pipeline.route import route_offers
    from store import copies, expiry
    from store import sources as source_store
    from store.db import session_scope

    try:
        with session_scope() as session:
            source = source_store.get_source(session, name)
            copies.lock_for_dedup(session)
            result = expiry.confirm_withdrawals(session, source)
            route_offers(session, result.affected)
    except source_store.SourceNotFound as error:
        _fail(str(error))
        return
    click.echo(f"{result.withdrawn} retrait(s) appliqué(s) pour {name}")


@offers.command("missing")
@click.argument("fact", type=click.Choice(["commune", "salaire", "contrat", "rome"]))
@click.option("--source", help="Les offres de cette source seulement.")
@click.option("--limit", default=50, show_default=True, type=int, help="Offres à lister.")
def offers_missing(fact: str, source: str | None, limit: int) -> None:
    """Les offres en ligne sans ce fait (ce que `relais status` compte comme non rempli),
    les plus récentes d'abord : ce que la source a écrit, et pourquoi rien n'a été lu."""
    from store.db import session_scope
    from store.health import missing_facts

    with session_scope() as session:
        rows = missing_facts(session, fact, source, limit)
    if not rows:
        click.echo(f"Toutes les offres en ligne ont leur {fact}.")
        return
    for row in rows:
        written = f" ; écrit : « {row.written} »" if row.written else ""
        click.echo(f"{row.offer_id:>7}  {row.source}  {row.title}")
        click.echo(f"{'':>7}  {row.why}{written}")
