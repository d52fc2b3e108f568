"""The documentation's commands and Python examples run as written, and what it quotes is real.

Every fenced block of README.md and docs/*.md whose language is ``sh``, ``shell`` or
``console`` is read for commands: lines starting ``briefgen `` or ``$ briefgen `` (in a
``console`` block only the ``$`` lines, the rest being output), joined across trailing
backslashes. Every ``python`` block is a script of its own, run with this interpreter. Each
document's commands and scripts run in document order (commands through bash) in a temporary
folder holding copies of the repository's briefs/ and templates/; a command must exit with the
status its trailing comment states (``# exit 2``; no such comment means 0), a script with 0.

An HTML comment on the line right before a fence changes how the block is treated:

- ``<!-- docs-test: skip -->``: not run (it needs a file the user supplies, or never ends,
  like ``--watch``, or a package briefgen does not depend on);
- ``<!-- docs-test: file PATH -->``: the block's text is written to PATH in the temporary folder,
  so a brief shown in the docs is the very brief the commands after it use;
- ``<!-- docs-test: output -->``: the block is exactly what the block run just before it printed
  on stdout (a shell block's commands' output joined), apart from trailing newlines.

Figures: every line of a ``text`` block that reads like one of ``build``'s per-file lines
(audience, format, pages, words, path) or its summary line must be a line the nearest build
command (or Python block) before it printed, field for field. A build the test does not run
cannot be quoted. The summary line's time varies, so it is quoted as ``S.S``
(``built 2 files for 1 brief in S.S s (output/NAME/)``), and printed times are read as ``S.S``
wherever output is compared. And every relative link of these pages and CONTRIBUTING.md
reaches a file and, after ``#``, one of its headings.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
DOC_NAMES = [path.relative_to(REPO).as_posix() for path in DOCS]
SHELL_LANGUAGES = {"sh", "shell", "console"}
PYTHON = "python"
TIMEOUT = 300  # seconds for one command; a command that never ends fails instead of hanging

_FENCE = re.compile(r"^(`{3,})\s*([\w+-]*)")
_MARKER = re.compile(r"<!--\s*docs-test:\s*(skip|output|file\s+\S+)\s*-->")
_EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")
# build's line per file: audience, format, "N pages" or "-", words, path.
_BUILD_LINE = re.compile(
    r"^\s*(\S+)\s+(docx|pdf|html|md)\s+(-|\d+ pages?)\s+(\d+) words\s+(\S+)\s*$"
)
# build's last line: "built 8 files for 1 brief in 2.3 s (output/NAME/)"; the time is quoted S.S.
# Searched, not matched, so that a summary glued to another line is caught too.
_SUMMARY_LINE = re.compile(r"built \d+ files? for \d+ briefs? in \S+ s \(.+\)$")
_TIME = re.compile(r"(?<= in )\d+\.\d(?= s \()")


@dataclass(frozen=True)
class Block:
    """One fenced block: where it starts, its language, its text and its docs-test marker."""

    doc: str
    line: int  # of the opening fence, from 1
    language: str
    text: str
    marker: str | None


@dataclass(frozen=True)
class Command:
    """A briefgen command line of a block, with the exit status the docs state for it; or,
    with ``python``, a Python block's script (exit status 0)."""

    where: str
    line: str
    exit: int
    python: bool = False

    @property
    def is_build(self) -> bool:
        """Does it run ``briefgen build`` (whose printed lines the docs may quote)?"""
        return self.line.split()[:2] == ["briefgen", "build"]

    @property
    def shown(self) -> str:
        """The command as a failure message names it."""
        return "the Python block" if self.python else f"`{self.line}`"


def blocks(text: str, doc: str) -> list[Block]:
    """The fenced blocks of Markdown ``text`` (fences at the start of a line)."""
    lines = text.splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence, language = opening.groups()
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence), len(lines))
        marker = _MARKER.fullmatch(lines[i - 1].strip()) if i else None
        body = "\n".join(lines[i + 1 : end])
        found.append(Block(doc, i + 1, language, body, marker and marker.group(1)))
        i = end + 1
    return found


def commands(block: Block) -> list[Command]:
    """The briefgen commands of a shell block, continuation lines joined."""
    logical: list[str] = []
    pending = ""
    for raw in block.text.splitlines():
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        logical.append(pending + raw)
        pending = ""
    found = []
    for line in logical:
        prompt = line.startswith("$ ")
        line = line[2:] if prompt else line
        if not line.startswith("briefgen ") or (block.language == "console" and not prompt):
            continue
        stated = _EXIT.search(line)
        found.append(
            Command(f"{block.doc}:{block.line}", line, int(stated.group(1)) if stated else 0)
        )
    return found


