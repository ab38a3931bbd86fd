"""Cross-source duplicates: a small fingerprint per offer, and the rules that say two are one.

Pure functions, no store: `fingerprint(offer)` gives the keys a copy is filed under
(`Fingerprint.keys()`) and the keys it looks earlier copies up by (`Fingerprint.probe_keys()`),
and `match(a, b)` decides whether two fingerprints are the same offer. Exact duplicates share a
specific apply link, an employer reference or the whole content; near duplicates share the
company (or one side does not name it), a compatible place and contract, a similar title and a
similar description (a bottom-k MinHash of word shingles).
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
import zlib
from array import array
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz

from normalizers.text import fold
from schemas import Offer, PlaceMatch

DIRECT_EMPLOYER_KINDS: frozenset[str] = frozenset(
    {
        "jsonld",
        "html",
        "greenhouse",
        "lever",
        "recruitee",
        "smartrecruiters",
        "workable",
        "ashby",
    }
)
"""Source kinds published by the employer itself; rss/atom, indeed-xml and francetravail relay."""

KEY_MAX_CHARS = 255
BLOCK_KEY_MAX_CHARS = 200
SIGNATURE_SIZE = 128  # hash values kept in the bottom-k MinHash sketch
SHINGLE_WORDS = 3
MAX_AREAS = 3  # départements an ambiguous place name gives block keys for
SKETCHED_WORDS = 250  # the description's first words: trimmed copies keep its beginning

# Query parameters that track a visit (or pick a language) and never identify an offer.
_TRACKING_PARAMS = frozenset(
    {
        "source",
        "src",
        "ref",
        "referer",
        "referrer",
        "origin",
        "gh_src",
        "gh_jid_src",
        "lever-source",
        "lever-origin",
        "trk",
        "trkid",
        "tracking",
        "from",
        "via",
        "campaign",
        "channel",
        "medium",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "share",
        "shared",
        "sharing",
        "mkt_tok",
        "at_medium",
        "at_campaign",
        "xtor",
        "lang",
        "locale",
        "hl",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "hs_")
# Path words of a careers home page or a general application form, not of one offer.
_GENERIC_PATH_WORDS = frozenset(
    "careers career carrieres carriere jobs job emploi emplois offres offre offres-emploi "
    "offres-d-emploi recrutement recrute recrutons rejoignez-nous nous-rejoindre join-us joinus "
    "join work-with-us apply postuler candidature candidatures candidature-spontanee "
    "spontaneous-application openings positions vacancies en fr index index.html index.php "
    "home accueil talents team equipe opportunities open-positions".split()
)
_IDENTIFIER = re.compile(r"\d|[0-9a-f]{8,}", re.I)
_SLUG_WORDS = 3  # a path segment of this many words ("developpeur-java-lyon") names one offer

_GENDER = re.compile(
    r"\(?\b(?:H\s*/\s*F|F\s*/\s*H|M\s*/\s*F|F\s*/\s*M|H\s*-\s*F|F\s*-\s*H)"
    r"(?:\s*/\s*[XND])?\b\)?|\((?:E|NE|SE|TRICE|EUSE|ESSE)\)|·(?:E|NE|SE|TRICE|EUSE|ESSE)\b",
    re.I,
)
_WORD = re.compile(r"[0-9A-Z]+")
_PAIRED_FORMS = re.compile(r"\b([A-Z]{4,})\s*(?:/|\bOU\b|-)\s*([A-Z]{4,})\b")
_TITLE_STOPWORDS = frozenset("DE DU DES LA LE LES ET EN A D L UN UNE POUR AU AUX SUR".split())
_LEGAL_FORMS = frozenset(
    "SAS SASU SARL EURL SA SCOP SCA SCI SNC GIE SE GMBH LTD LIMITED INC LLC GROUPE GROUP "
    "FRANCE".split()
)
_REFERENCE = re.compile(r"[^0-9A-Z]+")
_DISTRICT_PARENT = (("751", "75056"), ("6938", "69123"), ("132", "13055"))
_MASK32 = 0xFFFFFFFF
_K1, _K2, _K3 = 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D  # odd multipliers mixing the three words
_TEXT_WORD = re.compile(r"\w+")
_LITTLE_ENDIAN = array("I", [1]).tobytes()[0] == 1
assert array("I").itemsize == 4, "signatures are packed as 32-bit unsigned integers"


# ---------------------------------------------------------------------------------------------
# Normalized pieces


def apply_key(url: str | None) -> str | None:
    """`url` without tracking parameters, lower-cased scheme and host, no trailing slash — or
    None when the link is not specific to one offer (a careers home page, a generic form)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=False)
        if name.lower() not in _TRACKING_PARAMS and not name.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    if not _specific(path, query, parts.fragment):
        return None
    host = parts.hostname.lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    key = urlunsplit(("https", host + port, path, urlencode(sorted(query)), parts.fragment))
    if len(key) > KEY_MAX_CHARS - 2:
        return "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def _specific(path: str, query: list[tuple[str, str]], fragment: str) -> bool:
    """True when a path, its identifying query or its fragment names one offer."""
    if query or fragment:
        return True
    for segment in path.lower().split("/"):
        if not segment or segment in _GENERIC_PATH_WORDS:
            continue
        if _IDENTIFIER.search(segment) or len(re.split(r"[-_.+]+", segment)) >= _SLUG_WORDS:
            return True
    return False


