"""How job titles are read as words: folded, without gender marks, singular and masculine.

"Ingénieur.e DATA (H/F)", "Développeur / Développeuse" and "Administrateur(trice) systèmes"
become INGENIEUR DATA, DEVELOPPEUR, ADMINISTRATEUR SYSTEME, the way the ROME appellations are read
too, so that both can be compared word for word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain

from normalizers.rome_vocabulary import STOP_WORDS
from normalizers.text import fold

_GENDER = re.compile(
    r"\(\s*[HFMWX]\s*(?:[/|,\-]\s*[HFMWXN]\s*)+\)|(?<![A-Z0-9])[HFMW]\s*(?:[/|\-]\s*[HFMWXN])+"
    r"(?![A-Z0-9])"
)
_INCLUSIVE = re.compile(
    r"(?<=[A-Z])\s*\(\s*(?:E|ES|EE|EES|NE|NES|SE|SES|TRICE|TRICES|RICE|EUSE|EUSES|ERE|ERES|IERE"
    r"|IERES|LE|LES|FE|FES|TE|TES)\s*\)"
    r"|(?<=[A-Z])[.·](?:E|ES|NE|NES|SE|TRICE|RICE|EUSE|ERE|IERE|LE|FE|TE)(?:[.·]S)?(?![A-Z])"
)
_R_AND_D = re.compile(r"\bR\s*&\s*D\b")
_SLASHED_ENDING = re.compile(
    r"(?<=[A-Z])\s*/\s*(?:E|ES|NE|SE|TRICE|RICE|EUSE|ERE|IERE|FE|TE|LE)(?![A-Z])"
)
_LANGUAGES = {"C++": " CPP ", "C#": " CSHARP ", ".NET": " DOTNET "}
_LANGUAGE = re.compile(r"C\+\+|C#|\.NET\b")
_WORD = re.compile(r"[A-Z0-9]+")
_FEMININE_ENDINGS = (
    ("TRICE", "TEUR"),
    ("RICE", "EUR"),
    ("EUSE", "EUR"),
    ("IERE", "IER"),
    ("ERE", "ER"),
    ("ENNE", "EN"),
    ("ONNE", "ON"),
    ("ETTE", "ET"),
    ("FFE", "F"),
    ("ESSE", ""),
    ("EE", "E"),
    ("E", ""),
)
_MAX_PHRASE = 4


def raw_words(text: str) -> list[str]:
    """Folded words of `text`, gender marks ("H/F", "(e)", ".trice", "/se") removed."""
    return words_of_folded(fold(text))


def words_of_folded(folded: str) -> list[str]:
    """`raw_words` of text already folded by `normalizers.text.fold`."""
    if "/" in folded or "-" in folded or "|" in folded or "(" in folded:
        folded = _GENDER.sub(" ", folded)
    if "/" in folded:
        folded = _SLASHED_ENDING.sub("", folded)
    if "+" in folded or "#" in folded or "." in folded:
        folded = _LANGUAGE.sub(lambda match: _LANGUAGES[match.group(0)], folded)
    if "(" in folded or "." in folded or "·" in folded:
        folded = _INCLUSIVE.sub("", folded)
    if "&" in folded:
        folded = _R_AND_D.sub(" RD ", folded)
    return _WORD.findall(folded)


def singular(word: str) -> str:
    """The singular of a folded word, by rule ("RESEAUX" → "RESEAU", "SYSTEMES" → "SYSTEME")."""
    if len(word) <= 3 or word.endswith(("SS", "US", "IS")):
        return word
    if word.endswith(("EAUX", "EUX")):
        return word[:-1]
    if word.endswith("AUX"):
        return word[:-3] + "AL"
    return word[:-1] if word.endswith("S") else word


def gender_reading(label: str) -> tuple[list[str], list[tuple[str, str]], str | None]:
    """The masculine reading of a ROME label ("Chargé / Chargée d'études" → CHARGE D ETUDES),
    its (feminine, masculine) word pairs, and the person it names (CHARGE) when it has a pair."""
    folded = fold(label)
    if " / " not in folded:
        return words_of_folded(folded), [], None
    left, right = folded.split(" / ", 1)
    masculine_words, feminine_words = words_of_folded(left), words_of_folded(right)
    count = len(masculine_words)
    pairs = list(zip(feminine_words[:count], masculine_words, strict=False))
    if count and len(pairs) == count and all(f[:3] == m[:3] for f, m in pairs):
        reading = masculine_words + feminine_words[count:]
        return reading, [(f, m) for f, m in pairs if f != m], masculine_words[0]
    return masculine_words + feminine_words, [], None


def masculine(word: str, pairs: dict[str, str], known: Iterable[str]) -> str:
    """The masculine of a folded singular word: from the ROME's pairs, else the word when it is
    `known`, else by its ending when the result is known ("CHEFFE" → "CHEF")."""
    if word in pairs:
        return pairs[word]
    if word in known:
        return word
    for ending, replacement in _FEMININE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            candidate = word[: -len(ending)] + replacement
            if candidate in known:
                return candidate
    return word


def to_lemmas(words: Iterable[str], pairs: dict[str, str], known: frozenset[str]) -> list[str]:
    """Folded words as singular masculine lemmas, grammar words left out."""
    return [masculine(singular(word), pairs, known) for word in words if word not in STOP_WORDS]


def replace_phrases(
    lemmas: list[str], replacements: dict[tuple[str, ...], tuple[str, ...]]
) -> list[str]:
    """`lemmas` with every phrase of `replacements` replaced, longest phrases first."""
    out: list[str] = []
    position = 0
    while position < len(lemmas):
        for size in range(min(_MAX_PHRASE, len(lemmas) - position), 0, -1):
            phrase = tuple(lemmas[position : position + size])
            if phrase in replacements:
                out.extend(replacements[phrase])
                position += size
                break
        else:
            out.append(lemmas[position])
            position += 1
    return out


def replace_tagged_phrases(
    tagged: list[tuple[str, int]], replacements: dict[tuple[str, ...], tuple[str, ...]]
) -> list[tuple[str, int]]:
    """`replace_phrases` on (lemma, tag) pairs: the words replacing a phrase take the tag of its
    first word, so that one can tell which written words each lemma comes from."""
    out: list[tuple[str, int]] = []
    position = 0
    while position < len(tagged):
        for size in range(min(_MAX_PHRASE, len(tagged) - position), 0, -1):
            phrase = tuple(lemma for lemma, _ in tagged[position : position + size])
            if phrase in replacements:
                tag = tagged[position][1]
                out.extend((lemma, tag) for lemma in replacements[phrase])
                position += size
                break
        else:
            out.append(tagged[position])
            position += 1
    return out


def one_slip_apart(word: str, other: str) -> bool:
    """True when one letter added, dropped, changed or two swapped turn `word` into `other`."""
    if abs(len(word) - len(other)) > 1 or word == other:
        return False
    start = 0
    while start < min(len(word), len(other)) and word[start] == other[start]:
        start += 1
    if len(word) == len(other):
        rest = word[start + 1 :] == other[start + 1 :]
        swapped = word[start : start + 2] == other[start : start + 2][::-1]
        return rest or (swapped and word[start + 2 :] == other[start + 2 :])
    longer, shorter = (word, other) if len(word) > len(other) else (other, word)
    return longer[start + 1 :] == shorter[start:]


STEM_LENGTH = 7
"""Running text is compared by word stems: singular, cut to this many letters, so that
"ingénieure", "ingénieurs" and "ingénierie" meet and spelling of gender or number matters little."""
_MIN_STEM_WORD = 3


def stem(word: str) -> str:
    """A folded word's stem: its singular cut to `STEM_LENGTH` letters ("RESEAUX" → "RESEAU")."""
    return singular(word)[:STEM_LENGTH]


