"""Build: brief x audiences x formats -> files in OUT/<brief stem>/<audience>.<ext>.

Every memo is rendered and exported in memory first, budgets are checked on the real PDF,
and files are written only when all succeeded, each atomically, with a manifest: a failed
build leaves the earlier output exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import __version__
from briefgen.audience.profiles import Audience
from briefgen.brief.load import read_file
from briefgen.brief.model import Brief
from briefgen.check.layout import fault_message
from briefgen.check.readability import Grade, grade_of, running_text
from briefgen.document.tree import Document, words
from briefgen.errors import BriefgenError, BuildError, InputError, Problem
from briefgen.export import FORMATS, exporter
from briefgen.files.names import name_problem
from briefgen.files.names import output_name as composed_name
from briefgen.files.transaction import transaction
from briefgen.render.assemble import render
from briefgen.render.memo_style import memo_style
from briefgen.reproducible import build_datetime

if TYPE_CHECKING:
    from briefgen.export.pdf.layout import Layout

# Page objects; reportlab writes object dictionaries uncompressed.
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Memo:
    """One built file: which audience and format, where, how long, and its hash."""

    audience: str
    format: str
    path: Path
    pages: int | None
    words: int
    reading_grade: float | None  # None: no published grade formula for the memo's language
    sha256: str
    data: bytes
    layout: tuple[str, ...] = ()  # a PDF's layout problems (see briefgen.check.layout)


def parse_formats(spec: str) -> list[str]:
    """``"docx,PDF"`` -> ``["docx", "pdf"]`` (any case); unknown formats are an error."""
    formats = [part.strip().lower() for part in spec.split(",") if part.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(
            f"unknown format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(formats))


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF briefgen wrote (its page objects)."""
    return len(_PAGE_OBJECT.findall(data))


@contextmanager
def _export_errors(audience: Audience, fmt: str) -> Iterator[None]:
    """An exporter's failure as a :class:`BuildError` naming the memo."""
    try:
        yield
    except BriefgenError:
        raise
    except Exception as exc:  # an exporter bug must still be one clear line
        raise BuildError(
            f"{audience.name}.{fmt}: export failed: {type(exc).__name__}: {exc}"
        ) from exc


def export_bytes(document: Document, audience: Audience, fmt: str) -> bytes:
    """``document`` exported in format ``fmt`` with ``audience``'s style; an exporter's
    failure is a :class:`BuildError` naming the memo."""
    with _export_errors(audience, fmt):
        return exporter(fmt)(document, memo_style(document, audience))


def _docx_with_notes(document: Document, audience: Audience) -> tuple[bytes, list[str]]:
    """The DOCX memo and the warnings about it (fonts a licence kept out), each naming it."""
    from briefgen.export.docx.writer import export_with_notes

    with _export_errors(audience, "docx"):
        data, notes = export_with_notes(document, memo_style(document, audience))
    return data, [f"{audience.name}.docx: {note}" for note in notes]


def _range_text(low: int | None, high: int | None, unit: str) -> str:
    if low == 1 and high == 1:
        unit = unit.removesuffix("s")
    if low is not None and low == high:
        return f"exactly {low} {unit}"
    if low is not None and high is not None:
        return f"{low}-{high} {unit}"
    return f"at most {high} {unit}" if high is not None else f"at least {low} {unit}"


@dataclass(frozen=True)
class Budgets:
    """What one memo's budgets found: ``over`` a maximum or the reading-grade target (an error
    unless --allow-over-budget), and ``notes``, printed as warnings: under a minimum (a short
    memo is no error) or a grade target not checked."""

    over: list[str]
    notes: list[str]


def budget_problems(audience: Audience, pages: int, count: int, grade: Grade) -> Budgets:
    """What about one memo breaks its audience's budget or reading-grade target, and what is
    short of a minimum or could not be checked."""
    config = audience.config
    over, notes = [], []
    for actual, limits, unit in (
        (pages, config.budget.pages, "pages"),
        (count, config.budget.words, "words"),
    ):
        budget = _range_text(limits.min, limits.max, unit)
        if limits.max is not None and actual > limits.max:
            over.append(f"{audience.name}: {actual} {unit}, budget {budget}")
        elif limits.min is not None and actual < limits.min:
            shown = unit.removesuffix("s") if actual == 1 else unit
            notes.append(f"{audience.name}: {actual} {shown}, under its budget of {budget}")
    if grade.target is not None and grade.status == "over":
        over.append(
            f"{audience.name}: reading grade {grade.grade:.1f}, target {grade.target:g} or below"
        )
    elif grade.target is not None and grade.status == "not checked":
        notes.append(f"{audience.name}: reading grade {grade.not_checked()}")
    return Budgets(over, notes)


@dataclass(frozen=True)
class Exported:
    """One audience's memo exported in every format, its reading grade not yet measured.

    Worker processes export; the reading grade, whose hyphenation dictionary takes a while to
    load, is measured by the process that waits for them (see :func:`graded`).
    """

    files: list[tuple[str, Path, bytes]]  # (format, path, bytes), in the formats' order
    pages: int
    words: int
    text: list[str]  # the running text the reading grade is measured on
    language: str  # the memo's (BCP 47), which chooses the grade formula
    layout: tuple[str, ...] = ()  # the PDF's layout problems, one line each
    notes: tuple[str, ...] = ()  # other warnings about its files (a font left out of the DOCX)


