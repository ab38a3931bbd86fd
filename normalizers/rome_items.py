"""A description read sentence by sentence against the ROME's own short texts.

Each skill or knowledge item of the ROME v460 open data (`unix_item`, linked to its métiers by
`unix_coherence_item`, the métier's core items weighing more), each sentence of a métier's
definition (`unix_texte`) and each appellation is a short labelled document. Each sentence of
an offer's description is matched to its nearest documents by BM25 over stems
(`normalizers.job_titles.text_stems`: folded, light stemming); each of the `NEAREST` nearest
votes for its métiers with its score, weighed by how few métiers share it (an item half the
métiers hold, "Faire preuve de rigueur", tells nothing), and a métier keeps its best vote of each
sentence. A métier's score is the sum over the sentences. Items of working conditions and
generic skills (`code_rubrique` other than 1, savoir-faire, and 3, savoirs) and documents shared
by more than `MAX_METIERS` métiers are left out as noise.

A profile of each métier as one bag of words lets the employer's business and the job's
setting outweigh the job's few own words; matching each sentence to the nearest item keeps
"entretien des locaux, des sanitaires" on the cleaning items that say it. The index is built
once per process from the vendored CSVs (about two seconds); descriptions are memoized.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import math
import re
from collections import Counter
from functools import cache, lru_cache

from normalizers.job_titles import text_stems
from normalizers.referentials import open_data

K1 = 1.2
B = 0.75
"""BM25's usual saturation and length normalisation."""
NEAREST = 8
"""The documents each sentence of the description votes through."""
MAX_METIERS = 60
"""Documents shared by more métiers are generic (soft skills, working conditions): left out."""
MAX_DOCUMENTS_PER_STEM = 1_500
"""Stems in more documents weigh little and cost much: not matched."""
CORE_ITEM = 1.0
ITEM = 0.7
"""A skill's vote for a métier it is core to, and for one it is merely linked to."""
KEPT_RUBRIQUES = frozenset({"1", "3"})
"""`unix_item.code_rubrique` kept: savoir-faire (1) and savoirs (3)."""
MIN_SENTENCE_STEMS = 2
MAX_DESCRIPTION_CHARS = 6_000
MEMO_SIZE = 4_096
RESTRICTED_MEMO_SIZE = 1_024

_SENTENCES = re.compile(r"[\n\r.;!?•·●▪►✓✔*]+|\s[-–]\s")


class _ItemIndex:
    __slots__ = ("by_code", "labels", "postings", "rarity", "words")

    def __init__(
        self,
        labels: list[tuple[tuple[str, float], ...]],
        postings: dict[str, tuple[tuple[int, float], ...]],
        rarity: list[float],
    ) -> None:
        self.labels = labels  # document → (ROME code, vote weight)
        self.postings = postings  # stem → (document, BM25 weight)
        self.rarity = rarity  # document → ln(métiers / its métiers)
        by_code: dict[str, list[tuple[int, float]]] = {}
        for document, codes in enumerate(labels):
            for code, weight in codes:
                by_code.setdefault(code, []).append((document, weight * rarity[document]))
        self.by_code = {code: tuple(votes) for code, votes in by_code.items()}  # → (document, vote)
        words: list[list[tuple[str, float]]] = [[] for _ in labels]
        for word, pairs in postings.items():
            for document, weight in pairs:
                words[document].append((word, weight))
        self.words = [tuple(pairs) for pairs in words]  # document → (stem, BM25 weight)


def _rows(name: str) -> list[dict[str, str]]:
    with open_data(name) as stream:
        return list(csv.DictReader(stream))


def text_rows() -> list[dict[str, str]]:
    """The rows of the ROME v460 texts (`unix_texte`: definitions and access conditions of each
    métier, sentence by sentence): `code_rome`, `libelle_type_texte`, `libelle_texte`."""
    return _rows("unix_texte_v460_utf8.csv.gz")


@cache
def _item_index() -> _ItemIndex:
    """The labelled short documents of the ROME v460 texts, indexed for BM25."""
    documents: dict[str, dict[str, float]] = {}

    def add(text: str, code: str, weight: float) -> None:
        labels = documents.setdefault(text.replace("''", "'"), {})
        labels[code] = max(labels.get(code, 0.0), weight)

    for row in _rows("rome_appellations.csv"):
        add(row["libelle_appellation"], row["code_rome"], CORE_ITEM)
    for row in _rows("rome_metiers.csv"):
        add(row["libelle"], row["code_rome"], CORE_ITEM)
    for row in _rows("unix_texte_v460_utf8.csv.gz"):
        if row["libelle_type_texte"] == "definition":
            add(row["libelle_texte"], row["code_rome"], CORE_ITEM)
    items = {
        row["code_ogr"]: row["libelle"]
        for row in _rows("unix_item_v460_utf8.csv.gz")
        if row["code_rubrique"] in KEPT_RUBRIQUES
    }
    for row in _rows("unix_coherence_item_v460_utf8.csv.gz"):
        if row["code_ogr"] in items:
            weight = CORE_ITEM if row["coeur_metier"] else ITEM
            add(items[row["code_ogr"]], row["code_rome"], weight)
    metier_count = len({code for labels in documents.values() for code in labels})
    labels: list[tuple[tuple[str, float], ...]] = []
    stems: list[list[str]] = []
    for text, codes in sorted(documents.items()):
        words = text_stems(text)
        if words and len(codes) <= MAX_METIERS:
            labels.append(tuple(sorted(codes.items())))
            stems.append(words)
    frequency = Counter(word for words in stems for word in set(words))
    count = len(stems)
    average = sum(map(len, stems)) / count
    idf = {word: math.log(1 + (count - n + 0.5) / (n + 0.5)) for word, n in frequency.items()}
    postings: dict[str, list[tuple[int, float]]] = {}
    for document, words in enumerate(stems):
        norm = K1 * (1 - B + B * len(words) / average)
        for word, tf in Counter(words).items():
            if frequency[word] <= MAX_DOCUMENTS_PER_STEM:
                weight = idf[word] * tf * (K1 + 1) / (tf + norm)
                postings.setdefault(word, []).append((document, weight))
    rarity = [math.log(metier_count / len(codes)) for codes in labels]
    return _ItemIndex(labels, {w: tuple(p) for w, p in postings.items()}, rarity)


