"""Cross-source duplicates: fingerprints, the matcher's rules, and which copy is canonical."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from normalizers.dedup import (
    DIRECT_EMPLOYER_KINDS,
    Fingerprint,
    apply_key,
    canonical_rank,
    completeness,
    fingerprint,
    match,
)
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer
from spiders.extractors import extractor_for

FETCHED_AT = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
DESCRIPTION = (
    "<p>Rejoignez notre équipe data à Lyon pour construire les outils de nos clients. "
    "Vous concevez des pipelines de données fiables et les faites vivre en production. "
    "Vous travaillez avec les équipes produit pour comprendre leurs besoins. "
    "Vous participez aux revues de code et au choix des outils. "
    "Une expérience de trois ans en Python et en SQL est attendue. "
    "Télétravail possible deux jours par semaine, tickets restaurant et mutuelle.</p>"
)
OTHER_DESCRIPTION = (
    "<p>Au sein du service comptable, vous tenez la comptabilité fournisseurs et préparez "
    "les clôtures mensuelles. Vous êtes l'interlocuteur des commissaires aux comptes et "
    "suivez la trésorerie au quotidien. Une formation en comptabilité est demandée.</p>"
)


def normalized(source: str = "acme-rss", **fields: str | None) -> Offer:
    values: dict[str, str | None] = {
        "external_id": "42",
        "title": "Développeur Python H/F",
        "description": DESCRIPTION,
        "company": "Atelier Lumière",
        "place": "Lyon 3e",
        "contract": "CDI",
        "url": "https://careers.atelier-lumiere.example/offres/42-developpeur-python",
    }
    values.update(fields)
    context = SourceContext(
        source=source,
        attribution=source,
        defaults=SourceDefaults(),
        fetched_at=FETCHED_AT,
    )
    result = normalize_offer(SourceOffer.model_validate(values), context)
    assert isinstance(result, Offer), result
    return result


def same(a: Offer, b: Offer) -> bool:
    return match(fingerprint(a), fingerprint(b)) is not None


def test_the_same_offer_read_from_an_rss_feed_and_a_jsonld_page_matches() -> None:
    rss_item = (
        "<item><title>Développeur Python (H/F)</title>"
        "<link>https://jobs.relay.example/annonce/981</link>"
        "<guid>981</guid>"
        f"<description><![CDATA[{DESCRIPTION}]]></description>"
        "<company>Atelier Lumière</company><location>69003 Lyon</location>"
        "<contract>CDI</contract>"
        "<applyUrl>https://careers.atelier-lumiere.example/offres/42?utm_source=relay</applyUrl>"
        "</item>"
    )
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Développeur Python",
        "description": DESCRIPTION,
        "hiringOrganization": {"@type": "Organization", "name": "Atelier Lumière"},
        "jobLocation": {"address": {"addressLocality": "Lyon 3e", "addressCountry": "FR"}},
        "employmentType": "CDI",
        "url": "https://careers.atelier-lumiere.example/offres/42",
        "directApply": True,
    }
    offers = []
    for kind, payload, url in (
        ("rss", rss_item, "https://jobs.relay.example/feed.rss"),
        ("jsonld", json.dumps(posting), "https://careers.atelier-lumiere.example/offres"),
    ):
        item = extractor_for(kind).read(payload, url)
        context = SourceContext(kind, kind, SourceDefaults(), url, FETCHED_AT)
        result = normalize_offer(item, context)
        assert isinstance(result, Offer), result
        offers.append(result)
    assert same(*offers)


def test_gender_marks_and_case_in_the_title_do_not_matter() -> None:
    found = match(
        fingerprint(normalized(title="Développeur Python H/F")),
        fingerprint(normalized(title="DÉVELOPPEUR PYTHON (F/H)")),
    )
    assert found is not None and found.reason == "content"


def test_a_sentence_added_to_the_description_is_still_the_same_offer() -> None:
    edited = DESCRIPTION.replace("</p>", " Poste à pourvoir dès que possible.</p>")
    found = match(
        fingerprint(normalized(url="https://a.example/o/1")),
        fingerprint(normalized(description=edited, url="https://b.example/o/2")),
    )
    assert found is not None and found.reason == "near"


def test_a_trimmed_description_is_still_the_same_offer() -> None:
    trimmed = DESCRIPTION[: len(DESCRIPTION) * 2 // 3].rsplit(" ", 1)[0] + " …</p>"
    assert same(
        normalized(url="https://a.example/o/1"),
        normalized(description=trimmed, url="https://b.example/o/2"),
    )


@pytest.mark.parametrize("place", ["69003 Lyon", "Lyon (69)", "Lyon"])
def test_the_place_written_another_way_is_the_same_place(place: str) -> None:
    assert same(
        normalized(place="Lyon 3e", url="https://a.example/o/1"),
        normalized(place=place, url="https://b.example/o/2"),
    )


def test_a_copy_without_the_company_name_still_matches() -> None:
    assert same(
        normalized(url="https://a.example/o/1"),
        normalized(company=None, url="https://b.example/o/2"),
    )


def test_the_same_title_in_another_city_is_another_offer() -> None:
    assert not same(
        normalized(place="Lyon", url="https://a.example/o/1"),
        normalized(place="Paris", url="https://a.example/o/2"),
    )


def test_the_same_title_with_another_contract_is_another_offer() -> None:
    assert not same(
        normalized(contract="CDI", url="https://a.example/o/1"),
        normalized(contract="CDD de 6 mois", url="https://a.example/o/2"),
    )


def test_another_job_of_the_company_at_the_same_place_is_another_offer() -> None:
    assert not same(
        normalized(url="https://a.example/o/1"),
        normalized(
            title="Comptable fournisseurs",
            description=OTHER_DESCRIPTION,
            url="https://a.example/o/2",
        ),
    )


def test_a_template_description_under_another_title_is_another_offer() -> None:
    assert not same(
        normalized(title="Data engineer senior", url="https://a.example/o/1"),
        normalized(title="Data analyst Power BI", url="https://a.example/o/2"),
    )


def test_a_generic_careers_page_shared_by_two_offers_does_not_make_them_one() -> None:
    careers = "https://www.atelier-lumiere.example/carrieres/"
    first = normalized(apply_url=careers, url=careers)
    second = normalized(
        title="Comptable fournisseurs",
        description=OTHER_DESCRIPTION,
        apply_url=careers + "?utm_source=relay",
        url=careers,
    )
    assert fingerprint(first).apply_key is None
    assert not same(first, second)


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.example/",
        "https://acme.example/carrieres",
        "https://acme.example/nous-rejoindre/",
        "https://acme.example/jobs?utm_source=indeed",
    ],
)
def test_a_careers_home_page_is_not_an_apply_key(url: str) -> None:
    assert apply_key(url) is None


def test_tracking_parameters_host_case_and_trailing_slash_are_ignored() -> None:
    assert apply_key(
        "HTTPS://WWW.Acme.Example/jobs/42/?utm_source=indeed&utm_medium=feed&gh_src=x&ref=a"
    ) == apply_key("https://acme.example/jobs/42")


def test_a_query_naming_the_offer_is_kept() -> None:
    assert apply_key("https://acme.example/job?id=41") != apply_key(
        "https://acme.example/job?id=42"
    )


def test_a_shared_specific_apply_link_matches_despite_other_descriptions() -> None:
    link = "https://boards.example/acme/jobs/4011001"
    found = match(
        fingerprint(normalized(apply_url=link, url="https://a.example/o/1")),
        fingerprint(
            normalized(
                apply_url=link + "?gh_src=relay",
                url="https://relay.example/o/9",
                description="<p>Poste de développeur Python à Lyon, voir le site.</p>",
            )
        ),
    )
    assert found is not None and found.reason == "apply_url"


def test_the_same_reference_within_one_company_matches() -> None:
    found = match(
        fingerprint(normalized(reference="ENG-042", url="https://a.example/o/1")),
        fingerprint(
            normalized(
                reference="eng 042",
                url="https://b.example/o/2",
                description="<p>Développeur Python, détails sur notre site.</p>",
            )
        ),
    )
    assert found is not None and found.reason == "reference"


def test_the_same_reference_at_another_company_does_not_match() -> None:
    assert not same(
        normalized(reference="REF-1001", url="https://a.example/o/1"),
        normalized(
            reference="REF-1001",
            company="Mécanique du Rhône",
            title="Comptable fournisseurs",
            description=OTHER_DESCRIPTION,
            url="https://b.example/o/2",
        ),
    )


def test_near_duplicates_share_a_lookup_key() -> None:
    first = fingerprint(normalized(url="https://a.example/o/1"))
    second = fingerprint(
        normalized(
            title="DEVELOPPEUR PYTHON",
            company=None,
            place="69003 Lyon",
            url="https://b.example/o/2",
        )
    )
    assert set(second.probe_keys()) & set(first.keys())
    assert set(first.probe_keys()) & set(second.keys())


def test_a_place_name_several_communes_share_still_finds_its_copy() -> None:
    ambiguous = fingerprint(normalized(company=None, place="Massy", url="https://a.example/o/1"))
    precise = fingerprint(
        normalized(company=None, place="91300 Massy", url="https://b.example/o/2")
    )
    assert set(precise.probe_keys()) & set(ambiguous.keys())
    assert match(ambiguous, precise) is not None


def test_keys_are_prefixed_by_their_kind_and_bounded() -> None:
    print_ = fingerprint(
        normalized(
            title="Ingénieur " * 29,
            company="Compagnie " * 19,
            reference="R" * 200,
            apply_url="https://acme.example/jobs/" + "x1" * 1000,
        )
    )
    keys = print_.keys()
    assert {key[:2] for key in keys} == {"a:", "r:", "c:", "b:"}
    assert all(len(key) <= 255 for key in keys)
    filed, probed = print_.block_keys()
    assert all(len(key) <= 200 for key in filed + probed)


def test_a_common_title_is_not_probed_among_other_employers_offers() -> None:
    # "Développeur Python" in Lyon at two employers: neither brings the other as a candidate.
    acme = fingerprint(normalized(url="https://a.example/o/1"))
    other = fingerprint(normalized(company="Globex", url="https://b.example/o/2"))
    assert not set(other.probe_keys()) & set(acme.keys())


def test_a_copy_naming_no_employer_is_probed_by_the_employers_copy() -> None:
    relayed = fingerprint(normalized(company=None, url="https://b.example/o/2"))
    own = fingerprint(normalized(url="https://a.example/o/1"))
    assert set(own.probe_keys()) & set(relayed.keys())


def test_a_fingerprint_survives_a_trip_through_json() -> None:
    print_ = fingerprint(normalized(reference="ENG-042", salary="40 000 € brut par an"))
    data = json.loads(json.dumps(print_.to_json()))
    assert Fingerprint.from_json(data) == print_


def test_fingerprints_do_not_depend_on_the_process() -> None:
    """The store keeps fingerprints: two processes (other string hash seeds) agree."""
    script = (
        "import json\n"
        "from tests.normalizers.test_dedup import fingerprint, normalized\n"
        "print(json.dumps(fingerprint(normalized()).to_json()))\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).parents[2],
        )
        for seed in ("1", "2")
    ]
    outputs = {run.communicate(timeout=120)[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(outputs) == 1
    assert json.loads(outputs.pop()) == fingerprint(normalized()).to_json()


def test_the_employer_copy_is_canonical_even_when_a_relay_is_more_complete() -> None:
    employer = normalized(source="acme-jsonld")
    relay = normalized(source="relay-rss", salary="40 000 € brut par an", reference="ENG-042")
    seen = datetime(2025, 3, 1, tzinfo=UTC)
    copies = sorted(
        [(relay, False, seen - timedelta(days=3)), (employer, True, seen)],
        key=lambda copy: canonical_rank(copy[0], direct_employer=copy[1], first_seen_at=copy[2]),
    )
    assert copies[0][0].source == "acme-jsonld"


def test_among_relays_the_most_complete_copy_is_canonical() -> None:
    seen = datetime(2025, 3, 1, tzinfo=UTC)
    bare = normalized(source="relay-a")
    rich = normalized(source="relay-b", salary="40 000 € brut par an")
    ranked = sorted(
        [bare, rich],
        key=lambda offer: canonical_rank(offer, direct_employer=False, first_seen_at=seen),
    )
    assert ranked[0].source == "relay-b"


def test_between_equal_copies_the_first_seen_is_canonical() -> None:
    seen = datetime(2025, 3, 1, tzinfo=UTC)
    older, newer = normalized(source="relay-b"), normalized(source="relay-a")
    assert canonical_rank(older, direct_employer=False, first_seen_at=seen) < canonical_rank(
        newer, direct_employer=False, first_seen_at=seen + timedelta(hours=1)
    )


def test_completeness_counts_a_salary() -> None:
    assert completeness(normalized(salary="40 000 € brut par an")) == (
        completeness(normalized()) + 1
    )


def test_feeds_and_france_travail_are_intermediaries_not_employers() -> None:
    assert {"jsonld", "greenhouse", "lever", "html"} <= DIRECT_EMPLOYER_KINDS
    assert not {"rss", "atom", "indeed-xml", "francetravail"} & DIRECT_EMPLOYER_KINDS
