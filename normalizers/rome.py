"""Job offers read as ROME 4.0 codes, from the title and the description, with the appellation
matched, a stated confidence and the next best métiers.

The title gives the candidates: the ROME's 13,120 appellations, read with hand-written synonyms
and abbreviations (`normalizers.rome_vocabulary`). A title is folded, stripped of gender marks
("H/F", "Ingénieur.e", "Développeur / Développeuse"), singularised and made masculine, spelling
slips are corrected against the referential's words, and the appellations sharing its words are
scored by how much of each other they cover, each word weighed by its rarity (the words an
abbreviation stands for weigh as one). A job name that is an appellation word for word, or its
written form with the label's abbreviation ("Soudeur TIG"), reads as it; a job name several
métiers' appellations specialise ("Infirmier", "Chef de rayon") reads as the métier holding most
of them, with its generic appellation, as a guess when several hold about as many or when a
métier of another trade holds several too ("Plongeur": underwater works, or a restaurant's
dishes). Abbreviations the ROME's labels read several ways ("CIP") are written out as the one
whose ROME items the offer matches, and those its texts write for a specialty ("activité
physique adaptée (APA)") are written out (`_expanded_title`). Titles repeat a lot: their
reading is memoized.

The description is compared with each métier's own ROME texts (definition, access conditions,
skills, knowledge, sectors, appellations: TF-IDF profiles built offline from the ROME v460 open
data by `normalizers.referentials.build`). It breaks the title's near ties, and when it plainly
works in another field than the title's reading (a word read in the wrong field, a word's other
meaning, a generic title), it chooses the field and the title the métier within it; when the
title reads almost as well as several métiers of one field or of agreeing fields ("Agent
d'entretien": of buildings, or cleaning of premises), the one whose ROME texts the description
plainly matches wins. Among a generic title's near readings, the description is also compared
with their texts alone, on the words some reading's texts use (`_sibling_reading`), so that the
employer's business ("collège", "groupe familial de 900 collaborateurs") does not drown the job's
own words ("parties communes", "ligne de conditionnement"); failing that, its sentences are
matched one by one to the readings' ROME skill items and definition sentences
(`normalizers.rome_items`), where a school's or a hotel's words find no item. Such codes are
given as uncertain, with the title's reading among the alternatives. Everything is offline and
deterministic.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter, mul
from typing import NamedTuple

from normalizers import referentials, rome_items
from normalizers.job_titles import (
    gender_reading,
    one_slip_apart,
    raw_words,
    replace_phrases,
    replace_tagged_phrases,
    singular,
    stem,
    text_stems,
    to_lemmas,
)
from normalizers.referentials import RomeMetier
from normalizers.rome_vocabulary import (
    DESCRIPTION_STOP_WORDS,
    EXECUTING_ROLES,
    FILLER_WORDS,
    STOP_WORDS,
    SYNONYMS,
    TECHNOLOGIES,
)
from normalizers.text import fold
from schemas import RomeAlternative, RomeCoding

FT_UNASSIGNED_FROM_OGR = 500_000
"""Métiers and appellations with an OGR code from here on are the latest additions to ROME 4.0.
France Travail long coded their offers with the parent ("Data analyst", M1419 in v460, was M1403:
none of the 1,169 offers of 2022–2025 of the IT development file carries one) and assigns them
since 2025 (48 of the 500 offers of June–August 2025 of the every-trade file do): offers are now
coded with them, as France Travail codes today's offers (`LATEST_METIERS_ASSIGNED`). Such
appellations count for `NEW_APPELLATION_FACTOR` of their match, so that an older title of the
vocabulary that fits almost as well wins."""
LATEST_METIERS_ASSIGNED = True
"""Whether offers of the latest métiers are coded with them (True) or with their parent."""

LOW_CONFIDENCE = 0.5
"""Below this the code is a guess: kept on the offer, but worth a recruiter's look."""

MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 6_000
TITLE_MEMO_SIZE = 65_536
"""Titles whose reading is kept (titles repeat a lot: "Chauffeur livreur H/F")."""
CODING_MEMO_SIZE = 16_384
"""Offers (title and description) whose coding is kept: the same offers come back every day."""
TITLE_READINGS = 60
"""The title's best appellations kept in the memo (their codes are the title's candidates)."""
GUESSED_FACTOR = 0.6
"""What an appellation met only through a word of the same family as the title's keeps of its
score: a guess, that the description may overturn."""
TITLE_CANDIDATES = 8
"""The title's best codes that the description re-ranks."""
VECTOR_STEMS = 64
"""The description's heaviest stems kept (most of its weight: the rest are passing words)."""
LEADER_STEMS = 24
"""The description's heaviest stems used to find the métiers it points to."""
POSTED_STEMS = 60
"""The heaviest stems of each métier's profile through which descriptions find it."""
POSTINGS_PER_STEM = 25
"""The métiers a stem leads to at most: those weighing it most."""
SHORTLIST = 12
"""The métiers the description's heaviest stems point to, compared with it in full."""
LEADERS = 4
"""The métiers the description points to most, added to the title's candidates."""
DESCRIPTION_WEIGHT = 0.8
"""How much of a title score (0 to 1) rests on the description agreeing with the métier: a
title reading the description contradicts keeps 1 - this."""
DESCRIPTION_ONLY_WEIGHT = 0.4
"""What the description alone gives the métier it points to most, whatever the title says."""
CONFIDENT_MARGIN = 0.25
TIE_MARGIN = 0.12
"""Title candidates this close to the best are told apart by the description's ROME words."""
TIE_WEIGHT = 0.25
MIN_STEMS = 12
"""A description with fewer distinct words the ROME knows says too little to overturn a title."""
MIN_GENERIC_STEMS = 6
"""As many suffice to choose among the readings of a title naming only a job several métiers
specialise (`_generic_readings`): "Opérateur de production" in a firm of "plasturgie"."""
PLAINLY_SUPPORTED = 0.15
"""A description this close (cosine) to the title's métier confirms it: no other is sought."""
MIN_EVIDENCE = 0.15
"""A description this far from every métier (short, or about the company) overturns nothing."""
OVERTURN_BELOW = 0.35
"""A title reading whose field agrees with the description less than this is reconsidered."""
FIELD_LEVEL = 3
"""The letters of a code that name its field: 3, the domaine professionnel (M18)."""
NAMED_FROM = 0.95
"""A title scoring this much is an appellation of the ROME, word for word."""
NAMED_OVERTURN_FACTOR = 0.5
"""How much more contradiction it takes to doubt a title that is an appellation (such a title
keeps its code, shown as uncertain)."""
SUPPORTED_FROM = 0.7
"""A title reading whose field agrees at least this much keeps its confidence."""
SUPPORT_PENALTY = 0.5
"""The share of confidence lost, at most, by a reading its description only half supports."""
NEAR_MARGIN = 0.2
NEAR_RATIO = 3.0
NEAR_MIN = 0.1
FIELD_NEAR_RATIO = 2.0
FIELD_READING = 0.5
"""A field the description points to that none of the title's best readings is in competes with
the title's best reading within it (`_field_reading`) when that métier's ROME texts are at least
this share as close to the description as the field's closest."""
FIELD_NEAR_MIN = 0.9
"""A near reading whose field agrees with the description this many times as much as the best
reading's (which agrees less than `SUPPORTED_FROM`), and at least `FIELD_NEAR_MIN`, wins too."""
"""A near reading of the title the description plainly describes wins (`_near_reading`)."""
SIBLING_MARGIN = 0.2
SIBLING_RATIO = 2.0
SIBLING_MIN = 0.2
SIBLING_LEAD = 1.25
ITEM_RATIO = 1.5
"""Among a generic title's near readings, the one whose ROME items and definition sentences
the description's sentences match this many times as much as the best reading's wins
(`normalizers.rome_items`), when it also leads every other reading `SIBLING_LEAD` times."""
ITEM_MIN = 20.0
"""The least item score (a sum of BM25 votes) that can choose a reading."""
"""A generic title's reading within `SIBLING_MARGIN` of the best on the title wins
(`_sibling_reading`) when the description, on the words the readings' texts use, matches its
texts `SIBLING_RATIO` times as much as the best reading's, at least `SIBLING_MIN` (cosine), and
`SIBLING_LEAD` times as much as any reading of another field: a clear winner, not noise."""
OVERTURN_CONFIDENCE = 0.45
"""Codes the description chose against the title are guesses, shown with their alternatives."""
DESCRIPTION_ONLY_CONFIDENCE = 0.3
DESCRIPTION_ONLY_MIN_SIMILARITY = 0.15
DESCRIPTION_ONLY_MIN_FOUND = 0.75
"""The share of an appellation's weight running text must name for it to be read there."""
RARELY_USED_FACTOR = 0.97
NEW_APPELLATION_FACTOR = 0.8
OTHER_ROLE_FACTOR = 0.8
MIN_TYPO_LENGTH = 7
MIN_STEM_LENGTH = 6
MIN_RECALL = 0.15
"""Appellations covering less of the title's weight than this are not readings of it."""
UNSAID_CREDIT = 0.5
"""What an appellation's word the title does not say but the description does counts of it."""
UNSAID_REPEATED = 2
"""A word the description says this many times counts fully; once, for half."""
UNSAID_WINDOW = 0.3
"""Only the appellations within this of the title's best are read again with the description."""
UNKNOWN_WORD_SHARE = 1.0
"""What a title word the ROME does not know ("procurabilité") weighs against the title's known
words (as much as their average): the share of the title left unexplained lowers confidence."""
MIN_UNKNOWN_LENGTH = 4
UNSUPPORTED_SPECIALTY = 1.0
"""How much of the share of an appellation said by neither the title nor the description
(`_unsupported_share`) its confidence loses: all of it."""
POSITION_DECAY = 0.15
"""The job is named first ("Data analyst RH"): each later title word weighs a little less."""
EXACT_SCORE = 1.0
"""The title score of an appellation the title's job name is, word for word (`_exact_position`)."""
GENERIC_DOMINANCE = 2.0
"""A title naming only the job ("Infirmier", "Vendeur") reads as the métier holding this many
times as many appellations of those words as the next (`_generic_position`), else as its best
reading's métier, with that métier's generic appellation; it is the job's usual reading, given
with confidence, when that métier holds this many times as many as all others, else a guess."""
GENERIC_MIN_HELD = 3
"""A métier holding fewer appellations of a job's name is no evidence of its usual reading."""
GENERIC_MARGIN = 0.03
"""What the generic reading of a job word scores above the title's best specialised reading when
several métiers hold about as many of its appellations: enough to lead on the title alone, little
enough for a specialty the description names ("rayon informatique") to win."""
ALTERNATIVE_SHARE = 0.55
"""An alternative offered beside the title's reading scores at least this share of its title
score and names the same person (`_plausible`): "Aide-comptable" is no reading of
"Aide-soignant de nuit"."""


