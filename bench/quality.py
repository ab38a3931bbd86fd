"""Normalization quality: how much of France Travail's own coding Relais recovers from plain text.

Usage: python bench/quality.py FT_OFFERS.jsonl [MORE.jsonl …] [--errors FIELD] [--limit N]
                              [--rendering RENDERING]
(FIELD may be the start of a name: `--errors rome` shows the first such field, "ROME exact";
`--rendering labels` shows that rendering's mismatches instead of the structured one's)

Each line of PATH is an offer as France Travail's "Offres d'emploi v2" API returns it. The offer is
rendered as text only, the way a careers site shows it: title, description, the place as a person
writes it or in France Travail's label, the contract label, the working time, the experience and a
salary sentence, and no code. Relais's normalizers (`normalize_offer`) read it, and each field is
compared with France Travail's coding: ROME code (exact, same parent, same domaine
professionnel), commune (INSEE), contract type, salary (period and bounds within 1 %), working
time, experience and nature of contract.

Each offer is also rendered with its facts only in the text (`TEXT_RENDERINGS`): labelled lines
("Lieu : Annecy (74)", "TYPE DE CONTRAT – CDI", bullet lists, bold labels), an HTML table or
definition list, sentences ("CDI à pourvoir dès que possible à Lyon 4e - 69.", "Vous percevrez une
rémunération de …") and title tails ("Comptable H/F – Lyon 3e", "… - CDI - Rennes"), in French and
about one offer in five in English; and as job boards write them: chips at the top of the
description ("CDI · Annecy (74000) · 2 000 € brut/mois", pictogram lines) or labels of their own
("Ville de travail :", "Où ? :", "Statut :", "Fourchette de salaire :"), with places as "Annecy
(74000)", "Archamps 74", "Annecy, Haute-Savoie", "LES HOUCHES"; commune, département, contract
type and salary are measured for each rendering, half and file, with normalize_offer's time
per offer. The salary misses of offers whose own description already states another pay than
France Travail's label are counted apart: the rendered text then says two things, and the bench
cannot say which is right.

Each ROME miss is sorted by how well the title reads as France Travail's appellation and as
Relais's (`MISS_KINDS`), so that the coder's own misses can be told from offers France Travail
coded with a title they do not name ("Serveur" coded as an administrator of servers).

ROME codes are also measured against blind verdicts (`--judged`, by default `rome_judged.jsonl`
beside PATH: careful readers judged codes `fits`, `close` or `wrong` from the title and the
description): the share of Relais's codes of each verdict, and "unjudged" for codes nobody judged
(listed with `--judged-errors` for the development half, `--held-out-unjudged` for the other,
with the verdict on their parent), overall and for codes given with confidence ≥ 0.5. The ROME
coder's own cost per offer is printed too (processor time, memo cold, then titles seen before).

The offers are split in two halves by a hash of their id: the "development" half may be looked at
while improving the normalizers (`--errors` shows its mismatches, and only its), the "held-out"
half is only measured. Figures are printed for both halves and for the whole file.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

# The checkout this file is in, before any installed copy: a worktree measures its own code.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from normalizers.offer import SourceContext, normalize_offer  # noqa: E402
from normalizers.referentials import rome_appellations, rome_metiers  # noqa: E402
from normalizers.rome import (  # noqa: E402
    CONFIDENT_MARGIN,
    FT_UNASSIGNED_FROM_OGR,
    LOW_CONFIDENCE,
    clear_memo,
    code_rome,
    title_fit,
)
from normalizers.rome import load as load_rome_coder  # noqa: E402
from normalizers.text import fold  # noqa: E402
from schemas import Offer, SalaryPeriod, SourceDefaults, SourceOffer  # noqa: E402

DEVELOPMENT, HELD_OUT = "development", "held-out"
SALARY_TOLERANCE = 0.01
_FT_SALARY = re.compile(
    r"^(?P<period>Annuel|Mensuel|Horaire|Journalier|Hebdomadaire)\s+de\s+(?P<low>[\d.,]+)\s*Euros"
    r"(?:\s+à\s+(?P<high>[\d.,]+)\s*Euros)?(?:\s+sur\s+(?P<months>[\d.,]+)\s*mois)?",
    re.I,
)
_PERIODS = {
    "ANNUEL": SalaryPeriod.YEAR,
    "MENSUEL": SalaryPeriod.MONTH,
    "HORAIRE": SalaryPeriod.HOUR,
    "JOURNALIER": SalaryPeriod.DAY,
    "HEBDOMADAIRE": SalaryPeriod.WEEK,
}
_FT_PLACE = re.compile(r"^(?P<departement>\d[\dAB]\d?) - (?P<name>.+)$")


def half_of(offer_id: str) -> str:
    """The half an offer belongs to, fixed by its id: development or held-out."""
    return DEVELOPMENT if hashlib.sha256(offer_id.encode()).digest()[0] % 2 == 0 else HELD_OUT


def _style(offer_id: str, styles: int) -> int:
    """A rendering style chosen by the id, so that every run renders the same text."""
    return hashlib.sha256(("style" + offer_id).encode()).digest()[1] % styles


@dataclass(frozen=True)
class FtSalary:
    """France Travail's salary label, read by the bench itself (not by Relais's parser)."""

    period: SalaryPeriod
    low: float
    high: float
    months: float | None


def ft_salary(label: str | None) -> FtSalary | None:
    """France Travail's "Annuel de 35000,00 Euros à 40000,00 Euros sur 12.0 mois", read."""
    match = _FT_SALARY.match(label or "")
    if not match:
        return None
    low = float(match["low"].replace(",", "."))
    high = float(match["high"].replace(",", ".")) if match["high"] else low
    months = float(match["months"].replace(",", ".")) if match["months"] else None
    return FtSalary(_PERIODS[fold(match["period"])], low, high, months)


def _amount(value: float, decimals: bool = False) -> str:
    """A French written amount: "32 000", "1 802", "12,50"."""
    if decimals or not value.is_integer():
        whole, cents = f"{value:.2f}".split(".")
        return f"{int(whole):,}".replace(",", " ") + "," + cents
    return f"{int(value):,}".replace(",", " ")


def render_salary(offer_id: str, label: str | None) -> str | None:
    """The salary sentence of a careers site: France Travail's label or a person's wording."""
    salary = ft_salary(label)
    if salary is None:
        return label
    style = _style(offer_id, 3)
    if style == 0:
        return label
    low, high = _amount(salary.low), _amount(salary.high)
    months = f" sur {salary.months:g} mois" if salary.months and salary.months != 12 else ""
    span = low if salary.low == salary.high else None
    if salary.period == SalaryPeriod.YEAR:
        if style == 2 and salary.low % 1000 == 0 and salary.high % 1000 == 0:
            thousands = f"{salary.low / 1000:g}" + ("" if span else f"-{salary.high / 1000:g}")
            return f"{thousands}k€{months}"
        return (f"{span} € brut annuel" if span else f"{low} € - {high} € brut par an") + months
    if salary.period == SalaryPeriod.MONTH:
        if style == 2:
            return (f"{span} € / mois" if span else f"De {low} à {high} € par mois") + months
        return (f"{span} € brut mensuel" if span else f"{low} € à {high} € brut mensuel") + months
    if salary.period == SalaryPeriod.HOUR:
        low, high = _amount(salary.low, True), _amount(salary.high, True)
        if style == 2:
            return f"{low} € brut de l'heure" if span else f"de {low} à {high} € de l'heure"
        return f"{low} €/h" if span else f"{low} - {high} €/h"
    return label


