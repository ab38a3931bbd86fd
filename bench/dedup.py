"""Cross-source dedup: precision and recall on labelled pairs, and what dedup adds to ingest time.

Usage: python bench/dedup.py PATH_TO_FT_OFFERS.jsonl [--scale 100000] [--errors] [--limit N]

Each line of PATH is an offer as France Travail's "Offres d'emploi v2" API returns it. Every offer
is rendered as the payload of a source kind — an RSS item, an Indeed-style `<job>`, a JSON-LD
JobPosting, a Greenhouse or Lever job object, or France Travail's own object — read by the real
extractor (`extractor_for(kind).read`) and normalized by `normalize_offer`.

Positive pairs are one offer rendered by two different kinds, one of them edited the way sources
differ: "(H/F)" added or dropped, case changed, a sentence added, removed or reworded, the
description trimmed (a third of the copies get two of these description edits), tracking
parameters on the apply link, the place written another way ("Lyon 3e", "69003 Lyon",
"Lyon (69)"), no salary, no reference, no company name. Negative pairs are two distinct offers of
the same company and/or the same place, rendered the same way: among them the hard ones (same
company and title at different places; same company and place with different titles) and pairs
sharing a generic careers-page apply link. Pairs of France Travail offers that are reposts of one
job (same company, place, contract and title, and the same description) are not negatives: they
are counted apart.

A pair is found when each fingerprint's probe keys meet the other's filed keys, and
`match` says they are one offer. The offers are split in two halves by a hash of their id, as in
bench/quality.py; `--errors` prints the development half's misclassified pairs.

Throughput: --scale offers are built by cycling the normalized renderings with edits (another
place, a sentence dropped). Dedup (fingerprint, a dict index of keys, match against the
candidates) is timed on all of them; normalize_offer is timed on one rendering every 50 offers,
interleaved with dedup so both see the same machine load, and extrapolated to the scale.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from normalizers.dedup import Fingerprint, fingerprint, match
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer
from spiders.extractors import extractor_for

DEVELOPMENT, HELD_OUT = "development", "held-out"
PRECISION_TARGET, RECALL_TARGET, OVERHEAD_TARGET = 0.98, 0.95, 0.20
MAX_PAIRS_PER_PLACE = 12
NORMALIZE_EVERY = 50
_FT_PLACE = re.compile(r"^(?P<departement>\d[\dAB]\d?) - (?P<name>.+)$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")
_GENDER = re.compile(r"\s*[(\-]?\s*\b[HF]\s*/\s*[FH]\b\s*\)?", re.I)
_REWORDS = {
    "vous": "tu",
    "Vous": "Tu",
    "poste": "emploi",
    "entreprise": "société",
    "missions": "tâches",
    "équipe": "team",
    "clients": "partenaires",
}
ADDED_SENTENCES = (
    "Poste à pourvoir dès que possible.",
    "N'hésitez pas à postuler, nous étudions toutes les candidatures.",
    "Offre relayée par notre partenaire.",
)
KINDS = ("rss", "indeed-xml", "jsonld", "greenhouse", "lever", "francetravail")
# kind pairs of positives: (employer's copy, relayed copy) mostly, and two relays sometimes
KIND_PAIRS = (
    ("jsonld", "rss"),
    ("greenhouse", "indeed-xml"),
    ("lever", "rss"),
    ("jsonld", "francetravail"),
    ("greenhouse", "francetravail"),
    ("jsonld", "indeed-xml"),
    ("rss", "indeed-xml"),
    ("lever", "francetravail"),
)
FETCHED_AT = datetime(2025, 2, 1, tzinfo=UTC)


def half_of(offer_id: str) -> str:
    """The half an offer belongs to, fixed by its id: development or held-out."""
    return DEVELOPMENT if hashlib.sha256(offer_id.encode()).digest()[0] % 2 == 0 else HELD_OUT


def _pick(key: str, choices: int) -> int:
    """A choice fixed by `key`, so that every run renders the same pairs."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % choices


def _slug(text: str | None, fallback: str = "entreprise") -> str:
    words = re.findall(r"[a-z0-9]+", (text or fallback).lower().encode("ascii", "ignore").decode())
    return "-".join(words)[:40] or fallback


# ---------------------------------------------------------------------------------------------
# One offer as a source shows it, before a kind's payload


