"""Error types that the CLI turns into one-line messages and exit statuses (never tracebacks)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``FILE:LINE:COL: path.to.field: message``."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        parts = [part for part in (where, self.path) if part]
        return ": ".join([*parts, self.message])


CONSEQUENT = "missing required field"


def position_order(problem: Problem) -> tuple[int, int, bool, str, str]:
    """Sort key of a file's problems: by position; at one position, a missing field (often
    the consequence of a misspelt key there) after the rest; the message breaks ties, so the
    order never depends on set or hash order."""
    consequent = problem.message.startswith(CONSEQUENT)
    return (problem.line, problem.column, consequent, problem.path, problem.message)


class BriefgenError(Exception):
    """Base class of every error briefgen reports to the user. Exit status 1 (build failed)."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The message as the lines the CLI prints."""
        return [str(self)]


class InputError(BriefgenError):
    """Bad input (a brief, an audience, a template, usage): exit status 2.

    Carries every problem found, so the user fixes a file in one pass.
    """

    exit_code = 2

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, "", problems)]
        self.problems = sorted(problems, key=lambda p: (p.file, *position_order(p)))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        """Pickled with its problems, so an error from a worker process keeps its locations."""
        return type(self), (self.problems,)

    def lines(self) -> list[str]:
        """One line per problem; a problem without a file is just its message."""
        return [str(p) if p.file else p.message for p in self.problems]


class BuildError(BriefgenError):
    """A build that could not complete (over budget, an exporter failed): exit status 1."""


class WriteError(BuildError):
    """The output could not be written (an unwritable folder, a full disk): exit status 1.
    Nothing about the input is wrong, so ``--watch`` tries again by itself."""
