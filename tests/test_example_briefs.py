"""The example briefs in Arabic, in Russian and in eight scripts (issue 15, item 5): each checks
clean against its public-domain sources, is written in its own language, and builds.

Each is built in every format, the Arabic memo right to left; every example brief, the worked
example included, builds its executive decision note (its readers: executive:) on one page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from briefgen.brief.load import load_brief
from briefgen.cli import main
from conftest import REPO

EXAMPLES = {
    "hormuz-shipping-ar": "ar",
    "hormuz-shipping-ru": "ru",
    "country-names-multiscript": "en",
}
# What each brief's memos must carry, in its script: a phrase of the brief's own text.
SAMPLES = {
    "hormuz-shipping-ar": ("مضيق هرمز", "تقرير CRS"),
    "hormuz-shipping-ru": ("Ормузского пролива", "записки CRS"),
    "country-names-multiscript": (
        "مصر",
        "ישראל",
        "ኢትዮጵያ",
        "भारत",
        "Հայաստան",
        "საქართველო",
        "ประเทศไทย",
        "Северна",
    ),
}
# The letters a brief written in the language is made of (Latin acronyms and names aside).
SCRIPT = {"ar": re.compile(r"[\u0600-\u06FF]"), "ru": re.compile(r"[\u0400-\u04FF]")}
# Fields that are not the brief's prose: bibliographic data, ids, dates, and verbatim quotations.
NOT_PROSE = {"sources", "quote", "id", "refs", "date", "tags", "obstacles", "addressed_to",
             "proposed_by", "claimed_by", "countered_by", "status", "priority", "horizon",
             "kind", "language", "tag", "marking"}  # fmt: skip


def _path(name: str) -> Path:
    return REPO / "briefs" / f"{name}.yaml"


def _prose(node: Any, key: str = "") -> Iterator[str]:
    """Every string of the brief that is its own prose (see NOT_PROSE)."""
    if key in NOT_PROSE:
        return
    if isinstance(node, dict):
        for child_key, value in node.items():
            yield from _prose(value, child_key)
    elif isinstance(node, list):
        for value in node:
            yield from _prose(value, key)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_checks_clean_against_its_sources(name: str) -> None:
    result = CliRunner().invoke(main, ["check", str(_path(name))])
    assert result.exit_code == 0, result.output
    assert f"{name}.yaml: clean against" in result.output
    assert load_brief(_path(name)).meta.language == EXAMPLES[name]


@pytest.mark.parametrize("name", ["hormuz-shipping-ar", "hormuz-shipping-ru"])
def test_the_example_is_written_in_its_language(name: str) -> None:
    data = yaml.safe_load(_path(name).read_text(encoding="utf-8"))
    letters = [c for text in _prose(data) for c in text if c.isalpha()]
    native = sum(1 for c in letters if SCRIPT[EXAMPLES[name]].match(c))
    assert len(letters) > 5000
    assert native / len(letters) > 0.9, f"{native} of {len(letters)} letters in the script"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_source_of_the_example_has_its_notice(name: str) -> None:
    sources = yaml.safe_load(_path(name).read_text(encoding="utf-8"))["sources"]
    for source in sources:
        text = (_path(name).parent / source["file"]).resolve()
        notice = (text.parent / "NOTICE.md").read_text(encoding="utf-8")
        assert text.name in notice and "public domain" in notice


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_builds_html_and_markdown_for_every_audience(name: str, tmp_path: Path) -> None:
    args = ["build", str(_path(name)), "-a", "all", "-f", "html,md", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "-j", "1"])
    assert result.exit_code == 0, result.output
    memos = tmp_path / name
    negotiator = (memos / "negotiator.md").read_text(encoding="utf-8")
    for phrase in SAMPLES[name]:
        assert phrase in negotiator, phrase
    assert f'lang="{EXAMPLES[name]}"' in (memos / "executive.html").read_text(encoding="utf-8")


def test_the_russian_example_builds_in_every_format_with_the_fonts_as_they_are(
    tmp_path: Path,
) -> None:
    args = ["-a", "all", "-f", "docx,pdf,html,md", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, ["build", str(_path("hormuz-shipping-ru")), *args])
    assert result.exit_code == 0, result.output
    memos = tmp_path / "hormuz-shipping-ru"
    assert len(list(memos.glob("*.pdf"))) == len(list(memos.glob("*.docx"))) == 5
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(memos / "executive.pdf"), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert "Пакистана" in text and "CRS" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler)")
def test_the_arabic_memo_pdf_gives_every_word_of_its_readers_bottom_line_in_reading_order(
    tmp_path: Path,
) -> None:
    args = ["-a", "executive", "-f", "pdf", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, ["build", str(_path("hormuz-shipping-ar")), *args])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "hormuz-shipping-ar" / "executive.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    text = re.sub("[\u202a-\u202e]", "", text)  # the embedding marks pdftotext adds
    bottom_line = load_brief(_path("hormuz-shipping-ar")).readers["executive"].bottom_line
    words = {w.strip("()،؛.:«»") for w in bottom_line.split() if SCRIPT["ar"].search(w)}
    assert words and [w for w in words if w not in text] == []


# Every example brief in briefs/, the worked example included.
ALL_EXAMPLES = sorted(path.stem for path in (REPO / "briefs").glob("*.yaml"))


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_every_example_builds_its_executive_decision_note_within_budget(
    name: str, tmp_path: Path
) -> None:
    """Without --allow-over-budget: a memo over its one page writes nothing and exits 1."""
    args = ["build", str(_path(name)), "-a", "executive", "-f", "pdf,docx,html,md"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    memos = tmp_path / name
    assert sorted(p.suffix for p in memos.glob("executive.*")) == [".docx", ".html", ".md", ".pdf"]
    note = load_brief(_path(name)).readers["executive"]
    markdown = (memos / "executive.md").read_text(encoding="utf-8")
    assert note.to and note.to in markdown
    assert note.decision and note.decision in markdown
    assert all(option.title in markdown for option in note.options)
