"""The `relais` command: set up the database, register sources, collect, normalize, serve."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from pipeline.cli_api import api_clients
from pipeline.cli_french import french_click, frenchify
from pipeline.cli_offers import confirm_withdrawals, expire, offers
from pipeline.cli_orgs import orgs
from pipeline.cli_publish import outbox, targets, threads
from pipeline.cli_quarantine import quarantine
from pipeline.cli_status import run_status_label, status
from schemas.legacy_text import french_error
from schemas.rejections import explain, offer_label
from schemas.sources import HtmlFields, SourceDefaults, SourceKind, SourceRegistration
from schemas.validation_fr import french_validation

log = logging.getLogger("relais")

KINDS = [kind.value for kind in SourceKind]


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"erreur : {message}", err=True)
    sys.exit(code)


def _validation_message(error: ValidationError) -> str:
    return french_validation(error)


class FrenchGroup(click.Group):
    """The `relais` command: Click's own words (usage, errors) in French while it runs."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with french_click():
            try:
                return super().main(*args, **kwargs)
            except Exception as error:  # a fault: a French message and a reference, no traceback
                from pipeline.faults import fault_message

                message = fault_message(error, to_log=False)
                # a fault's message already begins "erreur interne de Relais…"
                prefix = "" if message.startswith("erreur") else "erreur : "
                click.echo(f"{prefix}{message}", err=True)
                sys.exit(1)


@click.group(cls=FrenchGroup)
@click.option(
    "-v", "--verbose", is_flag=True, help="Journaliser chaque étape (sur la sortie d'erreur)."
)
def main(verbose: bool) -> None:
    """Relais collecte les offres d'emploi des flux et des sites carrières et les republie."""
    from pipeline.logcontext import KeyValueFormatter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(KeyValueFormatter())  # key=value lines, with source= run= in a crawl
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


@main.command()
def init() -> None:
    """Créer ou mettre à jour la base des offres (SQLite sous var/, ou RELAIS_DATABASE_URL)."""
    from store import copies, migrate
    from store.db import database_url, session_scope

    migrate.upgrade()
    with session_scope() as session:
        backfilled = copies.backfill(session)
    if backfilled:
        click.echo(f"{backfilled} offre(s) gardée(s) d'avant la déduplication indexée(s) pour elle")
    url = make_url(database_url()).render_as_string(hide_password=True)
    click.echo(f"base prête : {url} (révision {migrate.current_revision()})")


@main.group()
def sources() -> None:
    """Enregistrer et piloter les sources d'où les offres sont collectées."""


