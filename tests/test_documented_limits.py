"""The limits docs/limits.md and the README's "Limits" table state are the constants in the code.

Each row of a limits table (a table whose first header cell is ``limit``) is looked up by its
label, and the figure it starts with must be the constant's value as the docs write it
(``4 MiB``, ``2,000,000 characters``, ``10 seconds``). A constant changed in the code fails
here until the docs follow; a row added to a table without a check here fails too. Figures
stated in prose are matched by the sentence around them.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable

import jinja2.sandbox
import pytest
from pydantic.fields import FieldInfo

from briefgen.audience import logo, profiles, reference_docx
from briefgen.audience.style import Style
from briefgen.brief import located_yaml, model
from briefgen.build import watch
from briefgen.document import markup_parser
from briefgen.files import names
from briefgen.render import jinja_sandbox, process_limits, template_limits
from conftest import REPO

LIMITS = REPO / "docs" / "limits.md"
README = REPO / "README.md"


def limit_tables(text: str) -> dict[str, str]:
    """Every row of the tables headed ``| limit | ...``: its label (first cell) -> its figure
    (second cell), both as written."""
    rows: dict[str, str] = {}
    in_table = False
    for line in text.splitlines():
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "limit":
            in_table = True
        elif in_table and not set(cells[0]) <= set("-: "):
            assert cells[0] not in rows, f"two rows labelled {cells[0]!r}"
            rows[cells[0]] = cells[1]
    return rows


def max_length(declared: object) -> int:
    """The ``max_length`` of a pydantic field or of an ``Annotated`` string type."""
    metadata = declared.metadata if isinstance(declared, FieldInfo) else typing.get_args(declared)
    found = [m.max_length for m in metadata if getattr(m, "max_length", None) is not None]
    assert len(found) == 1, declared
    return found[0]


def mib(size: int) -> str:
    """A size in bytes as the docs write it, in whole MiB."""
    assert size % 2**20 == 0, f"{size} bytes is not a whole number of MiB"
    return f"{size // 2**20} MiB"


def chars(count: int) -> str:
    """A count of characters as the docs write it."""
    return f"{count:,} characters"


def same(first: int, second: int) -> int:
    """The one figure a row states for two settings: they must have the same limit."""
    assert first == second, f"one row states one figure for limits {first} and {second}"
    return first


def seconds(value: float) -> str:
    """A whole number of seconds as the docs write it."""
    assert value == int(value)
    return f"{int(value)} seconds"


_STYLE = Style.model_fields
# docs/limits.md: row label -> the figure its value cell starts with.
LIMITS_ROWS: dict[str, Callable[[], str]] = {
    # Briefs
    "size of a brief (or an `audience.yaml`)": lambda: (
        f"{mib(located_yaml.MAX_BYTES)} ({located_yaml.MAX_BYTES:,} bytes, `MAX_BYTES`)"
    ),
    "YAML nesting, flow (`[[[`) or block": lambda: f"{located_yaml.MAX_DEPTH} levels",
    "a plain number": lambda: f"{located_yaml.MAX_NUMBER_CHARS} characters (`MAX_NUMBER_CHARS`)",
    "a long text field (`text`, `summary`, `claim`, `plain`, `bottom_line`, ...)": lambda: chars(
        max_length(model.Text)
    ),
    "a short text (titles, names, labels, a timeline `event`, a quotation's `text`)": lambda: chars(
        max_length(model.ShortText)
    ),
    "a timeline event's `short` label": lambda: chars(max_length(model.TimelineLabel)),
    "a key figure's `value`": lambda: chars(max_length(model.KeyFigure.model_fields["value"])),
    "an `id`": lambda: chars(max_length(model.Id)),
    "a URL (a source's `url`)": lambda: chars(max_length(model.Url)),
    # Audiences
    "an `extends` chain": lambda: f"{profiles.MAX_EXTENDS_DEPTH} audiences (`MAX_EXTENDS_DEPTH`",
    "`style.header`, `style.footer`": lambda: chars(
        same(max_length(_STYLE["header"]), max_length(_STYLE["footer"]))
    ),
    "`style.marking`": lambda: chars(max_length(_STYLE["marking"])),
    "`style.watermark`": lambda: chars(max_length(_STYLE["watermark"])),
    "a reference DOCX": lambda: f"{mib(reference_docx.MAX_BYTES)} (`MAX_BYTES`",
    "a reference DOCX, unpacked": lambda: (
        f"{mib(reference_docx.MAX_UNPACKED_BYTES)} (`MAX_UNPACKED_BYTES`)"
    ),
    "entries of a reference DOCX": lambda: f"{reference_docx.MAX_ENTRIES:,} files (`MAX_ENTRIES`)",
    "a house style's logo": lambda: (
        f"{logo.MAX_BYTES:,} bytes (`MAX_BYTES` in `audience/logo.py`), {logo.MAX_SIDE:,} pixels "
        "a side (`MAX_SIDE`"
    ),
    # Templates
    "a template file": lambda: (
        f"{mib(template_limits.MAX_TEMPLATE_BYTES)} (`MAX_TEMPLATE_BYTES`, "
        f"{template_limits.MAX_TEMPLATE_BYTES:,} bytes)"
    ),
    "a memo's markup, and any one string or list a template builds (`*`, `+`, `~`, `%`, `**`, "
    "`join`, `replace`, `center`, `indent`, `wordwrap`, `format`, `str.ljust`, ...)": lambda: (
        f"{template_limits.MAX_OUTPUT_CHARS:,} characters or items (`MAX_OUTPUT_CHARS`)"
    ),
    "everything a template prints, macro and `{% set %}` buffers included": lambda: (
        f"{chars(template_limits.MAX_PRODUCED_CHARS)} (`MAX_PRODUCED_CHARS`)"
    ),
    "loop iterations plus calls (macros, functions, methods) in one render": lambda: (
        f"{template_limits.MAX_STEPS:,} (`MAX_STEPS`)"
    ),
    "macro calls inside macro calls": lambda: (
        f"{jinja_sandbox.MAX_MACRO_DEPTH} levels (`MAX_MACRO_DEPTH`"
    ),
    "rendering time": lambda: (
        f"{seconds(template_limits.MAX_RENDER_SECONDS)} (`MAX_RENDER_SECONDS`)"
    ),
    "a render still running after its time is up": lambda: (
        f"killed {seconds(process_limits.KILL_GRACE_SECONDS)} later (`KILL_GRACE_SECONDS`"
    ),
    "memory a render may add": lambda: f"{mib(template_limits.MAX_RENDER_MEMORY)} of address space",
    "elements of the markup nested in each other": lambda: (
        f"{markup_parser.MAX_DEPTH} levels (`MAX_DEPTH`"
    ),
    "`range()` in a template": lambda: f"{jinja2.sandbox.MAX_RANGE:,} items",
    "powers (`**`)": lambda: f"exponents up to {template_limits._MAX_POWER} (`_MAX_POWER`)",
}

# The README's "Limits" table: row label -> its whole figure cell.
README_ROWS: dict[str, Callable[[], str]] = {
    "a brief (or an `audience.yaml`)": lambda: mib(located_yaml.MAX_BYTES),
    "a text field (`text`, `summary`, ...); a title, name or label": lambda: (
        f"{chars(max_length(model.Text))}; {chars(max_length(model.ShortText))}"
    ),
    "a brief's file name, an audience's name (they name files)": lambda: chars(
        names.MAX_NAME_CHARS
    ),
    "a template file": lambda: mib(template_limits.MAX_TEMPLATE_BYTES),
    "a memo's markup, or any value a template builds": lambda: (
        f"{template_limits.MAX_OUTPUT_CHARS:,} characters or items"
    ),
    "loop iterations plus calls in one render": lambda: f"{template_limits.MAX_STEPS:,}",
    "rendering time (then stopped at its template line)": lambda: seconds(
        template_limits.MAX_RENDER_SECONDS
    ),
    "memory a render may add (Linux)": lambda: mib(template_limits.MAX_RENDER_MEMORY),
}

# Figures in docs/limits.md's prose: a pattern whose group is the figure -> what it must be.
PROSE: dict[str, Callable[[], str]] = {
    r"is at most (\d+) characters long \(`MAX_NAME_CHARS`\)": lambda: str(names.MAX_NAME_CHARS),
    r"capped \(`RLIMIT_AS`\) at\s+(\d+ MiB) over the parent's": lambda: mib(
        template_limits.MAX_RENDER_MEMORY
    ),
    r"timer stops the template after (\d+ seconds)": lambda: seconds(
        template_limits.MAX_RENDER_SECONDS
    ),
    r"running\s+(\d+ seconds) after that": lambda: seconds(process_limits.KILL_GRACE_SECONDS),
    r"at most ([\d,]+) files\s+\(`MAX_WATCHED_FILES`": lambda: f"{watch.MAX_WATCHED_FILES:,}",
    r"rendering ran out of memory \(a render may use (\d+ MiB)\)": lambda: mib(
        template_limits.MAX_RENDER_MEMORY
    ),
    r"rendering took over (\d+ s), the limit, and was stopped": lambda: (
        f"{template_limits.MAX_RENDER_SECONDS:.0f} s"
    ),
    r"output exceeds ([\d,]+) characters, the limit for a memo": lambda: (
        f"{template_limits.MAX_OUTPUT_CHARS:,}"
    ),
}


@pytest.fixture(scope="module")
def limits_rows() -> dict[str, str]:
    return limit_tables(LIMITS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readme_rows() -> dict[str, str]:
    return limit_tables(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("label", list(LIMITS_ROWS))
def test_limits_md_states_the_constant(limits_rows: dict[str, str], label: str) -> None:
    assert label in limits_rows, f"docs/limits.md has no limits row {label!r}"
    expected = LIMITS_ROWS[label]()
    assert limits_rows[label].startswith(expected), (label, limits_rows[label], expected)


@pytest.mark.parametrize("label", list(README_ROWS))
def test_the_readme_table_states_the_constant(readme_rows: dict[str, str], label: str) -> None:
    assert label in readme_rows, f"the README's Limits table has no row {label!r}"
    assert readme_rows[label] == README_ROWS[label]()


@pytest.mark.parametrize("pattern", list(PROSE))
def test_limits_md_prose_states_the_constant(pattern: str) -> None:
    found = re.findall(pattern, LIMITS.read_text(encoding="utf-8"))
    assert found, f"docs/limits.md no longer says {pattern!r}"
    assert set(found) == {PROSE[pattern]()}


def test_every_documented_limit_is_checked(
    limits_rows: dict[str, str], readme_rows: dict[str, str]
) -> None:
    """A limit added to a table must be added here too, so its figure is checked."""
    assert set(limits_rows) == set(LIMITS_ROWS)
    assert set(readme_rows) == set(README_ROWS)


def test_a_changed_figure_is_caught() -> None:
    """The table reader finds a row by its label, and a figure other than the constant's
    fails the comparison."""
    text = "| limit | value |\n|---|---|\n| a template file | 2 MiB |\n\n| page | what |\n|-|-|\n"
    rows = limit_tables(text)
    assert rows == {"a template file": "2 MiB"}
    assert rows["a template file"] != README_ROWS["a template file"]()
