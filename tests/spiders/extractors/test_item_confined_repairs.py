"""A feed that is not quite valid loses nothing: each repair stays inside the item it was made in.

CMS-written RSS and Atom nest CDATA sections, leave them open, or put a stray `]]>`, a control
character or an unclosed `<br>` in one item: that item keeps its text, the items after it read
as if the fault were not there, and the note a person reads names the item, in French.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas.offers import Offer
from schemas.sources import SourceDefaults
from spiders.extractors import read_document

URL = "https://emplois.example.fr/flux"
RSS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Emplois</title>'
    "<link>https://emplois.example.fr/</link><description>Offres</description>\n"
)
ATOM_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Emplois</title><id>urn:emplois</id><updated>2026-11-29T08:00:00Z</updated>\n"
)
NESTED = "<![CDATA[<p>Restaurant à Nancy. <![CDATA[CDD de 6 mois]]>, 2 050 € brut mensuel.</p>]]>"
ESCAPED = (
    "&lt;p&gt;CDI à Bordeaux, temps plein.&lt;/p&gt;"
    "&lt;p&gt;Salaire&amp;nbsp;: 1 950 € brut mensuel.&lt;/p&gt;"
)


def rss_item(number: int, title: str, description: str) -> str:
    return (
        f"<item><title>{title}</title><link>https://emplois.example.fr/o/{number}</link>"
        f"<guid>o-{number}</guid><description>{description}</description></item>\n"
    )


def atom_entry(number: int, title: str, content: str) -> str:
    return (
        f"<entry><id>urn:o-{number}</id><title>{title}</title>"
        "<updated>2026-11-28T10:00:00Z</updated>"
        f'<link href="https://emplois.example.fr/o/{number}"/>'
        f'<content type="html">{content}</content></entry>\n'
    )


def rss(*items: str) -> bytes:
    return (RSS_HEAD + "".join(items) + "</channel></rss>").encode()


def offers(kind: str, body: bytes) -> dict[str, Offer]:
    """The feed split and every item normalized, by title."""
    context = SourceContext(
        source="essai", attribution="essai", defaults=SourceDefaults(), base_url=URL
    )
    reading = read_document(kind, body, URL)
    normalized = [normalize_offer(item, context) for item in reading.results]
    return {offer.title: offer for offer in normalized if isinstance(offer, Offer)}


def notes(kind: str, body: bytes) -> list[str]:
    return read_document(kind, body, URL).notes


def test_a_cdata_section_nested_in_another_keeps_its_text() -> None:
    read = offers("rss", rss(rss_item(1, "Serveur H/F", NESTED)))
    assert read["Serveur H/F"].description_text == (
        "Restaurant à Nancy. CDD de 6 mois, 2 050 € brut mensuel."
    )


def test_a_nested_cdata_section_in_an_atom_entry_leaves_no_marker_on_its_page() -> None:
    body = (ATOM_HEAD + atom_entry(1, "Serveur", NESTED) + "</feed>").encode()
    text = offers("atom", body)["Serveur"].description_text
    assert "]>" not in text and "CDD de 6 mois, 2 050 €" in text


def test_escaped_html_after_a_nested_cdata_section_is_read_as_html() -> None:
    body = rss(rss_item(1, "Serveur H/F", NESTED), rss_item(2, "Vendeur H/F", ESCAPED))
    vendeur = offers("rss", body)["Vendeur H/F"]
    first, second = vendeur.description_text.split("\n\n")
    assert (first, second.startswith("Salaire"), "nbsp" in second) == (
        "CDI à Bordeaux, temps plein.",
        True,
        False,
    )


def test_the_item_after_a_nested_cdata_section_keeps_its_contract_and_place() -> None:
    body = rss(rss_item(1, "Serveur H/F", NESTED), rss_item(2, "Vendeur H/F", ESCAPED))
    vendeur = offers("rss", body)["Vendeur H/F"]
    assert vendeur.contract is not None and vendeur.contract.type_contrat == "CDI"
    assert vendeur.place is not None and vendeur.place.commune_name == "Bordeaux"


def test_the_note_on_a_nested_cdata_section_names_its_item_in_french() -> None:
    body = rss(rss_item(1, "Serveur H/F", NESTED), rss_item(2, "Vendeur H/F", ESCAPED))
    assert notes("rss", body) == [
        "dans l'offre « Serveur H/F » : section CDATA ouverte dans une autre : ses marques "
        "« <![CDATA[ » et « ]]> » retirées, tout son texte gardé"
    ]


def test_a_cdata_section_without_its_end_keeps_its_text_within_its_item() -> None:
    body = rss(
        rss_item(1, "Serveur H/F", "<![CDATA[<p>Restaurant à Nancy, CDD de 6 mois.</p>"),
        rss_item(2, "Vendeur H/F", ESCAPED),
    )
    read = offers("rss", body)
    assert read["Serveur H/F"].description_text == "Restaurant à Nancy, CDD de 6 mois."


def test_the_note_on_a_cdata_section_without_its_end_names_its_item() -> None:
    body = rss(
        rss_item(1, "Serveur H/F", "<![CDATA[<p>Restaurant à Nancy, CDD de 6 mois.</p>"),
        rss_item(2, "Vendeur H/F", ESCAPED),
    )
    assert notes("rss", body) == [
        "dans l'offre « Serveur H/F » : section CDATA sans « ]]> » fermée à la fin de son "
        "élément, tout son texte gardé"
    ]


def test_a_stray_cdata_end_is_dropped_and_the_text_around_it_kept() -> None:
    body = rss(rss_item(1, "Serveur H/F", "Restaurant à Nancy.]]> CDD de 6 mois."))
    assert offers("rss", body)["Serveur H/F"].description_text == (
        "Restaurant à Nancy. CDD de 6 mois."
    )


def test_a_well_formed_cdata_section_holding_item_tags_is_kept_whole() -> None:
    inner = "<item><title>exemple</title></item></description>"
    body = rss(
        rss_item(1, "Ingénieur R&D H/F", "Bare & ampersand: the feed is read liberally."),
        rss_item(2, "Serveur H/F", f"<![CDATA[{inner}]]>"),
    )
    serveur = read_document("rss", body, URL).results[1]
    assert serveur.description == inner  # type: ignore[union-attr]


BREAKAGES = {
    "CDATA imbriquée": NESTED,
    "CDATA sans fin": "<![CDATA[<p>Restaurant à Nancy, CDD de 6 mois.</p>",
    "]]> isolé": "Restaurant à Nancy ]]> CDD de 6 mois.",
    "commentaire dans une CDATA": "<![CDATA[<p>Restaurant <!-- promo --> à Nancy.</p>]]>",
    "<br> non fermé": "Restaurant à Nancy<br>CDD de 6 mois.",
    "caractères de contrôle": "Restaurant\x0b à Nancy\x1a, CDD de 6 mois.",
    "BOM au milieu": "Restaurant \ufeffà Nancy, CDD de 6 mois.",
    "balise fermante isolée": "Restaurant à Nancy.</p> CDD de 6 mois.",
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_an_item_after_a_broken_one_reads_as_in_a_valid_feed(breakage: str) -> None:
    valid = offers("rss", rss(rss_item(2, "Vendeur H/F", ESCAPED)))["Vendeur H/F"]
    body = rss(rss_item(1, "Serveur H/F", BREAKAGES[breakage]), rss_item(2, "Vendeur H/F", ESCAPED))
    assert offers("rss", body)["Vendeur H/F"] == valid


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_an_item_before_a_broken_one_reads_as_in_a_valid_feed(breakage: str) -> None:
    valid = offers("rss", rss(rss_item(2, "Vendeur H/F", ESCAPED)))["Vendeur H/F"]
    body = rss(rss_item(2, "Vendeur H/F", ESCAPED), rss_item(1, "Serveur H/F", BREAKAGES[breakage]))
    assert offers("rss", body)["Vendeur H/F"] == valid


def test_a_truncated_last_item_leaves_the_items_before_it_whole() -> None:
    valid = offers("rss", rss(rss_item(2, "Vendeur H/F", ESCAPED)))["Vendeur H/F"]
    cut = rss_item(3, "Cuisinier H/F", "&lt;p&gt;CDD à Metz, 4 mo")[:-30]
    body = (RSS_HEAD + rss_item(2, "Vendeur H/F", ESCAPED) + cut).encode()
    assert offers("rss", body)["Vendeur H/F"] == valid


def test_a_control_character_note_names_the_item_it_was_in() -> None:
    body = rss(
        rss_item(1, "Vendeur H/F", ESCAPED),
        rss_item(2, "Serveur H/F", "Restaurant\x0b à Nancy."),
    )
    assert notes("rss", body) == [
        "1 caractère interdit en XML retiré (le premier à la ligne 3, dans l'offre « Serveur H/F »)"
    ]


def test_relais_normalize_reads_a_feed_with_a_nested_cdata_section_whole(tmp_path: Path) -> None:
    feed = tmp_path / "offres.rss"
    feed.write_bytes(rss(rss_item(1, "Serveur H/F", NESTED), rss_item(2, "Vendeur H/F", ESCAPED)))
    command = [str(Path(sys.executable).parent / "relais"), "normalize", "--kind", "rss", str(feed)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    read = {offer["title"]: offer for offer in map(json.loads, result.stdout.splitlines())}
    assert (
        read["Serveur H/F"]["contract"]["type_contrat"],
        read["Vendeur H/F"]["place"]["commune_name"],
    ) == ("CDD", "Bordeaux")
    assert f"{feed} : réparé : dans l'offre « Serveur H/F » : section CDATA" in result.stderr
