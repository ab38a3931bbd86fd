"""The top-level packages resolve inside this repository, not to namesakes installed elsewhere."""

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "package", ["schemas", "store", "spiders", "normalizers", "exporters", "pipeline", "web"]
)
def test_package_resolves_inside_the_repository(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__file__ is not None
    assert Path(module.__file__).resolve().is_relative_to(ROOT)
