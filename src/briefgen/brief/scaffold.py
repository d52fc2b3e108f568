"""``briefgen new brief``: a commented brief that validates and builds every built-in audience.

The brief is written section by section (:data:`SECTIONS`): each a comment saying what the
section is for and which memos print it, then the smallest example content every built-in
audience needs, attributed as ``check`` requires ("The source argues that ..."). Its refs point
at paragraph 1 so that it validates before the source text exists; hashes and fingerprints are
left to ``briefgen fingerprint --write``. A new section is one more entry in the list.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.brief.json_schema import schema_text
from briefgen.brief.model import ID_PATTERN
from briefgen.errors import InputError
from briefgen.files.atomic_write import write_atomic
from briefgen.files.names import name_problem
from briefgen.reproducible import build_datetime

SCHEMA_FILE = "brief.schema.json"


@dataclass(frozen=True)
class Section:
    """One top-level part of the scaffold: why it is there, then its YAML."""

    comment: str
    body: str


_HEADER = """\
# yaml-language-server: $schema={schema}
# A briefgen brief: the substance every audience's memo is built from, written once.
# Replace each example with what your source says; keep every statement attributed to whoever
# holds it ("The source argues that ..."), because `briefgen check` holds the brief to that.
#
# refs: where an item rests in its source. Paragraphs are the blocks of the source text
# separated by blank lines, numbered from 1 (the title line is paragraph 1); in a brief with
# one source a ref is the paragraph number alone (several sources: `ID:N`). The examples point
# at paragraph 1 so that the brief validates before you have a text: point each at the
# paragraphs that say it.
#
# plain: the same point in plain words (short sentences, no unexplained acronym), printed by
# the public memo instead of `text`; it needs one on every item that has the field.
#
# Then:  briefgen validate {file}
#        briefgen fingerprint {file} --write    (records the source's hash and fingerprints)
#        briefgen check {file}
#        briefgen build {file} -a all
#        (until the brief is filled in, the donor and negotiator memos are shorter than their
#        page budgets: the build says so in warnings)
# Every field is described in briefgen's docs/brief-format.md and in {schema}.
"""

SECTIONS: list[Section] = [
    Section(
        "What the brief is and who issues it: every memo's title, date and 'From' line.",
        """\
meta:
  id: {name}
  title: What the source argues    # the title of every memo
  # subtitle: A one-line subtitle
  date: "{date}"
  organisation: Your organisation  # the memos' "From" line
  # author: The analyst who wrote the brief
  marking: DRAFT                   # printed in every running header; delete when final
""",
    ),
    Section(
        "The documents the brief rests on. Notes and source lines in every memo cite them; the\n"
        "# public memo's closing note names them. `names` are how your prose refers to a source\n"
        "# ('the source', 'the report'): attribution checks accept any of them. `sha256`,\n"
        "# `paragraphs` and `fingerprints` are optional until `briefgen fingerprint --write`\n"
        "# records them (`check` says when they are missing, S003).",
        """\
sources:
  - id: source
    kind: report                   # essay, article, report, book, statement, web-page, ...
    title: Title of the source     # as its text's title line has it: memos quote it
    # authors: ["Family, Given"]   # or an organisation's name as it signs
    publisher: Publisher of the source
    # date: "2026-01"              # YYYY, YYYY-MM or YYYY-MM-DD
    # url: https://example.org/the-source
    names: [the source]
    short: Source                  # label before ¶ when a brief has several sources
    # perspective: Whose standpoint the source argues from; memos print it as a caveat.
{file}
""",
    ),
    Section(
        "The one paragraph a minister must read: the executive, negotiator and donor memos\n"
        "# open with it. The first sentence names whose view it is.",
        """\
bottom_line: >-
  The source argues that the example policy should change. Replace this with the one paragraph
  a minister must read.
""",
    ),
    Section(
        "The public memo's 'In short': the bottom line in plain words.",
        """\
plain_summary: >-
  The source says the example policy should change. Say here, in plain words, what it argues.
""",
    ),
    Section(
        "What a reader should remember, most important first (the executive memo prints four,\n"
        "# the public memo three, the negotiator memo all). Each names its holder.",
        """\