_TITLE_TAIL = re.compile(r"\s[-–—|]\s|\s\(|[,|:]")
"""Where the job's name ends in a title: places, companies and contracts come after
("Chef d'équipe - Lyon", "Comptable (CDI)")."""

_PERKS = re.compile(
    r"\b(?:tickets?|titres?|cartes?|chèques?)[ -]+(?:restaurants?|resto|déjeuner)\b"
    r"|\b(?:restaurant|restauration) d'entreprise\b",
    re.IGNORECASE,
)
"""Perks that name another trade's words ("tickets restaurant" in an accountant's offer)."""
_PERK_HINTS = ("rest", "déjeuner")
"""What every perk of `_PERKS` says, case folded: a text without them has none."""


class _Appellation(NamedTuple):
    ogr_code: str
    code: str  # as France Travail assigns it
    label: str
    words: frozenset[str]
    weight: float
    factor: float
    role: str | None  # the person the appellation names first: ADMINISTRATEUR, CONSULTANT…


@dataclass(frozen=True)
class _Index:
    """Everything the coder needs, built once per process from the ROME referential."""

    appellations: tuple[_Appellation, ...]
    by_word: dict[str, tuple[int, ...]]
    idf: dict[str, float]
    masculine: dict[str, str]
    known: frozenset[str]  # the singular masculine words of the referential
    roles: frozenset[str]  # words naming a person: ADMINISTRATEUR, ANALYSTE, CHEF…
    synonyms: dict[tuple[str, ...], tuple[str, ...]]
    technologies: dict[tuple[str, ...], tuple[str, ...]]  # for offers only
    spellings: dict[str, int]  # every written word of the referential, with its frequency
    spellings_by_start: dict[str, tuple[str, ...]]  # the longer ones by their first two letters
    lemmas_by_stem: dict[str, tuple[str, ...]]  # lemmas by their first `MIN_STEM_LENGTH` letters
    profiles: dict[str, dict[str, float]]
    profile_norms: dict[str, float]


def ft_code(metier: RomeMetier) -> str:
    """The code France Travail gives offers of `metier`: its own (its parent for the latest
    métiers when `LATEST_METIERS_ASSIGNED` is off, as before 2025)."""
    metiers = referentials.rome_metiers()
    if LATEST_METIERS_ASSIGNED:
        return metier.code
    if metier.ogr_code >= FT_UNASSIGNED_FROM_OGR and metier.parent_code in metiers:
        return metier.parent_code
    return metier.code


def _appellation_factor(appellation: referentials.RomeAppellation) -> float:
    factor = RARELY_USED_FACTOR if appellation.rarely_used else 1.0
    if int(appellation.ogr_code) >= FT_UNASSIGNED_FROM_OGR:
        factor *= NEW_APPELLATION_FACTOR
    return factor


@cache
def _index() -> _Index:
    metiers = referentials.rome_metiers()
    readings = []
    pairs: dict[str, str] = {}
    spellings: Counter[str] = Counter()
    heads: set[str] = set()
    for appellation in referentials.rome_appellations().values():
        words, gender_pairs, head = gender_reading(appellation.label)
        readings.append((appellation, words))
        if head:
            heads.add(head)
        spellings.update(words)
        spellings.update(feminine for feminine, _ in gender_pairs)
        for feminine, masculine in gender_pairs:
            pairs[singular(feminine)] = singular(masculine)
    known = frozenset(singular(w) for _, words in readings for w in words)
    roles = frozenset(to_lemmas(heads, pairs, known)) - FILLER_WORDS

    def table(entries: dict[str, str]) -> dict[tuple[str, ...], tuple[str, ...]]:
        read = {}
        for written, meant in entries.items():
            spellings.update(raw_words(written))
            if key := tuple(to_lemmas(raw_words(written), pairs, known)):
                read[key] = tuple(to_lemmas(raw_words(meant), pairs, known))
        return read

    synonyms, technologies = table(SYNONYMS), table(TECHNOLOGIES)
    spellings.update(FILLER_WORDS | STOP_WORDS)
    prepared = []
    for appellation, words in readings:
        lemmas = replace_phrases(to_lemmas(words, pairs, known), synonyms)
        role = next((lemma for lemma in lemmas if lemma in roles), None)
        prepared.append((appellation, frozenset(lemmas) - FILLER_WORDS, role))
    document_frequency: Counter[str] = Counter()
    for _, lemma_set, _ in prepared:
        document_frequency.update(lemma_set)
    idf = {word: math.log(len(prepared) / n) + 1.0 for word, n in document_frequency.items()}
    appellations: list[_Appellation] = []
    by_word: dict[str, list[int]] = {}
    profiles: dict[str, dict[str, float]] = {}
    for appellation, lemma_set, role in prepared:
        if not lemma_set:
            continue
        code = ft_code(metiers[appellation.rome_code])
        for word in lemma_set:
            by_word.setdefault(word, []).append(len(appellations))
            profiles.setdefault(code, {})[word] = idf[word]
        appellations.append(
            _Appellation(
                ogr_code=appellation.ogr_code,
                code=code,
                label=appellation.label,
                words=lemma_set,
                weight=math.fsum(idf[w] for w in lemma_set),
                factor=_appellation_factor(appellation),
                role=role,
            )
        )
    by_start: dict[str, list[str]] = {}
    for word in spellings:
        if len(word) >= MIN_TYPO_LENGTH - 1:
            by_start.setdefault(word[:2], []).append(word)
    stems: dict[str, list[str]] = {}
    for word in idf:
        if len(word) >= MIN_STEM_LENGTH:
            stems.setdefault(word[:MIN_STEM_LENGTH], []).append(word)
    return _Index(
        appellations=tuple(appellations),
        by_word={word: tuple(positions) for word, positions in by_word.items()},
        idf=idf,
        masculine=pairs,
        known=known,
        roles=roles,
        synonyms=synonyms,
        technologies=technologies,
        spellings=dict(spellings),
        spellings_by_start={start: tuple(words) for start, words in by_start.items()},
        lemmas_by_stem={stem: tuple(sorted(words)) for stem, words in stems.items()},
        profiles=profiles,
        profile_norms={
            code: math.sqrt(sum(v * v for v in profile.values()))
            for code, profile in profiles.items()
        },
    )


def _corrected(word: str, index: _Index) -> str:
    """`word`, or the one referential word it is a slip of ("GESTIONAIRE" → "GESTIONNAIRE")."""
    if len(word) < MIN_TYPO_LENGTH or word in index.spellings or not word.isalpha():
        return word
    candidates = [
        other for other in index.spellings_by_start.get(word[:2], ()) if one_slip_apart(word, other)
    ]
    if not candidates:
        return word
    ranked = sorted(candidates, key=lambda c: (-index.spellings[c], c))
    if len(ranked) > 1 and index.spellings[ranked[0]] == index.spellings[ranked[1]]:
        return word  # two equally likely readings: leave the word alone
    return ranked[0]


def _same_family(lemma: str, index: _Index) -> str:
    """`lemma`, or the ROME word of its family ("COLLECTEUR" → "COLLECTE") when it has none."""
    if lemma in index.idf or len(lemma) < MIN_STEM_LENGTH + 1:
        return lemma
    family = [
        word
        for word in index.lemmas_by_stem.get(lemma[:MIN_STEM_LENGTH], ())
        if len(os.path.commonprefix((word, lemma))) >= max(MIN_STEM_LENGTH, len(lemma) - 3)
    ]
    if not family:
        return lemma
    return min(family, key=lambda w: (-len(os.path.commonprefix((w, lemma))), -index.idf[w], w))


def _offer_lemmas(words: list[str], index: _Index) -> list[str]:
    lemmas = to_lemmas(words, index.masculine, index.known)
    lemmas = replace_phrases(replace_phrases(lemmas, index.technologies), index.synonyms)
    return [w for w in lemmas if w not in FILLER_WORDS]


def _title_words(
    text: str,
    index: _Index,
    guessed: set[str] | None = None,
    unknown: set[str] | None = None,
) -> dict[str, float]:
    """The title's ROME words in order, with their weights: lemmas, slips corrected, synonyms
    applied, no filler. A word weighs its rarity, less the later it comes (`POSITION_DECAY`);
    the words an abbreviation or a technology stands for ("VL" → VEHICULE LEGER) share the
    weight of one word, so that "Collecteur VL/PL" stays a collector."""
    lemmas = to_lemmas(
        [_corrected(word, index) for word in raw_words(text)], index.masculine, index.known
    )
    tagged = replace_tagged_phrases(
        [(lemma, written) for written, lemma in enumerate(lemmas)], index.technologies
    )
    tagged = replace_tagged_phrases(tagged, index.synonyms)
    words: dict[str, int] = {}  # ROME word → the written word it comes from
    for lemma, written in tagged:
        word = _same_family(lemma, index) if lemma not in FILLER_WORDS else lemma
        if word not in FILLER_WORDS and word in index.idf:
            words.setdefault(word, written)
            if guessed is not None and word != lemma:
                guessed.add(word)
        elif unknown is not None and _is_unknown_word(lemma):
            unknown.add(lemma)
    strongest: dict[int, float] = {}  # written word → the rarity of its rarest ROME word
    together: dict[int, float] = {}  # written word → the rarities of its ROME words, added
    for word, written in words.items():
        strongest[written] = max(strongest.get(written, 0.0), index.idf[word])
        together[written] = together.get(written, 0.0) + index.idf[word]
    rank = {written: i for i, written in enumerate(strongest)}
    return {
        word: index.idf[word]
        * strongest[written]
        / together[written]
        / (1 + POSITION_DECAY * max(0, rank[written] - 1))
        for word, written in words.items()
    }


def _description_words(text: str, index: _Index) -> frozenset[str]:
    """The description's words that are ROME words."""
    lemmas = _offer_lemmas(raw_words(text[:MAX_DESCRIPTION_CHARS]), index)
    return frozenset(w for w in lemmas if w in index.idf)


