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


@offers.command("show")
@click.argument("offer_id", type=int)
def offers_show(offer_id: int) -> None:
    """Une offre, chaque source où elle figure, et son historique."""
    from store import copies, history, models
    from store.db import session_scope

    with session_scope() as session:
        row = session.get(models.Offer, offer_id)
        if row is None:
            _fail(f"aucune offre {offer_id}")
            return
        click.echo(f"offre {row.id} : {row.title}")
        click.echo(f"entreprise : {row.company_name or '-'}")
        click.echo(f"lieu :       {row.place_label or row.place_text or '-'}")
        merged = f" dans l'offre {row.merged_into_id}" if row.merged_into_id else ""
        click.echo(
            f"état :       {_state(row.status)}{merged} depuis {_when(row.status_changed_at)}"
        )
        for line in fact_lines(row.fact_sources or {}, row.disagreements or []):
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


_FACT_NAMES = {
    "place": "lieu",
    "contract": "contrat",
    "working_time": "temps de travail",
    "salary": "salaire",
    "experience": "expérience",
    "start": "début",
    "deadline": "date limite de candidature",
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
    "category": "« catégorie »",
}
_TEXT_PLACES = {"title": "le titre", "description": "la description"}


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
