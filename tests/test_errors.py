"""Error lines: located problems as FILE:LINE:COL: path: message, the rest as bare messages."""

from __future__ import annotations

from briefgen.errors import InputError, Problem


def test_a_problem_prints_only_the_parts_it_has() -> None:
    assert str(Problem("b.yaml", 3, 4, "meta.id", "bad")) == "b.yaml:3:4: meta.id: bad"
    assert str(Problem("b.yaml", 3, 4, "", "bad")) == "b.yaml:3:4: bad"
    assert str(Problem("b.yaml", 0, 0, "", "bad")) == "b.yaml: bad"
    assert str(Problem("", 0, 0, "", "bad")) == "bad"


def test_an_input_error_without_a_file_is_its_message() -> None:
    assert str(InputError("no audience named 'x'")) == "no audience named 'x'"
    assert InputError("no audience named 'x'").lines() == ["no audience named 'x'"]
