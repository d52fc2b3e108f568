"""The benchmark's parts: the synthetic brief is valid and long as asked; the report's verdicts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.build.batch import build_memos
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import run  # the benchmark script, beside make_big_brief.py

pytestmark = pytest.mark.slow  # builds a synthetic brief: deselect with -m "not slow"


def test_the_synthetic_brief_is_valid_mixed_and_about_as_long_as_asked(tmp_path: Path) -> None:
    out = tmp_path / "big.yaml"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_big_brief.py"),
                    "--pages", "12", "--out", str(out)], check=True)  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert all(word in text for word in ("Azərbaycan", "Երևան", "თბილისი", "Россия"))
    negotiator = resolve("negotiator", search_path(None))
    memos, over, _brief = build_memos(out, [negotiator], ["pdf"], tmp_path / "out",
                                      allow_over_budget=True)  # fmt: skip
    assert 8 <= (memos[0].pages or 0) <= 18  # "about N pages"
    assert over  # 12 pages break the negotiator's 4-8 page budget, as a benchmark brief may


def test_the_report_gives_a_verdict_only_where_there_is_a_target(capsys: object) -> None:
    report = run.Report()
    report.add("fast enough", 1.0, 2.0, 1.0)
    report.add("too slow", 3.0, 2.0, 1.0)
    report.add("for reference", 3.0, 2.0, None)
    report.skip("no peer", "install the bench extra")
    assert [row.get("met") for row in report.rows] == [True, False, None, None]
    report.print()
    lines = capsys.readouterr().out.splitlines()  # type: ignore[attr-defined]
    assert lines[1].endswith(" met") and lines[2].endswith("NOT met") and lines[3].endswith("-")
    assert lines[4].endswith("skipped: install the bench extra")
