"""Feed reading against feedparser's own test corpus: how many of its entries Relais reads.

Usage: python bench/feedparser_corpus.py PATH_TO_FEEDPARSER_TESTS [--show KIND]...

PATH is the `tests/` folder of feedparser's source distribution, e.g. from
`pip download --no-deps --no-binary :all: feedparser==6.0.14 -d /tmp/fp` then unpacking it; the
corpus is read there, never copied into Relais. Every file under its `wellformed/`,
`illformed/`, `encoding/` and `entities/` folders goes through Relais's RSS/Atom reading path,
the one `relais normalize --kind rss` uses (`split_document`, then the extractor's `read` for
each item), and through `feedparser.parse` on the same bytes, without HTTP headers.

For each file, the items Relais reads (offers, plus items quarantined with a reason) are compared
with the entries feedparser returns. Printed, per folder and in all: the share of feedparser's
entries Relais reads; the files Relais finds unreadable although feedparser reads them (entries
or feed data); crashes (any exception other than the extractor's FeedError and ItemError); the
share of read entries whose title is feedparser's; what Relais said it repaired, by kind.
`--show unreadable|short|crash|title|repairs` lists the files of that kind.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser

from schemas.source_offer import SourceOffer
from spiders.extractors import FeedError, ItemError, Repairs, extractor_for, split_document

FOLDERS = ("wellformed", "illformed", "encoding", "entities")
SHOWN = ("unreadable", "short", "crash", "title", "repairs")
_SPACES = re.compile(r"\s+")


@dataclass
class FileResult:
    """One corpus file read both ways."""

    path: Path
    feedparser_entries: int
    feedparser_reads: bool
    feedparser_titles: list[str]
    relais_items: int = 0
    offers: int = 0
    relais_titles: list[str | None] = field(default_factory=list)
    unreadable: str | None = None
    crash: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        """feedparser's entries Relais reads too (an item more does not make up for one less)."""
        return min(self.relais_items, self.feedparser_entries)

    @property
    def titles_compared(self) -> int:
        return sum(1 for title in self.feedparser_titles[: self.read] if title)

    @property
    def titles_equal(self) -> int:
        pairs = zip(self.feedparser_titles, self.relais_titles, strict=False)
        return sum(1 for theirs, ours in pairs if theirs and _plain(theirs) == _plain(ours))


def _plain(title: str | None) -> str:
    return _SPACES.sub(" ", title or "").strip()


def read_with_feedparser(body: bytes) -> Any:
    """feedparser's reading of `body` (no HTTP headers, no network, nothing rewritten)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # the options Relais reads items with: it sanitizes and resolves links itself, later
        return feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)


def read_both_ways(path: Path, body: bytes) -> FileResult:
    """Read `body` with feedparser, then split and read it as `relais normalize --kind rss`."""
    parsed = read_with_feedparser(body)
    entries = parsed.entries
    result = FileResult(
        path,
        len(entries),
        bool(entries) or bool(parsed.feed),
        [str(entry.get("title") or "") for entry in entries],
    )
    extractor = extractor_for("rss")
    repairs = Repairs()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for record in split_document(extractor, body, "", repairs):
                result.relais_items += 1
                if record.error:
                    result.relais_titles.append(None)
                    continue
                try:
                    offer: SourceOffer = extractor.read(record.payload, "")
                except ItemError as error:
                    result.relais_titles.append(None)
                    if not str(error).strip():
                        result.crash = "ItemError without a reason"
                    continue
                result.offers += 1
                result.relais_titles.append(offer.title)
    except FeedError as error:
        result.unreadable = str(error)
    except Exception as error:  # the bench counts crashes instead of stopping at the first
        result.crash = f"{type(error).__name__}: {error}"
    result.notes = repairs.notes()
    return result


def corpus_files(root: Path) -> list[Path]:
    """Every file of the corpus folders, in a stable order."""
    files: list[Path] = []
    for folder in FOLDERS:
        files += sorted(path for path in (root / folder).rglob("*") if path.is_file())
    return files


def _summary(name: str, group: list[FileResult]) -> list[str]:
    entries = sum(result.feedparser_entries for result in group)
    read = sum(result.read for result in group)
    unreadable = [result for result in group if result.unreadable is not None]
    read_by_feedparser = [result for result in unreadable if result.feedparser_reads]
    crashes = [result for result in group if result.crash is not None]
    compared = sum(result.titles_compared for result in group)
    equal = sum(result.titles_equal for result in group)
    beyond = sum(max(result.relais_items - result.feedparser_entries, 0) for result in group)
    return [
        f"{name}: {len(group)} files; feedparser entries {entries}; read by Relais {read} "
        f"({read / entries if entries else 1:.1%}), of which offers "
        f"{sum(min(r.offers, r.feedparser_entries) for r in group)}; items beyond feedparser's "
        f"{beyond}",
        f"{'':>4}unreadable for Relais {len(unreadable)}, of which feedparser reads "
        f"{len(read_by_feedparser)}; crashes {len(crashes)}; titles equal to feedparser's "
        f"{equal}/{compared} ({equal / compared if compared else 1:.1%})",
    ]


def _shown(kind: str, result: FileResult) -> bool:
    if kind == "unreadable":
        return result.unreadable is not None
    if kind == "crash":
        return result.crash is not None
    if kind == "short":
        return result.read < result.feedparser_entries
    if kind == "title":
        return result.titles_equal < result.titles_compared
    return bool(result.notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", type=Path, help="feedparser's tests/ folder")
    parser.add_argument("--show", choices=SHOWN, action="append", default=[])
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus)
    if not files:
        print(f"no corpus file under {args.corpus} ({', '.join(FOLDERS)})", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = [read_both_ways(path, path.read_bytes()) for path in files]
    elapsed = time.perf_counter() - started
    by_folder: dict[str, list[FileResult]] = {}
    for result in results:
        by_folder.setdefault(result.path.relative_to(args.corpus).parts[0], []).append(result)
    print(
        f"feedparser {feedparser.__version__} corpus at {args.corpus}: {len(files)} files read "
        f"both ways in {elapsed:.1f} s"
    )
    for name, group in [*by_folder.items(), ("all", results)]:
        print("\n".join(_summary(name, group)))
    kinds = Counter(
        re.sub(r"\d+", "N", re.sub(r"\s*\(.*$|\s*:.*$", "", note))
        for result in results
        for note in result.notes
    )
    print(f"repairs said (files): {dict(kinds.most_common(12))}")
    for kind in args.show:
        for result in results:
            if _shown(kind, result):
                detail = result.unreadable or result.crash or ""
                if kind == "title":
                    detail = f"{result.feedparser_titles!r} != {result.relais_titles!r}"
                if kind == "repairs":
                    detail = " | ".join(result.notes)
                print(
                    f"{kind}: {result.path.relative_to(args.corpus)}: feedparser "
                    f"{result.feedparser_entries}, Relais {result.relais_items}: {detail}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
