"""One broken item in an RSS, Atom or Indeed-style feed: it alone is refused or repaired, its
neighbours read exactly as in a valid feed, wherever it stands (first, middle, last)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import ItemError, read_document

URL = "https://emplois.example.fr/flux"
HEAD = {
    "rss": '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>E</title>'
    "<link>https://emplois.example.fr/</link>\n",
    "atom": '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>E</title><id>urn:e</id><updated>2026-11-29T08:00:00Z</updated>\n",
    "indeed-xml": '<?xml version="1.0" encoding="UTF-8"?><source><publisher>E</publisher>\n',
}
TAIL = {"rss": "</channel></rss>", "atom": "</feed>", "indeed-xml": "</source>"}
BODY = {"rss": "description", "atom": "content", "indeed-xml": "description"}


def item(kind: str, number: int, description: str | None = None) -> str:
    """Item `number` with every field the format has: id, title, link, text, category, date."""
    text = f"Poste {number} à Lyon, CDI" if description is None else description
    if kind == "rss":
        return (
            f"<item><guid>o-{number}</guid><title>Titre {number}</title>"
            f"<link>https://emplois.example.fr/o/{number}</link><description>{text}</description>"
            f"<category>Métier {number}</category><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate>"
            "</item>\n"
        )
    if kind == "atom":
        return (
            f"<entry><id>urn:o-{number}</id><title>Titre {number}</title>"
            f'<updated>2026-11-28T10:00:00Z</updated><link href="https://emplois.example.fr/o/'
            f'{number}"/><content type="html">{text}</content><category term="Métier {number}"/>'
            "</entry>\n"
        )
    return (
        f"<job><referencenumber>o-{number}</referencenumber><title>Titre {number}</title>"
        f"<url>https://emplois.example.fr/o/{number}</url><company>Société {number}</company>"
        f"<city>Lyon</city><description>{text}</description><category>Métier {number}</category>"
        f"<jobtype>CDI</jobtype><date>2026-11-02</date></job>\n"
    )


def unclosed_title(kind: str, number: int) -> str:
    return item(kind, number).replace(f"Titre {number}</title>", f"Titre {number}")


def unclosed_text(kind: str, number: int) -> str:
    return item(kind, number).replace(f", CDI</{BODY[kind]}>", ", CDI")


REFUSED: dict[str, Callable[[str, int], str]] = {
    "titre non fermé": unclosed_title,
    "description non fermée": unclosed_text,
}
REPAIRED: dict[str, Callable[[str, int], str]] = {
    "entités cassées": lambda kind, n: item(kind, n, f"Poste {n} &eacute &inconnue; &#1; à Lyon"),
    "HTML non échappé": lambda kind, n: item(
        kind, n, f"<p>Poste {n}<br><b>gras <i>à Lyon</p><ul><li>un<li>deux</ul>"
    ),
}
POSITIONS = {"first": 0, "middle": 1, "last": 2}


def feed(kind: str, broken: str, position: int) -> bytes:
    items = [item(kind, number).encode() for number in (1, 2, 3)]
    items[position] = broken.encode()
    return HEAD[kind].encode() + b"".join(items) + TAIL[kind].encode()


def valid(kind: str) -> dict[str, SourceOffer]:
    reading = read_document(kind, feed(kind, item(kind, 2), 1), URL)
    return {offer.title: offer for offer in reading.results if isinstance(offer, SourceOffer)}


def neighbours_read_whole(kind: str, body: bytes, broken: int) -> bool:
    """True when every item but item `broken` reads exactly as in the valid feed."""
    results = read_document(kind, body, URL).results
    expected = valid(kind)
    others = [result for number, result in enumerate(results) if number != broken]
    return len(results) == 3 and others == [
        expected[f"Titre {number + 1}"] for number in range(3) if number != broken
    ]


@pytest.mark.parametrize("kind", sorted(HEAD))
@pytest.mark.parametrize("fault", sorted(REFUSED))
@pytest.mark.parametrize("position", sorted(POSITIONS))
def test_an_item_whose_field_swallowed_its_neighbours_is_refused_alone(
    kind: str, fault: str, position: str
) -> None:
    index = POSITIONS[position]
    body = feed(kind, REFUSED[fault](kind, index + 1), index)
    refused = read_document(kind, body, URL).results[index]
    assert isinstance(refused, ItemError)
    assert "n'est jamais fermée" in str(refused) and "l'offre n'est pas lue" in str(refused)


@pytest.mark.parametrize("kind", sorted(HEAD))
@pytest.mark.parametrize("fault", sorted(REFUSED))
@pytest.mark.parametrize("position", sorted(POSITIONS))
def test_the_neighbours_of_a_refused_item_keep_every_field(
    kind: str, fault: str, position: str
) -> None:
    index = POSITIONS[position]
    body = feed(kind, REFUSED[fault](kind, index + 1), index)
    assert neighbours_read_whole(kind, body, index)


def test_the_reason_names_the_field_left_open_and_what_fell_into_it() -> None:
    body = feed("rss", unclosed_text("rss", 2), 1)
    reason = str(read_document("rss", body, URL).results[1])
    assert reason == (
        "o-2: élément commencé ligne 3 : la balise <description> n'est jamais fermée : "
        "<category>, <pubDate> y sont tombés (fermée d'office ligne 3) ; on ne sait plus quel "
        "texte va dans quel champ, l'offre n'est pas lue"
    )


def test_a_text_field_left_open_at_the_end_of_its_item_keeps_the_item() -> None:
    last = item("rss", 2).replace("</description><category>Métier 2</category>", "")
    last = last.replace("<pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate>", "")
    read = read_document("rss", feed("rss", last, 1), URL).results[1]
    assert isinstance(read, SourceOffer) and read.description == "Poste 2 à Lyon, CDI"


@pytest.mark.parametrize("kind", sorted(HEAD))
@pytest.mark.parametrize("fault", sorted(REPAIRED))
@pytest.mark.parametrize("position", sorted(POSITIONS))
def test_the_neighbours_of_a_repaired_item_keep_every_field(
    kind: str, fault: str, position: str
) -> None:
    index = POSITIONS[position]
    assert neighbours_read_whole(kind, feed(kind, REPAIRED[fault](kind, index + 1), index), index)


@pytest.mark.parametrize("kind", sorted(HEAD))
@pytest.mark.parametrize("position", sorted(POSITIONS))
def test_stray_binary_bytes_stay_in_their_item_and_the_note_names_it(
    kind: str, position: str
) -> None:
    index = POSITIONS[position]
    broken = item(kind, index + 1).encode().replace(b" \xc3\xa0 Lyon", b" \x00\x01\xff\xfe Lyon")
    items = [item(kind, number).encode() for number in (1, 2, 3)]
    items[index] = broken
    body = HEAD[kind].encode() + b"".join(items) + TAIL[kind].encode()
    reading = read_document(kind, body, URL)
    assert neighbours_read_whole(kind, body, index)
    assert any(f"dans l'offre « Titre {index + 1} »" in note for note in reading.notes)


@pytest.mark.parametrize("kind", sorted(HEAD))
@pytest.mark.parametrize("position", sorted(POSITIONS))
def test_an_item_written_in_latin_1_in_a_utf_8_feed_reads_in_its_own_accents(
    kind: str, position: str
) -> None:
    index = POSITIONS[position]
    items = [item(kind, number).encode() for number in (1, 2, 3)]
    items[index] = item(kind, index + 1).encode("latin-1")
    body = HEAD[kind].encode() + b"".join(items) + TAIL[kind].encode()
    read = read_document(kind, body, URL).results
    assert neighbours_read_whole(kind, body, index)
    assert f"Poste {index + 1} à Lyon" in (read[index].description or "")  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", sorted(HEAD))
def test_a_truncated_last_item_is_refused_and_the_others_kept_whole(kind: str) -> None:
    cut = item(kind, 3)[: item(kind, 3).index("Poste 3") + 5]
    body = HEAD[kind].encode() + (item(kind, 1) + item(kind, 2) + cut).encode()
    results = read_document(kind, body, URL).results
    expected = valid(kind)
    assert results[:2] == [expected["Titre 1"], expected["Titre 2"]]
    assert isinstance(results[2], ItemError) and "coupé par la fin du document" in str(results[2])
