"""The memo of what is read from whole texts: each reading done once, bounded in size."""

from __future__ import annotations

from datetime import UTC, datetime

from normalizers.html import sanitize_html
from normalizers.memo import DIGESTED_CHARS, KEPT_SHARE, TextMemo
from normalizers.offer import SourceContext, normalize_offer
from schemas import SourceDefaults, SourceOffer


def _upper(text: str) -> str:
    return text.upper()


def test_a_text_read_again_is_not_read_twice() -> None:
    memo = TextMemo(_upper)
    assert memo("lyon") == memo("lyon") == "LYON"
    assert memo.misses == 1


def test_long_texts_that_differ_are_told_apart_by_their_digest() -> None:
    memo = TextMemo(_upper)
    one, other = "a" * DIGESTED_CHARS, "a" * (DIGESTED_CHARS - 1) + "b"
    assert (memo(one), memo(other)) == (one.upper(), other.upper())
    assert memo.misses == 2


def test_keyword_arguments_are_part_of_the_key() -> None:
    memo = TextMemo(lambda text, *, suffix="": text + suffix)
    assert (memo("a"), memo("a", suffix="!"), memo("a", suffix="?")) == ("a", "a!", "a?")
    assert memo.misses == 3


def test_the_least_recently_used_reading_goes_first_past_max_texts() -> None:
    memo = TextMemo(_upper, max_texts=2)
    memo("a"), memo("b"), memo("a"), memo("c")  # "b" is the least recently used
    memo("a")
    assert memo.misses == 3
    memo("b")
    assert memo.misses == 4


def test_the_oldest_readings_go_past_max_chars_of_results() -> None:
    memo = TextMemo(_upper, max_chars=10 * KEPT_SHARE)  # results of at most 10 characters
    for number in range(KEPT_SHARE + 1):  # one result of 10 characters too many
        memo(f"{number:010d}")
    memo(f"{KEPT_SHARE:010d}")
    assert memo.misses == KEPT_SHARE + 1
    memo(f"{0:010d}")
    assert memo.misses == KEPT_SHARE + 2


def test_a_reading_too_long_for_its_share_is_not_kept() -> None:
    memo = TextMemo(_upper, max_chars=KEPT_SHARE)
    memo("ab"), memo("ab")
    assert memo.misses == 2


def test_cache_clear_forgets_every_reading() -> None:
    memo = TextMemo(_upper)
    memo("a")
    memo.cache_clear()
    memo("a")
    assert memo.misses == 2


def test_an_offer_that_comes_again_is_not_sanitized_again() -> None:
    offer = SourceOffer(
        external_id="memo-1",
        title="Comptable H/F",
        description="<p>Poste basé à Annecy (74). <b>CDI</b>, 35 h par semaine.</p>" * 3,
        url="https://ats.example.fr/offres/memo-1",
    )
    context = SourceContext(
        source="memo",
        attribution="Memo",
        defaults=SourceDefaults(),
        fetched_at=datetime(2026, 11, 1, 12, tzinfo=UTC),
    )
    first = normalize_offer(offer, context)
    misses = sanitize_html.misses
    again = normalize_offer(offer.model_copy(update={"external_id": "memo-2"}), context)
    assert sanitize_html.misses == misses
    assert again.model_dump(exclude={"external_id", "content_hash"}) == first.model_dump(
        exclude={"external_id", "content_hash"}
    )
