"""The Python API: what the ``briefgen`` commands do, as functions returning typed results.

For notebooks and pipelines (a scheduler, Dask, Airflow, a CI matrix) that build many briefs::

    from briefgen import api

    problems = api.validate("briefs/NAME.yaml")        # [] when the brief is valid
    result = api.build("briefs/NAME.yaml", audiences="all", formats="docx,pdf")
    for file in result.files:
        print(file.audience, file.format, file.pages, file.words, file.path)
    html = api.render_bytes("briefs/NAME.yaml", "executive", "html")  # nothing written
    report = api.check("briefs/NAME.yaml", "source/NAME.txt")

Every function raises the errors the command line prints (:mod:`briefgen.errors`): an
:class:`~briefgen.errors.InputError` for bad input (its ``problems`` are located, and ``str()``
is the CLI's lines), a :class:`~briefgen.errors.BuildError` for a build that could not complete,
a :class:`~briefgen.errors.WriteError` when the output cannot be written. Paths may be given as
``str`` or :class:`~pathlib.Path`. Heavy modules are imported by the functions that need them.
(``briefgen.build`` and ``briefgen.check`` are the pipeline's subpackages, not these functions.)
docs/api.md documents every function, result and error, with worked examples.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefgenError, InputError, Problem, WriteError

if TYPE_CHECKING:
    from briefgen.audience.profiles import Audience
    from briefgen.brief.model import Brief
    from briefgen.build.batch import BriefBuild, BuildRequest
    from briefgen.check.report import Report as CheckReport

PathLike = str | os.PathLike[str]
Progress = Callable[[int, int], None]  # (tasks done, tasks in all)

__all__ = [
    "AudienceInfo",
    "BriefResult",
    "BuildResult",
    "BuiltFile",
    "CheckReport",
    "Fingerprint",
    "audience_names",
    "audiences",
    "build",
    "check",
    "fingerprint",
    "load",
    "new_audience",
    "new_brief",
    "render_bytes",
    "schema",
    "validate",
    "watch",
]


@dataclass(frozen=True)
class BuiltFile:
    """One file a build wrote: which memo, in which format, where, and how long it is."""

    audience: str
    format: str
    path: Path
    pages: int | None  # the PDF's pages; None for the other formats
    words: int
    reading_grade: float | None  # None: no published grade formula for the memo's language
    sha256: str
    layout: tuple[str, ...] = ()  # a PDF's layout problems (``briefgen check`` codes L001-L006)


@dataclass(frozen=True)
class BriefResult:
    """What a build wrote for one brief: its files, its manifest, its budget warnings."""

    brief: Path
    files: tuple[BuiltFile, ...]
    manifest: Path | None
    over_budget: tuple[str, ...]  # allowed with ``allow_over_budget``; else BuildError
    # Never an error: a memo under a minimum, a reading-grade target not checked.
    budget_notes: tuple[str, ...] = ()

    @property
    def folder(self) -> Path | None:
        """The folder the brief's files went to (``OUTPUT/<brief file stem>``)."""
        return self.manifest.parent if self.manifest else None


@dataclass(frozen=True)
class BuildResult:
    """What :func:`build` wrote, brief by brief in the order given, and how long it took."""

    briefs: tuple[BriefResult, ...]
    output: Path
    seconds: float

    @property
    def files(self) -> tuple[BuiltFile, ...]:
        """Every file written (manifests aside), in the order the CLI lists them."""
        return tuple(file for brief in self.briefs for file in brief.files)

    def summary(self) -> str:
        """One line: ``built 8 files for 1 brief in 2.3 s (output/NAME/)``."""
        count, briefs = len(self.files), len(self.briefs)
        folder = self.briefs[0].folder if briefs == 1 else None
        where = folder or self.output
        return (
            f"built {count} file{'s' * (count != 1)} for {briefs} brief{'s' * (briefs != 1)} "
            f"in {self.seconds:.1f} s ({where}{os.sep})"
        )


@dataclass(frozen=True)
class Fingerprint:
    """What :func:`fingerprint` found: the changes to the sources' records and the block to
    paste."""

    changes: tuple[str, ...]  # empty when the brief already records this source
    block: str
    written: bool


@dataclass(frozen=True)
class AudienceInfo:
    """An audience on the search path: its name, description and where it comes from."""

    name: str
    description: str
    origin: str  # "built-in" or the folder's path


def load(path: PathLike) -> Brief:
    """The brief at ``path``, validated and cross-checked; raises :class:`InputError`."""
    from briefgen.brief.load import load_brief

    return load_brief(Path(path))


def validate(path: PathLike) -> list[Problem]:
    """Every problem of the brief at ``path`` (located, in file order); ``[]`` when valid."""
    try:
        load(path)
    except InputError as exc:
        return list(exc.problems)
    return []