def render_place(offer_id: str, lieu: dict[str, Any]) -> str | None:
    """The place as a careers site writes it: France Travail's label, or "Lyon 04 (69)"…"""
    label: str | None = lieu.get("libelle")
    match = _FT_PLACE.match(label or "")
    if not match or not label or "(Dept.)" in label or not lieu.get("commune"):
        return label
    name = match["name"].title()
    style = _style(offer_id, 3)
    if style == 1:
        return f"{name} ({match['departement']})"
    if style == 2 and lieu.get("codePostal"):
        return f"{lieu['codePostal']} {name}"
    return label


def render_contract(ft: dict[str, Any]) -> str | None:
    """The contract label, with the nature of a work-study contract as a site would add it."""
    label = ft.get("typeContratLibelle")
    nature = ft.get("natureContrat")
    if label and nature and nature != "Contrat travail":
        return f"{label} ({nature})"
    return label


def source_offer(ft: dict[str, Any]) -> SourceOffer:
    """France Travail's offer as text only, the way a careers site would show it."""
    origin = ft.get("origineOffre") or {}
    partners = origin.get("partenaires") or [{}]
    return SourceOffer(
        external_id=ft["id"],
        title=ft.get("intitule"),
        description=ft.get("description"),
        company=(ft.get("entreprise") or {}).get("nom"),
        place=render_place(ft["id"], ft.get("lieuTravail") or {}),
        contract=render_contract(ft),
        working_time=ft.get("dureeTravailLibelle"),
        salary=render_salary(ft["id"], (ft.get("salaire") or {}).get("libelle")),
        experience=ft.get("experienceLibelle"),
        posted_at=ft.get("dateCreation"),
        updated_at=ft.get("dateActualisation"),
        url=origin.get("urlOrigine") or partners[0].get("url"),
    )


# Facts only in the text ---------------------------------------------------------------------
# Each offer rendered again with no structured place, contract, pay, working time or experience:
# the facts are written in the description or the title, the ways careers pages and plain feeds
# write them. The wordings, labels and separators are chosen by a hash of the id.

_LABELS_FR = {
    "place": ("Lieu", "Localisation", "Ville", "Lieu de travail", "Poste basé à", "Adresse",
              "LOCALISATION DU POSTE", "lieu"),
    "contract": ("Type de contrat", "Contrat", "Nature du contrat", "TYPE DE CONTRAT",
                 "Type d'emploi", "contrat proposé"),
    "salary": ("Rémunération", "Salaire", "Package", "Rémunération proposée", "SALAIRE",
               "Salaire indicatif"),
    "working_time": ("Temps de travail", "Horaires", "Durée du travail", "TEMPS DE TRAVAIL"),
    "experience": ("Expérience", "Expérience requise", "EXPÉRIENCE"),
}  # fmt: skip
_LABELS_EN = {
    "place": ("Location", "Job location", "Office"),
    "contract": ("Job type", "Employment type", "Contract type"),
    "salary": ("Salary", "Compensation", "Pay range"),
    "working_time": ("Working hours", "Schedule"),
    "experience": ("Experience", "Experience level"),
}
_LABEL_SEPARATORS = (" : ", " – ", " - ", " | ", ": ", " :")
_DURATION_LABEL = re.compile(r"(\d+)\s*(Mois|Jour|An)", re.I)


def _pick(offer_id: str, salt: str, choices: tuple[str, ...] | list[str]) -> str:
    """One of `choices`, fixed by the id and what is being chosen."""
    return choices[hashlib.sha256(f"{salt}{offer_id}".encode()).digest()[2] % len(choices)]


def _english(offer_id: str) -> bool:
    """About one offer in five is written in English."""
    return hashlib.sha256(("en" + offer_id).encode()).digest()[3] % 5 == 0


def place_words(ft: dict[str, Any]) -> str | None:
    """The place as a person writes it: "Annecy (74)", "74000 Annecy", "Lyon 3e", "Haute-Savoie"."""
    from normalizers.referentials import communes, departements

    lieu = ft.get("lieuTravail") or {}
    match = _FT_PLACE.match(lieu.get("libelle") or "")
    commune = communes().get(lieu.get("commune") or "")
    if commune is None:
        if not match:
            return lieu.get("libelle")
        departement = departements().get(match["departement"])
        if "(Dept.)" in match["name"] and departement:
            return f"{departement.name} ({departement.code})"
        return match["name"].title()
    name, code = commune.name, commune.departement_code
    postal = lieu.get("codePostal") or commune.postal_code
    return _pick(
        ft["id"],
        "place",
        (
            f"{name} ({code})",
            f"{postal} {name}",
            name,
            f"{name.upper()} ({code})",
            f"{name} - {code}",
        ),
    )


def _duration(ft: dict[str, Any]) -> tuple[int, str] | None:
    match = _DURATION_LABEL.search(ft.get("typeContratLibelle") or "")
    if not match:
        return None
    unit = match[2].lower()
    return int(match[1]), "mois" if unit == "mois" else "jours" if unit == "jour" else "ans"


def contract_words(ft: dict[str, Any], *, short: bool = False) -> str | None:
    """The contract as a careers page writes it: "CDD de 6 mois", "Intérim", "Freelance"."""
    code, offer_id = ft.get("typeContrat"), ft["id"]
    duration = _duration(ft)
    span = f"{duration[0]} {duration[1]}" if duration else ""
    if _english(offer_id) and not short:
        months = f" ({duration[0]} months)" if duration and duration[1] == "mois" else ""
        english = {
            "CDI": "Permanent contract",
            "CDD": f"Fixed-term contract{months}",
            "MIS": f"Interim assignment{months}",
            "SAI": f"Seasonal{months}",
            "LIB": "Freelance",
        }
        words = english.get(code or "")
    else:
        french: dict[str, tuple[str, ...]] = {
            "CDI": ("CDI", "Contrat à durée indéterminée", "CDI temps plein" if short else "CDI"),
            "CDD": (f"CDD {span}".strip(), f"CDD de {span}" if span else "CDD",
                    "Contrat à durée déterminée" + (f" de {span}" if span else "")),
            "MIS": ("Intérim", f"Mission intérimaire de {span}" if span else "Mission intérimaire",
                    f"Intérim {span}".strip()),
            "SAI": ("Saisonnier",
                    f"Contrat saisonnier de {span}" if span else "Contrat saisonnier"),
            "LIB": ("Freelance", "Indépendant", "Profession libérale"),
            "DIN": ("CDI intérimaire",),
            "FRA": ("Franchise",),
            "CCE": ("Agent commercial",),
            "DDI": ("CDD d'insertion",),
            "TTI": ("Contrat de travail temporaire d'insertion",),
        }  # fmt: skip
        choices = french.get(code or "")
        words = _pick(offer_id, "contract", choices) if choices else None
    words = words or ft.get("typeContratLibelle")
    nature = ft.get("natureContrat")
    if words and nature and nature != "Contrat travail" and not short:
        words = f"{words} ({nature})"
    return words


