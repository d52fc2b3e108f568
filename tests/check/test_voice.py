"""Voice rules: reported and observed items are not advice (A006); the analyst's labels are
marked as the analyst's (A007)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.brief.load import load_brief
from briefgen.check.report import check
from briefgen.check.voice import advice_in_own_voice, imperative, unmarked_labels
from briefgen.cli import main
from conftest import ESSAY_BRIEF, SOURCE
from edits import brief_copy, builtin_audiences, line_of, probe, run

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")

NO_MEMOS: list = []
FRAMEWORK = (
    "      Azerbaijan advocates a framework agreement with Armenia as a stepping stone towards a\n"
    "      more comprehensive peace treaty."
)


def a006(brief: Path) -> list[tuple[str | None, str | None, int]]:
    return [
        (f.item, f.path, f.line)
        for f in run(brief, audiences=NO_MEMOS).findings
        if f.code == "A006"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Keep drafting the peace treaty directly, without third parties.",
        "Open the border with Armenia.",
        "Ensure that refugees can return.",
        "“Build on the prisoner exchange.”",
    ],
)
def test_an_imperative_is_a_base_form_verb_with_no_subject(sentence: str) -> None:
    assert imperative(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Azerbaijan proposes to open the border.",  # a subject comes first
        "Open borders would help trade.",  # a finite verb follows: "Open" is an adjective
        "Work is under way on the draft.",  # "Work" is the subject
        "Keeping drafts bilateral matters.",  # not a base form
        "The essay notes that seven drafts were exchanged.",
    ],
)
def test_a_statement_is_not_an_imperative(sentence: str) -> None:
    assert not imperative(sentence)


def test_an_obligation_is_advice_unless_a_reporting_verb_says_whose() -> None:
    assert advice_in_own_voice("Armenia should amend its constitution.") == (
        "Armenia should amend its constitution."
    )
    assert advice_in_own_voice("Azerbaijan says Armenia should amend its constitution.") is None
    assert advice_in_own_voice("Iran wants the United States to accept enrichment.") is None
    # The second sentence is the advice, and is the one reported.
    assert advice_in_own_voice("Azerbaijan has a plan. Conclude it now.") == "Conclude it now."


def test_a_reported_proposal_worded_as_an_instruction(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (FRAMEWORK, "      Conclude a framework agreement as a stepping stone."),
    )
    assert a006(brief) == [
        (
            "framework-agreement",
            "recommendations[10].text",
            line_of(brief, "Conclude a framework agreement") - 1,  # at the `text:` key
        )
    ]
    [finding] = [f for f in run(brief, audiences=NO_MEMOS).findings if f.code == "A006"]
    assert "reports a party's proposal (voice: reports)" in finding.message
    assert "“Azerbaijan proposes ...”" in finding.message


def test_the_reported_proposal_worded_as_the_partys_passes() -> None:
    assert a006(ESSAY_BRIEF) == []


def test_the_voice_is_read_from_proposed_by_when_not_written(tmp_path: Path) -> None:
    # Without `voice:` an actor's proposal is still a report, so the plain "should" is caught.
    brief = brief_copy(
        tmp_path,
        ("    voice: reports\n    proposed_by: azerbaijan\n", "    proposed_by: azerbaijan\n"),
        (
            "      Azerbaijan wants the two sides to first agree on a short deal",
            "      The two sides should first agree on a short deal",
        ),
    )
    assert [(item, path) for item, path, _line in a006(brief)] == [
        ("framework-agreement", "recommendations[10].plain")
    ]


def test_an_observation_worded_as_advice(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "    addressed_to: [turkey]\n    priority: medium",
            "    addressed_to: [turkey]\n    voice: observes\n    priority: medium",
        ),
    )
    assert [(item, path) for item, path, _line in a006(brief)] == [
        ("turkey-open-border", "recommendations[7].text"),  # "Make overtures ..."
        ("turkey-open-border", "recommendations[7].plain"),  # "Turkey should reach out ..."
    ]
    finding = next(f for f in run(brief, audiences=NO_MEMOS).findings if f.code == "A006")
    assert "only observes a fact" in finding.message and "“The essay notes ...”" in finding.message


def test_the_sources_own_advice_may_be_an_instruction() -> None:
    brief = load_brief(ESSAY_BRIEF)
    opening = next(r for r in brief.recommendations if r.id == "turkey-open-border")
    assert imperative(opening.text)  # "Make overtures ...", the essay's own advice
    assert a006(ESSAY_BRIEF) == []


def test_other_languages_are_not_read(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (FRAMEWORK, "      Conclude a framework agreement as a stepping stone."),
        ("  language: en\n", "  language: fr\n"),
    )
    assert a006(brief) == []


# -- A007: the analyst's labels ----------------------------------------------------------------


def test_unmarked_labels_in_lines() -> None:
    lines = [
        "Top recommendations",
        "R1. Open the border.",
        "Priority: high · Horizon: short-term",
        "Addressed to Turkey; medium-term.",
    ]
    assert list(unmarked_labels(lines)) == [
        "Top recommendations",
        "Priority: high",
        "Horizon: short-term",
        "medium-term",
    ]


def test_labels_marked_in_their_line_or_by_an_earlier_legend() -> None:
    assert list(unmarked_labels(["Analyst's rating: Priority: high · Horizon: immediate"])) == []
    legend = "Priority and horizon are the analyst's ratings, not the essay's."
    assert (
        list(unmarked_labels([legend, "R1. Open it.", "Priority: high · Horizon: immediate"])) == []
    )
    # A legend for one kind of label does not mark another.
    assert list(unmarked_labels(["Priority is the analyst's rating.", "Horizon: immediate"])) == [
        "Horizon: immediate"
    ]


def _labels(audience: list) -> list[tuple[str, str | None]]:
    report = check(ESSAY_BRIEF, [str(SOURCE)], audience, analyst_labels=True)
    return [(f.code, f.audience) for f in report.findings]


def test_a_memo_showing_priority_as_a_plain_field(tmp_path: Path) -> None:
    audience = probe(
        tmp_path,
        "executive",
        "{% block recommendations %}{% for r in recommendations %}"
        "<p>{{ r.label }}. {{ r.text }}</p><p>Priority: {{ r.priority }}</p>"
        "{% endfor %}{% endblock %}",
    )
    assert _labels([audience]) == [("A007", "probe")]
    [finding] = check(ESSAY_BRIEF, [str(SOURCE)], [audience], analyst_labels=True).findings
    assert "“Priority: high” (5x)" in finding.message


def test_a_memo_marking_priority_as_the_analysts(tmp_path: Path) -> None:
    audience = probe(
        tmp_path,
        "executive",
        "{% block recommendations %}<h1>Recommendations</h1>"
        "<p>Priority is the analyst's rating, not the essay's.</p>"
        "{% for r in recommendations %}"
        "<p>{{ r.label }}. {{ r.text }}</p><p>Priority: {{ r.priority }}</p>"
        "{% endfor %}{% endblock %}",
    )
    assert _labels([audience]) == []


def test_the_label_rule_runs_by_default_and_the_built_in_audiences_pass_it() -> None:
    everyone = builtin_audiences()
    assert [f for f in run(audiences=everyone).findings if f.code == "A007"] == []
    assert {audience for code, audience in _labels(everyone) if code == "A007"} == set()
    for flag in ([], ["--no-analyst-labels"]):
        result = CliRunner().invoke(
            main, ["check", str(ESSAY_BRIEF), "--source", str(SOURCE), *flag]
        )
        assert result.exit_code == 0 and "A007" not in result.output, result.output
