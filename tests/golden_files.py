"""Golden-file comparison; set BRIEFGEN_UPDATE_GOLDEN=1 to rewrite the files after review."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with tests/golden/NAME (or rewrite it when asked to)."""
    path = GOLDEN / name
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; review and rerun with BRIEFGEN_UPDATE_GOLDEN=1"