def _settings_options(command: Any) -> Any:
    """The options `sources add` and `sources check` share for kind-specific settings."""
    for option in reversed(
        [
            click.option(
                "--board",
                help="Jeton du tableau d'offres de l'ATS, nom du site, identifiant de "
                "l'entreprise, compte ou nom du tableau (lu dans l'URL quand c'est l'adresse "
                "du tableau lui-même).",
            ),
            click.option(
                "--setting",
                "setting_pairs",
                multiple=True,
                metavar="CLÉ=VALEUR",
                help="Un réglage propre au type, par ex. api_base=…, follow=/jobs/, "
                "query.motsCles=python, fields.title=h1 (répétable). Les champs d'une page "
                f"html : fields.{', fields.'.join(HtmlFields.model_fields)}.",
            ),
            click.option(
                "--settings-file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="Les réglages propres au type, en objet JSON (par ex. les sélecteurs "
                "d'une source html).",
            ),
        ]
    ):
        command = option(command)
    return command


def _given_settings(board: str | None, pairs: tuple[str, ...], file: Path | None) -> dict[str, Any]:
    from pipeline.check import parse_settings

    try:
        settings = parse_settings(pairs, file)
    except ValueError as error:
        _fail(str(error), 2)
        return {}
    if board:
        settings["board"] = board
    return settings


@sources.command("add")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice([*KINDS, "auto"]),
    required=True,
    help="Comment la source publie ; auto : le détecter d'après l'URL et dire pourquoi.",
)
@click.option(
    "--url", required=True, help="L'URL du flux, du site carrières ou du tableau d'offres."
)
@click.option("--org", "organization", help="L'organisation à qui appartient la source.")
@click.option(
    "--every",
    "schedule_minutes",
    type=int,
    default=60,
    show_default=True,
    help="Minutes entre deux collectes.",
)
@click.option("--company", help="Entreprise des offres qui n'en donnent pas.")
@click.option("--place", help="Lieu des offres qui n'en donnent pas.")
@click.option("--contract", help="Type de contrat des offres qui n'en donnent pas.")
@click.option(
    "--max-age-days",
    type=int,
    help="Expirer les offres plus vieilles que ce nombre de jours, même encore listées.",
)
@click.option(
    "--recheck-after-days",
    type=int,
    help="Revérifier la page de candidature des offres plus vieilles que ce nombre de jours ; "
    "une page disparue retire l'offre.",
)
@_settings_options
def sources_add(
    name: str,
    kind: str,
    url: str,
    organization: str | None,
    schedule_minutes: int,
    company: str | None,
    place: str | None,
    contract: str | None,
    max_age_days: int | None,
    recheck_after_days: int | None,
    board: str | None,
    setting_pairs: tuple[str, ...],
    settings_file: Path | None,
) -> None:
    """Enregistrer une source une fois ; elle est ensuite collectée à son rythme."""
    from pipeline.check import complete_settings, detect_kind
    from store import sources as source_store
    from store.db import session_scope

    settings = _given_settings(board, setting_pairs, settings_file)
    if kind == "auto" and (refused := _refusal(url)):
        # Detecting the kind means reading the address, which the crawls refuse.
        _fail(
            f"type de source non détecté : {refused} Ou indiquez --kind pour l'enregistrer "
            "sans la lire.",
            2,
        )
        return
    _warn_if_refused(url)
    if kind == "auto":
        detection = detect_kind(url)
        if detection.kind is None:
            from spiders.detect import JSON_NOT_KNOWN

            hint = (
                ""
                if JSON_NOT_KNOWN in detection.reasons
                else ". Indiquez --kind (html avec --settings-file et ses sélecteurs pour un "
                "simple site carrières)"
            )
            _fail(
                f"type de source non reconnu pour {url} : {' ; '.join(detection.reasons)}{hint}", 2
            )
            return
        click.echo(f"type détecté : {detection.kind} ({' ; '.join(detection.reasons)})")
        kind, url, settings = detection.kind, detection.url, {**detection.settings, **settings}
    settings = complete_settings(kind, url, settings)
    try:
        registration = SourceRegistration(
            name=name,
            kind=SourceKind(kind),
            url=url,
            organization=organization,
            schedule_minutes=schedule_minutes,
            defaults=SourceDefaults(company_name=company, place=place, contract=contract),
            settings=settings,
            max_age_days=max_age_days,
            recheck_after_days=recheck_after_days,
        )
    except ValidationError as error:
        _fail(f"source refusée : {_validation_message(error)}", 2)
        return
    try:
        with session_scope() as session:
            source_store.add_source(session, registration)
    except source_store.SourceExists as error:
        _fail(str(error), 2)
    shown = f", réglages {json.dumps(registration.settings)}" if registration.settings else ""
    click.echo(f"source {registration.name} enregistrée ({kind}, {registration.url}{shown})")


def _refusal(url: str) -> str | None:
    """Why the crawls will refuse `url` (a local address) and how to allow it, in French;
    None when they will fetch it or when RELAIS_ALLOWED_HOSTS is malformed (said apart)."""
    from spiders.addresses import ALLOWED_HOSTS_VARIABLE, parse_allowed_hosts, refusal_notice

    try:
        allowed = parse_allowed_hosts(os.environ.get(ALLOWED_HOSTS_VARIABLE))
    except ValueError:
        return None
    return refusal_notice(url, allowed)