def _title_scores(
    title: dict[str, float],
    index: _Index,
    parts: dict[int, tuple[float, float]] | None = None,
) -> dict[int, float]:
    """Each appellation sharing a word with the title, scored by mutual weighted coverage (F1).

    An appellation naming another person than the title does ("Consultant ERP" for
    "Administrateur ERP") counts for less. `parts`, when given, receives each appellation's
    precision and recall.
    """
    title_weight = sum(title.values())
    title_roles = index.roles.intersection(title)
    found: dict[int, float] = {}  # appellation → the rarity of its words the title has
    covered: dict[int, float] = {}  # appellation → the title's weight of the words it has
    for word, weight in title.items():
        rarity = index.idf[word]
        for position in index.by_word.get(word, ()):
            found[position] = found.get(position, 0.0) + rarity
            covered[position] = covered.get(position, 0.0) + weight
    scores = {}
    appellations = index.appellations
    least = MIN_RECALL * title_weight
    for position, shared in found.items():
        if covered[position] < least:
            continue  # shares only a minor word of the title: not a reading of it
        appellation = appellations[position]
        factor = appellation.factor
        if title_roles and appellation.role and appellation.role not in title:
            factor *= OTHER_ROLE_FACTOR  # "Administrateur ERP" is no "Consultant ERP"
        precision = shared / appellation.weight
        recall = covered[position] / title_weight
        scores[position] = factor * 2 * precision * recall / (precision + recall)
        if parts is not None:
            parts[position] = (precision, recall)
    return scores


def _best_title_scores(
    title: dict[str, float],
    index: _Index,
    guessed: frozenset[str],
    parts: dict[int, tuple[float, float]],
) -> dict[int, float]:
    """The scores of `_title_scores` (`GUESSED_FACTOR` applied to appellations with a `guessed`
    word) of at least the `TITLE_READINGS` best appellations, and of every one scoring as much
    as the last of them, without scoring each appellation of the title's commonest word.

    The appellations having the commonest word ("TECHNICIEN": thousands) and no other word of
    the title all score the same recall, and a precision falling as their weight grows: they
    are read lightest first, and no further once the best a heavier one could score is below
    the `TITLE_READINGS`-th score found (the ranking, ties included, is `_title_scores`').
    """
    common = max(title, key=lambda word: (len(index.by_word.get(word, ())), word))
    others = {word: weight for word, weight in title.items() if word != common}
    title_weight = sum(title.values())
    title_roles = index.roles.intersection(title)
    appellations = index.appellations
    found: dict[int, float] = {}  # appellation → the rarity of its words the title has
    covered: dict[int, float] = {}  # appellation → the title's weight of the words it has
    for word, weight in others.items():
        rarity = index.idf[word]
        for position in index.by_word.get(word, ()):
            found[position] = found.get(position, 0.0) + rarity
            covered[position] = covered.get(position, 0.0) + weight
    common_rarity, common_weight = index.idf[common], title[common]
    for position in found:
        if common in appellations[position].words:
            found[position] += common_rarity
            covered[position] += common_weight
    least = MIN_RECALL * title_weight
    scores: dict[int, float] = {}

    def score(position: int, shared: float, cover: float) -> float:
        appellation = appellations[position]
        factor = appellation.factor
        if title_roles and appellation.role and appellation.role not in title:
            factor *= OTHER_ROLE_FACTOR  # "Administrateur ERP" is no "Consultant ERP"
        if guessed and not guessed.isdisjoint(appellation.words):
            factor *= GUESSED_FACTOR  # "étalonnage" is no stallion keeper's word
        precision = shared / appellation.weight
        recall = cover / title_weight
        parts[position] = (precision, recall)
        return factor * 2 * precision * recall / (precision + recall)

    for position, shared in found.items():
        if covered[position] >= least:  # else it shares only a minor word of the title
            scores[position] = score(position, shared, covered[position])
    if common_weight < least:
        return scores
    top = heapq.nlargest(TITLE_READINGS, scores.values())
    heapq.heapify(top)  # the best scores found, the least of them first
    bar = top[0] if len(top) == TITLE_READINGS else -1.0
    recall = common_weight / title_weight
    for position in _by_weight(common):
        if position in found:
            continue
        precision = common_rarity / appellations[position].weight
        if 2 * precision * recall / (precision + recall) < bar:
            break  # every heavier appellation scores less than the best already found
        value = score(position, common_rarity, common_weight)
        scores[position] = value
        if len(top) < TITLE_READINGS:
            heapq.heappush(top, value)
        elif value > top[0]:
            heapq.heapreplace(top, value)
        if len(top) == TITLE_READINGS:
            bar = top[0]
    return scores


@lru_cache(maxsize=4096)
def _by_weight(word: str) -> tuple[int, ...]:
    """The appellations having `word`, lightest first (the title's commonest word)."""
    appellations = _index().appellations
    return tuple(sorted(_index().by_word.get(word, ()), key=lambda p: (appellations[p].weight, p)))


@cache
def _positions_by_ogr() -> dict[str, int]:
    return {appellation.ogr_code: i for i, appellation in enumerate(_index().appellations)}


def title_fit(title: str, appellation_code: str) -> float:
    """How well `title` reads as the appellation of OGR code `appellation_code`, on the scale the
    coder ranks appellations with: about 1 for the appellation's own words, 0 when the two share
    no word (or the appellation is unknown). Used to tell apart the coder's misses and the
    offers France Travail coded with a title they do not name."""
    index = _index()
    position = _positions_by_ogr().get(appellation_code)
    words = _title_words(title[:MAX_TITLE_CHARS], index)
    if position is None or not words:
        return 0.0
    return _title_scores(words, index).get(position, 0.0)


def _description_affinity(code: str, words: frozenset[str], index: _Index) -> float:
    """Cosine of the description's words and every word of the métier's appellations."""
    profile = index.profiles.get(code)
    if not profile or not words:
        return 0.0
    shared = math.fsum(weight * weight for word, weight in profile.items() if word in words)
    norm = math.sqrt(math.fsum(index.idf[w] ** 2 for w in words))
    return shared / (index.profile_norms[code] * norm) if norm else 0.0


def _appellation_affinity(code: str, stems: frozenset[str]) -> float:
    """Cosine of the description's stems and the stems of every word of the métier's
    appellations, each weighed by its rarity among the appellations."""
    profile = _appellation_stem_profiles().get(code)
    if not profile:
        return 0.0
    norm = _stems_norm(stems)
    if not norm:
        return 0.0
    weights = profile[0]
    shared = math.fsum(weights[word_stem] ** 2 for word_stem in stems & weights.keys())
    return shared / (profile[1] * norm)


@lru_cache(maxsize=4)
def _stems_norm(stems: frozenset[str]) -> float:
    """The length of a description's stems as a vector of their rarities among appellations
    (kept for the few métiers of one offer compared in a row)."""
    rarity = _appellation_stem_rarity()
    return math.sqrt(math.fsum(rarity[s] ** 2 for s in stems if s in rarity))


@cache
def _appellation_stem_rarity() -> dict[str, float]:
    """The rarity (idf over the appellations) of each stem of an appellation word."""
    rarity: dict[str, float] = {}
    for word, weight in _index().idf.items():
        word_stem = stem(word)
        rarity[word_stem] = max(rarity.get(word_stem, 0.0), weight)
    return rarity


@cache
def _appellation_stem_profiles() -> dict[str, tuple[dict[str, float], float]]:
    """Each code → the stems of its appellations' words with their rarity, and the norm."""
    rarity = _appellation_stem_rarity()
    profiles: dict[str, tuple[dict[str, float], float]] = {}
    for code, words in _index().profiles.items():
        profile = {stem(word): rarity[stem(word)] for word in words}
        profiles[code] = (profile, math.sqrt(sum(w * w for w in profile.values())))
    return profiles


def _coding(appellation: _Appellation, confidence: float, others: list[_Candidate]) -> RomeCoding:
    metiers = referentials.rome_metiers()
    metier = metiers[appellation.code]
    return RomeCoding(
        code=metier.code,
        label=metier.label,
        appellation_code=appellation.ogr_code,
        appellation_label=appellation.label,
        confidence=round(max(0.0, min(1.0, confidence)), 2),
        alternatives=_alternatives(others),
    )


def _alternatives(others: list[_Candidate]) -> list[RomeAlternative]:
    metiers = referentials.rome_metiers()
    return [RomeAlternative(code=other.code, label=metiers[other.code].label) for other in others]


def _named_in_description(words: frozenset[str], index: _Index) -> RomeCoding | None:
    """The appellation the description names most fully ("vous serez plombier chauffagiste")."""
    candidates = {position for word in words for position in index.by_word.get(word, ())}
    best: tuple[float, float, int] | None = None
    for position in candidates:
        appellation = index.appellations[position]
        if len(appellation.words) < 2:
            continue  # one word found in running text says too little
        found = math.fsum(index.idf[w] for w in appellation.words & words) / appellation.weight
        key = (found * appellation.factor, appellation.weight, -position)
        if best is None or key > best:
            best = key
    if best is None or best[0] < DESCRIPTION_ONLY_MIN_FOUND:
        return None
    position = -best[2]
    return _coding(index.appellations[position], DESCRIPTION_ONLY_CONFIDENCE * best[0], [])


def _from_description(
    description: str, vector: dict[str, float], index: _Index
) -> RomeCoding | None:
    """No title word is a ROME word: the appellation the description names, else the métier
    its words point to most, as a guess."""
    named = _named_in_description(_description_words(description, index), index)
    leaders = _description_leaders(vector) if vector else []
    if named is not None:
        others = [_Candidate(code, 0.0, None) for code, _ in leaders if code != named.code]
        return named.model_copy(update={"alternatives": _alternatives(others[:2])})
    leaders = _description_leaders(vector) if vector else []
    if not leaders or leaders[0][1] < DESCRIPTION_ONLY_MIN_SIMILARITY:
        return None
    code, sim = leaders[0]
    runner_up = leaders[1][1] if len(leaders) > 1 else 0.0
    confidence = DESCRIPTION_ONLY_CONFIDENCE * min(1.0, (sim - runner_up) / sim * 4)
    others = [_Candidate(other, 0.0, None) for other, _ in leaders[1:3]]
    return _coding(index.appellations[_principal_positions()[code]], confidence, others)


class _Candidate(NamedTuple):
    code: str  # as France Travail assigns it
    title_score: float  # how well the title reads as the code's best appellation, 0 to 1
    position: int | None  # that appellation, None when the title names none of the code's


class _Qualified(NamedTuple):
    """One of the title's best appellations, with what it says that the title does not."""

    score: float
    position: int
    precision: float
    recall: float
    unsaid: tuple[tuple[str, float], ...]  # stems of its words the title lacks, share of weight
    unsaid_stems: frozenset[str]