def salary_words(ft: dict[str, Any]) -> str | None:
    """Pay as careers pages write it: "35 000 € - 40 000 € brut par an", "35-40k€", "12,50 €/h"."""
    label = (ft.get("salaire") or {}).get("libelle")
    salary = ft_salary(label)
    if salary is None:
        return None
    offer_id = ft["id"]
    low, high = _amount(salary.low), _amount(salary.high)
    single = salary.low == salary.high
    months = f" sur {salary.months:g} mois" if salary.months and salary.months != 12 else ""
    if _english(offer_id):
        unit = {SalaryPeriod.YEAR: "year", SalaryPeriod.MONTH: "month", SalaryPeriod.HOUR: "hour"}
        per = unit.get(salary.period)
        if per is None:
            return label
        decimals = 2 if salary.period == SalaryPeriod.HOUR else 0
        one, two = f"€{salary.low:,.{decimals}f}", f"€{salary.high:,.{decimals}f}"
        return f"{one} per {per}" if single else f"{one} - {two} per {per}"
    if salary.period == SalaryPeriod.YEAR:
        kilo = salary.low % 1000 == 0 and salary.high % 1000 == 0
        k_low, k_high = f"{salary.low / 1000:g}", f"{salary.high / 1000:g}"
        choices = (
            (f"{low} € brut annuel", f"{k_low}k€ par an" if kilo else f"{low} €/an",
             f"{low} euros bruts par an")
            if single
            else (f"{low} € - {high} € brut par an", f"{k_low}-{k_high}k€" if kilo else
                  f"{low} à {high} € par an", f"Entre {low} et {high} € bruts annuels",
                  f"{k_low} K€ à {k_high} K€ annuels" if kilo else f"de {low} € à {high} € / an")
        )  # fmt: skip
    elif salary.period == SalaryPeriod.MONTH:
        choices = (
            (f"{low} € brut mensuel", f"{low} € / mois", f"{low} euros bruts par mois")
            if single
            else (f"{low} € à {high} € brut mensuel", f"De {low} à {high} € par mois",
                  f"{low} - {high} € brut/mois")
        )  # fmt: skip
    elif salary.period == SalaryPeriod.HOUR:
        low, high = _amount(salary.low, True), _amount(salary.high, True)
        choices = (
            (f"{low} €/h", f"{low} € brut de l'heure", f"{low} € brut horaire")
            if single
            else (f"{low} - {high} €/h", f"de {low} à {high} € de l'heure",
                  f"entre {low} € et {high} € brut horaire")
        )  # fmt: skip
    else:
        return label
    return _pick(offer_id, "salary", choices) + months


def _facts_words(ft: dict[str, Any]) -> dict[str, str]:
    """Each fact's words, for the facts the offer has."""
    working_time = (ft.get("dureeTravailLibelle") or "").split("\n")[0].strip()
    words = {
        "place": place_words(ft),
        "contract": contract_words(ft),
        "salary": salary_words(ft),
        "working_time": working_time or ft.get("dureeTravailLibelleConverti"),
        "experience": ft.get("experienceLibelle"),
    }
    return {name: value for name, value in words.items() if value}


def _label(ft: dict[str, Any], fact: str) -> str:
    labels = _LABELS_EN if _english(ft["id"]) else _LABELS_FR
    return _pick(ft["id"], "label" + fact, labels[fact])


def _text_only(
    ft: dict[str, Any], description: str | None, title: str | None = None
) -> SourceOffer:
    """The offer with its facts in `description` (and `title`) only, no structured field."""
    origin = ft.get("origineOffre") or {}
    partners = origin.get("partenaires") or [{}]
    return SourceOffer(
        external_id=ft["id"],
        title=title or ft.get("intitule"),
        description=description,
        company=(ft.get("entreprise") or {}).get("nom"),
        posted_at=ft.get("dateCreation"),
        updated_at=ft.get("dateActualisation"),
        url=origin.get("urlOrigine") or partners[0].get("url"),
    )


def _as_html(text: str | None) -> str:
    paragraphs = (text or "").split("\n\n")
    return "".join(
        "<p>" + html.escape(paragraph).replace("\n", "<br>") + "</p>" for paragraph in paragraphs
    )


def _before_or_after(ft: dict[str, Any], description: str, block: str, joiner: str) -> str:
    if _pick(ft["id"], "where", ("before", "after", "after")) == "before":
        return f"{block}{joiner}{description}"
    return f"{description}{joiner}{block}"


def labels_offer(ft: dict[str, Any]) -> SourceOffer:
    """Labelled lines: "Lieu : Annecy (74)", "- TYPE DE CONTRAT – CDI", "<li><b>Salaire</b> | …"."""
    words = _facts_words(ft)
    separator = _pick(ft["id"], "separator", _LABEL_SEPARATORS)
    lines = [f"{_label(ft, fact)}{separator}{value}" for fact, value in words.items()]
    style = _pick(ft["id"], "list", ("text", "dashes", "html list", "bold labels"))
    description = ft.get("description") or ""
    if style == "text":
        return _text_only(ft, _before_or_after(ft, description, "\n".join(lines), "\n\n"))
    if style == "dashes":
        block = "\n".join(f"- {line}" for line in lines)
        return _text_only(ft, _before_or_after(ft, description, block, "\n\n"))
    if style == "html list":
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        return _text_only(ft, _before_or_after(ft, _as_html(description), f"<ul>{items}</ul>", ""))
    bold = "".join(
        f"<p><strong>{html.escape(_label(ft, fact))} :</strong> {html.escape(value)}</p>"
        for fact, value in words.items()
    )
    return _text_only(ft, _before_or_after(ft, _as_html(description), bold, ""))


def table_offer(ft: dict[str, Any]) -> SourceOffer:
    """An HTML table (<tr><th>Localisation</th><td>…</td>) or a definition list (<dt>/<dd>)."""
    words = _facts_words(ft)
    pairs = [(html.escape(_label(ft, fact)), html.escape(value)) for fact, value in words.items()]
    if _pick(ft["id"], "table", ("table", "dl")) == "table":
        rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in pairs)
        block = f"<table><tbody>{rows}</tbody></table>"
    else:
        terms = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in pairs)
        block = f"<dl>{terms}</dl>"
    return _text_only(ft, _before_or_after(ft, _as_html(ft.get("description")), block, ""))