def _warn_if_refused(url: str) -> None:
    """Say at once when the crawls will refuse `url` (a local address), and how to allow it."""
    from spiders.addresses import ALLOWED_HOSTS_VARIABLE, parse_allowed_hosts

    try:
        parse_allowed_hosts(os.environ.get(ALLOWED_HOSTS_VARIABLE))
    except ValueError as error:
        click.echo(f"attention : {ALLOWED_HOSTS_VARIABLE} est mal formé : {error}", err=True)
        return
    notice = _refusal(url)
    if notice:
        click.echo(f"attention : {notice}", err=True)


@sources.command("check")
@click.argument("url")
@click.option(
    "--kind",
    type=click.Choice([*KINDS, "auto"]),
    default="auto",
    show_default=True,
    help="Comment la source publie ; auto : le détecter et dire pourquoi.",
)
@click.option("--company", help="Entreprise des offres qui n'en donnent pas.")
@click.option("--place", help="Lieu des offres qui n'en donnent pas.")
@click.option("--contract", help="Type de contrat des offres qui n'en donnent pas.")
@click.option("--show", default=3, show_default=True, type=int, help="Offres à afficher en entier.")
@_settings_options
def sources_check(
    url: str,
    kind: str,
    company: str | None,
    place: str | None,
    contract: str | None,
    show: int,
    board: str | None,
    setting_pairs: tuple[str, ...],
    settings_file: Path | None,
) -> None:
    """Essai à blanc : lire l'URL une fois et dire ce qui serait importé et refusé ; rien n'est
    enregistré.

    Code de sortie 0 quand la source a pu être lue (même avec des éléments refusés), 1 quand
    elle n'a pas pu être lue ou son type pas reconnu, 2 pour des options invalides.
    """
    from pipeline.check import check_source

    settings = _given_settings(board, setting_pairs, settings_file)
    defaults = SourceDefaults(company_name=company, place=place, contract=contract)
    result = check_source(url, kind, settings, defaults)
    for line in check_lines(result, show):
        click.echo(line)
    if result.failed:
        sys.exit(1)


def check_lines(result: Any, show: int) -> list[str]:
    """What `sources check` prints of a CheckResult, in French."""
    from schemas.sources import KIND_LABELS

    lines = []
    if result.detection is not None:
        reasons = " ; ".join(result.detection.reasons)
        if result.detection.kind:
            lines.append(f"type détecté : {result.detection.kind} ({reasons})")
        else:
            lines.append(f"type non reconnu : {reasons}")
        for other in result.detection.alternatives:
            lines.append(f"  autre possibilité : {other.kind} ({' ; '.join(other.reasons)})")
    if result.kind:
        shown = f" {json.dumps(result.settings, ensure_ascii=False)}" if result.settings else ""
        label = KIND_LABELS.get(result.kind, result.kind)
        lines.append(f"source : {result.kind} ({label}) {result.url}{shown}")
    report = result.report
    if report is not None:
        status = {"ok": "réussie", "failed": "échec", "not_modified": "rien de nouveau"}
        lines.append(
            f"lecture : {status.get(report.status, report.status)}, "
            f"HTTP {report.http_status or '-'}, {_count(report.pages, 'page', 'pages')}, "
            f"{_count(report.items, 'élément', 'éléments')}"
        )
        lines += [f"  note : {note}" for note in report.notes]
    if result.failed:
        lines.append(f"ÉCHEC : {result.error}")
    else:
        would = "seraient importées" if len(result.offers) > 1 else "serait importée"
        lines.append(f"{_count(len(result.offers), 'offre', 'offres')} {would}")
        for offer in result.offers[: max(show, 0)]:
            where = offer.place.label or offer.place.text or "-"
            contract = offer.contract.type_contrat or offer.contract.text or "-"
            lines.append(
                f"  + {offer.title} · {offer.company_name or '-'} · {where} · {contract} · "
                f"{offer.url or offer.apply_url}"
            )
        if len(result.offers) > show > 0:
            lines.append(f"  … et {len(result.offers) - show} de plus")
        refused = "seraient refusés" if len(result.rejections) > 1 else "serait refusé"
        lines.append(f"{_count(len(result.rejections), 'élément', 'éléments')} {refused}")
        for rejection in result.rejections:
            lines.append(f"  - {rejection.summary()}")
    lines.append("rien n'a été enregistré")
    return lines


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number <= 1 else plural}"