class _TitleReading(NamedTuple):
    candidates: tuple[_Candidate, ...]  # on the title alone, best first
    appellations: tuple[_Qualified, ...]  # the title's best appellations, best first
    unknown_share: float  # the share of the title's weight in words the ROME does not know
    unknown_written: tuple[str, ...]  # those words as the title writes them
    unknown_word_share: float  # what one of them weighs against the title's known words
    unsaid_stems: frozenset[str]  # every stem of `appellations`' unsaid words
    roles: frozenset[str]  # the title's words naming a person: AGENT, TECHNICIEN, VENDEUR…
    words: tuple[tuple[str, float], ...] = ()  # the title's ROME words and their weights
    generic: bool = False  # the title names only a job several métiers specialise
    generic_guess: str | None = None  # its generic reading's appellation, when a guess


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _read_title(title: str) -> _TitleReading:
    """The codes the title reads as, best first, each with its best appellation (memoized: titles
    repeat a lot across offers, and titles written differently often read as the same words:
    "Data Analyst (H/F)", "DATA ANALYST - H/F", whose reading is memoized too)."""
    index = _index()
    guessed: set[str] = set()
    unknown: set[str] = set()
    head = _TITLE_TAIL.split(title, maxsplit=1)[0]
    if head == title:
        words = _title_words(title, index, guessed, unknown)
        head_words = words
    else:
        # unknown words are counted in the job's name only, before places and companies
        head_words = _title_words(head, index, None, unknown)
        if not head_words:
            unknown = set()  # the job is named after the separator ("Manpower - Chasseur")
        words = _title_words(title, index, guessed)
    weighted = tuple(words.items())
    # the job's name alone, when every word of it is a ROME word met as written
    job = frozenset(head_words) if head_words and not unknown and not guessed else frozenset()
    candidates, qualified, unsaid_stems, guess = _read_words(
        weighted, frozenset(guessed & words.keys()), job
    )
    weight = sum(words.values())
    one_word = UNKNOWN_WORD_SHARE * weight / max(1, len(words)) / weight if weight else 0.0
    return _TitleReading(
        candidates,
        qualified,
        _unknown_share(len(unknown), one_word),
        _written_forms(title, unknown) if unknown and weight else (),
        one_word,
        unsaid_stems,
        index.roles.intersection(words),
        weighted,
        bool(job) and _exact_position(job) is None and bool(_generic_readings(job)),
        index.appellations[guess].ogr_code if guess is not None else None,
    )


def _unknown_share(unknown: int, one_word: float) -> float:
    """The share of the title's weight in `unknown` words the ROME does not know, each
    weighing `one_word` of its known words."""
    return unknown * one_word / (1 + unknown * one_word)


def _written_forms(title: str, lemmas: set[str]) -> tuple[str, ...]:
    """The title's words, as written, whose folded forms are `lemmas` (or their plural)."""
    forms = []
    for match in _LETTERS.finditer(title):
        folded = fold(match.group())
        if folded in lemmas or folded[:-1] in lemmas:
            forms.append(match.group())
    return tuple(dict.fromkeys(forms))


_LETTERS = re.compile(r"[^\W\d_]+")


def _proper_names(words: tuple[str, ...], description: str) -> int:
    """How many of the title's `words` the description writes as names only: each time with
    a capital, at least once within a sentence ("chez Segafredo", "le magasin Intersport"),
    never in lower case. Such words name the employer, a brand or a place, not the job."""
    named = 0
    for word in words:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        within = False
        for match in pattern.finditer(description):
            written = match.group()
            if not written[0].isupper():
                break
            before = description[: match.start()].rstrip()
            within = within or bool(before) and before[-1] not in ".!?:;\n-•*"
        else:
            named += within
    return named


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _read_words(
    weighted: tuple[tuple[str, float], ...],
    guessed: frozenset[str],
    job: frozenset[str] = frozenset(),
) -> tuple[tuple[_Candidate, ...], tuple[_Qualified, ...], frozenset[str], int | None]:
    """The title's candidates and best appellations from its ROME words and their weights
    (`_title_words`), `guessed` being those met only through a word of their family, `job` the
    ROME words of the job's name (the title before places and contracts) when all are known.

    A job name that is an appellation word for word (its label or a written form of it:
    "Soudeur TIG" for "Soudeur / Soudeuse Tungsten Inert Gas -TIG-", `_exact_position`) reads
    as it first, scoring `EXACT_SCORE`; a job name several métiers' appellations specialise
    ("Vendeur", "Infirmier") reads first as the métier holding most of them
    (`_generic_position`), not as the specialty whose word happens to be lightest; that reading
    is returned last when it is a guess among several métiers (None otherwise)."""
    index = _index()
    words = dict(weighted)
    parts: dict[int, tuple[float, float]] = {}
    scores = _best_title_scores(words, index, guessed, parts) if words else {}
    said: dict[int, frozenset[str]] = {}  # appellation → its words counted as said by the title
    guess = None
    # the job's name is the title's, its places and contracts aside (no word of a specialty
    # after it: "Chef de projet - Sites et sols pollués")
    exact = (
        _exact_position(job) if job and all(not w.isalpha() for w in words.keys() - job) else None
    )
    if exact is not None:
        scores[exact] = max(scores.get(exact, 0.0), EXACT_SCORE)
        parts[exact] = (1.0, 1.0)
        said[exact] = index.appellations[exact].words  # an abbreviation says its words
    elif job and scores and max(scores.values()) < NAMED_FROM:
        lengths = _label_lengths()
        top, _, best = min((-score, lengths[p], p) for p, score in scores.items())
        top = -top
        generic = _generic_position(job, index.appellations[best].code)
        if generic is not None:
            position, margin = generic
            dominant = margin >= CONFIDENT_MARGIN
            scores[position] = max(top + 1e-9, min(top + margin, NAMED_FROM - 0.01))
            appellation = index.appellations[position]
            shared = math.fsum(index.idf[w] for w in appellation.words & words.keys())
            covered = math.fsum(words[w] for w in appellation.words & words.keys())
            parts[position] = (shared / appellation.weight, covered / sum(words.values()))
            if dominant:
                said[position] = appellation.words  # the job's usual reading: no specialty
            else:
                guess = position
    lengths = _label_lengths()
    ranked = heapq.nsmallest(
        TITLE_READINGS, [(-score, lengths[p], p) for p, score in scores.items()]
    )  # on a tie, the plainest title: "Comptable" before "Comptable principal"
    ranked_positions = [position for _, _, position in ranked]
    best_by_code: dict[str, _Candidate] = {}
    for position in ranked_positions:
        code = index.appellations[position].code
        if code not in best_by_code:
            best_by_code[code] = _Candidate(code, scores[position], position)
    qualified = []
    for position in ranked_positions:
        appellation = index.appellations[position]
        unsaid = tuple(
            (_word_stem(word), index.idf[word] / appellation.weight)
            for word in sorted(appellation.words - words.keys() - said.get(position, frozenset()))
        )
        qualified.append(
            _Qualified(
                scores[position],
                position,
                *parts[position],
                unsaid,
                frozenset(word_stem for word_stem, _ in unsaid),
            )
        )
    return (
        tuple(best_by_code.values()),
        tuple(qualified),
        frozenset().union(*(q.unsaid_stems for q in qualified)),
        guess,
    )