def build(
    briefs: PathLike | Iterable[PathLike],
    *,
    audiences: str | Iterable[str] = "negotiator",
    formats: str | Iterable[str] = ("docx", "pdf"),
    output: PathLike = "output",
    templates: PathLike | None = None,
    reference_doc: PathLike | None = None,
    jobs: int | None = 1,
    allow_over_budget: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the memos of ``briefs`` into ``output/<brief file stem>/<audience>.<format>``.

    ``audiences``: names or ``"all"``; ``formats``: docx, pdf, html, md (a list or a
    comma-separated string, any case). With ``jobs`` > 1 memos are built in worker processes
    (``None``: as many as the cores this process may use), the files unchanged.
    Nothing is written unless every memo of every brief succeeded. ``progress(done, total)``
    is called before the first memo and after each.
    """
    from briefgen.build.batch import complete, prepare

    started = time.perf_counter()
    request = _request(briefs, audiences, formats, output, templates, reference_doc, jobs,
                       allow_over_budget)  # fmt: skip
    builds, tasks = prepare(request)
    if progress:
        progress(0, len(tasks))
    done = iter(range(1, len(tasks) + 1))
    step = (lambda: progress(next(done), len(tasks))) if progress else None
    complete(request, builds, tasks, progress=step)
    return build_result(builds, request.out_dir, time.perf_counter() - started)


def _request(
    briefs: PathLike | Iterable[PathLike],
    audiences: str | Iterable[str],
    formats: str | Iterable[str],
    output: PathLike,
    templates: PathLike | None,
    reference_doc: PathLike | None,
    jobs: int | None,
    allow_over_budget: bool,
) -> BuildRequest:
    """A :class:`BuildRequest` from the API's looser arguments."""
    from briefgen.build.batch import BuildRequest
    from briefgen.build.memos import parse_formats
    from briefgen.build.workers import default_jobs

    if isinstance(briefs, (str, os.PathLike)):
        briefs = [briefs]
    if Path(output).exists() and not Path(output).is_dir():
        raise WriteError(f"output folder {output} is a file, not a folder")
    return BuildRequest(
        tuple(Path(b) for b in briefs), audience_spec(audiences), parse_formats(_joined(formats)),
        Path(output), _path(templates), allow_over_budget, _path(reference_doc),
        default_jobs() if jobs is None else max(1, jobs),
    )  # fmt: skip


def build_result(builds: list[BriefBuild], output: Path, seconds: float) -> BuildResult:
    """The typed result of the batch builds ``builds``."""
    return BuildResult(tuple(_brief_result(done) for done in builds), output, seconds)


def _brief_result(done: BriefBuild) -> BriefResult:
    files = tuple(
        BuiltFile(
            m.audience, m.format, m.path, m.pages, m.words, m.reading_grade, m.sha256, m.layout
        )
        for m in done.memos
    )
    return BriefResult(done.path, files, done.manifest, tuple(done.over), tuple(done.notes))


def render_bytes(
    brief_path: PathLike, audience: str, fmt: str, templates: PathLike | None = None
) -> bytes:
    """The bytes of one memo (``audience`` of the brief, in format ``fmt``), nothing written.

    Budgets are not checked (they are measured on the PDF a build lays out).
    """
    from briefgen.build.memos import export_bytes, parse_formats

    formats = parse_formats(fmt)
    profiles = _audiences(audience, templates)
    if len(formats) != 1 or len(profiles) != 1:
        raise InputError("render_bytes makes one memo: give one audience and one format")
    (profile,), (fmt,) = profiles, formats
    from briefgen.render.assemble import render

    path = Path(brief_path)
    return export_bytes(render(load(path), profile, str(path)).document, profile, fmt)


def _source_options(sources: PathLike | Mapping[str, PathLike] | Iterable[str] | None) -> list[str]:
    """``--source`` values from the API's forms: one file, {id: file}, or option strings."""
    if sources is None:
        return []
    if isinstance(sources, (str, os.PathLike)):
        return [str(sources)]
    if isinstance(sources, Mapping):
        return [f"{ident}={path}" for ident, path in sources.items()]
    return [str(value) for value in sources]


def check(
    brief_path: PathLike,
    sources: PathLike | Mapping[str, PathLike] | Iterable[str] | None = None,
    *,
    audiences: str | Iterable[str] = "all",
    templates: PathLike | None = None,
    analyst_labels: bool = True,
) -> CheckReport:
    """Check the brief against the texts of its sources: quotations, refs, staleness,
    attribution, the memos; with ``analyst_labels`` (the default), also that the memos mark
    the analyst's labels as the analyst's (A007). ``sources`` names
    texts: one file (a one-source brief), a mapping of source id to file, or ``--source``
    strings (``FILE``, ``ID=FILE``); a source left out is read from its ``file`` in the brief.

    The report's ``findings`` are typed (:class:`~briefgen.check.findings.Finding`), and
    ``lines()`` / ``as_json()`` are what ``briefgen check`` prints.
    """
    from briefgen.check.report import check as run_check

    chosen = _audiences(audiences, templates)
    return run_check(
        Path(brief_path), _source_options(sources), chosen, analyst_labels=analyst_labels
    )


def fingerprint(
    brief_path: PathLike,
    sources: PathLike | Mapping[str, PathLike] | Iterable[str] | None = None,
    *,
    write: bool = False,
) -> Fingerprint:
    """Work out what each source's entry should record about its text (SHA-256, paragraph
    count, cited paragraphs' fingerprints); with ``write``, rewrite those fields in place.
    ``sources`` as for :func:`check`."""
    from briefgen.check.fingerprints import fingerprint as run_fingerprint

    changes, block = run_fingerprint(Path(brief_path), _source_options(sources), write=write)
    return Fingerprint(tuple(changes), block, write and bool(changes))


def schema(output: PathLike | None = None) -> str:
    """The JSON Schema of a brief, as text (every field described); also written to
    ``output`` (atomically) when given."""
    from briefgen.brief.json_schema import schema_text

    text = schema_text()
    if output is not None:
        from briefgen.files.atomic_write import write_atomic

        write_atomic(Path(output), text.encode("utf-8"))
    return text


def audiences(templates: PathLike | None = None) -> list[AudienceInfo]:
    """The audiences on the search path (``templates``, else ./templates, then the
    built-ins), by name."""
    from briefgen.audience.profiles import discover, origin_of, resolve, search_path

    path = search_path(_path(templates))
    return [
        AudienceInfo(name, resolve(name, path).config.description, origin_of(folder))
        for name, folder in sorted(discover(path).items())
    ]


def audience_names(templates: PathLike | None = None) -> list[str]:
    """The names of the audiences on the search path, sorted (quick: nothing is read)."""
    from briefgen.audience.profiles import discover, search_path

    return sorted(discover(search_path(_path(templates))))


def new_audience(name: str, extends: str, templates: PathLike = "templates") -> list[Path]:
    """Create ``templates/name``: an audience extending ``extends`` that builds at once;
    returns the files created."""
    from briefgen.audience.scaffold import scaffold_audience

    return scaffold_audience(name, extends, Path(templates))


def new_brief(name: str, folder: PathLike = ".", source: PathLike | None = None) -> list[Path]:
    """Create ``folder/NAME.yaml``: a commented brief that validates and builds every
    built-in audience, its source's ``file`` pointing at ``source`` (relative to the brief)
    when given; also ``brief.schema.json`` beside it unless one is there. Returns the files
    created; an existing brief is never overwritten."""
    from briefgen.brief.scaffold import scaffold_brief

    return scaffold_brief(name, Path(folder), None if source is None else Path(source))


def watch(
    briefs: PathLike | Iterable[PathLike],
    *,
    report: Callable[[BuildResult], None],
    echo: Callable[..., Any],
    error_lines: Callable[[BriefgenError], list[str]],
    **options: Any,
) -> int:
    """Build as :func:`build` does (same keyword ``options``), then rebuild the affected
    memos whenever a brief, audience or template changes, until Ctrl-C. Each build's result
    goes to ``report``, messages to ``echo``; returns the exit status (0)."""
    from briefgen.build.watch import watch as run_watch

    request = _request(briefs, **{**_BUILD_DEFAULTS, **options})
    out = request.out_dir
    return run_watch(request, lambda builds: report(build_result(builds, out, 0.0)), echo,
                     error_lines)  # fmt: skip


_BUILD_DEFAULTS: dict[str, Any] = {
    "audiences": "negotiator",
    "formats": ("docx", "pdf"),
    "output": "output",
    "templates": None,
    "reference_doc": None,
    "jobs": 1,
    "allow_over_budget": False,
}


def audience_spec(audiences: str | Iterable[str]) -> str:
    """``-a`` text from names or a comma-separated string; ``all`` in any case."""
    spec = _joined(audiences)
    return "all" if spec.strip().lower() == "all" else spec


def _audiences(audiences: str | Iterable[str], templates: PathLike | None) -> list[Audience]:
    from briefgen.audience.profiles import resolve_many, search_path

    return resolve_many(audience_spec(audiences), search_path(_path(templates)))


def _joined(values: str | Iterable[str]) -> str:
    return values if isinstance(values, str) else ",".join(values)


def _path(value: PathLike | None) -> Path | None:
    return None if value is None else Path(value)


def __getattr__(name: str) -> Any:
    """``CheckReport``, the type :func:`check` returns, imported on first use (the checks
    import much of briefgen)."""
    if name == "CheckReport":
        from briefgen.check.report import Report

        return Report
    raise AttributeError(f"module 'briefgen.api' has no attribute {name!r}")
