"""The command line: click commands only. Heavy imports happen inside the commands."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from briefgen import __version__

F = TypeVar("F", bound=Callable[..., Any])
_LOCATED = re.compile(r"^.+?:\d+:(\d+:)? ")  # FILE:LINE: or FILE:LINE:COL:


def _reports_errors(command: F) -> F:
    """Turn briefgen errors into their lines on stderr and the right exit status."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from briefgen.errors import BriefgenError

        try:
            return command(*args, **kwargs)
        except BriefgenError as exc:
            for line in _error_lines(exc):
                click.echo(line, err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP during a build
            signum = getattr(exc, "signum", 2)
            stopped = "interrupted" if signum == 2 else f"stopped by signal {signum}"
            click.echo(f"briefgen: {stopped}", err=True)
            sys.exit(128 + signum)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `briefgen audiences | head`: the reader left; stop quietly
            _silence_stdout()
            sys.exit(1)
        except Exception as exc:  # a bug or an unforeseen fault: still one line, not a traceback
            if os.environ.get("BRIEFGEN_TRACEBACK") == "1":
                raise
            click.echo(_unexpected(exc), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _error_lines(exc: Any) -> list[str]:
    """What to print for a briefgen error: a located problem as it is (its file name may hold
    spaces or colons), anything else after ``briefgen:``."""
    from briefgen.errors import InputError

    if isinstance(exc, InputError):
        return [_problem_line(p) for p in exc.problems]
    return [line if _LOCATED.match(line) else f"briefgen: {line}" for line in exc.lines()]


def _problem_line(problem: Any) -> str:
    """``FILE:LINE:COL: path: message`` when located; else after ``briefgen:``, with the
    file it is about (``briefgen: x.yaml: no such file``) if any."""
    if problem.file and problem.line:
        return str(problem)
    return f"briefgen: {problem}" if problem.file else f"briefgen: {problem.message}"


def _unexpected(exc: Exception) -> str:
    """One line for an exception no part of briefgen turned into a message."""
    if isinstance(exc, MemoryError):
        return "briefgen: out of memory"
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"briefgen: {where}{exc.strerror}"
    return (
        f"briefgen: internal error: {type(exc).__name__}: {exc} "
        "(please report it; BRIEFGEN_TRACEBACK=1 shows where)"
    )


def _silence_stdout() -> None:
    """Point stdout at the null device, so the exit-time flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


class _Briefgen(click.Group):
    """The command group; Ctrl-C anywhere, even while options are parsed, exits 130."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's standalone main, except that an abort reads "interrupted" and exits 130
        (click would print "Aborted!" and exit 1)."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Abort:
            click.echo("briefgen: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def run() -> None:
    """The ``briefgen`` program: :func:`main`, then an exit that does not free the heap.

    A build leaves hundreds of thousands of objects (fonts, templates, parsed documents);
    tearing them down one by one at exit took 70 ms, a tenth of a build, for memory the
    system reclaims anyway. Every file is written and closed, and every worker stopped, by
    then; only the standard streams need flushing.
    """
    # A build keeps hundreds of thousands of objects alive to its end (fonts, templates,
    # layouts); with the default thresholds the collector scans them over and over.
    gc.set_threshold(100_000, 50, 100)
    try:
        main(prog_name="briefgen")
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # sys.exit("message"), as click never does but a bug might
        click.echo(code, err=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can reach the reader
            code = code or 1
    os._exit(code if isinstance(code, int) else 0)


def _complete_list(incomplete: str, names: list[str]) -> list[Any]:
    """Completions of the last item of a comma-separated list, the items before it kept."""
    from click.shell_completion import CompletionItem

    done, _comma, current = incomplete.rpartition(",")
    taken = set(done.split(","))
    prefix = f"{done}," if done else ""
    return [CompletionItem(prefix + n) for n in names if n.startswith(current) and n not in taken]


def _audience_names(ctx: click.Context) -> list[str]:
    """Audience names on the search path (``--templates`` if already given), for completion."""
    from briefgen.api import audience_names

    try:
        return audience_names(ctx.params.get("templates"))
    except Exception:  # a completion must never print a traceback into the shell
        return []


def _complete_audiences(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """Audience names in comma-separated lists, and ``all``."""
    return _complete_list(incomplete, _audience_names(ctx) + ["all"] * ("," not in incomplete))


def _complete_audience(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """One audience name."""
    return _complete_list(incomplete.replace(",", ""), _audience_names(ctx))


def _complete_formats(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """The formats, in comma-separated lists."""
    from briefgen.export import FORMATS

    return _complete_list(incomplete, list(FORMATS))


@click.group(
    cls=_Briefgen,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Build audience-specific policy memos from one structured YAML brief.

    Examples:

    \b
      briefgen validate briefs/NAME.yaml
      briefgen build briefs/NAME.yaml -a negotiator -f docx,pdf,html,md -o output
      briefgen schema > brief.schema.json
      briefgen audiences
      briefgen check briefs/NAME.yaml --source SOURCE.txt

    Run `briefgen COMMAND -h` for a command's options and examples.
    """


@main.command(short_help="Check briefs; print every problem, located.")
@click.argument("briefs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_reports_errors
def validate(briefs: tuple[Path, ...]) -> None:
    """Check BRIEFS; print every problem as FILE:LINE:COL: path.to.field: message.

    Exit status 0 when every brief is valid, 2 when any has a problem.

    Examples:

    \b
      briefgen validate briefs/NAME.yaml
      briefgen validate briefs/*.yaml
    """
    from briefgen.api import validate as validate_brief

    problems: list[str] = []
    for brief in briefs:
        found = validate_brief(brief)
        if found:
            problems.extend(_problem_line(p) for p in found)
        else:
            click.echo(f"{brief}: valid")
    if problems:
        for line in problems:
            click.echo(line, err=True)
        sys.exit(2)


_TEMPLATES_HELP = "Folder of custom audiences, searched before the built-ins [default: ./templates]"


@main.command(short_help="Build the memos: DOCX, PDF, HTML, Markdown.")
@click.argument("briefs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-a", "--audience", "audience_spec", default="negotiator", show_default=True,
    help="Audience name, comma-separated names, or 'all'.", shell_complete=_complete_audiences,
)  # fmt: skip
@click.option(
    "-f", "--format", "format_spec", default="docx,pdf", show_default=True,
    help="Comma-separated formats: docx, pdf, html, md (any case).",
    shell_complete=_complete_formats,
)  # fmt: skip
@click.option(
    "-o", "--output", "out_dir", default=Path("output"), show_default=True,
    type=click.Path(path_type=Path), help="Output folder.",
)  # fmt: skip
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help=_TEMPLATES_HELP)
@click.option(
    "--allow-over-budget",
    is_flag=True,
    help="Write memos over their page or word budget or reading-grade target (with a "
    "warning). A memo under a minimum is only a warning.",
)
@click.option(
    "--reference-doc", "reference_doc", type=click.Path(path_type=Path),
    help="A DOCX whose styles, page setup, header and footer every DOCX memo takes "
    "(overrides the audiences' style.reference_docx).",
)  # fmt: skip
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1),
    help="Worker processes for the memos  [default: the cores this process may use]",
)  # fmt: skip
@click.option(
    "-w", "--watch", is_flag=True,
    help="Build, then rebuild the affected memos whenever a brief, audience or template "
    "changes, until Ctrl-C.",
)  # fmt: skip
@_reports_errors
def build(
    briefs: tuple[Path, ...],
    audience_spec: str,
    format_spec: str,
    out_dir: Path,
    templates: Path | None,
    allow_over_budget: bool,
    reference_doc: Path | None,
    jobs: int | None,
    watch: bool,
) -> None:
    """Build the memos of BRIEFS into OUTPUT/<brief file stem>/<audience>.<format>.

    Prints a line per file (audience, format, pages of the PDF, words, path), writes
    OUTPUT/<brief file stem>/manifest.json, and ends with a summary line. Budgets are checked
    on the exported PDF. Memos are built in parallel (--jobs); the files are the same as a
    one-process build's, and nothing is written unless every memo of every brief succeeded.

    Examples:

    \b
      briefgen build briefs/NAME.yaml
      briefgen build briefs/NAME.yaml -a all -f docx,pdf,html,md -o output
      briefgen build briefs/*.yaml -a executive,public -f pdf -j 4
      briefgen build briefs/NAME.yaml -a my-audience --templates templates --watch
    """
    from briefgen import api

    options = {
        "audiences": audience_spec, "formats": format_spec, "output": out_dir,
        "templates": templates, "reference_doc": reference_doc, "jobs": jobs,
        "allow_over_budget": allow_over_budget,
    }  # fmt: skip
    if watch:
        sys.exit(api.watch(briefs, report=_report, echo=click.echo, error_lines=_error_lines,
                           **options))  # fmt: skip
    from briefgen.build.signals import terminations_as_interrupts

    with terminations_as_interrupts(), _ProgressBar() as progress:
        result = api.build(briefs, progress=progress, **options)
    _report(result)
    click.echo(result.summary())


class _ProgressBar:
    """A progress bar on stderr for a terminal only: never in pipes, logs or CI. Called
    as ``progress(done, total)`` by :func:`briefgen.api.build`."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __call__(self, done: int, total: int) -> None:
        if done == 0:
            if total >= 2 and not os.environ.get("CI") and sys.stderr.isatty():
                self.bar = click.progressbar(length=total, label="building", file=sys.stderr)
                self.bar.__enter__()
        elif self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _report(result: Any) -> None:
    """A line per file written (audience, format, pages, words, path), each brief's manifest
    and its budget warnings."""
    for done in result.briefs:
        for memo in done.files:
            pages = "-" if memo.pages is None else f"{memo.pages} page" + "s" * (memo.pages != 1)
            click.echo(
                f"{memo.audience:<12} {memo.format:<5} {pages:>9} {memo.words:>6} words  "
                f"{memo.path}"
            )
        if done.manifest is not None:
            click.echo(f"{'manifest':<34}{done.manifest}")
        for problem in done.over_budget:
            click.echo(f"briefgen: warning: over budget: {problem}", err=True)
        for note in done.budget_notes:
            click.echo(f"briefgen: warning: {note}", err=True)
        for memo in done.files:
            for problem in memo.layout:
                click.echo(f"briefgen: warning: layout: {memo.path}: {problem}", err=True)


_SOURCE_HELP = (
    "A source's text: FILE (a one-source brief) or ID=FILE; repeatable. Sources not named "
    "are read from their `file` in the brief."
)


@main.command(short_help="Check a brief against its sources.")
@click.argument("brief", type=click.Path(path_type=Path))
@click.option("--source", "sources", multiple=True, metavar="[ID=]FILE", help=_SOURCE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, for tools.")
@click.option(
    "-a", "--audience", "audience_spec", default="all", show_default=True,
    help="Memos to check: an audience name, comma-separated names, or 'all'.",
    shell_complete=_complete_audiences,
)  # fmt: skip
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help=_TEMPLATES_HELP)
@click.option(
    "--analyst-labels/--no-analyst-labels", default=True, show_default=True,
    help="Check that the memos mark priority, horizon and selections as the analyst's "
    "(A007); --no-analyst-labels skips it for templates that do not yet.",
)  # fmt: skip
@_reports_errors
def check(
    brief: Path, sources: tuple[str, ...], as_json: bool, audience_spec: str,
    templates: Path | None, analyst_labels: bool,
) -> None:  # fmt: skip
    """Check BRIEF against its sources: quotations, refs, staleness, attribution, memos.

    Prints each finding as FILE:LINE:COL: CODE severity: item, ¶N: message, then the coverage
    report. Exit status 0 clean, 1 findings, 2 bad input.

    Examples:

    \b
      briefgen check briefs/NAME.yaml
      briefgen check briefs/NAME.yaml --source source/NAME.txt -a executive --json
      briefgen check briefs/NAME.yaml --source icg=texts/icg-2024.txt
    """
    import json

    from briefgen import api

    report = api.check(
        brief, sources, audiences=audience_spec, templates=templates, analyst_labels=analyst_labels
    )
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        for line in report.lines():
            click.echo(line)
    sys.exit(report.exit_code)


@main.command(short_help="Record the sources' fingerprints in a brief.")
@click.argument("brief", type=click.Path(path_type=Path))
@click.option("--source", "sources", multiple=True, metavar="[ID=]FILE", help=_SOURCE_HELP)
@click.option("--write", is_flag=True, help="Rewrite BRIEF's sources in place (else print).")
@_reports_errors
def fingerprint(brief: Path, sources: tuple[str, ...], write: bool) -> None:
    """Record each source's SHA-256, paragraph count and cited paragraphs' fingerprints.

    Without --write, prints the fields to paste under each source. With --write, rewrites only
    those fields (comments elsewhere kept), after checking the result reads back the same.

    Examples:

    \b
      briefgen fingerprint briefs/NAME.yaml
      briefgen fingerprint briefs/NAME.yaml --source source/NAME.txt --write
    """
    from briefgen import api

    result = api.fingerprint(brief, sources, write=write)
    for line in result.changes:
        click.echo(f"{brief}: {line}", err=True)
    if not write:
        click.echo(result.block)
    elif result.changes:
        click.echo(f"{brief}: sources rewritten ({len(result.changes)} changes)")
    else:
        click.echo(f"{brief}: the sources' records are up to date")


@main.command(short_help="Print the JSON Schema of a brief.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
@_reports_errors
def schema(output: Path | None) -> None:
    """Print the JSON Schema of a brief (every field described).

    Examples:

    \b
      briefgen schema > brief.schema.json
      briefgen schema -o schema/brief.schema.json
    """
    from briefgen import api

    text = api.schema(output)
    if output is None:
        click.echo(text, nl=False)


@main.command(short_help="List the audiences: name, description, origin.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help=_TEMPLATES_HELP)
@_reports_errors
def audiences(templates: Path | None) -> None:
    """List the audiences on the search path: name, description, origin (tab-separated).

    Examples:

    \b
      briefgen audiences
      briefgen audiences --templates my-templates
    """
    from briefgen import api

    for info in api.audiences(templates):
        click.echo(f"{info.name}\t{info.description}\t{info.origin}")


@main.group(short_help="Scaffold a new brief or audience.")
def new() -> None:
    """Scaffold new things: a brief, an audience.

    Examples:

    \b
      briefgen new brief water-policy --source water.txt
      briefgen new audience ministry --extends executive
    """


@new.command("brief", short_help="Create a commented brief that builds at once.")
@click.argument("name")
@click.option(
    "--folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Folder to create it in.",
)
@click.option(
    "--source",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The source's text file; the brief names it relative to itself.",
)
@_reports_errors
def new_brief(name: str, folder: Path, source: Path | None) -> None:
    """Create FOLDER/NAME.yaml: a commented brief with one example of every section, that
    validates and builds every built-in audience at once (and brief.schema.json beside it,
    for editors, unless one is there). An existing brief is not overwritten.

    Examples:

    \b
      briefgen new brief water-policy --source water.txt
      briefgen new brief water-policy --folder briefs --source sources/water.txt
      briefgen build water-policy.yaml -a all
    """
    from briefgen import api

    for path in api.new_brief(name, folder, source):
        click.echo(f"created {path}")
    if source is None:
        click.echo(
            "note: the brief names no source text yet: set sources[0].file, which `check` "
            "and `fingerprint` need"
        )


@new.command("audience", short_help="Create an audience extending another.")
@click.argument("name")
@click.option(
    "--extends", "base", required=True, help="The audience it builds on.",
    shell_complete=_complete_audience,
)  # fmt: skip
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("templates"),
    show_default=True,
    help="Folder to create it in.",
)
@_reports_errors
def new_audience(name: str, base: str, templates: Path) -> None:
    """Create TEMPLATES/NAME: an audience extending the one named by --extends, that builds
    at once.

    Examples:

    \b
      briefgen new audience ministry --extends executive
      briefgen new audience press --extends public --templates my-templates
    """
    from briefgen import api

    for path in api.new_audience(name, base, templates):
        click.echo(f"created {path}")
