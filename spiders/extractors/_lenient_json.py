"""JSON as pages write it in their scripts: comments, HTML wrappers, JavaScript's liberties.

Sites put JSON-LD in `<script type="application/ld+json">` the way they once put scripts in
pages: wrapped in `<!-- … -->` or `//<![CDATA[ … //]]>` for old browsers, with `//` or `/* */`
comments, trailing commas, single quotes, unquoted keys, raw line breaks inside strings. Strict
JSON refuses them all, and the page's postings would be lost for a comment.

A block is read as JSON first (Python's `json`, line breaks allowed inside strings). When that
fails, the HTML and XML markers `<!--`, `-->`, `<![CDATA[`, `]]>` and the comments outside strings
are blanked (positions kept), raw control characters inside strings are escaped, and what is left
is read as JSON5 (https://spec.json5.org/) by `pyjson5`, a maintained JSON5 reader written in
Cython; a block holding several objects one after the other (a template that printed one per
posting) gives them as a list. A block none of these reads gives a `LenientJsonError` saying,
in French, what is wrong and where (line and column of the block).
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

import pyjson5

__all__ = ["MAX_DEPTH", "LenientJsonError", "french_json_error", "load_lenient_json"]

MAX_DEPTH = 64
"""Arrays and objects nested deeper than this are refused (JSON-LD needs a handful)."""

_TOKENS = re.compile(
    r"""(?P<string>"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)
    |(?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<marker><!--|-->|<!\[CDATA\[|\]\]>)""",
    re.DOTALL | re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x1f]")
_NEAR = re.compile(r"near (\d+)")
_CONTAINER = re.compile(r"Unclosed b'(\w+)'")
_CONTAINERS = {"array": "le tableau « [ »", "object": "l'objet « { »", "string": "la chaîne"}


_JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "« , » attendue",
    "Expecting ':' delimiter": "« : » attendu",
    "Expecting property name enclosed in double quotes": "nom de clé entre guillemets attendu",
    "Unterminated string starting at": "chaîne jamais fermée",
    "Invalid control character at": "caractère de contrôle dans une chaîne",
    "Invalid \\escape": "échappement « \\ » invalide",
    "Invalid \\uXXXX escape": "échappement « \\u » invalide",
    "Extra data": "du texte suit la valeur JSON",
}


def french_json_error(error: json.JSONDecodeError) -> str:
    """Python's JSON error as "ligne L, colonne C : cause", the cause in French (the character
    found there named, when there is one)."""
    cause = _JSON_MESSAGES.get(error.msg)
    if cause is None:
        cause = "JSON mal formé"
    found = error.doc[error.pos : error.pos + 1] if isinstance(error.doc, str) else ""
    if found and not found.isspace() and error.msg != "Unterminated string starting at":
        cause = f"{cause}, trouvé {_shown(found)}"
    return f"ligne {error.lineno}, colonne {error.colno} : {cause}"


class LenientJsonError(ValueError):
    """A script's text that is not JSON even read liberally; its message is French and says
    where ("ligne 3, colonne 14 du bloc : …"). `line` and `column` count from 1, or are None
    when the fault has no place (an empty block)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def load_lenient_json(text: str) -> Any:
    """The value of the JSON (or JSON5) `text` of a script, read as the module says.

    Raises LenientJsonError (a ValueError) with a French message naming the line and column of
    the fault within `text`.
    """
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        pass
    cleaned, shifts = _cleaned(text)
    if not cleaned.strip():
        raise LenientJsonError("le bloc ne contient aucune valeur JSON")
    try:
        return pyjson5.decode(cleaned, maxdepth=MAX_DEPTH)
    except pyjson5.Json5ExtraData as error:
        values = _sequence(cleaned)  # `{…}{…}`: a template that printed a block per posting
        if values is None:
            raise _french(error, text, cleaned, shifts) from None
        return values
    except pyjson5.Json5Exception as error:
        raise _french(error, text, cleaned, shifts) from None