def quoted_build_lines(block: Block) -> list[tuple[str, ...]]:
    """The lines of a text block that read like build's per-file or summary lines, as field
    tuples."""
    return [
        fields(line)
        for line in block.text.splitlines()
        if _BUILD_LINE.match(line) or _SUMMARY_LINE.search(line.strip())
    ]


def fields(line: str) -> tuple[str, ...]:
    """A printed line's fields, so that column padding does not matter."""
    return tuple(line.split())


def masked(printed: str) -> str:
    """Printed output with the build summary's time as the docs quote it, ``S.S``."""
    return _TIME.sub("S.S", printed)


@dataclass
class Outcome:
    """What running one document gave: every command's and script's result, and the
    mismatches between what it quotes and what was printed."""

    results: list[tuple[Command, subprocess.CompletedProcess[str]]]
    figure_problems: list[str]
    figures_checked: int
    output_problems: list[str]
    outputs_checked: int


def _briefgen_prefix() -> str:
    """Shell text that makes ``briefgen`` this interpreter's entry point (else ``-m``)."""
    entry = Path(sys.executable).with_name("briefgen")
    if entry.is_file():
        return f'export PATH="{entry.parent}{os.pathsep}$PATH"\n'
    return f'briefgen() {{ "{sys.executable}" -m briefgen "$@"; }}\n'


def run_document(document: list[Block], cwd: Path) -> Outcome:
    """Run ``document``'s commands and scripts in ``cwd`` in order; compare what it quotes."""
    env = {**os.environ, "CI": "true", "PYTHONIOENCODING": "utf-8"}
    outcome = Outcome([], [], 0, [], 0)
    last_build: tuple[Command, list[tuple[str, ...]]] | None = None
    last_stdout: tuple[str, str] | None = None  # (where, what it printed) of the last block run
    for block in document:
        if block.marker and block.marker.startswith("file "):
            target = cwd / block.marker.split(maxsplit=1)[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text + "\n", encoding="utf-8")
        elif block.language in SHELL_LANGUAGES or block.language == PYTHON:
            if block.marker == "skip":
                if block.language == PYTHON or any(c.is_build for c in commands(block)):
                    last_build = None
                last_stdout = None
                continue
            printed = []
            for command in _runnable(block):
                result = _run(command, cwd, env)
                outcome.results.append((command, result))
                printed.append(masked(result.stdout))
                if command.is_build or command.python:
                    last_build = (command, [fields(line) for line in printed[-1].splitlines()])
            last_stdout = (f"{block.doc}:{block.line}", "".join(printed))
        elif block.language == "text" and block.marker == "output":
            _compare_output(block, last_stdout, outcome)
        elif block.language == "text":
            _compare_figures(block, last_build, outcome)
    return outcome


def _runnable(block: Block) -> list[Command]:
    """A shell block's briefgen commands, or a Python block as one script."""
    if block.language == PYTHON:
        return [Command(f"{block.doc}:{block.line}", block.text, 0, python=True)]
    return commands(block)