def _sentences(ft: dict[str, Any], words: dict[str, str]) -> list[str]:
    offer_id = ft["id"]
    place, contract = words.get("place"), words.get("contract")
    sentences = []
    if _english(offer_id):
        if place:
            sentences.append(f"The position is based in {place}.")
        if contract:
            sentences.append(f"This is a {contract.lower()} position.")
        if "salary" in words:
            sentences.append(f"Salary: {words['salary']}.")
        return sentences
    if place and contract and _pick(offer_id, "together", ("yes", "no")) == "yes":
        sentences.append(f"{contract} à pourvoir dès que possible à {place}.")
    else:
        if place:
            sentences.append(
                _pick(
                    offer_id,
                    "place sentence",
                    (
                        f"Poste basé à {place}.",
                        f"Le poste est situé à {place}.",
                        f"Vous rejoindrez notre agence de {place}.",
                        f"Poste à pourvoir à {place}.",
                    ),
                )  # fmt: skip
            )
        if contract:
            article = "une" if contract.lower().startswith(("mission", "profession")) else "un"
            sentences.append(
                _pick(
                    offer_id,
                    "contract sentence",
                    (
                        f"Nous vous proposons {article} {contract}.",
                        f"Poste en {contract}.",
                        f"Il s'agit d'{'une' if article == 'une' else 'un'} {contract}.",
                    ),
                )  # fmt: skip
            )
    if "working_time" in words:
        sentences.append(f"Temps de travail : {words['working_time']}.")
    if "salary" in words:
        sentences.append(
            _pick(
                offer_id,
                "salary sentence",
                (
                    f"Rémunération : {words['salary']} selon profil.",
                    f"Vous percevrez une rémunération de {words['salary']}.",
                    f"Salaire {words['salary']}, selon expérience.",
                    f"Le poste est rémunéré {words['salary']}.",
                ),
            )  # fmt: skip
        )
    return sentences


def sentences_offer(ft: dict[str, Any]) -> SourceOffer:
    """Sentences: "CDI à pourvoir dès que possible à Nantes.", "Poste basé à Lyon 3e."…"""
    block = " ".join(_sentences(ft, _facts_words(ft)))
    return _text_only(ft, _before_or_after(ft, ft.get("description") or "", block, "\n\n"))


def title_tail_offer(ft: dict[str, Any]) -> SourceOffer:
    """The place and contract in the title's tail ("Comptable H/F – Lyon 3e", "… - CDI - Rennes");
    the pay in a sentence of the description."""
    words = _facts_words(ft)
    title = (ft.get("intitule") or "").strip()
    place = words.get("place")
    contract = contract_words(ft, short=True)
    style = _pick(ft["id"], "tail", ("dash place", "contract place", "parentheses", "pipe"))
    if style == "dash place" or not contract:
        tail = f"{title} – {place}" if place else title
    elif style == "contract place":
        tail = f"{title} - {contract} - {place}" if place else f"{title} - {contract}"
    elif style == "parentheses":
        tail = f"{title} ({contract})" + (f" – {place}" if place else "")
    else:
        tail = f"{title} | {place} | {contract}" if place else f"{title} | {contract}"
    extra = [f"Rémunération : {words['salary']}."] if "salary" in words else []
    if (not contract or style == "dash place") and "contract" in words:
        extra.append(f"Contrat : {words['contract']}.")
    if "working_time" in words:
        extra.append(f"Horaires : {words['working_time']}.")
    description = ft.get("description") or ""
    if extra:
        description = f"{description}\n\n" + "\n".join(extra)
    return _text_only(ft, description, title=tail)


def board_place_words(ft: dict[str, Any]) -> str | None:
    """The place as job boards and small careers pages write it, in forms the other renderings do
    not use: "Annecy (74000)", "Annecy - 74000", "Annecy 74", "Annecy, Haute-Savoie",
    "Annecy / Haute-Savoie", "Annecy (Haute-Savoie)", "ANNECY"."""
    from normalizers.referentials import communes, departements

    lieu = ft.get("lieuTravail") or {}
    commune = communes().get(lieu.get("commune") or "")
    if commune is None:
        return place_words(ft)
    name, code = commune.name, commune.departement_code
    postal = lieu.get("codePostal") or commune.postal_code
    departement = departements().get(code)
    county = departement.name if departement else code
    return _pick(
        ft["id"],
        "board place",
        (
            f"{name} ({postal})",
            f"{name} - {postal}",
            f"{name} {code}",
            f"{name}, {county}",
            f"{name} / {county}",
            f"{name} ({county})",
            name.upper(),
            f"{name.upper()} - {postal}",
        ),
    )


def board_contract_words(ft: dict[str, Any]) -> str | None:
    """The contract as job boards label it, alone: "Intérim", "Full-time, permanent",
    "Temp agency assignment", "Travail temporaire (6 mois)", "Indépendant / freelance"."""
    code, offer_id = ft.get("typeContrat"), ft["id"]
    duration = _duration(ft)
    span = f" ({duration[0]} {duration[1]})" if duration else ""
    months = f" ({duration[0]} months)" if duration and duration[1] == "mois" else ""
    choices: dict[str, tuple[str, ...]] = {
        "CDI": ("CDI", "Full-time, permanent", "Permanent", "Poste en CDI", "Temps plein, CDI"),
        "CDD": (f"CDD{span}", f"Temporary{months}", f"Fixed term{months}",
                f"Contrat à durée déterminée{span}"),
        "MIS": ("Intérim", f"Travail temporaire{span}", f"Temp agency assignment{months}",
                f"Intérim{span}"),
        "SAI": ("Saisonnier", "Seasonal job", f"Emploi saisonnier{span}", "Saison"),
        "LIB": ("Freelance", "Indépendant / freelance", "Indépendant"),
    }  # fmt: skip
    picked = choices.get(code or "")
    return _pick(offer_id, "board contract", picked) if picked else contract_words(ft)


def board_salary_words(ft: dict[str, Any]) -> str | None:
    """Pay as job boards print it: "2 000 € brut/mois", "30K - 35K€ brut annuel",
    "12,50 € de l'heure", "€2,000 per month"."""
    salary = ft_salary((ft.get("salaire") or {}).get("libelle"))
    if salary is None:
        return None
    if salary.period == SalaryPeriod.YEAR and salary.low % 1000 == 0 and salary.high % 1000 == 0:
        k_low, k_high = f"{salary.low / 1000:g}", f"{salary.high / 1000:g}"
        if salary.low != salary.high:
            return _pick(
                ft["id"],
                "board pay",
                (f"{k_low}K - {k_high}K€ brut annuel", f"{k_low}-{k_high} k€/an"),
            )
    return salary_words(ft)


_CHIP_SEPARATORS = (" · ", " | ", " • ", " - ", " — ")
_CHIP_SIGNS = {"place": "📍", "contract": "📝", "salary": "💰"}