def _age(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"  # type: ignore[attr-defined]


@sources.command("list")
def sources_list() -> None:
    """Chaque source avec son état, sa dernière collecte et les offres qu'elle liste."""
    from store import models
    from store import runs as run_store
    from store import sources as source_store
    from store.db import session_scope

    with session_scope() as session:
        rows = source_store.list_sources(session)
        if not rows:
            click.echo(
                "aucune source enregistrée pour l'instant : "
                "relais sources add NOM --kind TYPE --url URL"
            )
            return
        live = {
            source_id: count
            for source_id, count in session.execute(
                select(models.OfferSource.source_id, func.count())
                .where(models.OfferSource.status == "live")
                .group_by(models.OfferSource.source_id)
            )
        }
        name_width = max(24, *(len(source.name) for source in rows))
        kind_width = max(11, *(len(source.kind) for source in rows))
        click.echo(
            f"{'NOM':<{name_width}} {'TYPE':<{kind_width}} {'ÉTAT':<9} "
            f"{'DERNIÈRE COLLECTE':<17} {'RÉSULTAT':<14} {'OFFRES':>6}"
        )
        for source in rows:
            last = run_store.latest_runs(session, source.id, limit=1)
            result = run_status_label(last[0].status) if last else "-"
            # à vérifier: withdrawals held by the mass-deletion guard (see `sources show`)
            state = _state(source.paused, source.attention)
            click.echo(
                f"{source.name:<{name_width}} {source.kind:<{kind_width}} {state:<9} "
                f"{_age(source.last_run_at):<17} {result:<14} {live.get(source.id, 0):>6}"
            )


def _state(paused: bool, attention: str | None) -> str:
    """A source's state as `sources list` shows it."""
    return "en pause" if paused else "à vérifier" if attention else "active"


@sources.command("show")
@click.argument("name")
def sources_show(name: str) -> None:
    """L'enregistrement d'une source, ses dernières collectes et ses éléments en quarantaine."""
    from store import expiry, quarantine
    from store import runs as run_store
    from store import sources as source_store
    from store.db import session_scope

    with session_scope() as session:
        try:
            source = source_store.get_source(session, name)
        except source_store.SourceNotFound as error:
            _fail(str(error), 2)
            return
        registration = source_store.registration_of(source)
        click.echo(f"nom :           {source.name}")
        click.echo(f"type :          {source.kind}")
        click.echo(f"url :           {source.url}")
        click.echo(f"organisation :  {registration.organization or '-'}")
        click.echo(
            f"rythme :        toutes les {source.schedule_minutes} min, "
            f"prochaine {_age(source.next_run_at)}"
        )
        state = (
            f"en pause : {french_error(source.paused_reason) or 'sans raison donnée'}"
            if source.paused
            else "active"
        )
        click.echo(f"état :          {state}")
        if source.attention:
            click.echo(f"à vérifier :    {source.attention}")
        held = expiry.hold_progress(session, source.id)
        if held:
            click.echo(
                f"retenus :       {held.held} retrait(s) suspendu(s) depuis le "
                f"{held.since:%d/%m/%Y %H:%M}, confirmé(s) par {held.agreeing_fetches} "
                f"collecte(s) ; ils s'appliquent après {expiry.hold_rule().description()}, "
                "ou sur confirmation"
            )
        lifecycle = [
            f"expirer après {source.max_age_days} jours" if source.max_age_days else "",
            f"revérifier après {source.recheck_after_days} jours"
            if source.recheck_after_days
            else "",
        ]
        click.echo(f"cycle de vie :  {', '.join(x for x in lifecycle if x) or '-'}")
        defaults = registration.defaults.model_dump(exclude_none=True)
        click.echo(
            f"par défaut :    {json.dumps(defaults, ensure_ascii=False) if defaults else '-'}"
        )
        click.echo("dernières collectes :")
        for run in run_store.latest_runs(session, source.id, limit=5):
            line = (
                f"  #{run.id} {_age(run.started_at)} {run_status_label(run.status):<12} "
                f"HTTP {run.http_status or '-'} éléments {run.items_new} nouveaux/"
                f"{run.items_changed} modifiés/{run.items_unchanged} identiques, "
                f"{run.items_rejected} refusés, offres {run.offers_withdrawn} retirées"
                + (f", {run.offers_held} retraits retenus" if run.offers_held else "")
            )
            click.echo(line + (f"\n    erreur : {french_error(run.error)}" if run.error else ""))
            for note in run.notes or []:
                click.echo(f"    note de collecte : {note}")
        rejected = quarantine.open_rejections(session, source.id, limit=20)
        click.echo(f"quarantaine :   {_count(len(rejected), 'élément', 'éléments')}")
        for rejection in rejected:
            label = offer_label(rejection.title, rejection.reference, rejection.external_id)
            reasons = " ".join(explain(reason) for reason in rejection.reasons)
            click.echo(f"  {label} : {reasons}")


@sources.command("pause")
@click.argument("name")
@click.option("--reason", help="Pourquoi, pour les autres opérateurs.")
def sources_pause(name: str, reason: str | None) -> None:
    """Cesser de collecter une source jusqu'à sa reprise."""
    _set_paused(name, True, reason)


@sources.command("resume")
@click.argument("name")
def sources_resume(name: str) -> None:
    """Collecter de nouveau une source en pause."""
    _set_paused(name, False, None)


def _set_paused(name: str, paused: bool, reason: str | None) -> None:
    from store import sources as source_store
    from store.db import session_scope

    try:
        with session_scope() as session:
            source_store.set_paused(session, name, paused, reason)
    except source_store.SourceNotFound as error:
        _fail(str(error), 2)
    click.echo(f"{name} {'mise en pause' if paused else 'reprise'}")


@main.command()
@click.option(
    "--source", "source_name", help="Ne collecter que cette source, même si ce n'est pas l'heure."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Un objet JSON par source sur la sortie standard."
)
def collect(source_name: str | None, as_json: bool) -> None:
    """Collecter maintenant les sources dont c'est l'heure (les étapes du DAG collect_offers,
    sans Airflow).

    Code de sortie 0 quand chaque source a été collectée, même avec des éléments refusés, ou
    sautée parce qu'une autre collecte d'elle était en cours (après RELAIS_SOURCE_LOCK_WAIT
    secondes) ; 1 quand une source n'a pas pu être lue ; 2 pour une source inconnue.
    """
    from pipeline.collect import collect as run_collect
    from store.sources import SourceNotFound

    try:
        results = run_collect(source_name)
    except SourceNotFound as error:
        _fail(str(error), 2)
        return
    if not results:
        click.echo("aucune source à collecter maintenant")
    failed = False
    for result in results:
        failed = failed or result.crawl.failed
        if as_json:
            click.echo(json.dumps(result.as_dict(), default=str, ensure_ascii=False))
            continue
        if result.crawl.status == "skipped":  # another collect of it was running
            click.echo(f"{result.source} : {result.crawl.error}")
            continue
        if result.crawl.failed:
            click.echo(f"{result.source} : ÉCHEC : {result.crawl.error}", err=True)
            if result.paused:
                click.echo(f"{result.source} : {result.paused}", err=True)
            continue
        loaded, normalized = result.load, result.normalize
        offers = f"offres : {loaded.new if loaded else 0} nouvelle(s), "
        offers += f"{loaded.updated if loaded else 0} mise(s) à jour"
        if loaded and loaded.relisted:
            offers += f", {loaded.relisted} de nouveau listée(s)"
        if loaded and loaded.withdrawn:
            offers += f", {loaded.withdrawn} retirée(s)"
        if loaded and loaded.held:
            offers += f", {loaded.held} retrait(s) retenu(s) (relais sources show {result.source})"
        click.echo(
            f"{result.source} : collecte {run_status_label(result.crawl.status)}, "
            f"éléments : {result.crawl.items_new} nouveau(x) / "
            f"{result.crawl.items_changed} modifié(s) / "
            f"{result.crawl.items_unchanged} inchangé(s) ; {offers} ; "
            f"{normalized.rejected if normalized else 0} refusé(s)"
        )
    if failed:
        sys.exit(1)


@main.command()
@click.option("--kind", type=click.Choice(KINDS), required=True, help="Le format des fichiers.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["relais", "francetravail"]),
    default="relais",
    show_default=True,
    help="La forme des offres affichées : celle de Relais ou celle de l'API France Travail.",
)
@click.option("--base-url", help="L'URL d'où viennent les fichiers, pour les liens relatifs.")
@click.option(
    "--source",
    "source_name",
    default="cli",
    show_default=True,
    help="Nom de source écrit dans les offres.",
)
@click.option(
    "--setting", "setting_pairs", multiple=True, metavar="CLÉ=VALEUR",
    help="Un réglage propre au type, par ex. fields.title=h1 pour une page html (répétable) ; "
    f"les champs d'une page html : fields.{', fields.'.join(HtmlFields.model_fields)}.",
)  # fmt: skip
@click.option(
    "--settings-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Les réglages propres au type, en objet JSON (les sélecteurs d'une page html).",
)
@click.option(
    "--collected-at",
    "collected_at",
    metavar="DATE",
    help="Quand les fichiers ont été collectés (ISO 8601, par ex. 2026-11-30T10:00+01:00 ; "
    "heure de Paris si aucun fuseau) : les dates relatives (« il y a 3 jours », « hier ») en "
    "partent. Par défaut : maintenant.",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def normalize(
    kind: str,
    output_format: str,
    base_url: str | None,
    source_name: str,
    setting_pairs: tuple[str, ...],
    settings_file: Path | None,
    collected_at: str | None,
    files: tuple[str, ...],
) -> None:
    """Afficher les offres des FICHIERS en lignes JSON (les refus sur la sortie d'erreur),
    sans rien enregistrer."""
    from exporters.francetravail import to_francetravail
    from normalizers.offer import RunNotes, SourceContext, normalize_noted
    from schemas.rejections import Rejection
    from spiders.extractors import FeedError, ItemError, Repairs, extractor_for, split_document

    settings = _given_settings(None, setting_pairs, settings_file)
    try:
        extractor = extractor_for(kind, settings=settings)
    except (ValueError, FeedError) as error:
        _fail(f"réglages : {error}", 2)
        return
    context = SourceContext(
        source=source_name,
        attribution=source_name,
        defaults=SourceDefaults(),
        base_url=base_url,
        fetched_at=_collection_time(collected_at),
    )
    unreadable = False
    for path in files:
        repairs = Repairs()
        noted = RunNotes()
        records = 0
        try:  # XML feeds are streamed from the file, in bounded memory whatever its size
            for record in split_document(extractor, Path(path), base_url or "", repairs):
                records += 1
                if record.error:
                    click.echo(
                        f"{path} : {_element(record.external_id)} : refusé : {record.error}",
                        err=True,
                    )
                    continue
                try:
                    item = extractor.read(record.payload, base_url or "")
                except ItemError as error:
                    click.echo(
                        f"{path} : {_element(record.external_id)} : refusé : {error}", err=True
                    )
                    continue
                normalized = normalize_noted(item, context)
                noted.add(record.external_id, normalized)
                result = normalized.result
                if isinstance(result, Rejection):
                    named = (  # a hash names nothing: the summary names the offer by its title
                        "" if _hashed(record.external_id) else f"{_element(record.external_id)} : "
                    )
                    click.echo(f"{path} : {named}refusé : {result.summary()}", err=True)
                elif output_format == "francetravail":
                    click.echo(json.dumps(to_francetravail(result), ensure_ascii=False))
                else:
                    click.echo(result.model_dump_json())
        except FeedError as error:
            click.echo(f"{path} : flux illisible : {error}", err=True)
            unreadable = True
        else:
            if not records:
                click.echo(f"{path} : {_why_empty(kind, Path(path), base_url or '')}", err=True)
        for note in repairs.notes():
            click.echo(f"{path} : réparé : {note}", err=True)
        for note in noted.notes():
            click.echo(f"{path} : note : {note}", err=True)
    if unreadable:
        sys.exit(1)


def _collection_time(written: str | None) -> datetime | None:
    """`--collected-at` read as an aware datetime (Paris time when no zone is written), None
    when not given; the command fails in French when it is no ISO 8601 date."""
    from normalizers.dates import PARIS

    if not written:
        return None
    try:
        moment = datetime.fromisoformat(written.strip())
    except ValueError:
        _fail(
            f"--collected-at : « {written} » n'est pas une date ISO 8601 "
            "(par ex. 2026-11-30T10:00+01:00)",
            2,
        )
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)


def _hashed(external_id: str) -> bool:
    """True for the ids Relais made itself (a sha256 of the item), which name nothing."""
    return external_id.startswith("sha256:")


def _element(external_id: str) -> str:
    """An item of a file as the CLI names it: "élément <its id>", or "élément sans identifiant"
    when its id is a hash Relais made."""
    return "élément sans identifiant" if _hashed(external_id) else f"élément {external_id}"


def _why_empty(kind: str, path: Path, url: str) -> str:
    """Why the file `path` read as `kind` gave no item (`spiders.detect.why_no_offer`), judged
    on its first 8 Mio."""
    from spiders.detect import why_no_offer
    from spiders.extractors import FeedError, extractor_for
    from spiders.extractors._json import JsonPostingsExtractor

    with path.open("rb") as file:
        head = file.read(8 * 1024 * 1024)
    try:
        json_kind = isinstance(extractor_for(kind), JsonPostingsExtractor)
    except (ValueError, FeedError):
        json_kind = False
    return why_no_offer(kind, head, url or path.resolve().as_uri(), json_kind=json_kind)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="L'adresse où écouter.")
