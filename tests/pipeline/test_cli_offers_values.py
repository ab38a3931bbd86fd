"""`relais offers show` says each fact's stored value beside where it was read, in French and
as JSON; `relais offers list` gives the ids to show, with the filters a person needs."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from click.testing import CliRunner, Result

from normalizers.offer import SourceContext, normalize_offer
from pipeline.cli import main
from schemas import Offer, SourceDefaults, SourceOffer
from store.copies import upsert_offer
from store.db import session_scope
from tests.store.factories import offer, register

CONTEXT = SourceContext(
    source="rectorat",
    attribution="Rectorat",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def relais(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _teacher() -> int:
    """A JSON-LD offer whose employmentType says CONTRACTOR and whose table says a CDD."""
    item = SourceOffer(
        external_id="j35",
        url="https://rectorat.example/j35",
        title="Professeur des écoles contractuel H/F",
        description="<p>Le rectorat recrute.</p><table>"
        "<tr><td>Lieu</td><td>Dzaoudzi (976)</td></tr>"
        "<tr><td>Contrat</td><td>CDD - 18 mois</td></tr>"
        "<tr><td>Salaire</td><td>2 400 € net/mois</td></tr>"
        "<tr><td>Début</td><td>1er février 2027</td></tr></table>",
        contract="CONTRACTOR",
        valid_through="2027-01-15",
    )
    normalized = normalize_offer(item, CONTEXT)
    assert isinstance(normalized, Offer)
    with session_scope() as session:
        source = register(session, "rectorat")
        return upsert_offer(session, source.id, normalized).offer_id


def test_offers_show_says_each_stored_value_and_where_it_was_read(database: str) -> None:
    offer_id = _teacher()
    result = relais("offers", "show", str(offer_id))
    assert result.exit_code == 0, result.output
    # Babel writes "2 400 €" with no-break spaces
    lines = result.output.replace("\u202f", " ").replace("\xa0", " ").splitlines()
    contract = next(i for i, line in enumerate(lines) if line.strip().startswith("contrat :"))
    assert "CDD, Contrat à durée déterminée – 18 mois" in lines[contract]
    assert "lu dans" in lines[contract + 1] and "CDD - 18 mois" in lines[contract + 1]
    assert any("2 400 € net par mois" in line for line in lines)
    assert any("Dzaoudzi, commune 97608, Mayotte (976)" in line for line in lines)
    assert any("début :" in line and "2027-02-01" in line for line in lines)
    assert any("date limite de candidature :" in line and "2027-01-15" in line for line in lines)
    assert any(line.strip().startswith("métier (ROME) :") for line in lines)
    assert any("(le texte est gardé)" in line for line in lines)


def test_offers_show_json_holds_the_values_the_disagreement_and_the_copies(database: str) -> None:
    offer_id = _teacher()
    for option in (["--json"], ["--format", "relais"]):
        result = relais("offers", "show", str(offer_id), *option)
        assert result.exit_code == 0, result.output
        document = json.loads(result.output)
        assert (document["id"], document["status"]) == (offer_id, "published")
        contract = document["contract"]
        assert (contract["type_contrat"], contract["duration_value"]) == ("CDD", 18)
        assert (document["salary"]["minimum"], document["salary"]["period"]) == (2400, "month")
        assert document["place"]["insee_code"] == "97608"
        assert document["disagreements"][0]["kept"] == "text"
        assert document["copies"][0]["source"] == "rectorat"


def test_offers_show_francetravail_is_the_api_document(database: str) -> None:
    offer_id = _teacher()
    document = json.loads(
        relais("offers", "show", str(offer_id), "--format", "francetravail").output
    )
    assert (document["id"], document["typeContrat"]) == (str(offer_id), "CDD")


def _three_offers() -> dict[str, int]:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        ids = {
            "old": upsert_offer(
                session,
                board.id,
                offer("b-1", "Cariste H/F", posted_at=datetime(2026, 11, 1, tzinfo=UTC)),
            ).offer_id,
            "new": upsert_offer(
                session,
                board.id,
                offer("b-2", "Soudeur H/F", posted_at=datetime(2026, 11, 25, tzinfo=UTC)),
            ).offer_id,
            "feed": upsert_offer(session, feed.id, offer("f-1", "Boulanger H/F")).offer_id,
        }
    return ids


def test_offers_list_gives_ids_newest_first_with_date_contract_and_title(database: str) -> None:
    ids = _three_offers()
    result = relais("offers", "list", "--source", "board")
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert header.split() == ["id", "publiée", "le", "contrat", "commune", "titre"]
    assert [int(row.split()[0]) for row in rows] == [ids["new"], ids["old"]]
    assert "2026-11-25" in rows[0] and "Soudeur H/F" in rows[0]


def test_offers_list_limits_and_writes_json(database: str) -> None:
    ids = _three_offers()
    result = relais("offers", "list", "--limit", "1", "--json")
    [line] = result.output.splitlines()
    listed = json.loads(line)
    assert listed["id"] == ids["new"] and listed["published"] == "2026-11-25"
    assert set(listed) >= {"id", "title", "commune", "insee_code", "contract", "published"}


def test_offers_list_filters_by_state_and_says_so_when_none(database: str) -> None:
    _three_offers()
    result = relais("offers", "list", "--status", "expirée")
    assert result.exit_code == 0 and result.output.strip() == "Aucune offre."
    unknown = relais("offers", "list", "--source", "nulle-part")
    assert unknown.exit_code == 2 and "aucune source ne s'appelle « nulle-part »" in unknown.output
