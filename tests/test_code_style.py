"""The code stays ruff clean (ruff comes with the test extra)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import REPO


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_check_is_clean() -> None:
    result = subprocess.run(
        ["ruff", "check", "src", "tests", "benchmarks"] if (REPO / "benchmarks").is_dir()
        else ["ruff", "check", "src", "tests"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
