"""Click's own words in French for the `relais` command: usage, sections, errors, prompts.

Click marks every word it prints with gettext (`from gettext import gettext as _` and
`ngettext` in each of its modules) but ships no translation. `french_click()` points those names
at the French catalogue below while a `relais` command runs and puts them back afterwards, so no
other user of Click in the same process is touched. The catalogue's keys are Click's own message
ids (Click 8.1 to 8.5, read from its sources); a message Click adds later and the catalogue lacks
is printed as Click wrote it.

`frenchify(command)` gives French metavars (`NOM`, `TEXTE`, `ENTIER`, `COMMANDE [ARGUMENTS]...`)
to a command tree's parameters that do not name their own.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click

#: Click's message id → French. Placeholders ({name}, {value!r}, %(prog)s…) are kept as they are.
CATALOGUE: dict[str, str] = {
    # help pages
    "Usage:": "Utilisation :",
    # a section's heading is followed by ":" (French puts a space before it)
    "Options": "Options ",
    "Positional arguments": "Arguments ",
    "Commands": "Commandes ",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "required": "obligatoire",
    "(dynamic)": "(calculé)",
    "deprecated": "obsolète",
    "Choose from:\n\t{choices}": "Choisir parmi :\n\t{choices}",
    "Choice({choices})": "Choix({choices})",
    # errors
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Aborted!": "Abandon.",
    "Missing command.": "Commande manquante.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing {param_type}": "{param_type} manquant",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "unknown error": "erreur inconnue",
    "Could not open file {filename!r}: {message}": (
        "Impossible d'ouvrir le fichier {filename!r} : {message}"
    ),
    "Value must be an iterable.": "La valeur doit être une suite de valeurs.",
    "Invalid start character for option ({option})": (
        "Caractère initial invalide pour une option ({option})"
    ),
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Avertissement : la commande {name!r} est obsolète.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Avertissement : {param_type} {name!r} est obsolète.{extra_message}"
    ),
    # values
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} n'est pas un booléen valide. Valeurs reconnues : {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} ne peut pas être lu.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} ne peut pas être écrit.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} n'est pas exécutable.",
    # prompts
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirmer l'action sans la demander.",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "{editor}: Editing failed": "{editor} : échec de l'édition",
    "{editor}: Editing failed: {e}": "{editor} : échec de l'édition : {e}",
}

#: Click's (singular, plural) message ids → French (singular, plural).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Argument en trop : ({args})",
        "Arguments en trop : ({args})",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l'un de : {possibilities} ?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "L'option {name!r} attend une valeur.",
        "L'option {name!r} attend {nargs} valeurs.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Attend {nargs} valeurs, 1 donnée.",
        "Attend {nargs} valeurs, {len} données.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} n'est pas {choice}.",
        "{value!r} n'est pas l'un de {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "{value!r} ne suit pas le format {format}.",
        "{value!r} ne suit aucun des formats {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} valeurs sont attendues, {len_value} donnée.",
        "{len_type} valeurs sont attendues, {len_value} données.",
    ),
}

#: The metavar Click derives from a parameter type's name, in French.
TYPE_METAVARS = {
    "text": "TEXTE",
    "integer": "ENTIER",
    "integer range": "ENTIER",
    "float": "NOMBRE",
    "float range": "NOMBRE",
    "boolean": "BOOLÉEN",
    "path": "CHEMIN",
    "file": "FICHIER",
    "directory": "DOSSIER",
    "filename": "FICHIER",
    "datetime": "DATE",
    "fichier": "FICHIER",
    "dossier": "DOSSIER",
    "chemin": "CHEMIN",
}

SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."


def gettext(message: str) -> str:
    """`message` in French when the catalogue has it, else as given."""
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The French singular or plural of a Click message (French uses the singular for 0 and 1)."""
    french = PLURALS.get((singular, plural))
    if french is None:
        return singular if count == 1 else plural
    return french[0] if count <= 1 else french[1]


def _click_modules() -> list[object]:
    return [
        module
        for name, module in list(sys.modules.items())
        if (name == "click" or name.startswith("click.")) and module is not None
    ]


@contextlib.contextmanager
def french_click() -> Iterator[None]:
    """Click speaks French inside the block; its gettext names are restored on leaving."""
    saved: list[tuple[object, str, object]] = []
    for module in _click_modules():
        for name, french in (("_", gettext), ("ngettext", ngettext)):
            if name in vars(module):
                saved.append((module, name, vars(module)[name]))
                setattr(module, name, french)
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def frenchify(command: click.Command, argument_names: dict[str, str]) -> None:
    """Give French metavars to `command` and every subcommand, in place.

    `argument_names` maps a positional argument's name (e.g. "name") to what the usage line
    shows (e.g. "NOM"); options keep a metavar they name themselves, choices show their values.
    """
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            frenchify(sub, argument_names)
    for param in command.params:
        if isinstance(param.type, click.Path):  # named when built, before Click spoke French
            param.type.name = gettext(param.type.name)
        if param.metavar is not None or isinstance(param.type, click.Choice):
            continue
        if isinstance(param, click.Argument):
            param.metavar = argument_names.get(param.name or "", (param.name or "").upper())
            if not param.required:
                param.metavar = f"[{param.metavar}]"
            if param.nargs != 1:
                param.metavar += "..."
        elif isinstance(param, click.Option) and not param.is_flag:
            param.metavar = TYPE_METAVARS.get(param.type.name, param.type.name.upper())
