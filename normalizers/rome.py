"""Job titles read as ROME 4.0 codes, with the appellation matched and a stated confidence.

The knowledge is the ROME itself: its 13,120 appellations, read with hand-written synonyms and
abbreviations (`normalizers.rome_vocabulary`). A title is folded, stripped of gender marks
("H/F", "Ingénieur.e", "Développeur / Développeuse"), singularised and made masculine, spelling
slips are corrected against the referential's words, and the appellations sharing its words are
scored by how much of each other they cover, each word weighed by its rarity (the words an
abbreviation stands for weigh as one). The description only breaks near ties. Everything is
offline and deterministic; there is no model.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from normalizers import referentials
from normalizers.job_titles import (
    gender_reading,
    one_slip_apart,
    raw_words,
    replace_phrases,
    replace_tagged_phrases,
    singular,
    to_lemmas,
)
from normalizers.referentials import RomeMetier
from normalizers.rome_vocabulary import FILLER_WORDS, STOP_WORDS, SYNONYMS, TECHNOLOGIES
from schemas import RomeCoding

FT_UNASSIGNED_FROM_OGR = 500_000
"""Métiers and appellations with an OGR code from here on are the latest additions to ROME 4.0,
which France Travail does not assign to offers yet. Offers of such a métier are coded with its
parent, as France Travail codes them ("Data analyst", M1419 in v460, is M1403 on France Travail),
and such appellations count for `NEW_APPELLATION_FACTOR` of their match, so that an older title
of France Travail's vocabulary that fits almost as well wins."""

LOW_CONFIDENCE = 0.5
"""Below this the code is a guess: kept on the offer, but worth a recruiter's look."""

MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 6_000
TIE_MARGIN = 0.12
"""Candidates this close to the best title score are told apart by the description."""
DESCRIPTION_WEIGHT = 0.25
CONFIDENT_MARGIN = 0.25
DESCRIPTION_ONLY_CONFIDENCE = 0.3
DESCRIPTION_ONLY_MIN_FOUND = 0.75
RARELY_USED_FACTOR = 0.97
NEW_APPELLATION_FACTOR = 0.8
OTHER_ROLE_FACTOR = 0.8
MIN_TYPO_LENGTH = 7
MIN_STEM_LENGTH = 6
POSITION_DECAY = 0.15
"""The job is named first ("Data analyst RH"): each later title word weighs a little less."""


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
    """The code France Travail gives offers of `metier` (its parent for the latest métiers)."""
    metiers = referentials.rome_metiers()
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
                weight=sum(idf[w] for w in lemma_set),
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


def _title_words(text: str, index: _Index) -> dict[str, float]:
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


def _title_scores(title: dict[str, float], index: _Index) -> dict[int, float]:
    """Each appellation sharing a word with the title, scored by mutual weighted coverage (F1).

    An appellation naming another person than the title does ("Consultant ERP" for
    "Administrateur ERP") counts for less.
    """
    title_weight = sum(title.values())
    title_roles = index.roles.intersection(title)
    candidates = {position for word in title for position in index.by_word.get(word, ())}
    scores = {}
    for position in candidates:
        appellation = index.appellations[position]
        factor = appellation.factor
        if title_roles and appellation.role and appellation.role not in title:
            factor *= OTHER_ROLE_FACTOR  # "Administrateur ERP" is no "Consultant ERP"
        shared = appellation.words.intersection(title)
        precision = sum(index.idf[w] for w in shared) / appellation.weight
        recall = sum(title[w] for w in shared) / title_weight
        scores[position] = factor * 2 * precision * recall / (precision + recall)
    return scores


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
    shared = sum(weight * weight for word, weight in profile.items() if word in words)
    norm = math.sqrt(sum(index.idf[w] ** 2 for w in words))
    return shared / (index.profile_norms[code] * norm) if norm else 0.0


def _coding(appellation: _Appellation, confidence: float) -> RomeCoding:
    metier = referentials.rome_metiers()[appellation.code]
    return RomeCoding(
        code=metier.code,
        label=metier.label,
        appellation_code=appellation.ogr_code,
        appellation_label=appellation.label,
        confidence=round(max(0.0, min(1.0, confidence)), 2),
    )


def _from_description(words: frozenset[str], index: _Index) -> RomeCoding | None:
    """No title word is a ROME word: the appellation the description names most fully."""
    candidates = {position for word in words for position in index.by_word.get(word, ())}
    best: tuple[float, float, int] | None = None
    for position in candidates:
        appellation = index.appellations[position]
        if len(appellation.words) < 2:
            continue  # one word found in running text says too little
        found = sum(index.idf[w] for w in appellation.words & words) / appellation.weight
        key = (found * appellation.factor, appellation.weight, -position)
        if best is None or key > best:
            best = key
    if best is None or best[0] < DESCRIPTION_ONLY_MIN_FOUND:
        return None
    position = -best[2]
    return _coding(index.appellations[position], DESCRIPTION_ONLY_CONFIDENCE * best[0])


def code_rome(title: str | None, description: str | None = None) -> RomeCoding | None:
    """The ROME 4.0 code of the job `title` names, with the appellation matched and a confidence.

    The description, when given, breaks near ties between métiers ("Agent de propreté" in the
    streets or in offices); when no word of the title is a ROME word, an appellation the
    description names gives a low-confidence guess. Confidence is between 0 and 1 (below
    `LOW_CONFIDENCE`: a guess). None when neither text says anything the ROME knows.
    """
    index = _index()
    words = _title_words((title or "")[:MAX_TITLE_CHARS], index)
    scores = _title_scores(words, index) if words else {}
    if not scores:
        return _from_description(_description_words(description or "", index), index)
    best_by_code: dict[str, tuple[float, int]] = {}
    ranked_positions = sorted(
        scores, key=lambda p: (-scores[p], len(index.appellations[p].label), p)
    )  # on a tie, the plainest title: "Comptable" before "Comptable principal"
    for position in ranked_positions:
        score = scores[position]
        best_by_code.setdefault(index.appellations[position].code, (score, position))
    top = max(score for score, _ in best_by_code.values())
    contenders = {code: pair for code, pair in best_by_code.items() if pair[0] >= top - TIE_MARGIN}
    description_words = (
        _description_words(description or "", index) if len(contenders) > 1 else frozenset()
    )
    adjusted = {
        code: score + DESCRIPTION_WEIGHT * _description_affinity(code, description_words, index)
        for code, (score, _) in contenders.items()
    }
    ranked = sorted(adjusted, key=lambda code: (-adjusted[code], code))
    chosen = ranked[0]
    score, position = best_by_code[chosen]
    runner_up = (
        adjusted[ranked[1]]
        if len(ranked) > 1
        else max((s for c, (s, _) in best_by_code.items() if c != chosen), default=0.0)
    )
    margin = adjusted[chosen] - runner_up
    confidence = score * (0.5 + 0.5 * min(1.0, margin / CONFIDENT_MARGIN))
    return _coding(index.appellations[position], confidence)


def clear_memo() -> None:
    """Forget the titles already read (for benchmarks measuring the coder on a cold memo)."""