@dataclass
class Rendering:
    """The text of an offer as one source shows it; edits change it, a kind serializes it."""

    ft: dict[str, Any]
    title: str
    paragraphs: list[str]
    company: str | None
    place: str | None
    city: str | None
    postal_code: str | None
    contract_code: str | None
    contract_label: str | None
    salary: str | None
    reference: str | None
    url: str
    apply_url: str | None
    posted_at: str | None
    edits: list[str] = field(default_factory=list)

    @property
    def description_html(self) -> str:
        return "".join(f"<p>{html.escape(part)}</p>" for part in self.paragraphs)


def employer_url(ft: dict[str, Any]) -> str:
    """The offer's page on the employer's careers site (what aggregators link to)."""
    company = _slug((ft.get("entreprise") or {}).get("nom"))
    return f"https://careers.{company}.example/offres/{ft['id']}-{_slug(ft.get('intitule'))}"


PlaceText = tuple[str | None, str | None, str | None]


def _place_variants(lieu: dict[str, Any]) -> list[PlaceText]:
    """(place line, city, postal code) as different sources write the same place."""
    label = lieu.get("libelle")
    found = _FT_PLACE.match(label or "")
    if not found or not lieu.get("commune") or "(Dept.)" in (label or ""):
        return [(label, None, None)]
    name = found["name"].title()
    district = re.match(r"^(Paris|Lyon|Marseille) 0?(\d{1,2})$", name)
    written = f"{district[1]} {district[2]}e" if district else name
    postal = lieu.get("codePostal")
    variants: list[PlaceText] = [
        (label, None, None),
        (f"{written} ({found['departement']})", None, None),
    ]
    if postal:
        variants.append((f"{postal} {written}", written, postal))
    variants.append((written, written, postal))
    return variants


def base_rendering(ft: dict[str, Any]) -> Rendering:
    """The offer as its employer publishes it: France Travail's fields, unedited."""
    description = html.unescape(ft.get("description") or "")  # France Travail escapes its text
    paragraphs = [part.strip() for part in description.split("\n") if part.strip()]
    place, city, postal = _place_variants(ft.get("lieuTravail") or {})[0]
    return Rendering(
        ft=ft,
        title=ft.get("intitule") or "",
        paragraphs=paragraphs,
        company=(ft.get("entreprise") or {}).get("nom"),
        place=place,
        city=city,
        postal_code=postal,
        contract_code=ft.get("typeContrat"),
        contract_label=ft.get("typeContratLibelle"),
        salary=(ft.get("salaire") or {}).get("libelle"),
        reference=ft["id"],
        url=employer_url(ft),
        apply_url=employer_url(ft),
        posted_at=ft.get("dateCreation"),
    )


def _sentences(paragraphs: list[str]) -> list[str]:
    return [sentence for part in paragraphs for sentence in _SENTENCE.split(part) if sentence]


def _edit_title(r: Rendering, key: str) -> None:
    style = _pick(key + "title", 4)
    if style == 0:
        r.title = _GENDER.sub("", r.title).strip() if _GENDER.search(r.title) else r.title + " H/F"
        r.edits.append("title without/with H/F")
    elif style == 1:
        r.title = r.title.upper()
        r.edits.append("title upper-case")
    elif style == 2:
        r.title = _GENDER.sub("", r.title).strip() + " (H/F)"
        r.edits.append("title (H/F)")


def _edit_description(r: Rendering, key: str) -> None:
    sentences = _sentences(r.paragraphs)
    style = _pick(key + "description", 5)
    if style == 0 or len(sentences) < 3:
        r.paragraphs = [*r.paragraphs, ADDED_SENTENCES[_pick(key + "added", 3)]]
        r.edits.append("sentence added")
    elif style == 1:
        drop = 1 + _pick(key + "drop", len(sentences) - 1)
        r.paragraphs = [" ".join(sentences[:drop] + sentences[drop + 1 :])]
        r.edits.append("sentence removed")
    elif style == 2:
        which = _pick(key + "reword", len(sentences))
        words = [_REWORDS.get(word, word) for word in sentences[which].split()]
        sentences[which] = "Nous recherchons : " + " ".join(words)
        r.paragraphs = [" ".join(sentences)]
        r.edits.append("sentence reworded")
    elif style == 3:
        text = " ".join(sentences)
        limit = max(400, int(len(text) * 0.6))
        r.paragraphs = [text[:limit].rsplit(" ", 1)[0] + " …"]
        r.edits.append("description trimmed")
    else:
        r.paragraphs = [" ".join(sentences)]
        r.edits.append("paragraphs joined")


