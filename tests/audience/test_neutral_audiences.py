"""The built-in audiences carry no trace of any one topic: no country, place, conflict or
source kind of the worked examples appears in any file of the package's audiences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.audience.profiles import BUILTIN_ROOT
from briefgen.brief.load import load_brief
from conftest import REPO

WORKED_EXAMPLES = sorted((REPO / "briefs").glob("*.yaml"))
# Words of the worked examples' topics that no actor or source name spells out in full.
FIXED = (
    "Azerbaijan",
    "Armenia",
    "Karabakh",
    "Artsakh",
    "Caucasus",
    "Turkey",
    "Russia",
    "Hormuz",
    "Iran",
    "Israel",
    "Lebanon",
    "ceasefire",
    "refugee",
    "displacement",
    "resettlement",
    "oil",
)
# A source's kind, as a noun ("the essay", "an opinion essay", "one report", "essay's"): a memo
# takes it from the brief, never writes it itself ("as the sources report" is a verb).
SOURCE_KINDS = ("essay", "article", "report", "book", "statement", "resolution", "interview")
# Short names too common to mean a topic in a template ("US" is "us", a pronoun).
TOO_COMMON = {"us", "eu", "uae", "un"}


def _topic_words() -> set[str]:
    """Every actor's and source's names in the worked examples, and the fixed list."""
    words = set(FIXED)
    for path in WORKED_EXAMPLES:
        brief = load_brief(path)
        for actor in brief.actors:
            words.update(name for name in (actor.name, actor.short) if name)
        for source in brief.sources:
            words.update(name for name in (source.title, source.short, *source.names) if name)
            words.update(source.authors)
    return {word for word in words if word.casefold() not in TOO_COMMON}


def _patterns() -> dict[str, re.Pattern[str]]:
    """What each topic word looks like in a file: a whole word, a source kind as a noun."""
    patterns = {
        word: re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        for word in _topic_words()
    }
    for kind in SOURCE_KINDS:
        noun = rf"(?<!\w)(the|a|an|this|one|each)\s+(\w+\s+)?{kind}(?!\w)|(?<!\w){kind}'s"
        patterns[kind] = re.compile(noun, re.IGNORECASE)
    return patterns


def _files() -> list[Path]:
    return sorted(path for path in BUILTIN_ROOT.rglob("*") if path.is_file())


def test_the_worked_examples_supply_the_words() -> None:
    assert len(WORKED_EXAMPLES) >= 2
    words = _topic_words()
    assert {"Georgia", "Pakistan", "the essay", "the CRS report"} <= words
    patterns = _patterns()
    for old in ("what one essay argues", "Plain-language explainer of an opinion essay"):
        assert patterns["essay"].search(old)
    assert not patterns["report"].search("as {{ by.name }} report{{ by.s }}")
    assert any(path.suffix == ".j2" for path in _files())


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(BUILTIN_ROOT)))
def test_no_topic_word_in_a_builtin_audience(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = sorted(word for word, pattern in _patterns().items() if pattern.search(text))
    assert not found, f"{path.relative_to(BUILTIN_ROOT)} names {', '.join(found)}"