def export_audience(
    brief: Brief,
    brief_path: Path,
    audience: Audience,
    formats: list[str],
    target: Path,
    document: Document | None = None,
) -> Exported:
    """Render one audience's memo of ``brief`` (unless ``document`` is its rendering
    already) and export it in every format, in memory; files go under ``target``.

    The PDF is laid out even when not asked for: budgets are checked on the real PDF.
    """
    if document is None:
        document = render(brief, audience, str(brief_path)).document
    pdf, layout = _laid_out_pdf(document, audience)
    files, notes = [], []
    for fmt in formats:
        if fmt == "pdf":
            data = pdf
        elif fmt == "docx":
            data, said = _docx_with_notes(document, audience)
            notes.extend(said)
        else:
            data = export_bytes(document, audience, fmt)
        files.append((fmt, target / f"{audience.name}.{fmt}", data))
    problems = tuple(fault_message(fault) for fault in layout.faults)
    return Exported(
        files, pdf_page_count(pdf), words(document), running_text(document),
        document.meta.language, problems, tuple(notes),
    )  # fmt: skip


def _laid_out_pdf(document: Document, audience: Audience) -> tuple[bytes, Layout]:
    """The memo's PDF and its layout; a failure is a :class:`BuildError` naming the memo."""
    from briefgen.export.pdf.writer import export_with_layout

    with _export_errors(audience, "pdf"):
        return export_with_layout(document, memo_style(document, audience))


def graded(audience: Audience, exported: Exported) -> tuple[list[Memo], Budgets]:
    """The memos of ``exported``, with the reading grade measured, and what their audience's
    budgets found (with the export's own warnings among its notes)."""
    grade = Grade(audience.name, grade_of(exported.text, exported.language),
                  audience.config.reading_grade, exported.language)  # fmt: skip
    memos = [
        Memo(
            audience=audience.name,
            format=fmt,
            path=path,
            pages=exported.pages if fmt == "pdf" else None,
            words=exported.words,
            reading_grade=grade.grade,
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            layout=exported.layout if fmt == "pdf" else (),
        )
        for fmt, path, data in exported.files
    ]
    budgets = budget_problems(audience, exported.pages, exported.words, grade)
    return memos, Budgets(budgets.over, [*budgets.notes, *exported.notes])


def over_budget_error(over: list[str]) -> BuildError:
    """The error for memos over budget, listing every problem."""
    return BuildError(
        "over budget (nothing was written; --allow-over-budget builds anyway):\n  "
        + "\n  ".join(over)
    )


def manifest(brief_path: Path, brief: Brief, memos: list[Memo], previous: dict | None) -> dict:
    """The manifest of a build folder: every file with its audience, format, size and hashes.

    Entries of an earlier build that this one did not rebuild are kept while their file is
    still there unchanged.
    """
    entries = {
        (m.audience, m.format): {
            "path": m.path.name,
            "audience": m.audience,
            "format": m.format,
            "pages": m.pages,
            "words": m.words,
            "reading_grade": m.reading_grade,
            "bytes": len(m.data),
            "sha256": m.sha256,
        }
        for m in memos
    }
    folder = memos[0].path.parent if memos else None
    for entry in (previous or {}).get("files", []):
        key = (entry.get("audience"), entry.get("format"))
        path = folder / str(entry.get("path")) if folder else None
        if key in entries or path is None or not path.is_file():
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256"):
            entries[key] = entry
    return {
        "briefgen": __version__,
        "built": build_datetime().isoformat(),
        "brief": {
            "path": brief_path.name,
            "id": brief.meta.id,
            "sha256": hashlib.sha256(read_file(brief_path)).hexdigest(),
        },
        "sources": [{"id": s.id, "title": s.title, "sha256": s.sha256} for s in brief.sources],
        "files": [entries[key] for key in sorted(entries)],
    }


def output_name(brief_path: Path, audiences: list[Audience]) -> str:
    """The output folder's name (the brief file's stem), checked with the audience names.

    Both become file names (``OUT/<stem>/<audience>.<format>``); an unsafe one is an error.
    """
    problems = []
    stem_problem = name_problem(brief_path.stem)
    if stem_problem:
        problems.append(
            Problem(
                str(brief_path), 0, 0, "",
                f"the file's name becomes the output folder's name: {stem_problem}; "
                "rename the brief",
            )
        )  # fmt: skip
    for audience in audiences:
        audience_problem = name_problem(audience.name)
        if audience_problem:
            problems.append(
                Problem(
                    "", 0, 0, "",
                    f"audience {audience.name!r} names its output files: {audience_problem}; "
                    "rename the audience",
                )
            )  # fmt: skip
    if problems:
        raise InputError(problems)
    return composed_name(brief_path.stem)


def write_memos(brief_path: Path, brief: Brief, memos: list[Memo]) -> Path | None:
    """Write every memo's file and the folder's manifest, together; returns the manifest's path.

    The folder's new version is staged beside it and swapped in at once, under a lock on the
    folder (see :mod:`briefgen.files.transaction`): a failure, Ctrl-C or a kill at any instant
    leaves the folder wholly old or wholly new, and two builds into the same folder at once
    never mix their files and manifests.
    """
    if not memos:
        return None
    path = memos[0].path.parent / MANIFEST
    with transaction(path.parent) as staged:
        for memo in memos:
            staged.stage(memo.path, memo.data)
        try:
            previous = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        except (OSError, ValueError):
            previous = None  # an unreadable old manifest is replaced, not trusted
        data = manifest(brief_path, brief, memos, previous if isinstance(previous, dict) else None)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        staged.stage(path, text.encode("utf-8"))
    return path
