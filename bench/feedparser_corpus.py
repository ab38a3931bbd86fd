"""Feed reading against feedparser's own test corpus: how many of its entries Relais reads.

Usage: python bench/feedparser_corpus.py PATH_TO_FEEDPARSER_TESTS [--show unreadable|short|crash]

PATH is the `tests/` folder of feedparser's source distribution (`pip download --no-deps
--no-binary :all: feedparser==VERSION` gives it); it is read, never copied into Relais. Every file
under its `wellformed/`, `illformed/`, `encoding/` and `entities/` folders goes through Relais's
RSS/Atom reading path (the one `relais normalize --kind rss` uses: the extractor's `split`, then
`read` for each item) and through `feedparser.parse` on the same bytes, without HTTP headers.

For each file, the items Relais reads (offers, plus items quarantined with a reason) are compared
with the entries feedparser returns. Printed: the share of feedparser's entries Relais reads, the
files Relais finds unreadable while feedparser reads entries in them, and crashes (any exception
other than the extractor's own FeedError and ItemError), per folder and in all.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import feedparser

from spiders.extractors import FeedError, ItemError, extractor_for

FOLDERS = ("wellformed", "illformed", "encoding", "entities")


@dataclass
class FileResult:
    """One corpus file read both ways."""

    path: Path
    feedparser_entries: int
    relais_items: int = 0
    offers: int = 0
    unreadable: str | None = None
    crash: str | None = None


def feedparser_entries(body: bytes) -> int:
    """How many entries feedparser returns for `body` (no HTTP headers, no network)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(io.BytesIO(body))
    return len(parsed.entries)


def read_with_relais(path: Path, body: bytes) -> FileResult:
    """Split and read `body` as `relais normalize --kind rss` does."""
    result = FileResult(path, feedparser_entries(body))
    extractor = extractor_for("rss")
    try:
        for record in extractor.split(body, ""):
            result.relais_items += 1
            if record.error:
                continue
            try:
                extractor.read(record.payload, "")
            except ItemError as error:
                if not str(error).strip():
                    result.crash = "ItemError without a reason"
                continue
            result.offers += 1
    except FeedError as error:
        result.unreadable = str(error)
    except Exception as error:  # the bench counts crashes instead of stopping at the first
        result.crash = f"{type(error).__name__}: {error}"
    return result


def corpus_files(root: Path) -> list[Path]:
    """Every file of the corpus folders, in a stable order."""
    files = []
    for folder in FOLDERS:
        files += sorted(path for path in (root / folder).rglob("*") if path.is_file())
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="feedparser's tests/ folder")
    parser.add_argument(
        "--show",
        choices=("unreadable", "short", "crash"),
        action="append",
        default=[],
        help="list the files of that kind",
    )
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus)
    if not files:
        print(f"no corpus file under {args.corpus} ({', '.join(FOLDERS)})", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = [read_with_relais(path, path.read_bytes()) for path in files]
    elapsed = time.perf_counter() - started
    by_folder: dict[str, list[FileResult]] = {}
    for result in results:
        folder = result.path.relative_to(args.corpus).parts[0]
        by_folder.setdefault(folder, []).append(result)
    print(f"feedparser {feedparser.__version__}, corpus {args.corpus}, {len(files)} files, "
          f"{elapsed:.1f} s")
    for name, group in [*by_folder.items(), ("all", results)]:
        _print_summary(name, group)
    for kind in args.show:
        for result in results:
            short = min(result.relais_items, result.feedparser_entries) < result.feedparser_entries
            if (
                (kind == "unreadable" and result.unreadable is not None)
                or (kind == "crash" and result.crash is not None)
                or (kind == "short" and short)
            ):
                print(f"{kind}: {result.path.relative_to(args.corpus)}: fp={result.feedparser_entries} "
                      f"relais={result.relais_items} {result.unreadable or result.crash or ''}")
    return 0


def _print_summary(name: str, group: list[FileResult]) -> None:
    entries = sum(result.feedparser_entries for result in group)
    read = sum(min(result.relais_items, result.feedparser_entries) for result in group)
    unreadable = [result for result in group if result.unreadable is not None]
    unreadable_read_by_fp = [result for result in unreadable if result.feedparser_entries]
    crashes = [result for result in group if result.crash is not None]
    extra = sum(max(result.relais_items - result.feedparser_entries, 0) for result in group)
    share = read / entries if entries else 1.0
    reasons = Counter(
        (result.unreadable or "").split(":")[0] for result in unreadable
    ).most_common(3)
    print(
        f"{name:>10}: {len(group)} files, feedparser entries {entries}, read by Relais {read} "
        f"({share:.1%}), offers {sum(result.offers for result in group)}; "
        f"unreadable {len(unreadable)} (with feedparser entries {len(unreadable_read_by_fp)}); "
        f"crashes {len(crashes)}; items beyond feedparser's {extra}"
    )
    if reasons:
        print(f"{'':>12}unreadable because: {reasons}")


if __name__ == "__main__":
    sys.exit(main())
