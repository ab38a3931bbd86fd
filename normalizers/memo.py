"""A memo of what is read from whole texts (descriptions), bounded in entries and in characters."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, ParamSpec, TypeVar

MEMO_TEXTS = 16_384
"""Calls whose result each memo keeps: the same offer comes again (in another feed, as another
company's copy, in a catalogue collected every day), and so do its description's readings. Some
memos are called several times an offer (each text field, each kind of fact): this keeps the
readings of a few thousand offers, as `normalizers.rome.CODING_MEMO_SIZE` does the codings."""
MEMO_CHARS = 16_000_000
"""Characters of results each memo keeps at most (some tens of MB): a few long texts cannot
make it grow past this, whatever MEMO_TEXTS says."""
KEPT_SHARE = 64
"""A result longer than 1/KEPT_SHARE of a memo's characters is not kept: it would push out many
ordinary ones."""
DIGESTED_CHARS = 256
"""A text argument at least this long is kept as its 16-byte BLAKE2b digest, not whole."""

P = ParamSpec("P")
R = TypeVar("R")


def _chars(value: object) -> int:
    return len(value) if isinstance(value, str) else 0


_last_digested: tuple[str, bytes] = ("", b"")
"""The last text digested and its digest: one description is a key of several memos in a row."""


def _key(value: object) -> object:
    """`value` as part of a memo's key: a long text as its digest."""
    global _last_digested
    if isinstance(value, str) and len(value) >= DIGESTED_CHARS:
        last = _last_digested
        if last[0] is value:
            return last[1]
        digest = hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        _last_digested = (value, digest)
        return digest
    return value


class TextMemo(Generic[P, R]):
    """`function` (pure, of hashable arguments) with the results of its last calls kept, the
    least recently used given up first when more than `max_texts` calls or `max_chars`
    characters of string results are kept. Long text arguments are keys by their digest
    (`DIGESTED_CHARS`), so that the memo does not hold them. Thread-safe."""

    def __init__(
        self, function: Callable[P, R], max_texts: int = MEMO_TEXTS, max_chars: int = MEMO_CHARS
    ) -> None:
        self.function = function
        self.max_texts = max_texts
        self.max_chars = max_chars
        self.misses = 0
        """How many calls ran `function` (the others were given a kept result)."""
        self._kept: OrderedDict[Hashable, tuple[R, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()
        self.__doc__ = function.__doc__
        self.__name__ = getattr(function, "__name__", "memo")
        self.__wrapped__ = function

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        key: Hashable = tuple(map(_key, args))
        if kwargs:
            key = (key, tuple((name, _key(value)) for name, value in sorted(kwargs.items())))
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return kept[0]
        result = self.function(*args, **kwargs)
        chars = _chars(result)
        with self._lock:
            self.misses += 1
            if chars * KEPT_SHARE <= self.max_chars and key not in self._kept:
                self._kept[key] = (result, chars)
                self._chars += chars
                while len(self._kept) > self.max_texts or self._chars > self.max_chars:
                    self._chars -= self._kept.popitem(last=False)[1][1]
        return result

    def cache_clear(self) -> None:
        """Forget every kept result."""
        with self._lock:
            self._kept.clear()
            self._chars = 0


def text_memo(function: Callable[P, R]) -> TextMemo[P, R]:
    """`function` memoized by `TextMemo`, with the module's bounds."""
    return TextMemo(function)