def title_key(title: str, place_words: frozenset[str] = frozenset()) -> str:
    """The title folded, in its order, without what does not tell one job from another:
    gender marks ("H/F", "(e)"), the feminine form beside the masculine ("Serveur / Serveuse"),
    plural endings, small words, and the words of the offer's own place ("… Lyon")."""
    folded = _PAIRED_FORMS.sub(_masculine, fold(_GENDER.sub(" ", title)))
    words = [_singular(word) for word in _WORD.findall(folded)]
    kept = [word for word in words if word not in _TITLE_STOPWORDS and word not in place_words]
    return " ".join(kept or words)[:120]


def _masculine(found: re.Match[str]) -> str:
    first, second = found[1], found[2]
    return first if first[:4] == second[:4] else found[0]


def _singular(word: str) -> str:
    """The singular of a plural title word: RESEAUX → RESEAU, SYSTEMES → SYSTEME (not LINUX
    nor BUSINESS)."""
    if len(word) > 4 and not word.endswith("SS") and word.endswith(("S", "EAUX", "EUX")):
        return word[:-1]
    return word


def company_key(name: str | None) -> str | None:
    """The company's name folded, without legal forms ("Acme SAS" and "ACME" agree)."""
    if not name:
        return None
    words = _WORD.findall(fold(name))
    kept = [word for word in words if word not in _LEGAL_FORMS]
    key = " ".join(kept or words)[:80]
    return key or None


def reference_key(reference: str | None) -> str | None:
    """The employer's reference folded to letters and digits; None when too short to tell."""
    if not reference:
        return None
    key = _REFERENCE.sub("", fold(reference))[:100]
    return key if len(key) >= 3 else None


def text_words(text: str) -> list[str]:
    """The words of `text`, lower-cased (accents kept: both copies of an offer keep them)."""
    return _TEXT_WORD.findall(unicodedata.normalize("NFC", text).lower())


def shingle_hashes(words: list[str]) -> set[int]:
    """32-bit hashes of the word 3-grams of `words`, stable across processes and versions."""
    codes = {word: zlib.crc32(word.encode()) for word in set(words)}
    hashes = [codes[word] for word in words]
    if len(hashes) < SHINGLE_WORDS:
        return {(value * _K1) & _MASK32 for value in hashes}
    return {
        ((first * _K1) ^ (second * _K2) ^ (third * _K3)) & _MASK32
        for first, second, third in zip(hashes, hashes[1:], hashes[2:], strict=False)
    }


def bottom_k(hashes: set[int], size: int = SIGNATURE_SIZE) -> bytes:
    """The `size` smallest hashes, sorted, packed as big-endian 32-bit integers."""
    packed = array("I", sorted(hashes)[:size])
    if _LITTLE_ENDIAN:
        packed.byteswap()
    return packed.tobytes()


def _unpack(signature: bytes) -> list[int]:
    values = array("I")
    values.frombytes(signature)
    if _LITTLE_ENDIAN:
        values.byteswap()
    return values.tolist()