@click.option("--port", default=8000, show_default=True, type=int, help="Le port où écouter.")
@click.option(
    "--workers",
    default=lambda: os.cpu_count() or 1,
    show_default="un par cœur du processeur",
    type=click.IntRange(min=1),
    help="Processus uvicorn qui se partagent le port (l'état est dans la base) : une requête "
    "lente n'en bloque qu'un.",
)
def serve(host: str, port: int, workers: int) -> None:
    """Servir les pages communautaires et l'API (un processus par cœur, par défaut)."""
    # Said at once: loading the app takes a while on a busy machine before uvicorn says anything
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"démarrage du serveur sur http://{shown}:{port} (chargement de l'application…)")
    import uvicorn

    from web.server import MAX_REQUEST_HEAD, server_config

    if workers == 1:
        uvicorn.Server(server_config("web.app:app", host, port, log_level="info")).run()
        return
    # Several workers: uvicorn's supervisor pings each one and replaces those that do not
    # answer; a worker still importing the app on a busy machine must not count as dead.
    uvicorn.run(
        "web.app:app",
        host=host,
        port=port,
        log_level="info",
        workers=workers,
        timeout_worker_healthcheck=60,
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD,
    )


main.add_command(api_clients)
main.add_command(orgs)
main.add_command(quarantine)
main.add_command(status)
main.add_command(threads)
main.add_command(targets)
main.add_command(outbox)
main.add_command(offers)
main.add_command(expire)
sources.add_command(confirm_withdrawals)
frenchify(
    main,
    {
        "name": "NOM",
        "url": "URL",
        "files": "FICHIERS",
        "rejection_id": "REJET",
        "rejection_ids": "REJETS",
        "slug": "IDENTIFIANT",
        "offer_id": "OFFRE",
    },
)

if __name__ == "__main__":
    main()
