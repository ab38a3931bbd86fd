"""Where the server's Python time of one `/offres/search` request goes (cProfile, server side).

Usage: python bench/search_profile.py --database URL [--requests 50] [--top 25] [REQUEST …]

The app (`web.app.create_app`) answers in this process through httpx's ASGI transport, the
synchronous dependencies and handler run in the event loop's thread instead of a worker thread
(so that one profiler sees everything the server does for a request, HTTP parsing by uvicorn
excepted), each request (default: those of `bench/search.py`) asked `--requests` times after a
warm-up. Printed per request, one figure a line: `profile REQUEST python calls: N calls/request`
and `profile REQUEST cpu: X ms/request` (process CPU, the database's excluded), then the
functions of most own time as `#` lines.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import API, REQUESTS, ensure_database, tokens  # noqa: E402 - bench/search.py


async def _inline(function: Any, *args: Any, **kwargs: Any) -> Any:
    return function(*args, **kwargs)


def _run_inline() -> None:
    """Starlette's and FastAPI's thread pool replaced by a plain call (one thread to profile)."""
    import fastapi.dependencies.utils
    import fastapi.routing
    import starlette.concurrency

    import web.ft_api

    for module in (starlette.concurrency, fastapi.routing, fastapi.dependencies.utils, web.ft_api):
        if hasattr(module, "run_in_threadpool"):
            module.run_in_threadpool = _inline  # type: ignore[attr-defined]


async def _ask(app: Any, request: str, token: str, times: int) -> None:
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        for _ in range(times):
            response = await http.get(API + "?" + request, headers=headers)
            if response.status_code not in (200, 204, 206):
                raise SystemExit(f"{request}: HTTP {response.status_code} {response.text[:200]}")


def _package(filename: str) -> str:
    """The library (or Relais package) a profiled function belongs to."""
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    parts = Path(filename).parts
    for top in ("web", "store", "exporters", "schemas", "normalizers", "bench", "pipeline"):
        if top in parts:
            return top
    return "stdlib"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("request", nargs="*")
    args = parser.parse_args(argv)
    url = ensure_database(args.database)
    os.environ["RELAIS_DATABASE_URL"] = url
    _run_inline()
    from web.app import create_app

    app = create_app()
    token = tokens(url, 1)[0]
    for request in args.request or REQUESTS:
        asyncio.run(_ask(app, request, token, 3))
        cpu = time.process_time()
        asyncio.run(_ask(app, request, token, args.requests))
        cpu = time.process_time() - cpu
        print(f"profile {request} cpu unprofiled: {1000 * cpu / args.requests:.2f} ms/request")
        profile = cProfile.Profile()
        cpu = time.process_time()
        profile.enable()
        asyncio.run(_ask(app, request, token, args.requests))
        profile.disable()
        cpu = time.process_time() - cpu
        stats = pstats.Stats(profile)
        calls = stats.total_calls / args.requests  # type: ignore[attr-defined]
        print(f"profile {request} python calls: {calls:.0f} calls/request")
        print(f"profile {request} cpu: {1000 * cpu / args.requests:.2f} ms/request")
        packages: dict[str, list[float]] = {}
        for (filename, _, _), (_, calls, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
            package = _package(filename)
            figures = packages.setdefault(package, [0.0, 0.0])
            figures[0] += calls / args.requests
            figures[1] += 1000 * own / args.requests
        for package, (calls, own) in sorted(packages.items(), key=lambda p: -p[1][0]):
            print(f"#   {package}: {calls:.0f} calls, {own:.2f} ms own")
        listing = sorted(
            stats.stats.items(),  # type: ignore[attr-defined]
            key=lambda item: item[1][2],
            reverse=True,
        )[: args.top]
        for (filename, line, name), (_, calls, own, total, _) in listing:
            where = f"{Path(filename).name}:{line}({name})"
            print(
                f"#   {1000 * own / args.requests:7.3f} ms own {1000 * total / args.requests:7.3f}"
                f" ms total {calls / args.requests:7.1f} calls  {where}"
            )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