def _sequence(cleaned: str) -> list[Any] | None:
    """The values of `cleaned` when it holds several JSON objects or arrays one after the other
    (separated by spaces, commas or semicolons), each plain JSON, else None. Read in one pass
    (`json.JSONDecoder.raw_decode` from each value's start): linear in the block's length."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    position = _skip_separators(cleaned, 0)
    while position < len(cleaned):
        if cleaned[position] not in "{[":
            return None
        try:
            value, position = decoder.raw_decode(cleaned, position)
        except (ValueError, RecursionError):
            return None
        values.append(value)
        position = _skip_separators(cleaned, position)
    return values


def _skip_separators(text: str, position: int) -> int:
    while position < len(text) and (text[position].isspace() or text[position] in ",;"):
        position += 1
    return position


def _cleaned(text: str) -> tuple[str, list[tuple[int, int]]]:
    """(`text` with markers and comments blanked and control characters in strings escaped,
    the (offset in the cleaned text, characters added before it) of each escape)."""
    out: list[str] = []
    shifts: list[tuple[int, int]] = []
    added = 0
    position = 0
    length = 0
    for match in _TOKENS.finditer(text):
        out.append(text[position : match.start()])
        length += match.start() - position
        token = match.group()
        if match.lastgroup == "string":
            pieces: list[str] = []
            start = 0
            written = length
            for control in _CONTROL.finditer(token):
                pieces.append(token[start : control.start()])
                escaped = f"\\u{ord(control.group()):04x}"
                pieces.append(escaped)
                written += control.start() - start + len(escaped)
                added += len(escaped) - 1
                shifts.append((written, added))
                start = control.end()
            pieces.append(token[start:])
            token = "".join(pieces)
        else:
            token = re.sub(r"[^\n]", " ", token)
        out.append(token)
        length += len(token)
        position = match.end()
    out.append(text[position:])
    return "".join(out), shifts


def _original_offset(offset: int, shifts: list[tuple[int, int]]) -> int:
    """The offset in the block's own text of `offset` in its cleaned text."""
    index = bisect.bisect_right(shifts, (offset, float("inf"))) - 1
    return offset - (shifts[index][1] if index >= 0 else 0)


def _place(text: str, offset: int) -> tuple[int, int]:
    """(line, column), from 1, of `offset` in `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _shown(character: str) -> str:
    return f"« {character} »" if character.isprintable() else f"le caractère U+{ord(character):04X}"


def _french(
    error: pyjson5.Json5Exception, text: str, cleaned: str, shifts: list[tuple[int, int]]
) -> LenientJsonError:
    """pyjson5's error said in French, at its place in the block's own text."""
    message = str(error.args[0]) if error.args else ""
    near = _NEAR.search(message)
    if isinstance(error, pyjson5.Json5NestingTooDeep):
        cause = f"valeurs imbriquées sur plus de {MAX_DEPTH} niveaux"
    elif isinstance(error, pyjson5.Json5EOF):
        container = _CONTAINER.search(message)
        if container is None:
            if near is not None and int(near.group(1)) <= 1:
                return LenientJsonError("le bloc ne contient aucune valeur JSON")
            cause = "le bloc s'arrête avant la fin de sa valeur JSON"
        else:
            what = _CONTAINERS.get(container.group(1), "une valeur")
            cause = f"{what} ouvert ici n'est jamais fermé"
            if container.group(1) == "string":
                cause = "la chaîne ouverte ici n'est jamais fermée"
    elif isinstance(error, pyjson5.Json5ExtraData):
        cause = "du texte suit la valeur JSON"
    else:
        cause = "caractère inattendu"
    if near is None:
        return LenientJsonError(f"JSON illisible : {cause}")
    # pyjson5 says "near" the start of the token it was reading, plus one (the end of the value
    # read, for extra data): the character it names is the first one like it from there
    start = int(near.group(1)) - (0 if isinstance(error, pyjson5.Json5ExtraData) else 1)
    start = max(start, 0)
    found = getattr(error, "character", None)
    if isinstance(found, str) and found:
        at = cleaned.find(found, start)
        start = at if at >= 0 else start
        cause = f"{cause} : {_shown(found)}"
    line, column = _place(text, _original_offset(start, shifts))
    return LenientJsonError(f"ligne {line}, colonne {column} du bloc : {cause}", line, column)
