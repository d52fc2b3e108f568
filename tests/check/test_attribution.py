"""Balance and attribution rules, on the essay brief and on edited copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.brief.load import load_brief
from briefgen.check.attribution import claims, names_any, sentences, word_runs
from conftest import ESSAY_BRIEF, SOURCE
from edits import brief_copy, line_of, run

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")

NO_MEMOS: list = []
COUNTER = (
    "    counter: >-\n"
    "      Azerbaijan maintains its sincere commitment to fostering a stable, peaceful region.\n"
)


def codes(brief: Path) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.item, f.path) for f in run(brief, audiences=NO_MEMOS).findings]


def test_sentences_keep_abbreviations_together() -> None:
    assert sentences("Armenia insists on a European or U.S. venue. Azerbaijan does not.") == [
        "Armenia insists on a European or U.S. venue.",
        "Azerbaijan does not.",
    ]
    assert sentences("It said “Karabakh is Armenia”. Then war came.") == [
        'It said "Karabakh is Armenia".',
        "Then war came.",
    ]


def test_word_runs_skip_runs_of_common_words() -> None:
    runs = word_runs("It was the Turkish high command who ran the war.")
    assert ("it", "was", "the", "turkish") in runs
    assert ("who", "ran", "the", "war") in runs
    assert not any(set(run) <= {"it", "was", "the", "who"} for run in runs)
    assert word_runs("Karabakh is Armenia") == {("karabakh", "is", "armenia")}


def test_names_any_is_whole_words_any_case() -> None:
    assert names_any("The essay's view", ("essay",))
    assert not names_any("the essayist says", ("essay",))
    assert names_any(
        "some armenian and european scholars read", ("Armenian and European scholars",)
    )


def test_claimants_come_from_claimed_by() -> None:
    rules = {c.id: c for c in claims(load_brief(ESSAY_BRIEF))}
    assert rules["cp-turkish-high-command"].claimants == ("essay",)
    assert rules["cp-exodus-ethnic-cleansing"].claimants == (
        "European Parliament",
        "Armenian diaspora",
    )
    assert rules["cp-azerbaijan-demands"].claimants == (
        "Armenian and European scholars",
        "scholars",
    )


def test_the_essay_brief_passes_every_rule() -> None:
    assert codes(ESSAY_BRIEF) == []


def test_a_key_judgment_that_does_not_name_the_essay(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "The essay judges that Armenia's defeat holds an opportunity",
            "Armenia's defeat holds an opportunity",
        ),
    )
    report = run(brief, audiences=NO_MEMOS)
    [finding] = report.findings
    assert (finding.code, finding.item, finding.path) == (
        "A001",
        "kj-opportunity-in-defeat",
        "key_judgments[0].text",
    )
    assert finding.line == line_of(brief, "id: kj-opportunity-in-defeat") + 1  # its text: line


def test_the_plain_summary_and_plain_judgments_are_held_to_it_too(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "The essay thinks Armenia's defeat also brings a chance.",
            "Armenia's defeat also brings a chance.",
        ),
        ("The essay says Armenia lost the war in 2020", "Armenia lost the war in 2020"),
    )
    assert codes(brief) == [
        ("A001", "plain_summary", "plain_summary"),
        ("A001", "kj-opportunity-in-defeat", "key_judgments[0].plain"),
    ]


def test_a_claim_that_does_not_say_who_makes_it(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        ("The essay asserts that the Turkish high command ran", "The Turkish high command ran"),
    )
    assert codes(brief) == [("A002", "cp-turkish-high-command", "counterpoints[2].claim")]


def test_an_opinion_restated_as_fact_elsewhere_in_the_brief(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "backed Azerbaijan diplomatically and militarily.",
            "backed Azerbaijan diplomatically and militarily. It was the Turkish high command "
            "who ran the war.",
        ),
    )
    report = run(brief, audiences=NO_MEMOS)
    [finding] = report.findings
    assert (finding.code, finding.item, finding.path) == (
        "A003",
        "bg-russia-and-turkey",
        "context.background[3].text",
    )
    assert "restates cp-turkish-high-command as fact" in finding.message


def test_the_same_words_attributed_pass(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "backed Azerbaijan diplomatically and militarily.",
            "backed Azerbaijan diplomatically and militarily. The essay says it was the "
            "Turkish high command who ran the war.",
        ),
    )
    assert codes(brief) == []


def test_a_contested_claim_restated_without_its_claimant(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            "the Armenians of Karabakh fled within a few days of the war's outbreak",
            "the exodus amounted to ethnic cleansing; the Armenians of Karabakh fled within a few "
            "days of the war's outbreak",
        ),
    )
    assert codes(brief) == [("A003", "bg-armenian-exodus", "context.background[1].text")]


def test_a_contested_claim_needs_its_counter_or_who_disputes_it(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            COUNTER + "    countered_by: [azerbaijan]\n",
            "",
        ),
    )
    assert codes(brief) == [("A004", "cp-azerbaijan-demands", "counterpoints[1]")]
    brief = brief_copy(
        tmp_path,
        (
            COUNTER,
            "",
        ),
    )
    assert codes(brief) == []  # countered_by alone attributes the dispute


def test_a_recommendation_without_an_addressee_is_refused_at_load(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefgen.cli import main

    brief = brief_copy(tmp_path, ("addressed_to: [turkey]", "addressed_to: []"))
    result = CliRunner().invoke(main, ["check", str(brief), "--source", str(SOURCE)])
    assert result.exit_code == 2
    assert f"{brief}:{line_of(brief, 'addressed_to: []')}:" in result.stderr
    assert "recommendations[7].addressed_to" in result.stderr