def item_scores(
    description: str, expansions: dict[str, tuple[str, ...]] | None = None
) -> dict[str, float]:
    """Each ROME code (métiers, not France Travail's merged codes) → the sum over the
    description's sentences of its best vote (see the module's docstring); codes no sentence
    votes for are absent. `expansions` as `text_stems` takes them. Memoized by description."""
    text = description[:MAX_DESCRIPTION_CHARS]
    key = hashlib.blake2b(text.encode(), digest_size=16).digest()
    found = _MEMO.get(key)
    if found is None:
        found = _item_scores(text, expansions)
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)), None)
        _MEMO[key] = found
    return found


_MEMO: dict[bytes, dict[str, float]] = {}


def _item_scores(text: str, expansions: dict[str, tuple[str, ...]] | None) -> dict[str, float]:
    index = _item_index()
    postings = index.postings
    totals: dict[str, float] = {}
    for sentence in _SENTENCES.split(text):
        words = {word for word in text_stems(sentence, expansions) if word in postings}
        if len(words) < MIN_SENTENCE_STEMS:
            continue
        scores: dict[int, float] = {}
        for word in sorted(words):
            for document, weight in postings[word]:
                scores[document] = scores.get(document, 0.0) + weight
        best: dict[str, float] = {}
        for document, score in heapq.nlargest(
            NEAREST, scores.items(), key=lambda pair: (pair[1], -pair[0])
        ):
            vote = score * index.rarity[document]
            for code, weight in index.labels[document]:
                if vote * weight > best.get(code, 0.0):
                    best[code] = vote * weight
        for code, vote in best.items():
            totals[code] = totals.get(code, 0.0) + vote
    return totals


def scores_of(
    description: str,
    codes: tuple[str, ...],
    expansions: dict[str, tuple[str, ...]] | None = None,
    unsaid: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """The score of each of `codes` (ROME métiers), as `item_scores` sums it but with each
    sentence's best vote among all the métier's documents, not only the `NEAREST`: to choose
    among a few readings of a title. Stems of `unsaid` are not read (the title's own words,
    which every reading of it shares). Codes without documents score 0. Memoized."""
    text = description[:MAX_DESCRIPTION_CHARS]
    key = (hashlib.blake2b(text.encode(), digest_size=16).digest(), codes, unsaid)
    found = _CHOSEN_MEMO.get(key)
    if found is None:
        found = _scores_of(text, codes, expansions, unsaid)
        if len(_CHOSEN_MEMO) >= MEMO_SIZE:
            _CHOSEN_MEMO.pop(next(iter(_CHOSEN_MEMO)), None)
        _CHOSEN_MEMO[key] = found
    return found


_CHOSEN_MEMO: dict[tuple[bytes, tuple[str, ...], frozenset[str]], dict[str, float]] = {}


def _scores_of(
    text: str,
    codes: tuple[str, ...],
    expansions: dict[str, tuple[str, ...]] | None,
    unsaid: frozenset[str],
) -> dict[str, float]:
    known = _item_index().postings
    postings, votes = _restricted(codes)
    totals = dict.fromkeys(codes, 0.0)
    for sentence in _SENTENCES.split(text):
        words = {
            word
            for word in text_stems(sentence, expansions)
            if word in known and word not in unsaid
        }
        if len(words) < MIN_SENTENCE_STEMS:
            continue
        scores: dict[int, float] = {}
        for word in sorted(words):
            for document, weight in postings.get(word, ()):
                scores[document] = scores.get(document, 0.0) + weight
        best: dict[str, float] = {}
        for document, score in scores.items():
            for code, vote in votes[document]:
                if score * vote > best.get(code, 0.0):
                    best[code] = score * vote
        for code, vote in best.items():
            totals[code] += vote
    return totals


@lru_cache(maxsize=RESTRICTED_MEMO_SIZE)
def _restricted(
    codes: tuple[str, ...],
) -> tuple[dict[str, list[tuple[int, float]]], dict[int, list[tuple[str, float]]]]:
    """The postings of only the documents of `codes`, and each such document's (code, vote):
    the readings of a title repeat with it, so these are built once for its readings."""
    index = _item_index()
    votes: dict[int, list[tuple[str, float]]] = {}
    for code in codes:
        for document, vote in index.by_code.get(code, ()):
            votes.setdefault(document, []).append((code, vote))
    postings: dict[str, list[tuple[int, float]]] = {}
    for document in sorted(votes):
        for word, weight in index.words[document]:
            postings.setdefault(word, []).append((document, weight))
    return postings, votes


def clear_memo() -> None:
    """Forget the descriptions already read."""
    _MEMO.clear()
    _CHOSEN_MEMO.clear()
    _restricted.cache_clear()


def load() -> None:
    """Build the index now rather than on the first description that needs it."""
    _item_index()