def chips_offer(ft: dict[str, Any]) -> SourceOffer:
    """The facts as "chips" at the top of the description, as job boards show them: one line
    "CDI · Annecy (74000) · 2 000 € brut/mois", or one line each after a pictogram ("📍 Annecy
    (74000)"), or lines alone; or the title says them ("Serveur (H/F) en CDI à Scionzier
    (74950)")."""
    offer_id = ft["id"]
    words = {
        "contract": board_contract_words(ft),
        "place": board_place_words(ft),
        "salary": board_salary_words(ft),
    }
    facts = [(fact, value) for fact, value in words.items() if value]
    order = _pick(offer_id, "chip order", ("contract first", "place first"))
    if order == "place first":
        facts.sort(key=lambda pair: pair[0] != "place")
    description = ft.get("description") or ""
    title = (ft.get("intitule") or "").strip()
    style = _pick(offer_id, "chips", ("one line", "pictograms", "lines", "title sentence"))
    if style == "title sentence" and words["place"] and words["contract"] in ("CDI", "Intérim"):
        title = f"{title} en {words['contract']} à {words['place']}"
        rest = [value for fact, value in facts if fact == "salary"]
        return _text_only(ft, "\n".join([*rest, "", description]), title=title)
    if style == "pictograms":
        block = "\n".join(f"{_CHIP_SIGNS[fact]} {value}" for fact, value in facts)
    elif style == "lines":
        block = "\n".join(value for _, value in facts)
    else:
        separator = _pick(offer_id, "chip separator", _CHIP_SEPARATORS)
        block = separator.join(value for _, value in facts)
    return _text_only(ft, f"{block}\n\n{description}")


_ODD_LABELS = {
    "place": ("Ville de travail", "Où ?", "Lieu d'exercice", "Lieu de la mission", "Commune",
              "Localité", "Secteur", "Work location", "Based in", "Lieu du poste", "Zone",
              "Site d'affectation", "Adresse du poste"),
    "contract": ("Statut", "Type de poste", "Nature du poste", "Job Types", "Type d'emploi",
                 "Nous offrons", "Contrat proposé", "Forme du contrat", "Type de collaboration"),
    "salary": ("Fourchette de salaire", "Pay", "Prétentions salariales", "Salaire envisagé",
               "Rémunération brute", "Gross salary", "Votre rémunération", "Salaire à l'embauche"),
}  # fmt: skip


def odd_labels_offer(ft: dict[str, Any]) -> SourceOffer:
    """Labelled lines with labels the other renderings do not use ("Ville de travail :",
    "Où ? :", "Statut :", "Job Types:", "Fourchette de salaire :"), the job board's forms of
    place, contract and pay."""
    offer_id = ft["id"]
    words = {
        "place": board_place_words(ft),
        "contract": board_contract_words(ft),
        "salary": board_salary_words(ft),
    }
    separator = _pick(offer_id, "odd separator", (" : ", ": ", " - ", " – "))
    lines = [
        f"{_pick(offer_id, 'odd ' + fact, _ODD_LABELS[fact])}{separator}{value}"
        for fact, value in words.items()
        if value
    ]
    style = _pick(offer_id, "odd style", ("text", "bullets", "html"))
    description = ft.get("description") or ""
    if style == "html":
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        return _text_only(ft, _before_or_after(ft, _as_html(description), f"<ul>{items}</ul>", ""))
    bullet = "• " if style == "bullets" else ""
    block = "\n".join(f"{bullet}{line}" for line in lines)
    return _text_only(ft, _before_or_after(ft, description, block, "\n\n"))


TEXT_RENDERINGS: dict[str, Callable[[dict[str, Any]], SourceOffer]] = {
    "labels": labels_offer,
    "table": table_offer,
    "sentences": sentences_offer,
    "title tail": title_tail_offer,
    "chips": chips_offer,
    "odd labels": odd_labels_offer,
}
"""Renderings with the facts only in the text, by name."""


def _close(value: float | None, expected: float) -> bool:
    return value is not None and abs(value - expected) <= SALARY_TOLERANCE * expected


def _parent(code: str | None) -> str | None:
    metier = rome_metiers().get(code or "")
    return metier.parent_code if metier else None


MISS_KINDS = {
    "no shared word": "France Travail's appellation shares no word with the title",
    "reads as Relais's": "the title reads clearly better as Relais's appellation",
    "near tie": "the title reads about as well as either appellation",
    "reads as FT's": "the title reads clearly better as France Travail's appellation",
    "unknown appellation": "France Travail's appellation is not in the vendored ROME",
}
"""Why a ROME code differs, judged by how well the title reads as each side's appellation."""


@cache
def _appellation_codes() -> dict[str, str]:
    """France Travail's appellation labels (long and short) → OGR codes."""
    codes: dict[str, str] = {}
    for appellation in rome_appellations().values():
        codes.setdefault(appellation.label, appellation.ogr_code)
        codes.setdefault(appellation.short_label, appellation.ogr_code)
    return codes


def rome_miss_kind(ft: dict[str, Any], title: str, offer: Offer) -> str:
    """The kind of a ROME miss (a key of `MISS_KINDS`)."""
    ft_code = _appellation_codes().get(ft.get("appellationlibelle") or "")
    if ft_code is None:
        return "unknown appellation"
    ft_fit = title_fit(title, ft_code)
    if ft_fit == 0:
        return "no shared word"
    rome = offer.rome
    ours = title_fit(title, rome.appellation_code) if rome and rome.appellation_code else 0.0
    if ours - ft_fit >= CONFIDENT_MARGIN:
        return "reads as Relais's"
    if ft_fit - ours >= CONFIDENT_MARGIN:
        return "reads as FT's"
    return "near tie"


@dataclass
class Field:
    """One compared field: how many offers have France Travail's value, how many agree."""

    name: str
    target: float | None
    expected: Callable[[dict[str, Any]], Any]
    found: Callable[[Offer], Any]
    agree: Callable[[Any, Any], bool] = lambda found, expected: found == expected


def _same_or_latest_child(found: str | None, expected: str) -> bool:
    """Relais's code is France Travail's, or one of v460's latest métiers under it: France
    Travail could not give the latest métiers to offers of before 2025
    (`FT_UNASSIGNED_FROM_OGR`)."""
    if found == expected:
        return True
    metier = rome_metiers().get(found or "")
    return bool(
        metier and metier.ogr_code >= FT_UNASSIGNED_FROM_OGR and metier.parent_code == expected
    )


def _salary_found(offer: Offer) -> tuple[Any, ...] | None:
    salary = offer.salary
    return (salary.period, salary.minimum, salary.maximum) if salary else None


def _salary_agrees(found: tuple[Any, ...] | None, expected: FtSalary) -> bool:
    if found is None:
        return False
    period, low, high = found
    return period == expected.period and _close(low, expected.low) and _close(high, expected.high)


def _ft_departement(ft: dict[str, Any]) -> str | None:
    """France Travail's département: the code its place label starts with ("74 - MORZINE")."""
    match = _FT_PLACE.match((ft.get("lieuTravail") or {}).get("libelle") or "")
    return match["departement"] if match else None