_ABBREVIATION = re.compile(r"\s*(?:\(([A-Z0-9]{2,})\)|-\s?([A-Z0-9]{2,})\s?-)\s*")
"""An abbreviation a ROME label gives after the words it stands for: "(IDE)", "-TIG-"."""
_INITIAL_SKIPPED = frozenset({"DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "EN", "ET", "PAR"})
"""Grammar words an abbreviation's initials skip ("Publication Assistée par Ordinateur": PAO)."""


def _label_variants(label: str) -> list[str]:
    """The written forms of a ROME label with an abbreviation: without it ("Infirmier / Infirmière
    en soins généraux"), and with it instead of the words whose initials it is ("Soudeur /
    Soudeuse TIG" for "Soudeur / Soudeuse Tungsten Inert Gas -TIG-"); [] for other labels."""
    match = _ABBREVIATION.search(label)
    if match is None:
        return []
    abbreviation = match.group(1) or match.group(2)
    before, after = label[: match.start()], label[match.end() :]
    variants = [f"{before} {after}".strip()]
    words = before.split()
    folded = [fold(word) for word in words]
    for start in range(len(words)):
        initials, end = "", start
        while end < len(words) and len(initials) < len(abbreviation):
            if folded[end] not in _INITIAL_SKIPPED or not initials:
                initials += folded[end][:1]
            end += 1
        if initials == abbreviation and folded[start] not in _INITIAL_SKIPPED:
            variants.append(" ".join([*words[:start], abbreviation, *words[end:], after]).strip())
            break
    return variants


@cache
def _exact_readings() -> dict[frozenset[str], int]:
    """The ROME words of each appellation's label and of its written forms (`_label_variants`)
    → the appellation (a plain French label's first, by code, when several share them)."""
    index = _index()
    readings: dict[frozenset[str], int] = {}
    by_ogr = _positions_by_ogr()
    labels = referentials.rome_appellations()
    lengths = _label_lengths()
    ordered = sorted(
        (position, labels[index.appellations[position].ogr_code]) for position in by_ogr.values()
    )
    # plain French labels first ("Chef / Cheffe de projet" before "Project Manager"), by code
    ordered.sort(key=lambda pair: (lengths[pair[0]][0], pair[1].rome_code))
    for position, appellation in ordered:
        readings.setdefault(index.appellations[position].words, position)
        for variant in _label_variants(appellation.label):
            words, _, _ = gender_reading(variant)
            lemmas = replace_phrases(to_lemmas(words, index.masculine, index.known), index.synonyms)
            key = frozenset(lemmas) - FILLER_WORDS
            if key:
                readings.setdefault(key, position)
    return readings


def _exact_position(job: frozenset[str]) -> int | None:
    """The appellation the job's name (its ROME words) is word for word, if any."""
    return _exact_readings().get(job)


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _generic_readings(job: frozenset[str]) -> tuple[tuple[str, int, int], ...]:
    """The métiers whose appellations specialise a job's name ("Infirmier": "Infirmier /
    Infirmière scolaire", "… en soins généraux (IDE)", "… de bloc opératoire"…), by the ROME's
    own structure: each métier with how many of its appellations have every word of the name and
    name the same person, and its generic appellation (its own title, its principal appellation,
    when that has the words, else its lightest one that does), most appellations first; () when
    one métier or none has such appellations."""
    index = _index()
    postings = [index.by_word.get(word, ()) for word in job]
    if not postings or not all(postings):
        return ()
    holders = set(min(postings, key=len)).intersection(*postings)
    roles = index.roles & job
    by_code: dict[str, list[int]] = {}
    for position in holders:
        appellation = index.appellations[position]
        if roles and appellation.role is not None and appellation.role not in roles:
            continue  # "Adjoint au chef de rayon" is no "Chef de rayon"
        by_code.setdefault(appellation.code, []).append(position)
    if len(by_code) < 2:
        return ()
    lengths = _label_lengths()
    readings = []
    for code, positions in by_code.items():
        principal = _principal_positions().get(code)
        if principal not in positions:
            principal = min(positions, key=lambda p: (index.appellations[p].weight, lengths[p], p))
        readings.append((code, len(positions), principal))
    return tuple(sorted(readings, key=lambda reading: (-reading[1], reading[0])))


def _generic_position(job: frozenset[str], top_code: str) -> tuple[int, float] | None:
    """The generic reading of a job's name that several métiers specialise
    (`_generic_readings`), the title's best reading being of `top_code`: the métier holding
    `GENERIC_DOMINANCE` times as many of its appellations as the next ("Infirmier": soins
    généraux), else `top_code`'s generic appellation ("Chef de rayon": the food or the other
    departments, as many). With what it scores above the title's best reading: `CONFIDENT_MARGIN`
    when that métier holds `GENERIC_DOMINANCE` times as many as all others together (the job's
    usual reading, given with confidence), `GENERIC_MARGIN` when it leads the next only, nothing
    for `top_code`'s own (the title's best reading keeps its rank, with a plainer appellation).
    None when one métier or none holds the name, or `top_code` does not."""
    readings = _generic_readings(job)
    if not readings:
        return None
    total = sum(count for _, count, _ in readings)
    chosen = readings[0]
    if chosen[1] < max(GENERIC_MIN_HELD, GENERIC_DOMINANCE * readings[1][1]):
        chosen = next((reading for reading in readings if reading[0] == top_code), None)
        if chosen is None:
            return None
        return chosen[2], 0.0  # the title's best métier, its generic appellation: a guess
    if chosen[1] >= GENERIC_DOMINANCE * (total - chosen[1]) and not _homonym(readings):
        return chosen[2], CONFIDENT_MARGIN  # the job's usual reading
    return chosen[2], GENERIC_MARGIN


def _homonym(readings: tuple[tuple[str, int, int], ...]) -> bool:
    """Whether a job's name names two trades (`_generic_readings`): a métier of another grand
    domaine than the one holding most of its appellations holds `GENERIC_MIN_HELD` of them too
    ("Plongeur": of underwater works, I1502, and of a restaurant's dishes, G1605). Its usual
    reading is then no more than a guess among them, which the description settles."""
    first = readings[0][0][:1]
    return any(code[:1] != first and count >= GENERIC_MIN_HELD for code, count, _ in readings[1:])


@cache
def _word_stem(word: str) -> str:
    return stem(word)


def _said_by_description(
    reading: _TitleReading, stems: frozenset[str], running: list[str]
) -> tuple[_Candidate, ...]:
    """The title's candidates again, each appellation's words the title does not say counted as
    said, for `UNSAID_CREDIT` of their weight, when the description says them: a generic title
    ("Chef d'équipe", "Agent d'entretien") fits "Chef d'équipe en entrepôt" better than "Chef
    d'équipe bâtiment" when the description speaks of the warehouse (each appellation's F1 of
    precision and recall, as in `_title_scores`, its factors kept)."""
    said_stems = reading.unsaid_stems & stems
    if not said_stems:
        return reading.candidates
    # a word said once may be in passing ("outils informatiques"): it counts half
    times = Counter(filter(said_stems.__contains__, running))
    credit = {word_stem: min(1.0, n / UNSAID_REPEATED) for word_stem, n in times.items()}
    appellations = reading.appellations
    floor = appellations[0].score - UNSAID_WINDOW
    window: list[tuple[float, int]] = []  # raised scores only: the rest stay below the window
    changed = False
    for qualified in appellations:
        if qualified.score < floor:
            break
        score = qualified.score
        if not said_stems.isdisjoint(qualified.unsaid_stems):
            said = math.fsum(
                share * credit.get(word_stem, 0.0) for word_stem, share in qualified.unsaid
            )
            precision, recall = qualified.precision, qualified.recall
            more = precision + UNSAID_CREDIT * said
            score *= (more / (more + recall)) / (precision / (precision + recall))
            changed = True
        window.append((score, qualified.position))
    if not changed:
        return reading.candidates
    lengths = _label_lengths()
    window.sort(key=lambda pair: (-pair[0], lengths[pair[1]], pair[1]))
    rest = [(q.score, q.position) for q in appellations[len(window) :]]
    index_appellations = _index().appellations
    best_by_code: dict[str, _Candidate] = {}
    for score, position in window + rest:
        code = index_appellations[position].code
        if code not in best_by_code:
            best_by_code[code] = _Candidate(code, score, position)
    return tuple(best_by_code.values())


def _is_unknown_word(lemma: str) -> bool:
    """A title word that may name the job though the ROME does not know it ("procurabilité"):
    letters only, four or more, no grammar or filler word, no gender ending left apart
    ("Opérateur trice"), no word of a commune's name ("Sallanches", "Julien" of
    "Saint-Julien-en-Genevois": `referentials.communes_by_name_key`)."""
    if (
        len(lemma) < MIN_UNKNOWN_LENGTH
        or not lemma.isalpha()
        or lemma in FILLER_WORDS
        or lemma in STOP_WORDS
        or lemma in DESCRIPTION_STOP_WORDS
        or lemma in _GENDER_ENDINGS
    ):
        return False
    place_words = _place_words()
    return not any(lemma + ending in place_words for ending in ("", "S", "X"))


_GENDER_ENDINGS = frozenset({"TRICE", "EUSE", "ENNE", "ERE", "ICE", "IERE"})


@cache
def _place_words() -> frozenset[str]:
    """Every word of the communes' names (a title's unknown word among them names a place)."""
    return frozenset(
        word for key in referentials.communes_by_name_key() for word in key.split() if len(word) > 3
    )


@cache
def _label_lengths() -> tuple[tuple[bool, int], ...]:
    """Each appellation's plainness, by position, for ties (the plainest title wins): whether
    its label is read through the vocabulary's synonyms (an English or abbreviated label:
    "Database administrator" loses to "Administrateur / Administratrice de bases de données"
    at the same words), then its length ("Comptable" before "Comptable principal")."""
    index = _index()
    return tuple(
        (_read_through_synonyms(appellation.label, index), len(appellation.label))
        for appellation in index.appellations
    )


def _read_through_synonyms(label: str, index: _Index) -> bool:
    """Whether the vocabulary's synonyms change the reading of the ROME label `label`."""
    lemmas = to_lemmas(gender_reading(label)[0], index.masculine, index.known)
    return replace_phrases(lemmas, index.synonyms) != lemmas


def _description_stems(text: str) -> list[str]:
    """The stems of a description, perks left out, technologies and English titles expanded."""
    text = text[:MAX_DESCRIPTION_CHARS]
    folded = text.casefold()  # as IGNORECASE matches ("ſ" is an "s"), quicker than a search
    if any(hint in folded for hint in _PERK_HINTS):
        text = _PERKS.sub(" ", text)
    return text_stems(text, _expansions())


def _description_vector(stems: list[str]) -> dict[str, float]:
    """The description as unit-length TF-IDF weights of stems the ROME's texts know."""
    rarity = referentials.rome_stem_rarity()
    counts = Counter(stems)
    weights = {
        stem: (_ONE_PLUS_LOG[n] if n < _LOGGED_COUNTS else 1 + math.log(n)) * rarity[stem]
        for stem, n in counts.items()
        if stem in rarity
    }
    values = weights.values()
    norm = math.sqrt(sum(map(mul, values, values)))
    # as heapq.nlargest would (the heaviest first, ties in the stems' order), quicker
    heaviest = sorted(weights.items(), key=itemgetter(1), reverse=True)[:VECTOR_STEMS]
    return {stem: w / norm for stem, w in heaviest} if norm else {}


_LOGGED_COUNTS = 256
_ONE_PLUS_LOG = (0.0, *(1 + math.log(n) for n in range(1, _LOGGED_COUNTS)))
"""1 + ln n for the counts of a stem in most descriptions, computed once."""


def _similarity(code: str, vector: dict[str, float]) -> float:
    """Cosine of the description and the métier's profile (its ROME texts, skills, titles),
    the profile of a code standing for several métiers being their heaviest weights."""
    profile = _ft_profiles().get(code)
    if not profile:
        return 0.0
    shared = vector.keys() & profile.keys()
    # fsum is exact, so the cosine does not depend on the set's order (the hash seed): a near
    # tie must break the same way in every process, or an offer's content hash would change.
    return math.fsum(map(mul, map(vector.__getitem__, shared), map(profile.__getitem__, shared)))


@cache
def _ft_profiles() -> dict[str, dict[str, float]]:
    """Each France Travail code → one profile: its métier's, merged with those of the latest
    métiers France Travail codes with it (each stem at its heaviest, length one again)."""
    profiles = referentials.rome_profiles()
    merged: dict[str, dict[str, float]] = {}
    for code, metiers in _coded_as().items():
        parts = [profiles[metier] for metier in metiers if metier in profiles]
        if len(parts) == 1:
            merged[code] = parts[0]
            continue
        profile: dict[str, float] = {}
        for part in parts:
            for word_stem, weight in part.items():
                profile[word_stem] = max(profile.get(word_stem, 0.0), weight)
        norm = math.sqrt(sum(weight * weight for weight in profile.values())) or 1.0
        merged[code] = {word_stem: weight / norm for word_stem, weight in profile.items()}
    return merged


@cache
def _coded_as() -> dict[str, tuple[str, ...]]:
    """Each France Travail code → the ROME métiers it stands for (itself, its latest children)."""
    grouped: dict[str, list[str]] = {}
    for code, metier in sorted(referentials.rome_metiers().items()):
        grouped.setdefault(ft_code(metier), []).append(code)
    return {code: tuple(metiers) for code, metiers in grouped.items()}


def _description_leaders(vector: dict[str, float]) -> list[tuple[str, float]]:
    """The métiers whose profiles the description's heaviest stems point to most, best first."""
    postings = _postings()
    heaviest = list(vector.items())[:LEADER_STEMS]  # the vector is heaviest first
    totals: dict[str, float] = {}
    for word_stem, weight in heaviest:
        for code, profile_weight in postings.get(word_stem, ()):
            totals[code] = totals.get(code, 0.0) + weight * profile_weight
    ranked = zip(totals.values(), totals, strict=True)  # (total, code)
    shortlist = heapq.nlargest(SHORTLIST, ranked)
    leaders = [(code, _similarity(code, vector)) for _, code in shortlist]
    return sorted(leaders, key=lambda pair: (-pair[1], pair[0]))[:LEADERS]


@cache
def _postings() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each stem → the métiers (France Travail codes) weighing it most in their profiles."""
    metiers = referentials.rome_metiers()
    postings: dict[str, list[tuple[str, float]]] = {}
    for code, profile in referentials.rome_profiles().items():
        coded_as = ft_code(metiers[code])  # the latest métiers are coded with their parent
        heaviest = sorted(profile.items(), key=lambda pair: -pair[1])[:POSTED_STEMS]
        for word_stem, weight in heaviest:
            postings.setdefault(word_stem, []).append((coded_as, weight))
    return {
        stem: tuple(sorted(pairs, key=lambda pair: -pair[1])[:POSTINGS_PER_STEM])
        for stem, pairs in postings.items()
    }


@cache
def _expansions() -> dict[str, tuple[str, ...]]:
    """Single words of offers standing for ROME words: technologies ("LINUX" → SYSTEME
    INFORMATIQUE) and English or abbreviated titles ("DEVELOPER" → DEVELOPPEUR)."""
    expansions: dict[str, tuple[str, ...]] = dict.fromkeys(DESCRIPTION_STOP_WORDS, ())
    for table in (SYNONYMS, TECHNOLOGIES):
        for written, meant in table.items():
            if " " not in written:
                expansions[written] = tuple(stem(word) for word in meant.split())
    return expansions


@cache
def _principal_positions() -> dict[str, int]:
    """Each code's own appellation (the métier's title), for codes the title does not name."""
    index = _index()
    appellations = referentials.rome_appellations()
    principal = {ogr for ogr, appellation in appellations.items() if appellation.principal}
    positions: dict[str, int] = {}
    for position, appellation in enumerate(index.appellations):
        if appellation.ogr_code in principal:
            positions.setdefault(appellation.code, position)
    for position, appellation in enumerate(index.appellations):
        positions.setdefault(appellation.code, position)
    return positions


def code_rome(title: str | None, description: str | None = None) -> RomeCoding | None:
    """The ROME 4.0 code of the job an offer describes, with the appellation matched, a
    confidence, and the two best other candidates.

    The title gives the candidate codes (its words against the 13,120 appellations); the
    description, compared with each métier's ROME texts (definition, skills, knowledge, sectors:
    `referentials.rome_profiles`), re-ranks them and brings the métiers it points to most, so that
    it can overturn a title reading it contradicts ("Ingénieur sécurité" running firewalls is no
    health-and-safety engineer). Confidence is between 0 and 1 (below `LOW_CONFIDENCE`: a guess).
    None when neither text says anything the ROME knows.

    Offers come again and again (a catalogue collected every day): the codings of the last
    `CODING_MEMO_SIZE` (title, description) pairs are kept and given again.
    """
    key = (title or "", _digest(description or ""))
    coding = _CODINGS.get(key, _MISSING)
    if coding is _MISSING:
        coding = _code_rome(title, description)
        if len(_CODINGS) >= CODING_MEMO_SIZE:
            try:
                _CODINGS.pop(next(iter(_CODINGS)), None)  # the oldest
            except (RuntimeError, StopIteration):
                pass  # another thread changed the memo meanwhile: it stays about its size
        _CODINGS[key] = coding
    return coding  # type: ignore[return-value]


def _digest(text: str) -> bytes:
    """A 16-byte digest of the description's part the coder reads (the memo's key)."""
    return hashlib.blake2b(text[:MAX_DESCRIPTION_CHARS].encode(), digest_size=16).digest()


_CODINGS: dict[tuple[str, bytes], RomeCoding | None] = {}
_MISSING = object()


def _code_rome(title: str | None, description: str | None) -> RomeCoding | None:
    index = _index()
    stems = _description_stems(description) if description else []
    vector = _description_vector(stems)
    title = _expanded_title((title or "")[:MAX_TITLE_CHARS], description or "")
    title_reading = _read_title(title[:MAX_TITLE_CHARS])
    candidates = title_reading.candidates
    if not candidates:
        return _from_description(description or "", vector, index)
    stem_set = frozenset(stems)
    if stem_set:
        candidates = _said_by_description(title_reading, stem_set, stems)
    # the description repeating the title's own words ("kiosque") tells nothing new
    reading = _title_choice(
        candidates, stem_set - _title_stems(title or ""), index, title_reading.roles
    )
    if title_reading.generic and len(vector) >= MIN_GENERIC_STEMS:
        reading = _sibling_reading(
            reading, candidates, vector, description or "", _title_stems(title or "")
        )
    coding = reading.coding
    if vector:
        overturned = _overturn(
            reading,
            candidates,
            vector,
            title_reading.roles,
            title_reading.words,
            MIN_GENERIC_STEMS if title_reading.generic else MIN_STEMS,
        )
        if overturned is not None:
            coding = overturned
    if title_reading.unknown_share:
        # words of the title no code explains: the code may miss what the job is, unless the
        # description writes them as names (the employer's, a brand's: "Serveur Segafredo")
        unknown_share = title_reading.unknown_share
        if description and title_reading.unknown_written:
            named = _proper_names(title_reading.unknown_written, description)
            unknown = len(title_reading.unknown_written) - named
            if named:
                unknown_share = _unknown_share(unknown, title_reading.unknown_word_share)
        confidence = coding.confidence * (1 - unknown_share)
        coding = coding.model_copy(update={"confidence": round(confidence, 2)})
    if coding.appellation_code == title_reading.generic_guess:
        # a job several métiers specialise about as much, no specialty said: a guess
        confidence = min(coding.confidence, OVERTURN_CONFIDENCE)
        coding = coding.model_copy(update={"confidence": round(confidence, 2)})
    unsupported = _unsupported_share(coding, title_reading, stem_set, stems)
    if unsupported and UNSUPPORTED_SPECIALTY:
        # the appellation's specialty, said by neither the title nor the description, is a
        # guess: "Agent de SAV" read as a technician of vending machines
        confidence = coding.confidence * (1 - UNSUPPORTED_SPECIALTY * unsupported)
        coding = coding.model_copy(update={"confidence": round(confidence, 2)})
    return coding


_CAPITALS = re.compile(r"(?<![\w-])[A-Z]{2,6}(?![\w-])")
"""A word written in capitals, the way titles write abbreviations ("CIP", "APA")."""
ABBREVIATION_RATIO = 1.1
"""How many times as much as the ROME's own reading of an abbreviation another reading's
métier must match the offer's words to be read instead (`_expanded_title`)."""


