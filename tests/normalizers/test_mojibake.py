"""Which texts are taken for double-encoded UTF-8: exactly those ftfy's heuristic flags, though
only the neighbourhood of their non-ASCII characters is searched."""

from __future__ import annotations

import random

from ftfy.badness import BADNESS_RE, is_bad

from normalizers.mojibake import looks_bad

# Every non-ASCII character ftfy's expression names, among letters, spaces and punctuation.
_ODD = sorted({character for character in BADNESS_RE.pattern if ord(character) >= 128})
_PLAIN = list("abcdeéèzAÉZ .,;?!\n\t-'’0123")


def test_texts_are_flagged_as_ftfy_flags_them() -> None:
    draw = random.Random(20)
    texts = [
        "".join(
            draw.choice(_ODD) if draw.random() < 0.08 else draw.choice(_PLAIN)
            for _ in range(draw.randint(1, 60))
        )
        for _ in range(5000)
    ]
    texts += ["OrlÃ©ans", "1 850 â‚¬", "mot Ã la", "ab Â «", "ГўВЂВ.x", "Zürich – Genève", "Œuvre"]
    flagged = [text for text in texts if is_bad(text)]
    assert 100 < len(flagged) < len(texts) - 100  # both kinds are met
    assert [text for text in texts if looks_bad(text)] == flagged