@dataclass(frozen=True)
class Similarity:
    """How much two descriptions share, estimated from their sketches."""

    jaccard: float
    containment: float  # of the shorter in the longer
    sample: int  # how many hashes the estimate rests on


def similarity(a: bytes, a_size: int, b: bytes, b_size: int) -> Similarity:
    """Jaccard and containment of two shingle sets from their bottom-k sketches.

    Below the smaller of the two sketches' largest values both sketches are complete, so the
    hashes there are the same random sample of both sets (exact when a set fits its sketch).
    """
    return _similarity(_unpack(a), a_size, _unpack(b), b_size)


def _similarity(left: list[int], a_size: int, right: list[int], b_size: int) -> Similarity:
    if not left or not right:
        return Similarity(0.0, 0.0, 0)
    limits = []
    if a_size > len(left):
        limits.append(left[-1])
    if b_size > len(right):
        limits.append(right[-1])
    limit = min(limits) if limits else _MASK32
    left_sample = {value for value in left if value <= limit}
    right_sample = {value for value in right if value <= limit}
    shared = len(left_sample & right_sample)
    union = len(left_sample | right_sample)
    smaller = min(len(left_sample), len(right_sample))
    return Similarity(
        jaccard=shared / union if union else 0.0,
        containment=shared / smaller if smaller else 0.0,
        sample=smaller,
    )


# ---------------------------------------------------------------------------------------------
# Places


@dataclass(frozen=True)
class _PlaceKey:
    """What the fingerprint keeps of a place: level, commune, département, région."""

    level: str  # "commune", "departement", "region", "country", "remote", "unknown"
    commune: str | None = None  # INSEE code; arrondissements kept as they are
    departement: str | None = None
    region: str | None = None


def _parent_commune(insee: str) -> str:
    for prefix, parent in _DISTRICT_PARENT:
        if insee.startswith(prefix) and insee != parent:
            return parent
    return insee


def _place_words(offer: Offer) -> frozenset[str]:
    """The words naming the offer's place as recognised (the same whatever the source wrote),
    left out of its title key."""
    place = offer.place
    names = (place.commune_name, place.departement_name, place.region_name)
    words = {word for name in names if name for word in _WORD.findall(fold(name))}
    return frozenset(word for word in words if len(word) > 2 and not word.isdigit())


def _place_key(offer: Offer) -> _PlaceKey:
    place = offer.place
    if place.match == PlaceMatch.COMMUNE and place.insee_code:
        return _PlaceKey("commune", place.insee_code, place.departement_code, place.region_code)
    if place.match == PlaceMatch.AMBIGUOUS:
        departements = {_departement_of(code) for code in place.candidates}
        departement = departements.pop() if len(departements) == 1 else None
        level = "departement" if departement else "unknown"
        return _PlaceKey(level, None, departement, place.region_code)
    if place.match == PlaceMatch.DEPARTEMENT and place.departement_code:
        return _PlaceKey("departement", None, place.departement_code, place.region_code)
    if place.match == PlaceMatch.REGION and place.region_code:
        return _PlaceKey("region", None, None, place.region_code)
    if place.match == PlaceMatch.COUNTRY and place.country_code not in (None, "FR"):
        return _PlaceKey("abroad:" + str(place.country_code))
    if place.match == PlaceMatch.COUNTRY:
        return _PlaceKey("country")
    if place.match == PlaceMatch.REMOTE:
        return _PlaceKey("remote")
    return _PlaceKey("unknown")


def places_compatible(a: _PlaceKey, b: _PlaceKey, *, strict: bool = False) -> bool:
    """Whether two places can be the same place of work, one maybe less precise.

    "France" or "remote" says nothing against a place in France; `strict` (near duplicates,
    where nothing exact ties the two) does not let it stand for a precise place.
    """
    if a.level == "unknown" or b.level == "unknown":
        return True
    if a.level.startswith("abroad:") or b.level.startswith("abroad:"):
        return a.level == b.level
    broad = ("country", "remote")
    if a.level in broad or b.level in broad:
        return not strict or (a.level in broad and b.level in broad)
    if a.commune and b.commune:
        if a.commune == b.commune:
            return True
        # a city and one of its arrondissements agree; two arrondissements do not
        return _parent_commune(a.commune) == _parent_commune(b.commune) and (
            a.commune == _parent_commune(a.commune) or b.commune == _parent_commune(b.commune)
        )
    if a.departement and b.departement:
        return a.departement == b.departement
    if a.region and b.region:
        return a.region == b.region
    return True