def edited_rendering(ft: dict[str, Any], key: str) -> Rendering:
    """The offer as an intermediary relays it, with the edits `key` chooses."""
    r = base_rendering(ft)
    _edit_title(r, key)
    _edit_description(r, key)
    if _pick(key + "twice", 3) == 0:  # a third of the copies are edited twice
        _edit_description(r, key + "again")
    variants = _place_variants(ft.get("lieuTravail") or {})
    r.place, r.city, r.postal_code = variants[_pick(key + "place", len(variants))]
    if r.place != variants[0][0]:
        r.edits.append(f"place {r.place!r}")
    r.url = f"https://emplois.relais-agregateur.example/annonce/{_pick(key + 'url', 10**8)}"
    link = _pick(key + "apply", 3)
    if link == 0:
        r.apply_url = f"{r.apply_url}?utm_source=agregateur&utm_medium=feed&ref=relay"
        r.edits.append("tracking parameters")
    elif link == 1:
        r.apply_url = None
        r.edits.append("no apply link")
    if _pick(key + "salary", 2):
        r.salary = None
        r.edits.append("no salary")
    if _pick(key + "reference", 2):
        r.reference = None
        r.edits.append("no reference")
    if _pick(key + "company", 4) == 0:
        r.company = None
        r.edits.append("no company")
    return r


# ---------------------------------------------------------------------------------------------
# Kinds: a rendering as the payload a source of that kind publishes


def _xml(tag: str, value: str | None, cdata: bool = False) -> str:
    if value is None:
        return ""
    body = f"<![CDATA[{value}]]>" if cdata else escape(value)
    return f"<{tag}>{body}</{tag}>"


def rss_payload(r: Rendering) -> str:
    return (
        "<item>"
        + _xml("title", r.title)
        + _xml("link", r.url)
        + _xml("guid", r.url)
        + _xml("description", r.description_html, cdata=True)
        + _xml("pubDate", r.posted_at)
        + _xml("company", r.company)
        + _xml("location", r.place)
        + _xml("contract", r.contract_label)
        + _xml("salary", r.salary)
        + _xml("reference", r.reference)
        + _xml("applyUrl", r.apply_url)
        + "</item>"
    )


def indeed_payload(r: Rendering) -> str:
    city = r.city or r.place
    return (
        "<job>"
        + _xml("title", r.title, cdata=True)
        + _xml("date", r.posted_at)
        + _xml("referencenumber", r.reference)
        + _xml("url", r.url)
        + _xml("company", r.company, cdata=True)
        + _xml("city", city)
        + _xml("postalcode", r.postal_code)
        + _xml("country", "FR")
        + _xml("description", r.description_html, cdata=True)
        + _xml("salary", r.salary)
        + _xml("jobtype", r.contract_code)
        + _xml("applyUrl", r.apply_url)
        + "</job>"
    )


def jsonld_payload(r: Rendering) -> str:
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "FR"}
    if r.city:
        address["addressLocality"] = r.city
        if r.postal_code:
            address["postalCode"] = r.postal_code
    elif r.place:
        address["addressLocality"] = r.place
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": r.title,
        "description": r.description_html,
        "datePosted": r.posted_at,
        "employmentType": r.contract_code,
        "jobLocation": {"@type": "Place", "address": address},
        "url": r.url,
        "directApply": r.apply_url is not None,
    }
    if r.company:
        posting["hiringOrganization"] = {"@type": "Organization", "name": r.company}
    if r.reference:
        posting["identifier"] = {"@type": "PropertyValue", "value": r.reference}
    if r.salary:
        posting["baseSalary"] = r.salary
    return json.dumps(posting, ensure_ascii=False)