def _working_time(offer: Offer) -> str | None:
    full_time = offer.contract.full_time
    return None if full_time is None else "Temps plein" if full_time else "Temps partiel"


def _experience(offer: Offer) -> str | None:
    requirement = offer.experience.requirement
    return requirement.value if requirement else None


FIELDS = [
    Field("ROME exact", 0.70, lambda ft: ft.get("romeCode"), lambda o: o.rome and o.rome.code),
    Field(
        "ROME exact or latest child",
        None,
        lambda ft: ft.get("romeCode"),
        lambda o: o.rome and o.rome.code,
        _same_or_latest_child,
    ),
    Field(
        "ROME parent",
        0.80,
        lambda ft: _parent(ft.get("romeCode")),
        lambda o: _parent(o.rome.code) if o.rome else None,
    ),
    Field(
        "domaine professionnel",
        0.92,
        lambda ft: (ft.get("romeCode") or "")[:3] or None,
        lambda o: o.rome.code[:3] if o.rome else None,
    ),
    Field(
        "commune",
        0.97,
        lambda ft: (ft.get("lieuTravail") or {}).get("commune"),
        lambda o: o.place.insee_code,
    ),
    Field("département", 0.99, lambda ft: _ft_departement(ft), lambda o: o.place.departement_code),
    Field(
        "contract type", 0.98, lambda ft: ft.get("typeContrat"), lambda o: o.contract.type_contrat
    ),
    Field(
        "salary",
        0.95,
        lambda ft: ft_salary((ft.get("salaire") or {}).get("libelle")),
        _salary_found,
        _salary_agrees,
    ),
    Field("working time", None, lambda ft: ft.get("dureeTravailLibelleConverti"), _working_time),
    Field("experience", None, lambda ft: ft.get("experienceExige"), _experience),
    Field(
        "nature of contract",
        None,
        lambda ft: ft.get("natureContrat"),
        lambda o: o.contract.nature,
    ),
]


@dataclass
class Tally:
    """Counts of one half of the file."""

    offers: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    compared: Counter[str] = field(default_factory=Counter)
    agreed: Counter[str] = field(default_factory=Counter)
    rome_codes: Counter[str] = field(default_factory=Counter)
    confident: Counter[str] = field(default_factory=Counter)  # "low"/"high" → offers
    confident_right: Counter[str] = field(default_factory=Counter)
    rome_misses: Counter[str] = field(default_factory=Counter)  # kind → offers
    seconds: list[float] = field(default_factory=list)
    other_pay_compared: int = 0  # offers whose description states another pay than FT's label
    other_pay_missed: int = 0


def _read(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                return
            if line.strip():
                yield json.loads(line)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    –  "


def _report(name: str, tally: Tally) -> None:
    print(f"\n== {name}: {tally.offers} offers, {sum(tally.rejected.values())} rejected")
    for reason, count in tally.rejected.most_common():
        print(f"   rejected: {reason} ({count})")
    print(f"   {'field':<24}{'accuracy':>10}{'agree':>8}{'of':>6}  target")
    for spec in FIELDS:
        whole, right = tally.compared[spec.name], tally.agreed[spec.name]
        target = f"≥ {spec.target:.0%}" if spec.target else "–"
        verdict = ""
        if spec.target and whole:
            verdict = "  met" if right / whole >= spec.target else "  NOT MET"
        print(
            f"   {spec.name:<24}{_percent(right, whole):>10}{right:>8}{whole:>6}  {target}{verdict}"
        )
    if tally.rome_codes:
        code, count = tally.rome_codes.most_common(1)[0]
        total = sum(tally.rome_codes.values())
        print(f"   majority-code baseline ({code}): {_percent(count, total).strip()}")
    for level in ("high", "low"):
        count, right = tally.confident[level], tally.confident_right[level]
        sign = "≥" if level == "high" else "<"
        print(
            f"   ROME confidence {sign} {LOW_CONFIDENCE}: {count} offers, "
            f"exact {_percent(right, count).strip()}"
        )
    misses = sum(tally.rome_misses.values())
    if misses:
        print(f"   ROME exact misses by kind ({misses}):")
        for kind, description in MISS_KINDS.items():
            count = tally.rome_misses[kind]
            print(f"     {description}: {count} ({_percent(count, misses).strip()})")
    if tally.seconds:
        mean = statistics.fmean(tally.seconds) * 1000
        p95 = sorted(tally.seconds)[int(0.95 * (len(tally.seconds) - 1))] * 1000
        print(f"   normalize_offer: {mean:.2f} ms an offer on average, p95 {p95:.2f} ms")


VERDICTS = ("fits", "close", "wrong", "unjudged")
"""How careful readers judged a code (`rome_judged.jsonl`); "unjudged": a code they never saw."""


def read_judged(path: Path) -> dict[str, dict[str, str]]:
    """The judged offers of `path` (one JSON object a line: `id`, `verdicts` code → verdict)."""
    judged: dict[str, dict[str, str]] = {}
    for row in _read(path, None):
        judged[row["id"]] = row["verdicts"]
    return judged


@dataclass
class RomeJudgement:
    """Relais's ROME codes on the judged offers of one half: verdicts, all and when confident."""

    verdicts: Counter[str] = field(default_factory=Counter)
    confident: Counter[str] = field(default_factory=Counter)
    parent_verdicts: Counter[str] = field(default_factory=Counter)  # of unjudged codes
    unjudged: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, ft: dict[str, Any], offer: Offer | None, verdicts: dict[str, str]) -> None:
        """Count the verdict on the code `offer` carries (none at all counts as wrong)."""
        rome = offer.rome if offer else None
        verdict = verdicts.get(rome.code, "unjudged") if rome else "wrong"
        self.verdicts[verdict] += 1
        if rome and rome.confidence >= LOW_CONFIDENCE:
            self.confident[verdict] += 1
        line = (
            f"{ft['id']} {ft.get('intitule')!r} → {rome.code if rome else None} "
            f"{rome.appellation_label if rome else None!r} ({rome.confidence if rome else '-'})"
            f" · judged {verdicts}"
        )
        if verdict == "unjudged" and rome:
            parent = _parent(rome.code)
            parent_verdict = verdicts.get(parent or "", "unjudged") if parent != rome.code else "–"
            self.parent_verdicts[parent_verdict] += 1
            self.unjudged.append(f"{line} · parent {parent}: {parent_verdict}")
        elif verdict == "wrong":
            self.wrong.append(line)


def _split(counts: Counter[str]) -> str:
    whole = sum(counts.values())
    return f"{whole:>4} codes: " + ", ".join(
        f"{name} {_percent(counts[name], whole).strip()}" for name in VERDICTS
    )