# ---------------------------------------------------------------------------------------------
# The fingerprint


@dataclass(frozen=True)
class Fingerprint:
    """What dedup keeps of one offer: lookup keys, and the few fields `match` compares."""

    apply_key: str | None
    reference_key: str | None
    content_key: str
    areas: tuple[str, ...]  # the départements (or "FR", or a level) its block keys are for
    signature: bytes
    title: str  # title_key(offer.title)
    company: str | None  # company_key(offer.company_name)
    place_level: str
    commune: str | None
    departement: str | None
    region: str | None
    contract: str | None  # France Travail typeContrat code
    shingles: int  # size of the shingle set the signature was drawn from
    salary_min: float | None = None
    salary_period: str | None = None

    def keys(self) -> list[str]:
        """The keys the fingerprint is filed under, prefixed by their kind: "a:" apply link,
        "r:" reference, "c:" content, "b:" block; each at most 255 characters."""
        return self._with_exact_keys(self.block_keys()[0])

    def probe_keys(self) -> list[str]:
        """The keys to look candidates up by: an earlier copy of the same offer is filed under
        at least one of them (see `_block_keys`)."""
        return self._with_exact_keys(self.block_keys()[1])

    def block_keys(self) -> tuple[list[str], list[str]]:
        """The block keys (filed, probed) of the near-duplicate rule."""
        return _block_keys(self.title, self.company, self.areas, self.sketch)

    def _with_exact_keys(self, block_keys: list[str]) -> list[str]:
        keys = []
        if self.apply_key:
            keys.append("a:" + self.apply_key)
        if self.reference_key:
            keys.append("r:" + self.reference_key)
        keys.append("c:" + self.content_key)
        keys.extend("b:" + key for key in block_keys)
        return [key[:KEY_MAX_CHARS] for key in keys]

    def to_json(self) -> dict[str, Any]:
        """The fingerprint as JSON-ready data (the signature in base64)."""
        return {
            "apply_key": self.apply_key,
            "reference_key": self.reference_key,
            "content_key": self.content_key,
            "areas": list(self.areas),
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "title": self.title,
            "company": self.company,
            "place_level": self.place_level,
            "commune": self.commune,
            "departement": self.departement,
            "region": self.region,
            "contract": self.contract,
            "shingles": self.shingles,
            "salary_min": self.salary_min,
            "salary_period": self.salary_period,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fingerprint:
        """The fingerprint `to_json` gave."""
        return cls(
            apply_key=data.get("apply_key"),
            reference_key=data.get("reference_key"),
            content_key=data["content_key"],
            areas=tuple(data.get("areas") or ()),
            signature=base64.b64decode(data.get("signature") or ""),
            title=data.get("title") or "",
            company=data.get("company"),
            place_level=data.get("place_level") or "unknown",
            commune=data.get("commune"),
            departement=data.get("departement"),
            region=data.get("region"),
            contract=data.get("contract"),
            shingles=int(data.get("shingles") or 0),
            salary_min=data.get("salary_min"),
            salary_period=data.get("salary_period"),
        )

    @cached_property
    def place(self) -> _PlaceKey:
        """The place fields, as `places_compatible` compares them."""
        return _PlaceKey(self.place_level, self.commune, self.departement, self.region)

    @cached_property
    def sketch(self) -> list[int]:
        """The signature's hashes, unpacked once."""
        return _unpack(self.signature)


def _block_keys(
    title: str, company: str | None, areas: tuple[str, ...], sketch: list[int]
) -> tuple[list[str], list[str]]:
    """(filed, probed): keys that every near duplicate shares with its original, whatever was
    edited, without looking through every other employer's offers.

    Near duplicates agree on the company, or one of the two does not name it. So a copy that
    names its company is filed under keys of its company ("cd" company and département, "ct"
    company and title, "mc" company and text) and under title and text keys for copies that
    name none ("tk", "mk"); it probes its company's keys and the title and text keys of copies
    without a company ("tu", "mu"). A copy without a company is filed under "tu" and "mu", and
    probes both kinds. A common title in a big city ("Développeur Java" in Paris) or a template
    text then brings its own employer's offers as candidates, not everyone's.
    """
    text = f"{sketch[0]:08x}{sketch[1]:08x}" if len(sketch) >= 2 else None
    titles_known = [f"tk:{title}|{area}" for area in areas]
    titles_unknown = [f"tu:{title}|{area}" for area in areas]
    if company:
        own = [f"cd:{company}|{area}" for area in areas] + [f"ct:{company}|{title}"]
        filed, probed = own + titles_known, own + titles_unknown
        if text:  # the two smallest shingle hashes: shared by most similar texts
            filed += [f"mc:{company}|{text}", f"mk:{text}"]
            probed += [f"mc:{company}|{text}", f"mu:{text}"]
    else:
        filed, probed = titles_unknown, titles_known + titles_unknown
        if text:
            filed += [f"mu:{text}"]
            probed += [f"mk:{text}", f"mu:{text}"]
    return _short(filed), _short(probed)


def _short(keys: list[str]) -> list[str]:
    return [key[:BLOCK_KEY_MAX_CHARS] for key in keys]


def _areas(offer: Offer, place: _PlaceKey) -> list[str]:
    """The départements a place may be in, for block keys: its own, "FR" for France or remote
    work, the first candidates' of an ambiguous name ("Massy": 91, 71 or 76)."""
    if place.departement:
        return [place.departement]
    if place.level in ("country", "remote"):
        return ["FR"]
    if offer.place.match == PlaceMatch.AMBIGUOUS and offer.place.candidates:
        departements = dict.fromkeys(_departement_of(code) for code in offer.place.candidates)
        return sorted(departements)[:MAX_AREAS]
    return [place.level]


def _departement_of(insee: str) -> str:
    return insee[:3] if insee.startswith("97") else insee[:2]


def fingerprint(offer: Offer) -> Fingerprint:
    """The dedup fingerprint of a normalized offer; cheap (a few hashes over its text)."""
    place = _place_key(offer)
    title = title_key(offer.title, _place_words(offer))
    company = company_key(offer.company_name)
    words = text_words(offer.description_text)
    hashes = shingle_hashes(title.lower().split() + words[:SKETCHED_WORDS])
    signature = bottom_k(hashes)
    place_text = place.commune or place.departement or place.region or place.level
    content = "\n".join([title, company or "", place_text, " ".join(words)]).encode()
    reference = reference_key(offer.reference)
    apply = apply_key(str(offer.apply_url) if offer.apply_url else None) or apply_key(
        str(offer.url) if offer.url else None
    )
    salary = offer.salary
    return Fingerprint(
        apply_key=apply,
        reference_key=f"{company}|{reference}" if company and reference else None,
        content_key=hashlib.sha256(content).hexdigest(),
        areas=tuple(_areas(offer, place)),
        signature=signature,
        title=title,
        company=company,
        place_level=place.level,
        commune=place.commune,
        departement=place.departement,
        region=place.region,
        contract=offer.contract.type_contrat,
        shingles=len(hashes),
        salary_min=salary.minimum if salary and salary.minimum else None,
        salary_period=salary.period.value if salary and salary.period else None,
    )


# ---------------------------------------------------------------------------------------------
# Matching

NEAR_THRESHOLD = 0.75
NEAR_TITLE = 0.8  # titles less alike than this are other jobs
NEAR_DESCRIPTION = 0.6  # descriptions sharing less than this are other offers
NEAR_TITLE_WEIGHT = 0.4
TRIMMED_RATIO = 0.85  # the shorter description under this share of the longer: maybe trimmed
CONTAINMENT_PENALTY = 0.1
MIN_SAMPLE = 16


@dataclass(frozen=True)
class Match:
    """Why two fingerprints are the same offer, and how sure the matcher is (0..1)."""

    reason: str  # "apply_url" | "reference" | "content" | "near"
    score: float


def title_similarity(a: str, b: str) -> float:
    """0..1: how alike two title keys are, word order aside."""
    if a == b:
        return 1.0
    return float(fuzz.token_sort_ratio(a, b)) / 100


def companies_compatible(a: str | None, b: str | None) -> bool:
    """Whether two company keys may name one employer (either unknown, or nearly equal)."""
    return a is None or b is None or a == b or fuzz.ratio(a, b) >= 90


def _contracts_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _salaries_compatible(a: Fingerprint, b: Fingerprint) -> bool:
    if a.salary_min is None or b.salary_min is None or a.salary_period != b.salary_period:
        return True
    low, high = sorted((a.salary_min, b.salary_min))
    return high <= low * 1.25


def _compatible(a: Fingerprint, b: Fingerprint) -> bool:
    """Nothing known on both sides tells the two apart: company, place, contract, pay."""
    return (
        companies_compatible(a.company, b.company)
        and _contracts_compatible(a.contract, b.contract)
        and places_compatible(a.place, b.place)
        and _salaries_compatible(a, b)
    )


def match(a: Fingerprint, b: Fingerprint) -> Match | None:
    """Whether `a` and `b` are the same offer, and why; None when they are not (or may not be).

    A shared specific apply link, a shared reference within one company, or the same content
    is a match unless company, place, contract or pay tell the two apart. A near duplicate
    needs, besides, places of the same precision, a similar title and a description mostly
    shared.
    """
    if not _compatible(a, b):
        return None
    if a.content_key == b.content_key:
        return Match("content", 1.0)
    titles = title_similarity(a.title, b.title)
    if a.apply_key and a.apply_key == b.apply_key and titles >= 0.5:
        return Match("apply_url", 0.98)
    if a.reference_key and a.reference_key == b.reference_key and titles >= 0.5:
        return Match("reference", 0.95)
    if titles < NEAR_TITLE or not places_compatible(a.place, b.place, strict=True):
        return None
    text = _similarity(a.sketch, a.shingles, b.sketch, b.shingles)
    score = _near_score(titles, text, min(a.shingles, b.shingles) / max(1, a.shingles, b.shingles))
    return Match("near", round(score, 3)) if score >= NEAR_THRESHOLD else None


def _near_score(titles: float, text: Similarity, sizes: float) -> float:
    """0..1 from the title and description similarities; 0 when the descriptions differ.

    Containment stands for Jaccard only when one description is clearly the shorter (a trimmed
    copy) and the estimate rests on enough hashes.
    """
    description = text.jaccard
    if sizes < TRIMMED_RATIO and text.sample >= MIN_SAMPLE:
        description = max(description, text.containment - CONTAINMENT_PENALTY)
    if description < NEAR_DESCRIPTION:
        return 0.0
    return NEAR_TITLE_WEIGHT * titles + (1 - NEAR_TITLE_WEIGHT) * description


# ---------------------------------------------------------------------------------------------
# Which copy is canonical


def _description_bucket(text: str) -> int:
    length = len(text)
    return 0 if length < 200 else 1 if length < 800 else 2 if length < 2000 else 3


def completeness(offer: Offer) -> int:
    """How many useful fields the offer fills (a longer description counts for up to three)."""
    filled = [
        offer.salary is not None and offer.salary.minimum is not None,
        offer.rome is not None and offer.rome.confidence >= 0.5,
        offer.place.insee_code is not None,
        offer.contract.type_contrat is not None,
        offer.contract.full_time is not None,
        offer.apply_url is not None,
        offer.company_name is not None,
        offer.experience.requirement is not None,
        offer.remote.mode is not None,
        offer.posted_at is not None,
        offer.valid_through is not None,
        offer.reference is not None,
    ]
    return sum(filled) + _description_bucket(offer.description_text)


def canonical_rank(
    offer: Offer, *, direct_employer: bool, first_seen_at: datetime
) -> tuple[Any, ...]:
    """Sort key of copies of one offer; the first is canonical: the employer's own copy over
    an intermediary's, then the most complete, then the earliest seen."""
    return (
        0 if direct_employer else 1,
        -completeness(offer),
        first_seen_at,
        offer.source,
        offer.external_id,
    )
