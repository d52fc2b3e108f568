"""A brief's reader notes (``readers:``): validation and cross-references, located."""

from __future__ import annotations

from pathlib import Path

from test_load import MINIMAL, errors_of, write

from briefgen.brief.load import load_brief

NOTE = """\
readers:
  executive:
    to: The Minister of Finance
    bottom_line: The report asks you to decide on talks.
    implications: [Talks would cost little.]
    decision: Whether to back talks.
    options:
      - id: back
        title: Back talks
        text: Support them.
        builds_on: [rec-one]
        risks: They may fail.
      - id: wait
        title: Wait
        text: Wait a year.
"""


def at(text: str, needle: str, column: int) -> str:
    """``b.yaml:LINE:COLUMN`` of the first line of ``text`` that holds ``needle``."""
    line = next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)
    return f"b.yaml:{line}:{column}"


def test_a_note_loads_with_its_options(tmp_path: Path) -> None:
    brief = load_brief(write(tmp_path, MINIMAL + NOTE))
    note = brief.readers["executive"]
    assert note.to == "The Minister of Finance"
    assert [o.id for o in note.options] == ["back", "wait"]
    assert note.options[0].builds_on == ["rec-one"] and note.options[1].risks is None
    assert note.caveats == []


def test_a_brief_without_notes_loads(tmp_path: Path) -> None:
    assert load_brief(write(tmp_path, MINIMAL)).readers == {}


def test_an_option_must_take_up_a_declared_recommendation(tmp_path: Path) -> None:
    text = MINIMAL + NOTE.replace("builds_on: [rec-one]", "builds_on: [rec-two]")
    assert errors_of(tmp_path, text) == [
        f"{at(text, 'rec-two', 21)}: readers.executive.options[0].builds_on[0]: no "
        "recommendation has the id 'rec-two' (declared: rec-one)"
    ]


def test_option_ids_are_unique_within_a_note(tmp_path: Path) -> None:
    text = MINIMAL + NOTE.replace("      - id: wait", "      - id: back")
    errors = errors_of(tmp_path, text)
    assert len(errors) == 1
    assert errors[0].endswith(
        "readers.executive.options[1].id: duplicate option id 'back' in this note"
    )


def test_a_note_needs_its_bottom_line_and_a_reader_key_that_is_an_id(tmp_path: Path) -> None:
    text = MINIMAL + NOTE.replace("    bottom_line: The report asks you to decide on talks.\n", "")
    assert errors_of(tmp_path, text) == [
        "b.yaml:31:5: readers.executive.bottom_line: missing required field 'bottom_line'"
    ]
    bad_key = MINIMAL + NOTE.replace("  executive:", "  Executive Memo:")
    assert errors_of(tmp_path, bad_key) == [
        "b.yaml:31:5: readers.Executive Memo: 'Executive Memo' does not match the required "
        "pattern ^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
    ]


def test_a_misspelt_field_in_a_note_is_named_with_its_neighbours(tmp_path: Path) -> None:
    # A note sits under a key of a mapping (readers: NAME:), as an obstacle's positions do:
    # the fields allowed there are the note's.
    text = MINIMAL + NOTE.replace("    decision:", "    decison:")
    assert errors_of(tmp_path, text) == [
        f"{at(text, 'decison', 5)}: readers.executive.decison: unknown field 'decison': did "
        "you mean 'decision'?"
    ]
    text = MINIMAL + NOTE.replace("    decision:", "    verdict:")
    [error] = errors_of(tmp_path, text)
    assert "allowed here: bottom_line, caveats, decision, implications, options, to" in error