def greenhouse_payload(r: Rendering) -> str:
    metadata = [{"id": 1, "name": "Employment Type", "value": r.contract_label}]
    if r.salary:
        metadata.append({"id": 2, "name": "Salaire", "value": r.salary})
    job = {
        "id": int(hashlib.sha256(r.ft["id"].encode()).hexdigest()[:8], 16),
        "title": r.title,
        "updated_at": r.posted_at,
        "requisition_id": r.reference,
        "location": {"name": r.place},
        "absolute_url": r.apply_url or r.url,
        "company_name": r.company,
        "first_published": r.posted_at,
        "metadata": metadata,
        "content": html.escape(r.description_html),
    }
    return json.dumps(job, ensure_ascii=False)


def lever_payload(r: Rendering) -> str:
    posting = {
        "id": hashlib.sha256(r.ft["id"].encode()).hexdigest()[:32],
        "text": r.title,
        "categories": {"commitment": r.contract_code, "location": r.place},
        "country": "FR",
        "description": r.description_html,
        "hostedUrl": r.url,
        "applyUrl": r.apply_url,
        "salaryDescriptionPlain": r.salary,
    }
    return json.dumps(posting, ensure_ascii=False)


def francetravail_payload(r: Rendering) -> str:
    return json.dumps(r.ft, ensure_ascii=False)  # France Travail's own copy is never edited


PAYLOADS: dict[str, Callable[[Rendering], str]] = {
    "rss": rss_payload,
    "indeed-xml": indeed_payload,
    "jsonld": jsonld_payload,
    "greenhouse": greenhouse_payload,
    "lever": lever_payload,
    "francetravail": francetravail_payload,
}
FEED_URLS = {
    "rss": "https://emplois.relais-agregateur.example/flux.rss",
    "indeed-xml": "https://emplois.relais-agregateur.example/indeed.xml",
    "jsonld": "https://careers.example/offres",
    "greenhouse": "https://boards-api.greenhouse.io/v1/boards/acme/jobs",
    "lever": "https://api.lever.co/v0/postings/acme",
    "francetravail": "https://api.francetravail.io/partenaire/offresdemploi/v2/offres/search",
}


@dataclass
class Normalized:
    """One rendering read by its kind's extractor and normalized, with the time it took."""

    offer: Offer | None
    kind: str
    edits: list[str]
    item: SourceOffer
    context: SourceContext


def normalized(r: Rendering, kind: str) -> Normalized:
    """Read `r` through the real extractor of `kind` and normalize it."""
    item = extractor_for(kind).read(PAYLOADS[kind](r), FEED_URLS[kind])
    defaults = SourceDefaults(company_name=r.company) if kind == "lever" else SourceDefaults()
    context = SourceContext(
        source=f"bench-{kind}",
        attribution=f"bench ({kind})",
        defaults=defaults,
        base_url=FEED_URLS[kind],
        fetched_at=FETCHED_AT,
    )
    result = normalize_offer(item, context)
    offer = result if isinstance(result, Offer) else None
    return Normalized(offer, kind, list(r.edits), item, context)


# ---------------------------------------------------------------------------------------------
# Labelled pairs


@dataclass
class Pair:
    """Two renderings, whether they are one offer, and what kind of pair it is."""

    label: bool
    category: str
    half: str
    left: Normalized
    right: Normalized
    ids: tuple[str, str]


def _company(ft: dict[str, Any]) -> str | None:
    return (ft.get("entreprise") or {}).get("nom")


