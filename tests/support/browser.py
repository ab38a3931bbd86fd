"""Debian's headless chromium for the browser tests: how it is launched, and a watched tab."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def watched_tab(browser: Any, width: int, height: int) -> Iterator[Any]:
    """A fresh browser context (no cookies) and its page; when the block ends, fails if the
    page broke its Content-Security-Policy (chromium says so on the console)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert violations == []