key_judgments:
  - id: kj-example
    text: The source argues that the example policy no longer works.
    plain: The source says the example policy no longer works.
    refs: [1]
""",
    ),
    Section(
        "Background, dated events and key figures. The negotiator and public memos need a\n"
        "# timeline (the public memo draws it when every event has a `short` label); the\n"
        "# executive and donor memos need key figures.",
        """\
context:
  # background:                    # statements of background, in the brief's words
  #   - id: bg-example
  #     text: The source describes how the example policy began.
  #     plain: The source tells how the example policy began.
  #     tags: [economic]
  #     refs: [1]
  timeline:
    - id: tl-example
      date: "{year}"               # YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source
      event: The source reports that the example policy began.
      short: Example policy begins   # at most 40 characters, for the timeline graphic
      plain: The source says the example policy began.
      refs: [1]
  key_figures:
    - id: kf-example
      value: "1"                   # the figure as printed, e.g. "700,000+"
      label: example figure the source gives
      refs: [1]
""",
    ),
    Section(
        "Every party the brief names. Recommendations are addressed to them, obstacles list\n"
        "# their positions, counterpoints name who claims and who disputes.",
        """\
actors:
  - {id: government, name: the government, short: Government, kind: organisation}
  - {id: critics, name: the critics, short: Critics, kind: group}
""",
    ),
    Section(
        "What stands in the way, with each party's position as the source states it (the\n"
        "# negotiator and public memos need obstacles; the donor memo shows them by tag).",
        """\
obstacles:
  - id: ob-example
    title: Example obstacle
    summary: The source argues that the cost of the change stands in the way.
    positions:
      government:
        text: The government holds, the source reports, that it cannot pay for the change.
        refs: [1]
    # openings: What the source says could move it.
    plain: The source says the cost of the change stands in the way.
    tags: [economic]
    refs: [1]
""",
    ),
    Section(
        "What the source recommends, most important first. Every memo prints recommendations:\n"
        "# the executive memo its high-priority ones, the donor memo those tagged with its\n"
        "# themes, the public memo up to five in plain words.",
        """\
recommendations:
  - id: rec-example
    text: Change the example policy within a year.
    addressed_to: [government]
    # voice: recommends            # recommends (the source advises it), reports (a party's
    #                              # proposal, worded as theirs) or observes (a fact; rarely)
    # proposed_by: critics         # an actor, when a party proposes it (default: the source)
    priority: high                 # high, medium or low
    horizon: short-term            # immediate, short-term, medium-term or long-term
    tags: [economic]               # themes audiences select by
    obstacles: [ob-example]
    rationale: The source argues that the change would cost less than doing nothing.
    plain: The source says the government should change the example policy within a year.
    refs: [1]
""",
    ),
    Section(
        "What a memo says to its reader, in your voice as the analyst (memos mark it so): the\n"
        "# executive memo needs a note under its audience's name. The bottom line is written for\n"
        "# that reader; options may take up the recommendations above (builds_on).",
        """\
readers:
  executive:
    # to: The Minister of Finance    # the memo's To line for this brief
    bottom_line: >-
      The source argues the example policy should change within a year; what it asks of you
      is a decision on whether to back the change.
    implications:
      - The government would carry the cost the source puts on the change.
    decision: Whether to back the change to the example policy this year.
    options:
      - id: back-change
        title: Back the change
        text: Support the change the source recommends.
        builds_on: [rec-example]
        risks: The critics claim it would cost too much.
      - id: wait
        title: Wait
        text: Wait for the government's decision.
        risks: The source argues that doing nothing would cost more.
    # caveats: [What the reader should keep in mind beyond the source's perspective.]
""",
    ),
    Section(
        "The themes the donor memo is organised by: one section per theme, holding the\n"
        "# background, obstacles and recommendations tagged with it (a theme with nothing to\n"
        "# show is left out; the donor memo needs at least one with something).",
        """\
themes:
  - tag: economic
    title: Costs and the economy
    # summary: One sentence on why funders care about this theme.