def _run(command: Command, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command through bash, or a script with this interpreter, in ``cwd``."""
    argv = (
        [sys.executable, "-c", command.line]
        if command.python
        else ["bash", "-c", _briefgen_prefix() + command.line]
    )
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def _compare_output(block: Block, last: tuple[str, str] | None, outcome: Outcome) -> None:
    """Record it if ``block`` is not what the block run before it printed."""
    outcome.outputs_checked += 1
    where = f"{block.doc}:{block.line}"
    if last is None:
        outcome.output_problems.append(f"{where}: quotes output, but follows no block that ran")
    elif block.text.rstrip("\n") != last[1].rstrip("\n"):
        outcome.output_problems.append(
            f"{where}: quotes\n{block.text}\nbut the block at {last[0]} printed\n{last[1]}"
        )


def _compare_figures(
    block: Block, last_build: tuple[Command, list[tuple[str, ...]]] | None, outcome: Outcome
) -> None:
    """Record each quoted build line of ``block`` that the build before it did not print, or
    that is quoted out of the order it was printed in."""
    where = f"{block.doc}:{block.line}"
    position = -1  # where the previous quoted line was printed
    for quoted in quoted_build_lines(block):
        outcome.figures_checked += 1
        if last_build is None:
            outcome.figure_problems.append(
                f"{where}: {' '.join(quoted)!r} follows no build command the docs test runs"
            )
        elif quoted not in last_build[1]:
            printed = [f for f in last_build[1] if f and f[-1] == quoted[-1]]
            actual = " ".join(printed[0]) if printed else "nothing for that path"
            outcome.figure_problems.append(
                f"{where}: quoted {' '.join(quoted)!r}, but {last_build[0].shown} "
                f"({last_build[0].where}) printed {actual!r}"
            )
        elif last_build[1].index(quoted) < position:
            outcome.figure_problems.append(
                f"{where}: {' '.join(quoted)!r} is quoted after a line printed later; quote "
                f"the lines in the order {last_build[0].shown} ({last_build[0].where}) printed"
            )
        else:
            position = last_build[1].index(quoted)


def _copy_of_the_repository(folder: Path) -> Path:
    for part in ("briefs", "templates", "sources"):
        shutil.copytree(REPO / part, folder / part)
    return folder


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every document run once, each in its own copy of briefs/ and templates/."""
    return {
        name: run_document(
            blocks((REPO / name).read_text(encoding="utf-8"), name),
            _copy_of_the_repository(tmp_path_factory.mktemp("docs")),
        )
        for name in DOC_NAMES
    }


@pytest.mark.parametrize("doc", DOC_NAMES)
def test_every_command_exits_as_the_docs_state(outcomes: dict[str, Outcome], doc: str) -> None:
    wrong = [
        f"{command.where}: {command.shown} exited {result.returncode}, the docs say "
        f"{command.exit}\n{result.stdout[-1500:]}{result.stderr[-1500:]}"
        for command, result in outcomes[doc].results
        if result.returncode != command.exit
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("doc", DOC_NAMES)
def test_quoted_build_figures_are_what_the_build_printed(
    outcomes: dict[str, Outcome], doc: str
) -> None:
    assert not outcomes[doc].figure_problems, "\n".join(outcomes[doc].figure_problems)


@pytest.mark.parametrize("doc", DOC_NAMES)
def test_quoted_output_is_what_the_block_before_it_printed(
    outcomes: dict[str, Outcome], doc: str
) -> None:
    assert not outcomes[doc].output_problems, "\n".join(outcomes[doc].output_problems)


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to -."""
    text = heading.lstrip("#").strip().lower()
    return "".join(c for c in text if c.isalnum() or c in " -_").replace(" ", "-")


def broken_links(path: Path) -> list[str]:
    """The relative links of a Markdown file (outside code) whose file or heading is missing."""
    text = path.read_text(encoding="utf-8")
    prose = re.sub(r"^(`{3,}).*?^\1\s*$", "", text, flags=re.M | re.S)
    broken = []
    for target in _LINK.findall(prose):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        file, _, heading = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        if not linked.exists():
            broken.append(target)
        elif heading and linked.suffix == ".md":
            headings = re.findall(r"^#+ .*$", linked.read_text(encoding="utf-8"), flags=re.M)
            if heading not in {anchor(h) for h in headings}:
                broken.append(target)
    return broken


@pytest.mark.parametrize("doc", [*DOC_NAMES, "CONTRIBUTING.md"])
def test_relative_links_reach_a_file_and_heading(doc: str) -> None:
    assert not broken_links(REPO / doc)


def test_a_link_to_a_missing_heading_is_broken(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Adding a check\n[a](#adding-a-check) [b](#adding-an-exporter) [c](no.md)\n")
    assert broken_links(page) == ["#adding-an-exporter", "no.md"]


def test_the_docs_test_has_something_to_test(outcomes: dict[str, Outcome]) -> None:
    """Guards against a parser that quietly finds nothing: the README's tour runs, builds and
    quotes figures; the API page's Python examples run and their output is compared."""
    readme = outcomes["README.md"]
    assert sum(command.is_build for command, _ in readme.results) >= 2
    assert readme.figures_checked >= 4
    assert sum(len(outcome.results) for outcome in outcomes.values()) >= 15
    api = outcomes["docs/api.md"]
    assert sum(command.python for command, _ in api.results) >= 3
    assert api.outputs_checked >= 2


SAMPLE = """\
```sh
briefgen validate briefs/triumph-in-defeat.yaml
briefgen validate nothing.yaml      # exit 2
$ briefgen build briefs/triumph-in-defeat.yaml \\
    -a executive -f md
```

```text
executive    md            -    414 words  output/triumph-in-defeat/executive.md
executive    md            -    999 words  output/triumph-in-defeat/executive.md
built 1 file for 1 brief in S.S s (output/triumph-in-defeat/)
```

<!-- docs-test: skip -->
```console
$ briefgen check briefs/triumph-in-defeat.yaml --source ESSAY.txt
briefgen output that is not a command
```

<!-- docs-test: file notes/hello.txt -->
```text
hello
```
"""


def test_the_conventions_are_read_as_documented() -> None:
    document = blocks(SAMPLE, "sample.md")
    assert [(b.language, b.marker) for b in document] == [
        ("sh", None), ("text", None), ("console", "skip"), ("text", "file notes/hello.txt"),
    ]  # fmt: skip
    assert [(c.line.split()[1], c.exit) for c in commands(document[0])] == [
        ("validate", 0), ("validate", 2), ("build", 0),
    ]  # fmt: skip
    assert commands(document[0])[2].line.split()[-4:] == ["-a", "executive", "-f", "md"]
    assert [c.line.split()[1] for c in commands(document[2])] == ["check"]


def test_a_wrong_figure_or_status_fails(tmp_path: Path) -> None:
    """The sample quotes one true and one false word count, and runs its commands for real."""
    outcome = run_document(blocks(SAMPLE, "sample.md"), _copy_of_the_repository(tmp_path))
    assert [result.returncode for _, result in outcome.results] == [0, 2, 0]
    assert outcome.figures_checked == 3  # the summary line too, its time read as S.S
    assert len(outcome.figure_problems) == 1
    assert "999 words" in outcome.figure_problems[0]
    assert "414 words" in outcome.figure_problems[0]  # what the build did print
    assert (tmp_path / "notes" / "hello.txt").read_text(encoding="utf-8") == "hello\n"


PYTHON_SAMPLE = """\
```python
from briefgen import api

result = api.build("briefs/triumph-in-defeat.yaml", audiences="executive", formats="md")
print(result.summary())
print(*(f"{f.audience} {f.format} {f.words}" for f in result.files))
```

<!-- docs-test: output -->
```text
built 1 file for 1 brief in S.S s (output/triumph-in-defeat/)
executive md 414
```

```text
executive    md            -    414 words  output/triumph-in-defeat/executive.md
```

```python
print("unfinished")
raise SystemExit(3)
```

<!-- docs-test: output -->
```text
finished
```

<!-- docs-test: skip -->
```python
import no_such_module
```

<!-- docs-test: output -->
```text
anything
```
"""


def test_python_blocks_run_and_their_quoted_output_is_compared(tmp_path: Path) -> None:
    """Each Python block runs as a script in the copy of the repository; an output block must
    be what the block before it printed (a summary's time read as S.S); a skipped block runs
    nothing, so output quoted after it is a problem."""
    outcome = run_document(blocks(PYTHON_SAMPLE, "sample.md"), _copy_of_the_repository(tmp_path))
    assert [(c.python, r.returncode) for c, r in outcome.results] == [(True, 0), (True, 3)]
    assert (tmp_path / "output" / "triumph-in-defeat" / "executive.md").is_file()
    assert outcome.outputs_checked == 3
    assert len(outcome.output_problems) == 2
    assert "unfinished" in outcome.output_problems[0]
    assert "follows no block that ran" in outcome.output_problems[1]
    # A Python block's printed lines are a build's for the figures after it: this one printed
    # no per-file line.
    assert outcome.figures_checked == 1 and "the Python block" in outcome.figure_problems[0]


def test_the_summary_time_is_masked() -> None:
    printed = "built 8 files for 2 briefs in 12.3 s (out/)\nin 4.5 s (not a summary"
    assert masked(printed) == "built 8 files for 2 briefs in S.S s (out/)\nin 4.5 s (not a summary"


def test_build_lines_quoted_out_of_order_fail() -> None:
    printed = (
        "public pdf 3 pages 1427 words out/public.pdf\ndonor pdf 3 pages 777 words out/donor.pdf"
    )
    build = (Command("sample.md:1", "briefgen build b.yaml -a public,donor", 0),
             [fields(line) for line in printed.splitlines()])  # fmt: skip
    for quoted, problems in ((printed, 0), ("\n".join(reversed(printed.splitlines())), 1)):
        outcome = Outcome([], [], 0, [], 0)
        _compare_figures(blocks(f"```text\n{quoted}\n```\n", "sample.md")[0], build, outcome)
        assert outcome.figures_checked == 2
        assert len(outcome.figure_problems) == problems
    assert "in the order" in outcome.figure_problems[0]


def test_a_summary_glued_to_another_line_is_still_quoted() -> None:
    text = "```text\nmanifest  out/manifest.jsonbuilt 1 file for 1 brief in S.S s (out/)\n```\n"
    (block,) = blocks(text, "sample.md")
    assert quoted_build_lines(block) == [
        ("manifest", "out/manifest.jsonbuilt", "1", "file", "for", "1", "brief", "in", "S.S",
         "s", "(out/)"),
    ]  # fmt: skip


def test_the_readme_stays_short() -> None:
    """The README is for users (under 250 lines); reference material lives in docs/."""
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) < 250
