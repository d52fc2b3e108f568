"""Checks on the rendered memos: quotations, attribution, counter-views, grade, acronyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import Audience
from briefgen.brief.load import load_brief
from briefgen.check.source_text import quoted_phrases, read_source
from briefgen.document import tree as d
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF, SOURCE
from edits import brief_copy, builtin_audiences, probe, run

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")


def memo_codes(brief: Path, audiences: list[Audience]) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.audience, f.item) for f in run(brief, audiences=audiences).findings]


@pytest.mark.parametrize("audience", builtin_audiences(), ids=lambda a: a.name)
def test_every_quotation_in_every_memo_is_in_the_essay(audience: Audience) -> None:
    document = render(load_brief(ESSAY_BRIEF), audience).document
    source = read_source(SOURCE)
    phrases = [
        phrase for line in d.dump_text(document).split("\n") for phrase in quoted_phrases(line)
    ]
    assert phrases  # every memo quotes at least the essay's title
    # A citation quotes a source's title with the punctuation that follows inside the quotes
    assert [p for p in phrases if not source.find(p.rstrip(".,"))] == []


def test_the_memos_pass_the_attribution_rules() -> None:
    report = run()
    assert [f for f in report.findings if f.audience] == []
    assert {g.audience for g in report.grades} == {a.name for a in builtin_audiences()}


def test_a_claim_shown_without_its_counter_view(tmp_path: Path) -> None:
    audience = probe(
        tmp_path,
        "negotiator",
        "{% block counterpoints %}{% for c in counterpoints %}<p>{{ c.claim }}</p>"
        "{% endfor %}<p>Counter-views are in the annex.</p>"
        "{% for c in counterpoints if c.counter %}<p>{{ c.counter }}</p>{% endfor %}{% endblock %}",
    )
    found = memo_codes(ESSAY_BRIEF, [audience])
    assert found == [
        ("A005", "probe", "cp-exodus-ethnic-cleansing"),
        ("A005", "probe", "cp-azerbaijan-demands"),
        ("A005", "probe", "cp-turkish-high-command"),
    ]


def test_a_counter_view_in_the_next_block_is_beside_its_claim(tmp_path: Path) -> None:
    audience = probe(
        tmp_path,
        "negotiator",
        "{% block counterpoints %}{% for c in counterpoints %}<p>{{ c.claim }}</p>"
        "{% if c.counter %}<p>{{ c.counter }}</p>{% endif %}{% endfor %}{% endblock %}",
    )
    assert memo_codes(ESSAY_BRIEF, [audience]) == []


def test_a_template_that_states_a_claim_as_fact_or_invents_a_quote(tmp_path: Path) -> None:
    audience = probe(
        tmp_path,
        "executive",
        "{% block sources %}<p>It was the Turkish high command who ran the war.</p>"
        "<p>The essay calls it “a frozen conflict”.</p>{{ super() }}{% endblock %}",
    )
    report = run(audiences=[audience])
    assert [(f.code, f.audience, f.line) for f in report.findings] == [
        ("A003", "probe", 0),
        ("Q003", "probe", 0),
    ]
    assert "from the probe audience's templates" in report.findings[0].message
    assert "“a frozen conflict”" in report.findings[1].message


def test_reading_grade_over_the_audiences_target(tmp_path: Path) -> None:
    audience = probe(tmp_path, "executive", "", "reading_grade: 8\n")
    report = run(audiences=[audience])
    [finding] = report.findings
    assert (finding.code, finding.severity, finding.audience) == ("G001", "warning", "probe")
    assert "target 8 or below" in finding.message


def test_an_acronym_the_public_glossary_does_not_explain(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "The United States, the European Union and nearby countries should give money",
            "The U.S., the EU, NATO and nearby countries should give money",
        ),
    )
    public = [a for a in builtin_audiences() if a.name == "public"]
    report = run(brief, audiences=public)
    assert [(f.code, f.audience, f.message) for f in report.findings] == [
        ("G002", "public", "acronym NATO (1x) has no glossary entry")
    ]


def test_roman_numerals_are_not_acronyms(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "what Armenians suffered in World War One",
            "what Armenians suffered in World War I (WWI)",
        ),
    )
    public = [a for a in builtin_audiences() if a.name == "public"]
    assert [f.message for f in run(brief, audiences=public).findings] == [
        "acronym WWI (1x) has no glossary entry"
    ]


def test_a_memo_that_cannot_be_built_is_a_finding(tmp_path: Path) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    brief = tmp_path / "brief.yaml"
    brief.write_text(text[: text.index("\nnext_steps:")] + "\n", encoding="utf-8")
    public = [a for a in builtin_audiences() if a.name == "public"]
    report = run(brief, audiences=public)
    [finding] = report.findings
    assert (finding.code, finding.audience) == ("M001", "public")
    assert "needs next_steps" in finding.message
