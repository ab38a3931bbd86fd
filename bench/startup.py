"""Start-up and lookup costs of the normalizers: what a fresh process pays before its first offer.

Usage: python bench/startup.py [--rounds N]

Each round starts a fresh Python process (as an Airflow task or a `relais` command does) and prints
the seconds it takes to load the vendored referentials (INSEE geography, ROME 4.0) and to have the
ROME coder ready; then, in this process, the cost of one place lookup once the index is built.
Figures are minimum / median / maximum over the rounds, wall-clock, on whatever machine runs it:
compare them with the same machine's earlier figures, not with another machine's.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

REFERENTIALS = (
    "import time; t = time.perf_counter()\n"
    "from normalizers import referentials as r\n"
    "r.communes(); r.departements(); r.regions(); r.communes_by_name_key()\n"
    "r.rome_metiers(); r.rome_appellations(); r.rome_domaines(); r.rome_mobilities()\n"
    "print(time.perf_counter() - t)"
)
CODER = (
    "import time; t = time.perf_counter()\n"
    "from normalizers.rome import code_rome; code_rome('Développeur')\n"
    "print(time.perf_counter() - t)"
)
PLACES = ("Saint-Martin-d'Hères (38)", "Lyon 3e", "Valence", "Cherbourg-Octeville (50)", "75015")


def _fresh_process(code: str) -> float:
    """Seconds the snippet reports, run in a new interpreter."""
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return float(output)


def _line(name: str, seconds: list[float], unit: str = "s", scale: float = 1.0) -> str:
    low, mid, high = min(seconds), statistics.median(seconds), max(seconds)
    return f"{name:<38} {low * scale:9.3f} {mid * scale:9.3f} {high * scale:9.3f} {unit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from normalizers.places import resolve_place

    print(f"{'':<38} {'min':>9} {'median':>9} {'max':>9}")
    print(
        _line(
            "referentials, fresh process",
            [_fresh_process(REFERENTIALS) for _ in range(args.rounds)],
        )
    )
    print(
        _line(
            "ROME coder ready, fresh process", [_fresh_process(CODER) for _ in range(args.rounds)]
        )
    )
    resolve_place("Lyon")  # the index is built once per process
    lookups: list[float] = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for _ in range(200):
            for text in PLACES:
                resolve_place(text)
        lookups.append((time.perf_counter() - started) / (200 * len(PLACES)))
    print(_line("place lookup (warm index)", lookups, unit="µs", scale=1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
