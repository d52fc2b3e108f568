"""A brief resting on several sources: each ref names its source, and each source is checked
on its own (quotations against the source they cite, staleness per source)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefgen.check.report import Report, check
from briefgen.cli import main

REPORT = """\
Water Sharing on the Upper River

The report finds that the two riparian states share the river under a 1995 accord.

It recommends a joint monitoring commission to publish flow data every month.

It notes that downstream farmers rely on the dry-season flow.
"""

STATEMENT = """\
Joint Statement of the Ministers

The ministers agreed to meet again in the spring.

Upstream, the ministry holds that new dams will not reduce the dry-season flow.
"""

BRIEF = """\
meta:
  id: river
  title: Water sharing on the upper river
  date: "2026-03-01"
  organisation: Test unit
sources:
  - id: report
    kind: report
    title: "Water Sharing on the Upper River"
    authors: ["Basin Institute"]
    names: [the report]
    short: Report
    file: report.txt
  - id: statement
    kind: statement
    title: Joint Statement of the Ministers
    short: Statement
    file: statement.txt
bottom_line: >-
  The report finds the two states share the river under a 1995 accord and proposes a joint
  monitoring commission.
key_judgments:
  - id: kj-accord
    text: The report finds that the river is shared under a 1995 accord.
    refs: [report:2]
context:
  timeline:
    - id: tl-accord
      date: "1995"
      event: The two states sign the river accord, as the report tells it.
      short: River accord signed
      refs: [report:2]
actors:
  - {id: upstream, name: the upstream state, short: Upstream, kind: state}
  - {id: downstream, name: the downstream state, short: Downstream, kind: state}
obstacles:
  - id: dry-season
    title: Dry-season flow
    summary: The report notes that downstream farmers rely on the dry-season flow.
    positions:
      upstream:
        text: Upstream holds that new dams will not reduce the dry-season flow.
        refs: [statement:3]
        quote: {text: "new dams will not reduce", ref: "statement:3"}
    refs: [report:4]
recommendations:
  - id: commission
    text: Set up a joint monitoring commission that publishes flow data every month.
    addressed_to: [upstream, downstream]
    proposed_by: report
    priority: high
    horizon: short-term
    quote: {text: "publish flow data every month", ref: "report:3"}
    refs: [report:3]
counterpoints:
  - id: cp-dams
    claim: Upstream holds that new dams will not reduce the dry-season flow.
    claimed_by: [upstream]
    counter: The report notes that downstream farmers rely on the dry-season flow.
    countered_by: [downstream]
    status: contested
    quote: {text: "new dams will not reduce", ref: "statement:3"}
    refs: [statement:3, report:4]
next_steps:
  - id: ns-meet
    text: The ministers agreed to meet again in the spring.
    refs: [statement:2]
"""


def write_brief(tmp_path: Path, text: str = BRIEF) -> Path:
    """The two-source brief with its two source texts beside it, fingerprinted."""
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    brief = tmp_path / "river.yaml"
    brief.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["fingerprint", str(brief), "--write"])
    assert result.exit_code == 0, result.output
    return brief


def run(brief: Path, *sources: str) -> Report:
    """``check`` without memos: the brief against its sources."""
    return check(brief, list(sources), [])


def test_a_brief_whose_source_is_called_the_report_is_clean(tmp_path: Path) -> None:
    report = run(write_brief(tmp_path))
    assert report.findings == ()
    assert report.summary().startswith(f"{tmp_path / 'river.yaml'}: clean against ")
    assert [c.source for c in report.coverage.sources] == ["report", "statement"]


def test_a_quotation_is_verified_against_the_source_it_cites(tmp_path: Path) -> None:
    brief = write_brief(tmp_path)
    text = brief.read_text(encoding="utf-8").replace(
        'quote: {text: "publish flow data every month", ref: "report:3"}',
        'quote: {text: "meet again in the spring", ref: "report:3"}',
    )
    brief.write_text(text, encoding="utf-8")
    (finding,) = run(brief).findings
    assert (finding.code, finding.item, finding.paragraph) == ("Q001", "commission", 3)
    assert finding.message == (
        "quotation not found in report ¶3: “meet again in the spring” (it is in statement ¶2)"
    )


def test_a_changed_paragraph_of_one_source_marks_only_the_items_citing_it(
    tmp_path: Path,
) -> None:
    brief = write_brief(tmp_path)
    changed = tmp_path / "statement-v2.txt"
    changed.write_text(STATEMENT.replace("in the spring", "in the autumn"), encoding="utf-8")
    report = run(brief, f"statement={changed}")
    assert sorted((f.code, f.item or "") for f in report.findings) == [
        ("P003", "ns-meet"),
        ("S001", ""),
    ]
    assert "statement-v2.txt has SHA-256" in report.findings[0].message
    stale = next(f for f in report.findings if f.code == "P003")
    assert stale.message == "stale: cites statement ¶2, which changed since the brief was written"


def test_without_a_file_the_source_to_pass_is_named(tmp_path: Path) -> None:
    brief = write_brief(tmp_path)
    (tmp_path / "statement.txt").unlink()
    result = CliRunner().invoke(main, ["check", str(brief), "-a", "executive"])
    assert result.exit_code == 2
    assert result.stderr == f"briefgen: {tmp_path / 'statement.txt'}: no such file\n"
    result = CliRunner().invoke(main, ["check", str(brief), "--source", "x.txt"])
    assert result.exit_code == 2
    assert "so name the one this file holds: --source ID=x.txt (sources: report, statement)" in (
        result.stderr
    )


def test_sources_are_recorded_only_when_fingerprinted(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    brief = tmp_path / "river.yaml"
    brief.write_text(BRIEF, encoding="utf-8")
    codes = [(f.code, f.path) for f in run(brief).findings]
    assert codes == [("S003", "sources[0]"), ("S003", "sources[1]")]


def test_labels_and_notes_name_each_source(tmp_path: Path) -> None:
    from briefgen.api import render_bytes

    markdown = render_bytes(write_brief(tmp_path), "negotiator", "md").decode("utf-8")
    # Notes in the negotiator's citation style (the timeline is a graphic, without notes): each
    # source in full once, then short, and a note citing two sources names them in the order
    # the item's refs give them.
    assert "[^1]: Basin Institute, *Water Sharing on the Upper River* (n.d.), para. 2." in markdown
    assert "[^3]: “Joint Statement of the Ministers,” n.d., para. 3." in markdown
    assert (
        "[^5]: “Joint Statement of the Ministers,” para. 3; Basin Institute, *Water Sharing on "
        "the Upper River*, para. 4." in markdown
    )


def test_a_partys_row_in_a_table_attributes_the_claim_it_holds(tmp_path: Path) -> None:
    from edits import builtin_audiences

    brief = write_brief(
        tmp_path,
        BRIEF.replace(
            "        text: Upstream holds that new dams will not reduce the dry-season flow.",
            "        text: New dams will not reduce the dry-season flow, it holds.",
        ),
    )
    negotiator = [a for a in builtin_audiences() if a.name == "negotiator"]
    codes = [f.code for f in check(brief, [], negotiator).findings]
    assert "A003" not in codes


def test_names_the_brief_uses_everywhere_do_not_make_a_restatement() -> None:
    from briefgen.check.attribution import RUN, word_runs

    common = frozenset({"the", "of", "is", "strait", "hormuz"})
    runs = word_runs("the Strait of Hormuz is closed", RUN, common)
    assert runs == {("strait", "of", "hormuz", "is"), ("of", "hormuz", "is", "closed")} - {
        ("strait", "of", "hormuz", "is")
    }
