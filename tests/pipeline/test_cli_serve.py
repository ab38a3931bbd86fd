"""`relais serve` says at once, in French, where it starts: loading the app takes a while."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import TEMPLATES

RELAIS = str(Path(sys.executable).parent / "relais")


def test_serve_says_where_it_starts_before_the_app_is_loaded(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "RELAIS_DATABASE_URL": TEMPLATES.sqlite(tmp_path / "serve.db")}
    process = subprocess.Popen(
        [RELAIS, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    assert first.startswith(f"démarrage du serveur sur http://127.0.0.1:{port} ")
