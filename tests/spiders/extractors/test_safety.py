"""Hostile or broken documents: entities, sizes, counts, truncation, unsafe links."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from spiders.extractors import (
    FeedError,
    ItemError,
    RawRecord,
    Repairs,
    extract,
    extractor_for,
    split_document,
)
from spiders.extractors._xml import SAFE_XML_OPTIONS, TRUNCATED_PAYLOAD_CHARS
from spiders.extractors.rss import FeedExtractor

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
URL = "https://feed.example.org/rss"
PASSWD_MARKERS = ("root:", "/bin/", "nologin")


def items(count: int, *, extra: dict[int, str] | None = None) -> bytes:
    parts = [
        f"<item><guid>g{n}</guid><title>t{n}</title>{(extra or {}).get(n, '')}</item>"
        for n in range(count)
    ]
    return ('<rss version="2.0"><channel>' + "".join(parts) + "</channel></rss>").encode()


def test_xxe_is_refused_and_nothing_of_etc_passwd_comes_out() -> None:
    records: list[RawRecord] = []
    with pytest.raises(FeedError) as refused:
        records.extend(
            extractor_for("rss").split((FEEDS / "xxe_file_passwd.xml").read_bytes(), URL)
        )
    assert records == []
    assert str(refused.value).startswith(
        "refusé : le document utilise l'entité &xxe; que sa DTD déclare externe"
    )
    assert not any(marker in str(refused.value) for marker in PASSWD_MARKERS)


def test_the_parser_itself_never_resolves_external_entities() -> None:
    """Defense in depth: even before the DTD check, the parser options keep &xxe; unexpanded."""
    body = (FEEDS / "xxe_file_passwd.xml").read_bytes()
    tree = etree.fromstring(body, etree.XMLParser(**SAFE_XML_OPTIONS))
    text = etree.tostring(tree, encoding="unicode")
    assert "&xxe;" in text
    assert not any(marker in text for marker in PASSWD_MARKERS)


def test_a_stored_payload_with_a_dtd_is_refused_on_read() -> None:
    payload = (
        '<!DOCTYPE item [<!ENTITY x SYSTEM "file:///etc/passwd">]><item><title>&x;</title></item>'
    )
    with pytest.raises(ItemError) as refused:
        extractor_for("rss").read(payload, URL)
    assert not any(marker in str(refused.value) for marker in PASSWD_MARKERS)


@pytest.mark.timeout(60)  # a hang guard only: refusing takes milliseconds
def test_billion_laughs_is_refused_fast() -> None:
    with pytest.raises(FeedError, match="que sa DTD déclare faite d.autres entités"):
        extract("rss", (FEEDS / "billion_laughs.xml").read_bytes(), URL)


@pytest.mark.timeout(60)  # a hang guard only: refusing takes milliseconds
@pytest.mark.parametrize(
    ("fixture", "refusal"),
    [
        ("xxe_file_passwd.xml", "refusé : le document utilise l'entité &xxe; que sa DTD déclare"),
        ("billion_laughs.xml", "refusé : le document utilise l'entité"),
    ],
)
def test_hostile_documents_are_refused_alike_when_read_from_a_file(
    tmp_path: Path, fixture: str, refusal: str
) -> None:
    """A feed the crawl wrote to disk is split from its file: the same refusals hold."""
    path = tmp_path / fixture
    path.write_bytes((FEEDS / fixture).read_bytes())
    records: list[RawRecord] = []
    with pytest.raises(FeedError) as refused:
        records.extend(split_document(extractor_for("rss"), path, URL, Repairs()))
    assert records == []
    assert str(refused.value).startswith(refusal)
    assert not any(marker in str(refused.value) for marker in PASSWD_MARKERS)


def test_an_oversize_item_is_flagged_and_the_others_survive() -> None:
    huge = "<description>" + "x" * (1024 * 1024 + 10) + "</description>"
    records = list(extractor_for("rss").split(items(3, extra={1: huge}), URL))
    assert [record.external_id for record in records] == ["g0", "g1", "g2"]
    assert [record.error is None for record in records] == [True, False, True]
    assert records[1].error == (
        "élément de 1.0 Mio commencé ligne 1, au-delà de la limite de 1 Mio par élément : "
        "gardé tronqué, il n'est pas lu"
    )
    assert len(records[1].payload) == TRUNCATED_PAYLOAD_CHARS


def test_extract_reports_the_oversize_item_as_an_item_error() -> None:
    huge = "<description>" + "x" * (1024 * 1024 + 10) + "</description>"
    results = extract("rss", items(2, extra={0: huge}), URL)
    assert isinstance(results[0], ItemError)
    assert "g0" in str(results[0])
    assert not isinstance(results[1], ItemError)


def test_more_items_than_the_cap_fails_the_document() -> None:
    records: list[RawRecord] = []
    with pytest.raises(FeedError, match="plus de 3 éléments"):
        records.extend(FeedExtractor(max_items=3).split(items(5), URL))
    assert len(records) == 3


def test_an_empty_body_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match=r"le document est vide \(0 octets"):
        list(extractor_for("indeed-xml").split(b"", URL))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b"<!-- rien -->\n<?xml-stylesheet href='a'?>",
            "aucun élément XML, seulement des commentaires",
        ),
        (b"Service indisponible", "il commence par « Service indisponible »"),
    ],
)
def test_a_document_without_element_is_never_called_empty(body: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message) as unreadable:
        list(extractor_for("rss").split(body, URL))
    assert "vide" not in str(unreadable.value)


def test_unknown_kind_has_no_extractor() -> None:
    with pytest.raises(ValueError, match="aucun extracteur pour le type de source 'gopher'"):
        extractor_for("gopher")


def test_the_item_cap_names_the_line_where_the_first_item_over_it_starts() -> None:
    body = items(5).replace(b"</item>", b"</item>\n")
    with pytest.raises(FeedError) as refused:
        list(FeedExtractor(max_items=3).split(body, URL))
    assert str(refused.value) == (
        "le document contient plus de 3 éléments, la limite : le suivant commence ligne 4"
    )


def test_a_refused_entity_is_named_with_its_line() -> None:
    with pytest.raises(FeedError) as refused:
        list(extractor_for("rss").split((FEEDS / "xxe_file_passwd.xml").read_bytes(), URL))
    assert str(refused.value).endswith("(protection XXE et expansion d'entités) ; ligne 12")


def test_a_stored_payload_that_is_not_xml_says_why_in_french_and_where() -> None:
    with pytest.raises(ItemError) as refused:
        FeedExtractor().read('<item><title a="x<y">t</title></item>', URL)
    assert str(refused.value) == (
        "l'élément stocké n'est pas du XML bien formé : ligne 1, colonne 18 : « < » dans la "
        "valeur d'un attribut (guillemet non fermé ?)"
    )