def text_stems(text: str, expansions: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The stems of running text, in order, grammar words and words under three letters left out.

    `expansions` maps a folded word to the stems it stands for, added after it (a technology of
    an offer, "LINUX", brings the ROME's words SYSTEME, INFORMATIQUE); a word it maps to nothing
    is left out ("VOUS"). What each word brings is memoized for each `expansions` dict, which
    must not change once used."""
    emitted = _emitted_memo(expansions)
    words = _WORD.findall(fold(text))
    found = [emitted.get(word) for word in words]
    if None in found:
        for position, word in enumerate(words):
            if found[position] is None:
                found[position] = _emitted(word, expansions)
                if len(emitted) < _STEM_MEMO_SIZE:
                    emitted[word] = found[position]
    return list(chain.from_iterable(found))  # type: ignore[arg-type]


# (expansions, memo) by id of the expansions: each folded word → the stems it brings, in order
_EMITTED: dict[int, tuple[dict[str, tuple[str, ...]] | None, dict[str, tuple[str, ...]]]] = {}
_STEM_MEMO_SIZE = 500_000


def _emitted_memo(expansions: dict[str, tuple[str, ...]] | None) -> dict[str, tuple[str, ...]]:
    """The memo of what each word brings with these `expansions` (kept while they live on)."""
    entry = _EMITTED.get(id(expansions))
    if entry is None or entry[0] is not expansions:
        entry = (expansions, {})
        _EMITTED[id(expansions)] = entry
    return entry[1]


def _emitted(word: str, expansions: dict[str, tuple[str, ...]] | None) -> tuple[str, ...]:
    """The stems `word` brings: its expansion, if any, then its own stem unless it is left out."""
    own = _stem_of_word(word)
    if expansions and word in expansions:
        expansion = expansions[word]
        if not expansion:
            return ()
        return (*expansion, own) if own else expansion
    return (own,) if own else ()


def _stem_of_word(word: str) -> str:
    if len(word) < _MIN_STEM_WORD or word in STOP_WORDS or word.isdigit():
        return ""
    return stem(word)