def _place_of(ft: dict[str, Any]) -> str | None:
    lieu = ft.get("lieuTravail") or {}
    return lieu.get("commune") or lieu.get("libelle")


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def is_repost(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two France Travail offers that are one job posted twice: same company, place, contract,
    a title of the same words (give or take one) and the same description."""
    if (_company(a), _place_of(a), a.get("typeContrat")) != (
        _company(b),
        _place_of(b),
        b.get("typeContrat"),
    ):
        return False
    titles = _words(a.get("intitule")) ^ _words(b.get("intitule"))
    left, right = _words(a.get("description")), _words(b.get("description"))
    shared = len(left & right) / max(1, len(left | right))
    return len(titles) <= 2 and shared >= 0.9


def _edited_last(kinds: tuple[str, str]) -> tuple[str, str]:
    """The kinds in the order (unedited copy, edited copy): France Travail's copy is its own
    object, which the bench never edits, so it takes the unedited side."""
    first, second = kinds
    return (second, first) if second == "francetravail" else (first, second)


def positive_pairs(offers: list[dict[str, Any]]) -> Iterator[Pair]:
    """Each offer by two kinds, the second copy edited; twice, with other kinds."""
    for ft in offers:
        for round_ in range(2):
            key = f"{ft['id']}/{round_}"
            first, second = _edited_last(KIND_PAIRS[_pick(key + "kinds", len(KIND_PAIRS))])
            left = normalized(base_rendering(ft), first)
            right = normalized(edited_rendering(ft, key), second)
            yield Pair(True, f"{first} + {second}", half_of(ft["id"]), left, right, (ft["id"],) * 2)


def _negative_candidates(
    offers: list[dict[str, Any]],
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    by_company: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_title: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ft in offers:
        if _company(ft):
            by_company[_company(ft) or ""].append(ft)
        if _place_of(ft):
            by_place[_place_of(ft) or ""].append(ft)
        by_title[(ft.get("intitule") or "").lower()].append(ft)
    seen: set[tuple[str, str]] = set()

    def once(a: dict[str, Any], b: dict[str, Any]) -> bool:
        pair = (min(a["id"], b["id"]), max(a["id"], b["id"]))
        if pair in seen:
            return False
        seen.add(pair)
        return True

    for group in by_company.values():
        for a, b in combinations(group, 2):
            if not once(a, b):
                continue
            same_title = a.get("intitule") == b.get("intitule")
            same_place = _place_of(a) == _place_of(b)
            category = (
                "same company+title, other place"
                if same_title and not same_place
                else "same company+place, other title"
                if same_place and not same_title
                else "same company"
            )
            yield category, a, b
    for group in by_title.values():
        for a, b in combinations(group, 2):
            if _place_of(a) != _place_of(b) and once(a, b):
                yield "same title, other place", a, b
    for place, group in by_place.items():
        ranked = sorted(
            combinations(group, 2), key=lambda p: _pick(place + p[0]["id"] + p[1]["id"], 10**9)
        )
        for a, b in ranked[:MAX_PAIRS_PER_PLACE]:
            if once(a, b):
                yield "same place", a, b


def negative_pairs(offers: list[dict[str, Any]], reposts: Counter[str]) -> Iterator[Pair]:
    """Distinct offers of one company or one place, rendered like positives (edits included)."""
    for category, a, b in _negative_candidates(offers):
        if is_repost(a, b):
            reposts[category] += 1
            continue
        key = f"{a['id']}/{b['id']}"
        first, second = _edited_last(KIND_PAIRS[_pick(key + "kinds", len(KIND_PAIRS))])
        left_rendering, right_rendering = base_rendering(a), edited_rendering(b, key)
        if category.startswith("same company") and _pick(key + "generic", 4) == 0:
            generic = f"https://www.{_slug(_company(a))}.example/carrieres/"
            left_rendering.apply_url = generic
            right_rendering.apply_url = generic + "?utm_source=agregateur"
            first, second = "rss", "indeed-xml"
            category = "same company, generic apply link"
        left = normalized(left_rendering, first)
        right = normalized(right_rendering, second)
        half = half_of(min(a["id"], b["id"]))
        yield Pair(False, category, half, left, right, (a["id"], b["id"]))


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Tally:
    """Counts of one half."""

    positives: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    negatives: Counter[str] = field(default_factory=Counter)
    false_merges: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    no_shared_key: int = 0
    rejected: int = 0
    near_only_found: int = 0
    near_only_merges: int = 0

    def add(self, other: Tally) -> None:
        for name in ("positives", "found", "negatives", "false_merges", "reasons"):
            getattr(self, name).update(getattr(other, name))
        self.no_shared_key += other.no_shared_key
        self.rejected += other.rejected
        self.near_only_found += other.near_only_found
        self.near_only_merges += other.near_only_merges


def judge(pair: Pair, tally: Tally, show: bool) -> None:
    """Count one pair: found when the two share a lookup key and `match` says so."""
    left, right = pair.left.offer, pair.right.offer
    if left is None or right is None:
        tally.rejected += 1
        return
    a, b = fingerprint(left), fingerprint(right)
    # Either may come first: the later one probes the keys the earlier one was filed under.
    shares_key = bool(set(a.probe_keys()) & set(b.keys())) and bool(
        set(b.probe_keys()) & set(a.keys())
    )
    verdict = match(a, b) if shares_key else None
    near_only = match(
        replace(a, apply_key=None, reference_key=None, content_key="left"),
        replace(b, apply_key=None, reference_key=None, content_key="right"),
    )
    if pair.label:
        tally.near_only_found += near_only is not None
    else:
        tally.near_only_merges += near_only is not None
    if pair.label:
        tally.positives[pair.category] += 1
        tally.no_shared_key += not shares_key
        if verdict:
            tally.found[pair.category] += 1
            tally.reasons[verdict.reason] += 1
        elif show:
            _show(pair, a, b, "missed", shares_key)
    else:
        tally.negatives[pair.category] += 1
        if verdict:
            tally.false_merges[pair.category] += 1
            tally.reasons["false " + verdict.reason] += 1
            if show:
                _show(pair, a, b, f"false merge ({verdict.reason} {verdict.score})", True)


def _show(pair: Pair, a: Fingerprint, b: Fingerprint, what: str, shares_key: bool) -> None:
    from normalizers.dedup import similarity, title_similarity

    text = similarity(a.signature, a.shingles, b.signature, b.shingles)
    print(
        f"{what}: {pair.ids[0]} / {pair.ids[1]} [{pair.category}] shares a key: {shares_key}\n"
        f"   edits: {', '.join(pair.right.edits)}\n"
        f"   titles: {a.title!r} / {b.title!r} ({title_similarity(a.title, b.title):.2f})\n"
        f"   company: {a.company!r} / {b.company!r} · contract: {a.contract} / {b.contract}\n"
        f"   place: {a.place} / {b.place}\n"
        f"   description: jaccard {text.jaccard:.2f}, containment {text.containment:.2f} "
        f"(sample {text.sample}; shingles {a.shingles} / {b.shingles})",
        file=sys.stderr,
    )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def report(name: str, tally: Tally) -> None:
    positives, found = sum(tally.positives.values()), sum(tally.found.values())
    negatives, merges = sum(tally.negatives.values()), sum(tally.false_merges.values())
    precision = found / (found + merges) if found + merges else 0.0
    recall = found / positives if positives else 0.0
    print(f"\n== {name}: {positives} positive pairs, {negatives} negative pairs")
    met = "met" if precision >= PRECISION_TARGET else "NOT MET"
    print(f"   precision {100 * precision:.2f} % (target ≥ {PRECISION_TARGET:.0%}: {met})")
    met = "met" if recall >= RECALL_TARGET else "NOT MET"
    print(f"   recall    {100 * recall:.2f} % (target ≥ {RECALL_TARGET:.0%}: {met})")
    print(f"   found {found} of {positives}, false merges {merges} of {negatives}")
    print(f"   positives sharing no lookup key: {tally.no_shared_key}")
    print(
        f"   near rule alone (no apply link, reference or content key): found "
        f"{tally.near_only_found} of {positives}, false merges {tally.near_only_merges}"
    )
    if tally.rejected:
        print(f"   pairs left out (a rendering was rejected by normalize_offer): {tally.rejected}")
    print("   found by: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.reasons.items())))
    for category, count in sorted(tally.positives.items()):
        print(f"     positive {category:<34} {tally.found[category]:>5}/{count:<5}")
    for category, count in sorted(tally.negatives.items()):
        print(f"     negative {category:<34} {tally.false_merges[category]:>5} merged of {count}")


# ---------------------------------------------------------------------------------------------
# Throughput


def scaled_offers(pool: list[Offer], scale: int) -> Iterator[Offer]:
    """`scale` offers cycling `pool`: after the first round each copy moves to another offer's
    place and loses a sentence, so copies are other offers of the same company, not clones."""
    for number in range(scale):
        base = pool[number % len(pool)]
        round_ = number // len(pool)
        if round_ == 0:
            yield base
            continue
        other = pool[_pick(f"{number}place", len(pool))]
        sentences = _SENTENCE.split(base.description_text)
        if len(sentences) > 2:
            del sentences[round_ % len(sentences)]
        text = " ".join(sentences)
        yield base.model_copy(
            update={
                "external_id": f"{base.external_id}-{round_}",
                "place": other.place,
                "description_text": text,
            }
        )


def throughput(pool: list[Normalized], scale: int) -> None:
    """Time dedup on `scale` offers against normalize_offer's time extrapolated to them.

    normalize_offer is timed on one rendering every NORMALIZE_EVERY offers, interleaved with
    dedup, so that both are measured under the same load of the machine.
    """
    offers = [n.offer for n in pool if n.offer is not None]
    built = list(scaled_offers(offers, scale))
    index: dict[str, list[int]] = defaultdict(list)
    prints: list[Fingerprint] = []
    candidates = matched = normalized_count = 0
    fingerprinting = matching = normalizing = 0.0
    for number, offer in enumerate(built):
        if number % NORMALIZE_EVERY == 0:
            sample = pool[(number // NORMALIZE_EVERY) % len(pool)]
            began = time.perf_counter()
            normalize_offer(sample.item, sample.context)
            normalizing += time.perf_counter() - began
            normalized_count += 1
        began = time.perf_counter()
        print_ = fingerprint(offer)
        middle = time.perf_counter()
        seen: set[int] = set()
        for key in print_.probe_keys():
            seen.update(index[key])
        candidates += len(seen)
        matched += any(match(print_, prints[other]) for other in seen)
        for key in print_.keys():
            index[key].append(number)
        prints.append(print_)
        ended = time.perf_counter()
        fingerprinting += middle - began
        matching += ended - middle
    dedup = fingerprinting + matching
    per_offer = normalizing / normalized_count
    ingest = per_offer * scale
    sizes = sorted(len(bucket) for bucket in index.values())
    print(f"\n== throughput at {scale} offers ({len(offers)} renderings cycled with edits)")
    print(
        f"   normalize_offer: {1000 * per_offer:.2f} ms an offer, measured on {normalized_count} "
        f"renderings interleaved with dedup, extrapolated to {scale}: {ingest:.1f} s"
    )
    print(
        f"   dedup: {dedup:.1f} s measured on all {scale} ({1000 * dedup / scale:.3f} ms an "
        f"offer: fingerprint {1000 * fingerprinting / scale:.3f} ms, index + match "
        f"{1000 * matching / scale:.3f} ms)"
    )
    print(
        f"   candidates per offer {candidates / scale:.1f} on average; {len(index)} keys, "
        f"median bucket {sizes[len(sizes) // 2]}, largest {sizes[-1]}; "
        f"{matched} offers matched an earlier one"
    )
    verdict = "met" if dedup / ingest < OVERHEAD_TARGET else "NOT MET"
    print(
        f"   dedup / normalize = {100 * dedup / ingest:.1f} % "
        f"(target < {OVERHEAD_TARGET:.0%}: {verdict})"
    )


def _read(path: Path, limit: int | None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        offers = [json.loads(line) for line in lines if line.strip()]
    return offers[:limit] if limit else offers


def main(argv: list[str] | None = None) -> int:
    """Build the pairs, print precision and recall of each half, then the throughput."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="France Travail offers, one JSON object a line")
    parser.add_argument("--scale", type=int, default=100_000, help="offers for the throughput")
    parser.add_argument(
        "--errors", action="store_true", help="print the development half's misclassified pairs"
    )
    parser.add_argument("--limit", type=int, help="read only the first N offers")
    args = parser.parse_args(argv)

    offers = _read(args.path, args.limit)
    normalized(base_rendering(offers[0]), "rss")  # loads the referentials and indexes
    tallies = {DEVELOPMENT: Tally(), HELD_OUT: Tally()}
    reposts: Counter[str] = Counter()
    pool: list[Normalized] = []
    started = time.perf_counter()
    for pair in positive_pairs(offers):
        pool += [pair.left, pair.right]
        judge(pair, tallies[pair.half], args.errors and pair.half == DEVELOPMENT)
    for pair in negative_pairs(offers, reposts):
        judge(pair, tallies[pair.half], args.errors and pair.half == DEVELOPMENT)
    print(f"Relais cross-source dedup on {args.path} ({len(offers)} offers)")
    print(f"pairs built and judged in {time.perf_counter() - started:.1f} s")
    print(
        f"France Travail reposts (one job posted twice) left out of the negatives: "
        f"{sum(reposts.values())}"
    )
    whole = Tally()
    for tally in tallies.values():
        whole.add(tally)
    report(f"{DEVELOPMENT} half (looked at while developing)", tallies[DEVELOPMENT])
    report(f"{HELD_OUT} half (only measured)", tallies[HELD_OUT])
    report("whole file", whole)
    if args.scale:
        throughput(pool, args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
