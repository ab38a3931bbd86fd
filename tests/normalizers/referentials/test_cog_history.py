"""The former names of communes, read from the COG's history as Etalab's npm package gives it."""

from __future__ import annotations

from typing import Any

from normalizers.referentials.cog_history import csv_text, former_names


def commune(code: str, name: str, **more: Any) -> dict[str, Any]:
    return {"type": "commune-actuelle", "code": code, "nom": name, "departement": code[:2], **more}


def com(code: str, name: str, since: str = "1943-01-01") -> dict[str, Any]:
    return {"type": "COM", "code": code, "nom": name, "dateDebut": since, "id": f"{code}@{since}"}


def test_a_commune_deleguee_gives_the_commune_nouvelle_it_belongs_to() -> None:
    communes = [
        commune("38999", "Val-de-Bièvre", anciensCodes=["38998"]),
        {
            "type": "commune-deleguee",
            "code": "38998",
            "nom": "Vernioz-le-Haut",
            "chefLieu": "38999",
        },
    ]
    history = [com("38998", "Vernioz-le-Haut"), com("38999", "Val-de-Bièvre")]
    assert former_names(history, communes) == [
        ("Vernioz-le-Haut", "38998", "38999", "38", "deleguee")
    ]


def test_a_commune_merged_away_gives_every_name_its_code_bore() -> None:
    communes = [commune("26500", "Bourg-Neuf", anciensCodes=["26501"])]
    history = [
        com("26500", "Bourg-Neuf"),
        com("26501", "Saint-Firmin"),
        com("26501", "Saint-Firmin-les-Prés", since="1962-05-01"),
    ]
    assert former_names(history, communes) == [
        ("Saint-Firmin", "26501", "26500", "26", "ancienne"),
        ("Saint-Firmin-les-Prés", "26501", "26500", "26", "ancienne"),
    ]


def test_a_renamed_commune_keeps_its_earlier_name_but_not_its_present_one() -> None:
    communes = [commune("61700", "Mesnil-sur-Orne")]
    history = [com("61700", "Le Mesnil"), com("61700", "Mesnil-sur-Orne", since="2001-03-01")]
    assert former_names(history, communes) == [("Le Mesnil", "61700", "61700", "61", "renommee")]


def test_the_csv_has_its_header_and_one_line_a_name() -> None:
    rows = [("Le Mesnil", "61700", "61700", "61", "renommee")]
    assert csv_text(rows) == (
        "name,insee,insee_commune,department,kind\nLe Mesnil,61700,61700,61,renommee\n"
    )