def report_judgement(name: str, judgement: RomeJudgement, show: bool) -> None:
    """Print the verdicts on Relais's codes of one half; with `show`, its unjudged and wrong."""
    print(f"\n== ROME codes judged blind, {name}")
    print(f"   all codes            {_split(judgement.verdicts)}")
    print(f"   confidence ≥ {LOW_CONFIDENCE}     {_split(judgement.confident)}")
    judged = Counter({name: judgement.verdicts[name] for name in VERDICTS[:-1]})
    print(f"   judged codes only    {_split(judged).replace(', unjudged 0.0 %', '')}")
    if judgement.parent_verdicts:
        parents = ", ".join(
            f"{name} {count}" for name, count in sorted(judgement.parent_verdicts.items())
        )
        print(
            f"   unjudged codes, by the verdict on their parent (the code France Travail gave "
            f"before v460's latest métiers): {parents}"
        )
    if show:
        for title, lines in (("unjudged", judgement.unjudged), ("wrong", judgement.wrong)):
            for line in lines:
                print(f"   {title}: {line}")


@dataclass
class CoderCost:
    """The processor time the ROME coder alone spends on each offer (this process's own time,
    so that other work on the machine counts less), its memo cleared before the first."""

    seconds: list[float] = field(default_factory=list)
    other_pay_compared: int = 0  # offers whose description states another pay than FT's label
    other_pay_missed: int = 0
    warm_seconds: list[float] = field(default_factory=list)

    def measure(self, offers: list[Offer]) -> None:
        """Code every offer again on a cold memo, then once more with every title seen before
        (the steady state of a catalogue collected again and again), keeping each time."""
        clear_memo()
        for times in (self.seconds, self.warm_seconds):
            for offer in offers:
                context = offer.category_text or ""
                if context:
                    context = f"{context}\n{offer.description_text}"
                else:
                    context = offer.description_text
                began = time.process_time()
                code_rome(offer.title, context)
                times.append(time.process_time() - began)

    def report(self) -> None:
        """Print the mean and the 95th percentile, in milliseconds an offer."""
        for name, times in (("memo cold", self.seconds), ("titles seen before", self.warm_seconds)):
            if times:
                mean = statistics.fmean(times) * 1000
                p95 = sorted(times)[int(0.95 * (len(times) - 1))] * 1000
                print(
                    f"ROME coder alone, {name}: {mean:.3f} ms an offer on average, "
                    f"p95 {p95:.3f} ms of processor time ({len(times)} offers)"
                )


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the figures of each half and of the whole file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "paths", type=Path, nargs="+", help="France Travail offers, one JSON object a line"
    )
    parser.add_argument(
        "--errors",
        metavar="FIELD",
        help="print the development half's mismatches of FIELD (e.g. 'ROME exact', or 'rome')",
    )
    parser.add_argument("--limit", type=int, help="read only the first N offers")
    parser.add_argument(
        "--judged",
        type=Path,
        help="offers whose ROME codes were judged blind (default: rome_judged.jsonl beside PATH)",
    )
    parser.add_argument(
        "--judged-errors",
        action="store_true",
        help="list the development half's judged-wrong and unjudged ROME codes",
    )
    parser.add_argument(
        "--held-out-unjudged",
        action="store_true",
        help="list the held-out half's unjudged ROME codes too (to be read, not tuned on)",
    )
    parser.add_argument(
        "--rendering",
        choices=["structured", *TEXT_RENDERINGS],
        help="with --errors: the rendering whose mismatches are shown (default structured)",
    )
    args = parser.parse_args(argv)
    if args.errors:
        named = [spec.name for spec in FIELDS if spec.name.lower().startswith(args.errors.lower())]
        if not named:
            parser.error(f"--errors takes one of: {', '.join(spec.name for spec in FIELDS)}")
        args.errors = args.errors if args.errors in named else named[0]

    started = time.perf_counter()
    rome_metiers()
    load_rome_coder()
    from normalizers.places import resolve_place

    resolve_place("Lyon")
    loading = time.perf_counter() - started
    for path in args.paths:
        _measure_structured(args, path, loading)
        _measure_text_renderings(args, path)
    return 0


def _bench_context() -> SourceContext:
    return SourceContext(
        source="bench",
        attribution="France Travail (bench)",
        defaults=SourceDefaults(),
        fetched_at=datetime.now(UTC),
    )


def _collected(context: SourceContext, ft: dict[str, Any]) -> SourceContext:
    """`context` as when the offer was collected: its last update by France Travail (else its
    creation, else now). Read today, an offer whose description names an application deadline
    since passed would be expired, which it was not when France Travail published it."""
    for key in ("dateActualisation", "dateCreation"):
        written = ft.get(key)
        if isinstance(written, str) and written:
            try:
                when = datetime.fromisoformat(written.replace("Z", "+00:00"))
            except ValueError:
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return replace(context, fetched_at=when)
    return context


def _measure_structured(args: argparse.Namespace, path: Path, loading: float) -> None:
    """The offers rendered with their facts in structured fields: every field's figures."""
    context = _bench_context()
    show_errors = args.rendering in (None, "structured")
    tallies = {DEVELOPMENT: Tally(), HELD_OUT: Tally()}
    judged_path = args.judged or path.parent / "rome_judged.jsonl"
    judged = read_judged(judged_path) if judged_path.exists() else {}
    judgements = {DEVELOPMENT: RomeJudgement(), HELD_OUT: RomeJudgement()}
    offers: list[Offer] = []
    for ft in _read(path, args.limit):
        half = half_of(ft["id"])
        tally = tallies[half]
        tally.offers += 1
        item = source_offer(ft)
        began = time.perf_counter()
        result = normalize_offer(item, _collected(context, ft))
        tally.seconds.append(time.perf_counter() - began)
        if ft["id"] in judged:
            coded = result if isinstance(result, Offer) else None
            judgements[half].add(ft, coded, judged[ft["id"]])
        if not isinstance(result, Offer):
            for reason in result.reasons:
                tally.rejected[f"{reason.field} {reason.code}"] += 1
            continue
        offers.append(result)
        if ft.get("romeCode"):
            tally.rome_codes[ft["romeCode"]] += 1
            if result.rome:
                level = "high" if result.rome.confidence >= LOW_CONFIDENCE else "low"
                tally.confident[level] += 1
                tally.confident_right[level] += result.rome.code == ft["romeCode"]
            if not result.rome or result.rome.code != ft["romeCode"]:
                tally.rome_misses[rome_miss_kind(ft, result.title, result)] += 1
        for spec in FIELDS:
            expected = spec.expected(ft)
            if expected is None:
                continue
            found = spec.found(result)
            tally.compared[spec.name] += 1
            right = bool(spec.agree(found, expected))
            tally.agreed[spec.name] += right
            if not right and args.errors == spec.name and half == DEVELOPMENT and show_errors:
                _show_error(ft, item, result, expected, found)
    whole = Tally()
    for tally in tallies.values():
        whole.offers += tally.offers
        for name in ("rejected", "compared", "agreed", "rome_codes", "confident", "rome_misses"):
            getattr(whole, name).update(getattr(tally, name))
        whole.confident_right.update(tally.confident_right)
        whole.seconds.extend(tally.seconds)
    print(f"Relais normalization quality on {path}")
    print(f"referentials and indexes loaded in {loading:.2f} s")
    _report(f"{DEVELOPMENT} half (looked at while developing)", tallies[DEVELOPMENT])
    _report(f"{HELD_OUT} half (only measured)", tallies[HELD_OUT])
    _report("whole file", whole)
    cost = CoderCost()
    cost.measure(offers)
    cost.report()
    report_rome_judgements(judged_path, judgements, args)


