"""Property tests: the loader fails only with its own error, and what it accepts always builds.

Hypothesis feeds the loader arbitrary bytes, arbitrary text, YAML-shaped text and random
mutations of the essay's brief (lines deleted, duplicated or swapped; scalars changed to
hostile values). Whatever comes in, loading either returns a Brief or raises
:class:`~briefgen.errors.InputError`: never another exception. A mutated brief that loads is
then rendered for every built-in audience and exported to every format: that never fails,
except with the documented "this audience needs ..." input errors (budgets are not checked
here). Example counts are kept modest so the suite stays fast.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefgen.audience.profiles import Audience, resolve, search_path
from briefgen.brief.load import brief_from_yaml
from briefgen.brief.located_yaml import read_yaml
from briefgen.brief.model import Brief
from briefgen.errors import InputError
from briefgen.export import FORMATS, exporter
from briefgen.fonts import bundled as fonts
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF

LOADER = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILDS = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
ESSAY_LINES = ESSAY_BRIEF.read_text(encoding="utf-8").split("\n")
# What an audience may legitimately refuse in a brief the loader accepted.
_AUDIENCE_NEEDS = re.compile(r"the \w[\w-]* memo (needs|is in plain language and needs)")
# A scalar after "key: " on a line of the brief (not a comment, not a block indicator).
_SCALAR_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+: )(?![>|]\s*$)(\S.*)$")


def load(raw: bytes) -> Brief | None:
    """Load ``raw`` as a brief; None when refused with an InputError (anything else escapes)."""
    try:
        return brief_from_yaml(read_yaml(raw, "prop.yaml"))
    except InputError as exc:
        assert exc.lines(), "an InputError must say what is wrong"
        return None


@cache
def builtin_audiences() -> tuple[Audience, ...]:
    """The four built-in audiences."""
    return tuple(
        resolve(n, search_path(None)) for n in ("executive", "negotiator", "donor", "public")
    )


# ---- strategies

_YAMLISH = st.text(
    alphabet=st.sampled_from(list(":-[]{}#&*!|>'\",?%@`\n\t ab01~.\\")), max_size=200
)
_HOSTILE_SCALARS = st.one_of(
    st.text(max_size=40),
    st.sampled_from([
        "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "&amp;", "''", '""', "~", "null",
        "no", "0x1F", "010", "1_000", "2024-05-01", ".inf", "-.nan", "[a, b]", "{a: 1}",
        "*alias", "&anchor x", "!!python/object:os.system", "|", ">", "'unclosed", "\"\\ud800\"",
        "[click](javascript:alert(1))", "W" * 300, "é" * 10, "\u202e", "- item", "a: b: c",
    ]),
)  # fmt: skip


@st.composite
def mutated_essay(draw: st.DrawFn) -> bytes:
    """The essay brief with a few lines deleted, duplicated, swapped or given new scalars."""
    lines = list(ESSAY_LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "scalar", "scalar"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            scalar_lines = [n for n, line in enumerate(lines) if _SCALAR_LINE.match(line)]
            n = draw(st.sampled_from(scalar_lines))
            match = _SCALAR_LINE.match(lines[n])
            assert match is not None
            lines[n] = match.group(1) + draw(_HOSTILE_SCALARS).replace("\n", " ")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


# Latin (with Azerbaijani letters), Cyrillic, Armenian: characters every bundled family draws
# (a memo may set a text in any of them, and a character its font lacks is refused).
_EVERY_FAMILY = frozenset.intersection(*(fonts.coverage(key) for key in fonts.FAMILY_KEYS))
_DRAWABLE = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F, exclude_categories=["Cc"]),
    st.characters(min_codepoint=0x400, max_codepoint=0x4FF),
    st.characters(min_codepoint=0x531, max_codepoint=0x556),
).filter(lambda char: ord(char) in _EVERY_FAMILY)


@st.composite
def text_edits(draw: st.DrawFn) -> bytes:
    """The essay brief with quoted text scalars replaced: mutations the loader often accepts."""
    lines = list(ESSAY_LINES)
    candidates = [n for n, line in enumerate(lines) if re.match(r"^\s+(text|title|term): ", line)]
    for n in draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=4, unique=True)):
        prefix = lines[n][: lines[n].index(": ") + 2]
        value = draw(st.text(_DRAWABLE, max_size=60))
        shape = draw(st.sampled_from(["<b>V</b>", "V & {{ x }}", "V", "W" * 250 + " V"]))
        value = shape.replace("V", value, 1)
        lines[n] = prefix + '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "\n".join(lines).encode("utf-8")


# ---- properties


@LOADER
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_input_errors(raw: bytes) -> None:
    load(raw)


@LOADER
@given(st.text(max_size=2000))
def test_arbitrary_text_raises_only_input_errors(text: str) -> None:
    load(text.encode("utf-8", "surrogatepass"))


@LOADER
@given(_YAMLISH)
def test_yaml_shaped_text_raises_only_input_errors(text: str) -> None:
    load(text.encode("utf-8"))


@LOADER
@given(mutated_essay())
def test_mutations_of_the_essay_brief_raise_only_input_errors(raw: bytes) -> None:
    load(raw)


def build_everything(brief: Brief) -> None:
    """Render every built-in audience and export every format; only 'needs' errors allowed."""
    for audience in builtin_audiences():
        try:
            document = render(brief, audience, "prop.yaml").document
        except InputError as exc:
            assert all(_AUDIENCE_NEEDS.search(line) for line in exc.lines()), exc.lines()
            continue
        for fmt in FORMATS:
            assert exporter(fmt)(document, audience.config.style)


@BUILDS
@given(st.one_of(text_edits(), text_edits(), mutated_essay()))
def test_a_brief_the_loader_accepts_builds_in_every_audience_and_format(raw: bytes) -> None:
    brief = load(raw)
    assume(brief is not None)
    assert brief is not None
    build_everything(brief)


def test_the_unmutated_essay_builds_everywhere() -> None:
    brief = load(ESSAY_BRIEF.read_bytes())
    assert brief is not None
    build_everything(brief)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\xef\xbb\xbf",
        b"\x00",
        b"\xff\xfe",
        b"- " * 10_000,
        b"[" * 10_000,
        b"a: &x 1\nb: *x",
        b"0[:",  # a key that looks like pydantic's own location parts ("[key]") once crashed
        b"meta: {'[key]': 1}",
    ],
)
def test_edge_cases(raw: bytes) -> None:
    assert load(raw) is None