def _expanded_title(title: str, description: str) -> str:
    """`title` with its abbreviations that the ROME reads several ways, or that its texts
    write for a specialty, written out (`_abbreviations`): "CIP" is the ROME's "Conseiller
    d'insertion et de probation" unless the title and the description match the ROME items and
    definition sentences of the métier of another appellation of the same initials
    `ABBREVIATION_RATIO` times as much (`normalizers.rome_items.scores_of`: "Conseiller en
    insertion professionnelle" of a Mission Locale); "Enseignant APA" is "Enseignant activité
    physique adaptée" (the ROME's texts write "activité physique adaptée (APA)")."""
    found = _abbreviations_in(title)
    if not found:
        return title
    for written, expansions in found:
        chosen = expansions[0]
        if len(expansions) > 1:
            if not description:
                continue  # the ROME's own reading of it, as the title's words already say
            codes = tuple(sorted({code for code, _ in expansions}))
            scores = rome_items.scores_of(f"{title}\n{description}", codes, _expansions())
            best = max(expansions, key=lambda e: (scores.get(e[0], 0.0), e == expansions[0]))
            if scores.get(best[0], 0.0) < max(
                ITEM_MIN, ABBREVIATION_RATIO * scores.get(chosen[0], 0.0)
            ):
                continue
            chosen = best
        title = re.sub(rf"(?<![\w-]){written}(?![\w-])", chosen[1], title)
    return title


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _abbreviations_in(title: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The title's words in capitals that `_abbreviations` writes out, with their expansions
    (memoized with the titles)."""
    table = _abbreviations()
    return tuple(
        (written, table[written])
        for written in dict.fromkeys(_CAPITALS.findall(title))
        if written in table
    )


@cache
def _abbreviations() -> dict[str, tuple[tuple[str, str], ...]]:
    """Abbreviations of the ROME's own labels → the (code, words) they may stand for, the
    ROME's own reading first; built from the labels that write one ("Conseiller / Conseillère
    d'Insertion et de Probation -CIP-", "Enseignant / Enseignante en activité physique adaptée
    (EAPA)").

    An abbreviation is kept when the ROME reads it two ways: another appellation's words have
    the same initials, grammar words skipped ("Conseiller en insertion professionnelle": CIP),
    the description then choosing (`_expanded_title`). The initials of the words after the
    person ("activité physique adaptée" of EAPA: APA, three letters or more) are kept too, as
    the specialty alone, when they are no word of the ROME nor of the vocabulary (`SYNONYMS`)."""
    index = _index()
    own: dict[str, list[tuple[str, str]]] = {}
    for appellation in index.appellations:
        match = _ABBREVIATION.search(appellation.label)
        if match is None:
            continue
        written = match.group(1) or match.group(2)
        words = gender_reading(_ABBREVIATION.sub(" ", appellation.label))[0]
        own.setdefault(written, []).append((appellation.code, " ".join(words)))
    others: dict[str, list[tuple[str, str]]] = {}
    for appellation in index.appellations:
        if _ABBREVIATION.search(appellation.label):
            continue
        words = gender_reading(appellation.label)[0]
        kept = [word for word in words if word not in _INITIAL_SKIPPED]
        initials = "".join(word[0] for word in kept)
        if initials in own and len(kept) == len(initials):
            others.setdefault(initials, []).append((appellation.code, " ".join(words)))
    table: dict[str, tuple[tuple[str, str], ...]] = {}
    for written, readings in own.items():
        person = readings[0][1].split()[0]
        more = [
            r
            for r in others.get(written, ())
            if r[0] not in {c for c, _ in readings} and r[1].split()[0] == person
        ]
        if more and written not in SYNONYMS:
            table[written] = (readings[0], *dict.fromkeys(more))
    words_of_titles = index.spellings.keys() | STOP_WORDS | FILLER_WORDS | DESCRIPTION_STOP_WORDS
    for written, readings in _text_abbreviations().items():
        said = {words for _, words in readings}
        if written not in words_of_titles and written not in SYNONYMS and len(said) == 1:
            table.setdefault(written, (readings[0],))
    return table


_TEXT_ABBREVIATION = re.compile(r"((?:[^\W\d_]+['’ -]+){2,8})\(([A-Z]{3,6})\)")


def _text_abbreviations() -> dict[str, list[tuple[str, str]]]:
    """The abbreviations the ROME's texts (definitions, access conditions) write in brackets
    after the words whose initials they are ("activité physique adaptée (APA)") → (code, those
    words)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in rome_items.text_rows():
        for match in _TEXT_ABBREVIATION.finditer(row["libelle_texte"].replace("''", "'")):
            written = match.group(2)
            words = [fold(word) for word in re.findall(r"[^\W\d_]+", match.group(1))]
            kept: list[str] = []
            for word in reversed(words):
                if len(kept) == len(written):
                    break
                if word not in _INITIAL_SKIPPED:
                    kept.insert(0, word)
            if len(kept) == len(written) and "".join(w[0] for w in kept) == written:
                start = len(words) - words[::-1].index(kept[0]) - 1
                found.setdefault(written, []).append((row["code_rome"], " ".join(words[start:])))
    return found


def _is_person(word: str, index: _Index) -> bool:
    """Whether a label's first word, as written, names a person (`_Index.roles`)."""
    lemmas = to_lemmas([word], index.masculine, index.known)
    return bool(lemmas) and lemmas[0] in index.roles


def _unsupported_share(
    coding: RomeCoding, reading: _TitleReading, stems: frozenset[str], running: list[str]
) -> float:
    """The share of the coding's appellation's weight in words the title does not say and a
    description of `MIN_STEMS` distinct words or more does not say either, a word it says once
    counting half as said (`UNSAID_REPEATED`: it may be in passing); 0 for an appellation that
    is not one of the title's readings. `running` is the description's stems in order."""
    if len(stems) < MIN_STEMS or coding.appellation_code is None:
        return 0.0
    position = _positions_by_ogr().get(coding.appellation_code)
    for qualified in reading.appellations:
        if qualified.position == position:
            return sum(
                share * (1 - min(1.0, running.count(word_stem) / UNSAID_REPEATED))
                for word_stem, share in qualified.unsaid
            )
    return 0.0


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _title_stems(title: str) -> frozenset[str]:
    """The stems of the title's own words (memoized with the titles)."""
    return frozenset(text_stems(title[:MAX_TITLE_CHARS], _expansions()))


class _Reading(NamedTuple):
    coding: RomeCoding
    chosen: _Candidate


def _title_choice(
    candidates: tuple[_Candidate, ...],
    stems: frozenset[str],
    index: _Index,
    roles: frozenset[str] = frozenset(),
) -> _Reading:
    """The title's reading: its best code, near ties broken by the description's words that
    the métiers' appellations use; its alternatives, the next readings of the same title
    (`_plausible`: `roles` are the title's words naming a person)."""
    top = candidates[0].title_score
    contenders = [c for c in candidates if c.title_score >= top - TIE_MARGIN]
    if len(contenders) > 1 and stems:
        adjusted = {
            c.code: c.title_score + TIE_WEIGHT * _appellation_affinity(c.code, stems)
            for c in contenders
        }
    else:
        adjusted = {c.code: c.title_score for c in contenders}
    ranked = sorted(contenders, key=lambda c: (-adjusted[c.code], c.code))
    chosen = ranked[0]
    runner_up = (
        adjusted[ranked[1].code]
        if len(ranked) > 1
        else max((c.title_score for c in candidates if c.code != chosen.code), default=0.0)
    )
    margin = adjusted[chosen.code] - runner_up
    confidence = chosen.title_score * (0.5 + 0.5 * min(1.0, margin / CONFIDENT_MARGIN))
    others = [c for c in candidates if c.code != chosen.code and _plausible(c, chosen, roles)][:2]
    assert chosen.position is not None
    return _Reading(_coding(index.appellations[chosen.position], confidence, others), chosen)


def _plausible(candidate: _Candidate, chosen: _Candidate, roles: frozenset[str]) -> bool:
    """Whether `candidate` is another reading of the title read as `chosen`, worth offering
    beside it: its appellation scores at least `ALTERNATIVE_SHARE` of the chosen one's on the
    title and, when the title names a person (`roles`), names one of them too. "Modeleur 3 D"
    shares only the "3" of "Aide-soignant - CDD 3 mois"; "Réceptionniste de pressing" is a
    weak reading of "Réceptionniste de nuit hôtel"."""
    if candidate.position is None:
        return True  # a métier the description points to: the reader's other reading
    if candidate.title_score < ALTERNATIVE_SHARE * chosen.title_score:
        return False
    role = _index().appellations[candidate.position].role
    return not roles or role is None or role in roles


def _overturn(
    reading: _Reading,
    candidates: tuple[_Candidate, ...],
    vector: dict[str, float],
    roles: frozenset[str] = frozenset(),
    title_words: tuple[tuple[str, float], ...] = (),
    min_stems: int = MIN_STEMS,
) -> RomeCoding | None:
    """Another code when the description contradicts the title's reading, else None; a title
    reading the description only half supports loses confidence. A description of fewer than
    `min_stems` distinct ROME words overturns nothing.

    The description is compared with each métier's ROME texts; a field (domaine professionnel)
    agrees as much as its best métier does, relative to the métiers the description points to
    most. Below `OVERTURN_BELOW` the title's reading was a word read in the wrong field ("Ingénieur
    sécurité" in a network team) or another meaning of a word ("étalonnage" of instruments, not
    of stallions): the title's other candidates and the description's leaders compete, each
    title score weighed by its field's agreement; a field of the leaders that none of the title's
    best readings is in brings the title's best reading within it ("Agent de service" in a
    kitchen: "Agent / Agente de cuisine", `FIELD_READING`). A reading whose own métier is close
    to the description (`PLAINLY_SUPPORTED`) is kept without looking further.
    """
    if _similarity(reading.chosen.code, vector) >= PLAINLY_SUPPORTED:
        return None
    leaders = _description_leaders(vector)
    similarity = dict(leaders)
    by_code = {c.code: c for c in candidates}
    considered = {code: by_code.get(code, _Candidate(code, 0.0, None)) for code, _ in leaders}
    for candidate in candidates[:TITLE_CANDIDATES]:
        considered.setdefault(candidate.code, candidate)
    considered.setdefault(reading.chosen.code, reading.chosen)
    if title_words and FIELD_READING:
        read_fields = {c.code[:FIELD_LEVEL] for c in considered.values() if c.title_score > 0}
        field_best: dict[str, float] = {}
        for code, sim in leaders:
            field_best.setdefault(code[:FIELD_LEVEL], sim)  # leaders come best first
        for field, best_similarity in field_best.items():
            if field not in read_fields:
                found = _field_reading(field, title_words)
                if found is not None and found.code not in considered:
                    found_similarity = _similarity(found.code, vector)
                    if found_similarity >= FIELD_READING * best_similarity:
                        considered[found.code] = found
                        similarity[found.code] = found_similarity
    for code in considered:
        if code not in similarity:
            similarity[code] = _similarity(code, vector)
    reference = max(similarity.values(), default=0.0)
    if reference <= 0:
        return None
    field_similarity: dict[str, float] = {}  # domaine professionnel → its best similarity
    for code, sim in similarity.items():
        field = code[:FIELD_LEVEL]
        field_similarity[field] = max(field_similarity.get(field, 0.0), sim)
    field_agreement = {
        code: field_similarity[code[:FIELD_LEVEL]] / reference for code in considered
    }
    chosen_agreement = field_agreement[reading.chosen.code]
    threshold = OVERTURN_BELOW
    if reading.chosen.title_score >= NAMED_FROM:
        threshold *= NAMED_OVERTURN_FACTOR  # the title is an appellation: it takes more
    if reference < MIN_EVIDENCE or len(vector) < min_stems:
        return _less_confident(reading, chosen_agreement)
    if len(vector) < MIN_STEMS:
        # a short description chooses among the title's readings, never against them all
        considered = {code: c for code, c in considered.items() if c.title_score > 0}
    if chosen_agreement >= threshold:
        near = _near_reading(reading, candidates, similarity, reference, field_agreement)
        return near if near is not None else _less_confident(reading, chosen_agreement)
    combined = {
        code: candidate.title_score
        * (1 - DESCRIPTION_WEIGHT + DESCRIPTION_WEIGHT * field_agreement[code])
        + DESCRIPTION_ONLY_WEIGHT * similarity[code] / reference
        for code, candidate in considered.items()
    }
    ranked = sorted(combined, key=lambda code: (-combined[code], code))
    field = ranked[0][:FIELD_LEVEL]
    if any(considered[code].title_score > 0 for code in ranked if code[:FIELD_LEVEL] == field):
        # the description chose the field; within it, the title chooses the métier
        within = {
            code: _same_rank_score(considered[code], roles)
            + TIE_WEIGHT * similarity[code] / reference
            for code in ranked
            if code[:FIELD_LEVEL] == field
        }
        best = max(within, key=lambda code: (within[code], code))
        ranked.remove(best)
        ranked.insert(0, best)
    named = reading.chosen.title_score >= NAMED_FROM
    if ranked[0] == reading.chosen.code or named:
        # A title that is an appellation word for word keeps its code: descriptions often tell
        # the employer's business rather than the job ("Data analyst" at a maker of charging
        # stations). It is shown as uncertain, beside what the description points to.
        others = [considered[code] for code in ranked if code != reading.chosen.code][:2]
        return reading.coding.model_copy(
            update={
                "confidence": round(min(reading.coding.confidence, OVERTURN_CONFIDENCE), 2),
                "alternatives": _alternatives(others) if named else reading.coding.alternatives,
            }
        )
    if len(vector) < MIN_STEMS and field_agreement[ranked[0]] < 1.0:
        # a short description overturns the title only for the field it plainly works in
        return _less_confident(reading, chosen_agreement)
    chosen = considered[ranked[0]]
    position = chosen.position
    if position is None:
        position = _principal_positions()[chosen.code]
    field = ranked[0][:FIELD_LEVEL]
    elsewhere = max((combined[c] for c in ranked if c[:FIELD_LEVEL] != field), default=0.0)
    margin = max(0.0, combined[ranked[0]] - elsewhere)
    confidence = OVERTURN_CONFIDENCE * min(1.0, margin / CONFIDENT_MARGIN)
    others = [considered[code] for code in ranked[1:3]]
    return _coding(_index().appellations[position], confidence, others)


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _field_reading(field: str, title_words: tuple[tuple[str, float], ...]) -> _Candidate | None:
    """The title's best reading among the appellations of `field` (a domaine professionnel),
    scored as `_title_scores` scores them, for a field the description points to that none of
    the title's best readings is in ("Agent de service" in a kitchen: "Agent / Agente de
    cuisine"); None when no appellation of the field reads as the title."""
    index = _index()
    words = dict(title_words)
    title_weight = sum(words.values())
    title_roles = index.roles.intersection(words)
    positions = {
        position
        for word in words
        for position in index.by_word.get(word, ())
        if index.appellations[position].code.startswith(field)
    }
    best: tuple[float, int, int] | None = None
    for position in positions:
        appellation = index.appellations[position]
        shared = appellation.words & words.keys()
        covered = math.fsum(words[word] for word in shared)
        if covered < MIN_RECALL * title_weight:
            continue
        factor = appellation.factor
        if title_roles and appellation.role and appellation.role not in words:
            factor *= OTHER_ROLE_FACTOR
        precision = math.fsum(index.idf[word] for word in shared) / appellation.weight
        recall = covered / title_weight
        score = factor * 2 * precision * recall / (precision + recall)
        key = (score, -_label_lengths()[position][1], -position)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    position = -best[2]
    return _Candidate(index.appellations[position].code, best[0], position)


def _same_rank_score(candidate: _Candidate, roles: frozenset[str]) -> float:
    """The candidate's title score, unless the title names only someone who carries out the
    work (`rome_vocabulary.EXECUTING_ROLES`) and the candidate's appellation another person who
    does not: within the field the description chose, "Agent de soins" is no "Cadre de santé
    d'unité de soins" nor "Infirmier en soins généraux" for sharing the word "soins"."""
    if candidate.position is None or not roles:
        return candidate.title_score
    role = _index().appellations[candidate.position].role
    executing = _executing_roles()
    if role is None or role in roles or role in executing or not roles <= executing:
        return candidate.title_score
    return 0.0


@cache
def _executing_roles() -> frozenset[str]:
    """`EXECUTING_ROLES` as the coder's lemmas ("AGENT" is read AGENTE)."""
    index = _index()
    return EXECUTING_ROLES | frozenset(
        to_lemmas(sorted(EXECUTING_ROLES), index.masculine, index.known)
    )


def _less_confident(reading: _Reading, agreement: float) -> RomeCoding | None:
    """The title's reading with less confidence when its field agrees with the description
    less than `SUPPORTED_FROM`, else None (the reading stands as it is)."""
    if agreement >= SUPPORTED_FROM:
        return None
    factor = 1 - SUPPORT_PENALTY * (SUPPORTED_FROM - agreement) / SUPPORTED_FROM
    return reading.coding.model_copy(
        update={"confidence": round(reading.coding.confidence * factor, 2)}
    )


def _near_reading(
    reading: _Reading,
    candidates: tuple[_Candidate, ...],
    similarity: dict[str, float],
    reference: float,
    field_agreement: dict[str, float] | None = None,
) -> RomeCoding | None:
    """The title's near reading its description plainly describes, when the title's best
    reading is one meaning among several of a generic or polysemous title ("Agent d'entretien":
    of buildings, of premises to clean, of green spaces) and the description tells which; None
    otherwise, and always for a title that is an appellation word for word.

    A near reading scores within `NEAR_MARGIN` of the best on the title alone; it wins when its
    métier's ROME texts are at least `NEAR_RATIO` times as close to the description (cosine, at
    least `NEAR_MIN`) as the best reading's; or when the description half disowns the best
    reading's field (`field_agreement` below `SUPPORTED_FROM`) and agrees with the near one's
    at least `FIELD_NEAR_RATIO` times as much ("Responsable infrastructure informatique" of an
    IT team is no manager of road maintenance), the fields' agreements then counting in the
    choice. The code is given as uncertain, the title's best reading first among its
    alternatives."""
    chosen = reading.chosen
    if chosen.title_score >= NAMED_FROM:
        return None
    own = similarity[chosen.code]
    agreement = field_agreement or {}
    own_field = agreement.get(chosen.code, 1.0)
    near = [
        c
        for c in candidates[:TITLE_CANDIDATES]
        if c.code != chosen.code
        and c.title_score >= chosen.title_score - NEAR_MARGIN
        and (
            similarity[c.code] >= max(NEAR_MIN, NEAR_RATIO * own)
            or (
                own_field < SUPPORTED_FROM
                and agreement.get(c.code, 0.0) >= max(FIELD_NEAR_MIN, FIELD_NEAR_RATIO * own_field)
                and similarity[c.code] > own
            )
        )
    ]
    if not near:
        return None
    fields = own_field < SUPPORTED_FROM  # the description half disowns the reading's field

    def value(candidate: _Candidate) -> float:
        said = similarity[candidate.code] / reference
        if fields:
            said += agreement.get(candidate.code, 0.0)
        return candidate.title_score + TIE_WEIGHT * said

    best = max(near, key=lambda c: (value(c), c.code))
    if value(best) <= value(chosen):
        return None  # the best reading says more of the title than the near one gains
    others = [chosen] + [c for c in near if c.code != best.code][:1]
    assert best.position is not None
    confidence = min(reading.coding.confidence, OVERTURN_CONFIDENCE)
    return _coding(_index().appellations[best.position], confidence, others)


def _sibling_reading(
    reading: _Reading,
    candidates: tuple[_Candidate, ...],
    vector: dict[str, float],
    description: str = "",
    title_stems: frozenset[str] = frozenset(),
) -> _Reading:
    """The title's near reading whose own ROME texts the description matches clearly more than
    the best reading's, told apart by the description's words that the readings' texts use,
    else `reading`.

    A generic or polysemous title reads almost as well as several métiers ("Agent d'entretien":
    of buildings, of premises to clean; "Technicien de maintenance": of industrial equipment, of
    buildings; "Employé polyvalent": of a restaurant, of a shop); the description says which,
    in words of the job and of its setting that one of them uses ("sanitaires", "rayons",
    "ligne"). The description's other words, the employer's business (a school's "classes",
    a hotel's "étoiles"), match none of them and would dilute the comparison: only the stems
    some reading's profile holds are kept (`_local_vector`). A reading within `SIBLING_MARGIN`
    of the best on the title wins when its cosine with that local description is at least
    `SIBLING_RATIO` times the best reading's, at least `SIBLING_MIN`, and `SIBLING_LEAD` times
    any reading's of another field (domaine professionnel); its code is given as
    uncertain (at most `OVERTURN_CONFIDENCE`), the title's best reading first among its
    alternatives. Failing that, the description's sentences matched to the readings' ROME items
    and definition sentences (`_item_reading`) may choose. A title that is an appellation word
    for word keeps its reading."""
    chosen = reading.chosen
    if chosen.title_score >= NAMED_FROM:
        return reading
    siblings = [
        c
        for c in candidates[:TITLE_CANDIDATES]
        if c.title_score >= chosen.title_score - SIBLING_MARGIN and c.position is not None
    ]
    if len(siblings) < 2 or chosen not in siblings:
        return reading
    local = _local_vector(vector, tuple(sorted({c.code for c in siblings})))
    similarity = {c.code: _similarity(c.code, local) for c in siblings}
    best = max(siblings, key=lambda c: (similarity[c.code], c.title_score, c.code))
    own = similarity[chosen.code]
    field = best.code[:FIELD_LEVEL]
    elsewhere = max(
        (similarity[c.code] for c in siblings if c.code[:FIELD_LEVEL] != field), default=0.0
    )
    if (
        best.code == chosen.code
        or similarity[best.code] < SIBLING_MIN
        or similarity[best.code] < SIBLING_RATIO * own
        or similarity[best.code] < SIBLING_LEAD * elsewhere
    ):
        if not description:
            return reading
        return _item_reading(reading, siblings, description, title_stems)
    others = [chosen] + [
        c
        for c in sorted(siblings, key=lambda c: -similarity[c.code])
        if c.code not in (best.code, chosen.code)
    ][:1]
    confidence = min(reading.coding.confidence, OVERTURN_CONFIDENCE)
    assert best.position is not None
    return _Reading(_coding(_index().appellations[best.position], confidence, others), best)


def _item_reading(
    reading: _Reading,
    siblings: list[_Candidate],
    description: str,
    title_stems: frozenset[str] = frozenset(),
) -> _Reading:
    """The sibling reading whose ROME items and definition sentences the description's
    sentences match `ITEM_RATIO` times as much as the best reading's and `SIBLING_LEAD` times
    as much as any other sibling's (`normalizers.rome_items.scores_of`, a France Travail code
    scoring as its best métier), else `reading`; given as uncertain. The title's own words
    (`title_stems`), which every reading shares, are not read in the description."""
    chosen = reading.chosen
    coded_as = _coded_as()
    codes = tuple(sorted({m for c in siblings for m in coded_as.get(c.code, (c.code,))}))
    by_metier = rome_items.scores_of(description, codes, _expansions(), title_stems)
    score = {c.code: max(by_metier[m] for m in coded_as.get(c.code, (c.code,))) for c in siblings}
    ranked = sorted(siblings, key=lambda c: (-score[c.code], -c.title_score, c.code))
    best = ranked[0]
    runner_up = max((score[c.code] for c in ranked[1:] if c.code != best.code), default=0.0)
    if (
        best.code == chosen.code
        or score[best.code] < ITEM_MIN
        or score[best.code] < ITEM_RATIO * score[chosen.code]
        or score[best.code] < SIBLING_LEAD * runner_up
    ):
        return reading
    others = [chosen] + [c for c in ranked if c.code not in (best.code, chosen.code)][:1]
    confidence = min(reading.coding.confidence, OVERTURN_CONFIDENCE)
    assert best.position is not None
    return _Reading(_coding(_index().appellations[best.position], confidence, others), best)


def _local_vector(vector: dict[str, float], codes: tuple[str, ...]) -> dict[str, float]:
    """The description's weights of the stems some of `codes`' profiles hold, length one."""
    profiles = _ft_profiles()
    kept = {
        word_stem: weight
        for word_stem, weight in vector.items()
        if any(word_stem in profiles.get(code, ()) for code in codes)
    }
    norm = math.sqrt(math.fsum(weight * weight for weight in kept.values()))
    return {word_stem: weight / norm for word_stem, weight in kept.items()} if norm else {}


def clear_memo() -> None:
    """Forget the titles already read (for benchmarks measuring the coder on a cold memo)."""
    _read_title.cache_clear()
    _read_words.cache_clear()
    _title_stems.cache_clear()
    _field_reading.cache_clear()
    _generic_readings.cache_clear()
    _abbreviations_in.cache_clear()
    _CODINGS.clear()
    rome_items.clear_memo()


def load() -> None:
    """Build every index the coder uses now rather than on the first offers that need them
    (a few seconds, once per process): for workers and benchmarks that want even timings."""
    _index()
    _executing_roles()
    _positions_by_ogr()
    _principal_positions()
    _label_lengths()
    _exact_readings()
    _postings()
    _ft_profiles()
    _appellation_stem_profiles()
    _expansions()
    _abbreviations()
    _place_words()
    rome_items.load()