def _description_states_other_pay(ft: dict[str, Any], context: SourceContext) -> bool:
    """Whether the offer's own description, read alone, gives pay with figures that is not
    France Travail's label ("1 654 € nets" for "Mensuel de 2058 Euros à 2250 Euros", an hourly
    rate for a monthly label): a rendering adds the label's words to that text, and the text then
    says two things, so no reader can tell which one France Travail coded."""
    expected = ft_salary((ft.get("salaire") or {}).get("libelle"))
    if expected is None or not ft.get("description"):
        return False
    read = normalize_offer(_text_only(ft, ft.get("description")), context)
    if not isinstance(read, Offer) or read.salary is None:
        return False
    if read.salary.minimum is None and read.salary.maximum is None:
        return False
    return not _salary_agrees(_salary_found(read), expected)


TEXT_FIELDS = ("commune", "département", "contract type", "salary")
"""The fields measured on the renderings with facts only in the text."""


def _measure_text_renderings(args: argparse.Namespace, path: Path) -> None:
    """Each offer rendered with its facts only in the text: accuracy by rendering and half."""
    context = _bench_context()
    specs = [spec for spec in FIELDS if spec.name in TEXT_FIELDS]
    tallies = {name: {DEVELOPMENT: Tally(), HELD_OUT: Tally()} for name in TEXT_RENDERINGS}
    for ft in _read(path, args.limit):
        half = half_of(ft["id"])
        collected = _collected(context, ft)
        own_pay = _description_states_other_pay(ft, collected)
        for name, render in TEXT_RENDERINGS.items():
            tally = tallies[name][half]
            tally.offers += 1
            item = render(ft)
            began = time.perf_counter()
            result = normalize_offer(item, collected)
            tally.seconds.append(time.perf_counter() - began)
            if not isinstance(result, Offer):
                for reason in result.reasons:
                    tally.rejected[f"{reason.field} {reason.code}"] += 1
                continue
            for spec in specs:
                expected = spec.expected(ft)
                if expected is None:
                    continue
                found = spec.found(result)
                tally.compared[spec.name] += 1
                right = bool(spec.agree(found, expected))
                tally.agreed[spec.name] += right
                if spec.name == "salary" and own_pay:
                    tally.other_pay_compared += 1
                    tally.other_pay_missed += not right
                if (
                    not right
                    and args.errors == spec.name
                    and args.rendering == name
                    and half == DEVELOPMENT
                ):
                    _show_error(ft, item, result, expected, found)
    print(f"\n== facts only in the text, {path.name}: accuracy by rendering (targets: ", end="")
    print(", ".join(f"{spec.name} ≥ {spec.target:.0%}" for spec in specs if spec.target) + ")")
    print(f"   {'rendering':<12}{'half':<13}" + "".join(f"{name:>15}" for name in TEXT_FIELDS)
          + f"{'ms/offer':>10}")  # fmt: skip
    for name, halves in tallies.items():
        whole = Tally()
        for tally in halves.values():
            whole.compared.update(tally.compared)
            whole.agreed.update(tally.agreed)
            whole.seconds.extend(tally.seconds)
            whole.rejected.update(tally.rejected)
        for half, tally in (*halves.items(), ("whole file", whole)):
            cells = []
            for spec in specs:
                right, total = tally.agreed[spec.name], tally.compared[spec.name]
                missed = spec.target and total and right / total < spec.target
                cells.append(f"{_percent(right, total)}{'*' if missed else ' '}")
            mean = statistics.fmean(tally.seconds) * 1000 if tally.seconds else 0.0
            print(
                f"   {name:<12}{half:<13}" + "".join(f"{c:>15}" for c in cells) + f"{mean:>10.2f}"
            )
        if whole.rejected:
            print(f"   {name}: rejected {dict(whole.rejected)}")
        print(
            f"   {name}: salary of offers whose own description states another pay than France"
            " Travail's label: "
            + ", ".join(
                f"{half} {tally.other_pay_missed} missed of {tally.other_pay_compared}"
                for half, tally in halves.items()
            )
        )
        rest = [
            (
                tally.agreed["salary"] - (tally.other_pay_compared - tally.other_pay_missed),
                tally.compared["salary"] - tally.other_pay_compared,
            )
            for tally in halves.values()
        ]
        print(
            f"   {name}: salary of the other offers (the text says one pay): "
            + ", ".join(
                f"{half} {_percent(right, total).strip()} ({right} of {total})"
                for half, (right, total) in zip(halves, rest, strict=True)
            )
        )
    print("   (* below its target)")


def report_rome_judgements(
    path: Path, judgements: dict[str, RomeJudgement], args: argparse.Namespace
) -> None:
    """Print the verdicts on Relais's codes for each half and for both, when offers were judged."""
    if not any(judgement.verdicts for judgement in judgements.values()):
        return
    print(f"\nROME codes of the offers judged blind in {path}")
    report_judgement(f"{DEVELOPMENT} half", judgements[DEVELOPMENT], args.judged_errors)
    report_judgement(f"{HELD_OUT} half", judgements[HELD_OUT], False)
    if args.held_out_unjudged:
        for line in judgements[HELD_OUT].unjudged:
            print(f"   unjudged: {line}")
    both = RomeJudgement()
    for judgement in judgements.values():
        both.verdicts.update(judgement.verdicts)
        both.confident.update(judgement.confident)
        both.parent_verdicts.update(judgement.parent_verdicts)
    report_judgement("both halves", both, False)


def _show_error(
    ft: dict[str, Any], item: SourceOffer, offer: Offer, expected: Any, found: Any
) -> None:
    rome = offer.rome
    print(
        f"{ft['id']}: expected {expected!r}, found {found!r}\n"
        f"   title: {item.title!r}\n"
        f"   place: {item.place!r} · contract: {item.contract!r} · salary: {item.salary!r}\n"
        f"   read: place {offer.place.label!r} · contract {offer.contract.type_contrat!r}"
        f" · salary {offer.salary.text if offer.salary else None!r}"
        f" · from {dict((k, v.origin.value) for k, v in offer.fact_sources.items())}\n"
        f"   FT: {ft.get('romeCode')} {ft.get('appellationlibelle')!r}\n"
        f"   Relais: {rome.code if rome else None} "
        f"{rome.appellation_label if rome else None!r} ({rome.confidence if rome else '-'})"
        + (
            f"\n   kind: {MISS_KINDS[rome_miss_kind(ft, offer.title, offer)]}"
            if ft.get("romeCode") and (rome is None or rome.code != ft["romeCode"])
            else ""
        ),
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