""",
    ),
    Section(
        "Claims that are contested, unsubstantiated or opinion, each attributed to whoever makes\n"
        "# it, with the view that answers it (the negotiator memo needs them; the public memo\n"
        "# shows the contested and unsubstantiated ones).",
        """\
counterpoints:
  - id: cp-example
    claim: The critics claim that the change would cost too much.
    claimed_by: [critics]
    counter: The source answers that doing nothing would cost more.
    countered_by: [government]
    status: contested              # contested, unsubstantiated or opinion
    plain: The critics say the change would cost too much. The source says it would not.
    refs: [1]
""",
    ),
    Section(
        "The editor's corrections and caveats, always printed as the editor's.",
        """\
editorial_notes: []
  # - id: en-example
  #   kind: correction             # correction or caveat
  #   text: "The source gives the wrong year."  # memos title the box "Editorial correction"
  #   plain: "The source gives the wrong year."
  #   refs: [1]
""",
    ),
    Section(
        "Terms explained (the public memo needs a glossary and prints the entries its text\n"
        "# uses: the term, its abbreviation or an alias, as whole words).",
        """\
glossary:
  - term: example policy
    aliases: [example policies]    # other forms that count as using the term
    # abbreviation: EP             # printed as "example policy (EP)"; counts too
    definition: >-
      A stand-in for the policy your brief is about. Replace it with a term your memos use.
""",
    ),
    Section(
        "What happens next, as the source describes the road ahead (the public memo needs it;\n"
        "# the donor memo shows it by tag).",
        """\
next_steps:
  - id: ns-example
    text: The source expects the government to decide on the example policy this year.
    plain: The source expects the government to decide this year.
    tags: [economic]
    refs: [1]
""",
    ),
]


def _source_line(source: Path | None, folder: Path) -> str:
    """The source's ``file:`` line: relative to the brief, or commented with a note."""
    if source is None:
        return (
            "    # file: source.txt             # its text, relative to this brief: `check` and\n"
            "    #                              # `fingerprint` need it (or --source FILE)"
        )
    try:
        relative = os.path.relpath(source.resolve(), folder.resolve())
    except ValueError:  # another drive on Windows: no relative path exists
        relative = str(source.resolve())
    quoted = _yaml_string(Path(relative).as_posix())
    return f"    file: {quoted}  # its text, relative to this brief"


def _yaml_string(text: str) -> str:
    # Quoted as JSON is valid YAML whatever the file name holds (spaces, '#', ':').
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def brief_text(name: str, source: Path | None, folder: Path) -> str:
    """The scaffold's text for a brief called ``name`` in ``folder``."""
    today = build_datetime().date().isoformat()
    fields = {"name": name, "date": today, "year": today[:4], "file": ""}
    fields["file"] = _source_line(source, folder)
    parts = [_HEADER.format(schema=SCHEMA_FILE, file=f"{name}.yaml")]
    for section in SECTIONS:
        body = re.sub(r"\{(\w+)\}", lambda m: fields.get(m[1], m[0]), section.body)
        parts.append(f"\n# {section.comment}\n{body}")
    return "".join(parts)


def scaffold_brief(name: str, folder: Path, source: Path | None = None) -> list[Path]:
    """Write ``folder/NAME.yaml`` (and ``brief.schema.json`` beside it unless one is there);
    returns the paths written. An existing brief is never overwritten."""
    if not re.match(ID_PATTERN, name) or len(name) > 48:
        raise InputError(
            f"brief name {name!r}: use at most 48 lower-case letters, digits and single "
            "hyphens (it is the brief's id)"
        )
    problem = name_problem(name)  # it names files: no Windows device names either
    if problem:
        raise InputError(f"brief name {name!r}: {problem}")
    brief = folder / f"{name}.yaml"
    if brief.exists():
        raise InputError(f"{brief} already exists; choose another name or remove it")
    written = [brief]
    write_atomic(brief, brief_text(name, source, folder).encode("utf-8"))
    schema = folder / SCHEMA_FILE
    if not schema.exists():
        write_atomic(schema, schema_text().encode("utf-8"))
        written.append(schema)
    return written
