"""A thread's filter checked against the referentials before the thread is created.

A filter that names a département, a région, a commune or a contract type no offer can carry
would give a thread that never shows anything, silently. `checked_filter` turns the names a
person writes into the codes offers carry ("Drôme" → "26", "Bretagne" → "53", "Intérim" →
"MIS") and refuses, with every problem in French, what matches nothing.

Referentials: départements, régions and communes from INSEE's Code officiel géographique
(normalizers/referentials/NOTICE.md); `typeContrat` codes and labels from France Travail's
Offres d'emploi v2 API (`normalizers.contracts.TYPE_LABELS`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from normalizers.contracts import TYPE_LABELS
from normalizers.place_names import REGION_ALIASES
from normalizers.referentials import communes, departements, regions
from normalizers.text import name_key
from schemas.threads import ThreadFilter

# Words people use for what France Travail records as a contract's nature, not its type: a
# thread cannot select them by `typeContrat`.
_NATURES = {
    "ALTERNANCE": "l'alternance",
    "APPRENTISSAGE": "l'apprentissage",
    "CONTRAT D APPRENTISSAGE": "l'apprentissage",
    "PROFESSIONNALISATION": "le contrat de professionnalisation",
    "CONTRAT DE PROFESSIONNALISATION": "le contrat de professionnalisation",
    "CONTRAT PRO": "le contrat de professionnalisation",
    "STAGE": "le stage",
}
# How a person names a typeContrat code besides France Travail's own label.
_CONTRACT_WORDS = {
    "INTERIM": "MIS",
    "INTERIMAIRE": "MIS",
    "MISSION INTERIM": "MIS",
    "SAISONNIER": "SAI",
    "SAISONNIERE": "SAI",
    "SAISON": "SAI",
    "CONTRAT SAISONNIER": "SAI",
    "CDI INTERIMAIRE": "DIN",
    "FREELANCE": "LIB",
    "INDEPENDANT": "LIB",
}


class ThreadFilterError(ValueError):
    """A filter naming what no offer can carry; `problems` says each, in French."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("filtre refusé : " + " ; ".join(problems))
        self.problems = problems


@cache
def _departement_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for departement in departements().values():
        key = name_key(departement.name)
        keys[key] = departement.code
        for article in ("LE ", "LA ", "LES ", "L "):
            if key.startswith(article):
                keys[key[len(article) :]] = departement.code
    return keys


@cache
def _region_keys() -> dict[str, str]:
    return {**REGION_ALIASES, **{name_key(r.name): r.code for r in regions().values()}}


@cache
def _contract_keys() -> dict[str, str]:
    keys = {name_key(label): code for code, label in TYPE_LABELS.items()}
    keys.update({code: code for code in TYPE_LABELS})
    keys.update(_CONTRACT_WORDS)
    return keys


def _departement(value: str) -> str | None:
    code = value.strip().upper()
    if code in departements():
        return code
    if code.isdigit() and len(code) == 1 and f"0{code}" in departements():
        return f"0{code}"
    return _departement_keys().get(name_key(value))


def _region(value: str) -> str | None:
    code = value.strip()
    if code in regions():
        return code
    return _region_keys().get(name_key(value))


def _departement_problem(value: str) -> str:
    return (
        f"« {value} » n'est pas un département : écrivez son code (69, 2A, 974) ou son nom (Rhône)"
    )


def _region_problem(value: str) -> str:
    known = ", ".join(
        f"{r.code} {r.name}" for r in sorted(regions().values(), key=lambda r: r.code)
    )
    return f"« {value} » n'est pas une région : écrivez son code ou son nom ({known})"


def contract_code(value: str) -> str | None:
    """The `typeContrat` code a person's words name: the code itself in any case ("cdi"),
    France Travail's label or a usual name ("Intérim", "interim", "Saisonnier" → "SAI"),
    compared without accents, case or punctuation; None when they name no type."""
    return _contract_keys().get(name_key(value))


def contract_problem(value: str, choices: str | None = None) -> str:
    """Why `value` names no contract type, in French: a nature of contract (alternance,
    stage) is not a type; else the types there are, `choices` (the codes by default)."""
    codes = choices or ", ".join(TYPE_LABELS)
    nature = _NATURES.get(name_key(value))
    if nature:
        return (
            f"« {value} » n'est pas un type de contrat : France Travail range {nature} dans la "
            f"nature du contrat, pas dans son type ({codes}) ; choisissez le type (souvent CDD) "
            "ou un mot-clé"
        )
    return f"« {value} » n'est pas un type de contrat France Travail ({codes})"


def _codes(
    values: list[str],
    find: Callable[[str], str | None],
    problem: Callable[[str], str],
    problems: list[str],
) -> list[str]:
    """The codes `find` gives `values`, each once, in order; a value it finds none for adds
    `problem(value)` to `problems`."""
    codes: list[str] = []
    for value in values:
        code = find(value)
        if code is None:
            problems.append(problem(value))
        elif code not in codes:
            codes.append(code)
    return codes


def checked_filter(criteria: ThreadFilter) -> ThreadFilter:
    """`criteria` with each département, région and contract type written as the code offers
    carry: a département by its code ("69", "2A", "974"; "1" is "01") or its name ("Drôme",
    "Hautes-Alpes"), a région by its code ("84") or its name, old names included ("Bretagne",
    "Rhône-Alpes"), a contract type by its `typeContrat` code ("CDI") or its label
    ("Intérim", "Saisonnier"). Communes must be INSEE codes of the referential.

    Raises ThreadFilterError listing every value that matches nothing; names are compared
    without accents, case or punctuation (`normalizers.text.name_key`).
    """
    problems: list[str] = []
    departements = _codes(criteria.departements, _departement, _departement_problem, problems)
    regions = _codes(criteria.regions, _region, _region_problem, problems)
    contracts = _codes(criteria.types_contrat, contract_code, contract_problem, problems)
    for wanted in criteria.communes:
        if wanted.insee_code not in communes():
            problems.append(
                f"« {wanted.insee_code} » n'est le code INSEE d'aucune commune du Code officiel "
                "géographique"
            )
    if problems:
        raise ThreadFilterError(problems)
    return criteria.model_copy(
        update={"departements": departements, "regions": regions, "types_contrat": contracts}
    )
