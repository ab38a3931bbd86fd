"""Speed of `normalize_offer` in process time, and a dump of every result to compare two checkouts.

Usage: PYTHONPATH=. python bench/normalize_speed.py [--dump OUT.jsonl] [--runs N] [--indeed N]
                                                    DEV.jsonl [MORE …]

Every offer of the files is rendered as bench/quality.py renders it (structured, then each text
rendering) and normalized with a fixed fetch date, so that two checkouts give comparable results.
`--indeed N` normalizes instead the N offers of the Indeed-style feed bench/ingest.py builds from
the files (cycled, each round another company's offer), as its extractor reads them.
The ROME coder's indexes are built before the clock starts (`normalizers.rome.load`, a few
seconds once per process, as a worker pays them once for all its offers), then one offer is
normalized untimed. Prints `normalize_offer: N offers/s` (process time, one core) for each
run; `--dump` writes each result's JSON, one line an offer, in order; `--against OLD.jsonl`
(another checkout's `--dump`) prints how many results were compared and how many differ.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.quality import TEXT_RENDERINGS, source_offer  # noqa: E402
from normalizers.offer import SourceContext, normalize_offer  # noqa: E402
from normalizers.rome import load as load_rome_coder  # noqa: E402
from schemas import SourceDefaults  # noqa: E402


def _items(paths: list[Path]) -> list:
    items = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                ft = json.loads(line)
                items.append(source_offer(ft))
                items.extend(render(ft) for render in TEXT_RENDERINGS.values())
    return items


def _indeed_items(paths: list[Path], offers: int) -> list:
    """The SourceOffers of an Indeed-style feed of `offers` jobs built from the files (the dev
    files' directory, as bench/ingest.py builds it), read by Relais's extractor."""
    from bench.ingest import build_feed, extract

    with tempfile.TemporaryDirectory() as directory:
        feed = Path(directory) / "indeed.xml"
        build_feed(paths[0].parent, offers, feed)
        return extract(feed)[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--indeed", type=int, metavar="OFFERS")
    args = parser.parse_args()
    items = _indeed_items(args.paths, args.indeed) if args.indeed else _items(args.paths)
    context = SourceContext(
        source="bench",
        attribution="France Travail (bench)",
        defaults=SourceDefaults(),
        base_url="https://ats.example.fr/feeds/indeed.xml" if args.indeed else None,
        fetched_at=datetime(2026, 11, 1, 12, tzinfo=UTC),
    )
    load_rome_coder()
    normalize_offer(items[0], context)
    for _ in range(args.runs):
        began = time.process_time()
        results = [normalize_offer(item, context) for item in items]
        seconds = time.process_time() - began
        print(f"normalize_offer: {len(items) / seconds:.0f} offers/s ({len(items)} offers)")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for result in results:
                out.write(result.model_dump_json() + "\n")
    if args.against:
        old = args.against.read_text(encoding="utf-8").split("\n")[: len(results)]
        new = [result.model_dump_json() for result in results]
        differ = [index for index, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
        differ += list(range(len(old), len(new)))
        print(f"normalize_offer results: {len(new)} compared, {len(differ)} differ {differ[:10]}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
