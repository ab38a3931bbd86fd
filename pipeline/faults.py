"""A fault of Relais told to a person in French, its details kept in a log under a reference."""

from __future__ import annotations

import logging
import secrets
import traceback
from datetime import UTC, datetime

from schemas.readable import ReadableError
from store.db import var_dir

log = logging.getLogger(__name__)

#: The file, under var/ (RELAIS_VAR_DIR), where each fault's traceback is appended.
FAULTS_LOG = "erreurs.log"


def fault_message(error: BaseException, *, to_log: bool = True) -> str:
    """`error` for a person who runs Relais (CLI, operator page): a ReadableError's own French
    message, else "erreur interne de Relais (référence 1a2b3c4d) : le détail est dans
    erreurs.log sous var/…" (see `fault_reference`)."""
    if isinstance(error, ReadableError):
        return str(error)
    return _message(fault_reference(error, to_log=to_log))


def fault_reference(error: BaseException, *, to_log: bool = True) -> str:
    """The reference (8 hex digits) under which `error`, a fault of Relais (English text,
    internal names), is kept: its traceback appended to var/erreurs.log and, when `to_log`,
    logged at ERROR (so an Airflow task's log has it too; the CLI, whose log is the reader's
    terminal, passes False). The same error asked again keeps its first reference."""
    told = [note for note in getattr(error, "__notes__", []) if note.startswith(_NOTE)]
    if told:  # told once already (a run closed as failed, then the collect that ran it)
        return told[0].removeprefix(_NOTE)
    reference = secrets.token_hex(4)
    error.add_note(f"{_NOTE}{reference}")
    details = "".join(traceback.format_exception(error))
    try:
        with (var_dir() / FAULTS_LOG).open("a", encoding="utf-8") as faults:
            faults.write(f"--- {datetime.now(UTC).isoformat()} reference={reference}\n{details}")
    except OSError:  # the reference still leads to the task log below
        pass
    if to_log:
        log.error("fault reference=%s\n%s", reference, details)
    return reference


_NOTE = "Relais fault reference: "


def _message(reference: str) -> str:
    return (
        f"erreur interne de Relais (référence {reference}) : le détail est dans "
        f"{FAULTS_LOG} sous var/ et dans le journal ; signalez cette référence si l'erreur revient"
    )
