"""Audience profiles: ``audience.yaml`` + Jinja templates in a folder, found on a search path.

The search path is the user's template folders (``--templates DIR``, else ``./templates`` when
it exists), then the built-in audiences shipped in the package. An audience may ``extends``
another: its settings are merged over the parent's (mappings deeply, everything else replaced)
and its folder is searched for templates before the parent's, so overriding one block of a
built-in memo is a five-line template. ``builtin/NAME/FILE`` always reaches a built-in template,
even when a user folder shadows it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from briefgen.audience.citation_style import citation_style
from briefgen.audience.house_style import House, house_for, style_origins
from briefgen.audience.house_words import HouseWords
from briefgen.audience.settings_file import deep_merge, read_settings
from briefgen.audience.style import Style
from briefgen.brief.load import structural_problems
from briefgen.brief.model import ID_PATTERN
from briefgen.errors import InputError, Problem

BUILTIN_ROOT = Path(__file__).parents[1] / "audiences"
AUDIENCE_FILE = "audience.yaml"
ENTRY_TEMPLATE = "memo.html.j2"
MAX_EXTENDS_DEPTH = 8


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Range(_Strict):
    """An inclusive range; either end may be omitted."""

    min: int | None = Field(None, ge=0, description="Smallest allowed value.")
    max: int | None = Field(None, ge=1, description="Largest allowed value.")

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Budget(_Strict):
    """Length limits, checked on the exported PDF."""

    pages: Range = Field(default_factory=Range, description="Pages of the exported PDF.")
    words: Range = Field(default_factory=Range, description="Words of the memo's text.")


class Selection(_Strict):
    """Which recommendations and judgments the memo carries."""

    tags: list[str] = Field(
        default_factory=list, description="Keep recommendations with any of these tags."
    )
    addressed_to: list[str] = Field(
        default_factory=list, description="Keep recommendations addressed to any of these actors."
    )
    priority: list[Literal["high", "medium", "low"]] = Field(
        default_factory=list, description="Keep recommendations of these priorities."
    )
    recommendations: int | None = Field(
        None, ge=1, description="At most this many recommendations (brief order)."
    )
    key_judgments: int | None = Field(None, ge=1, description="At most this many key judgments.")
    editorial_notes: list[Literal["correction", "caveat"]] = Field(
        default_factory=list, description="Keep editorial notes of these kinds (default: all)."
    )
    background: int | None = Field(
        None, ge=0, description="At most this many background paragraphs."
    )
    counterpoints: list[Literal["contested", "unsubstantiated", "opinion"]] = Field(
        default_factory=list, description="Keep counterpoints of these statuses (default: all)."
    )
    themed: bool = Field(
        False, description="Keep only recommendations tagged with one of the brief's themes."
    )


class MemoHeader(_Strict):
    """The memo header's To / From / Subject lines (From defaults to the organisation)."""

    to: str = Field(description="The 'To' line.")
    sender: str | None = Field(None, alias="from", description="The 'From' line.")
    subject: str | None = Field(
        None, description="The 'Subject' line (default: the brief's meta.subject, else its title)."
    )


Requirement = Literal[
    "key_judgments",
    "background",
    "timeline",
    "key_figures",
    "obstacles",
    "recommendations",
    "counterpoints",
    "editorial_notes",
    "glossary",
    "next_steps",
    "themes",
    "reader.bottom_line",
    "reader.implications",
    "reader.decision",
    "reader.options",
]


class AudienceConfig(_Strict):
    """The contents of an audience's ``audience.yaml``."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, title="briefgen audience")

    name: str = Field(pattern=ID_PATTERN, description="Audience name, as given to -a.")
    description: str = Field(description="One line: what this memo is for.")
    extends: str | None = Field(None, description="Name of the audience this one builds on.")
    reader: str = Field(description="Who reads it.")
    memo: MemoHeader = Field(description="Memo header lines.")
    budget: Budget = Field(default_factory=Budget, description="Length limits.")
    reading_grade: float | None = Field(
        None,
        ge=1,
        le=20,
        description="Highest reading grade allowed for the text, by the published formula for "
        "the memo's language (none: not checked).",
    )
    selection: Selection = Field(default_factory=Selection, description="What goes in.")
    plain_language: bool = Field(
        False,
        description="The memo uses the brief's plain-language texts (`plain`); a build names "
        "every item that lacks one.",
    )
    requires: list[Requirement] = Field(
        default_factory=list,
        description="Parts of the brief this memo needs; a build names any that is empty.",
    )
    style: Style = Field(default_factory=Style, description="Page, type and running heads.")


@dataclass(frozen=True)
class Audience:
    """A resolved audience: merged configuration and its template folders, nearest first.

    ``chain`` names the audiences it is built on, itself first, with their folders: a template
    reaches a base audience's template as ``NAME/FILE`` (and a built-in as ``builtin/NAME/FILE``).
    """

    config: AudienceConfig
    chain: tuple[tuple[str, Path], ...]
    origin: str
    #: The user's template folders on the search path, whose ``i18n/`` may add or override
    #: label catalogues (see :mod:`briefgen.audience.label_files`).
    label_folders: tuple[Path, ...] = ()
    #: (dotted style field, file, line, column) of each style setting: the audience file, or
    #: the house-style file, that made the value the style has (see :meth:`style_origin`).
    style_origins: tuple[tuple[str, str, int, int], ...] = ()
    #: The house style's words by language (letterhead, sender), and which of those words
    #: the audience sets itself ("organisation", "lines", "sender"): a memo in another
    #: language takes the house style's variant for the rest only.
    house_words: HouseWords = field(default_factory=HouseWords)
    own_words: frozenset[str] = frozenset()

    def style_origin(self, name: str) -> tuple[str, int, int] | None:
        """Where style field ``name`` ("colours.primary") was set, or None (a default)."""
        found = {key: (file, line, column) for key, file, line, column in self.style_origins}
        return found.get(name)

    @property
    def folders(self) -> tuple[Path, ...]:
        """Template folders, nearest first."""
        return tuple(folder for _name, folder in self.chain)

    @property
    def name(self) -> str:
        """The audience's name."""
        return self.config.name

    def is_builtin(self, folder: Path) -> bool:
        """Whether ``folder`` of the chain is a built-in audience's."""
        return origin_of(folder) == "built-in"


def search_path(templates: Path | None) -> tuple[Path, ...]:
    """User template folders (explicit, else ./templates if it exists), then the built-ins."""
    folders: list[Path] = []
    if templates is not None:
        if not templates.is_dir():
            raise InputError(f"--templates {templates}: no such folder")
        folders.append(templates)
    elif Path("templates").is_dir():
        folders.append(Path("templates"))
    folders.append(BUILTIN_ROOT)
    return tuple(folders)


def discover(path: tuple[Path, ...]) -> dict[str, Path]:
    """Audience name -> folder, the first folder on the search path winning."""
    found: dict[str, Path] = {}
    for root in path:
        for folder in sorted(root.iterdir()):
            if (folder / AUDIENCE_FILE).is_file() and folder.name not in found:
                found[folder.name] = folder
    return found


def origin_of(folder: Path) -> str:
    """``built-in`` for packaged audiences, else the folder path."""
    return "built-in" if folder.parent.resolve() == BUILTIN_ROOT.resolve() else str(folder)


def _read_raw(folder: Path) -> tuple[dict, str, dict[str, tuple[str, int, int]]]:
    file = folder / AUDIENCE_FILE
    name = str(file)
    doc = read_settings(file, "an audience file")
    # Validate the file alone first, so errors point into the file that has them; an
    # audience that extends another may leave out what it inherits.
    _config, problems = structural_problems(doc, AudienceConfig)
    if doc.data.get("extends") is not None:
        problems = [p for p in problems if not p.message.startswith("missing required field")]
    if problems:
        raise InputError(problems)
    if doc.data.get("name") != folder.name:
        raise InputError([doc.problem(("name",), f"must match the folder name {folder.name!r}")])
    _refuse_logo(doc.data, doc.problem)
    _resolve_reference_docx(doc.data, folder, doc.problem)
    _resolve_citation_style(doc.data, folder, doc.problem)
    return doc.data, name, style_origins(doc)


def _refuse_logo(data: dict, problem: Callable[..., Problem]) -> None:
    """A logo is the house style's alone (checked and confined to its folder there): an
    audience's ``style.letterhead.logo`` is an error, not a path read from anywhere."""
    style = data.get("style")
    letterhead = style.get("letterhead") if isinstance(style, dict) else None
    if isinstance(letterhead, dict) and "logo" in letterhead:
        message = "the logo is set in the house style (house-style.yaml `logo`), not by an audience"
        raise InputError([problem(("style", "letterhead", "logo"), message, key=True)])


def _resolve_citation_style(data: dict, folder: Path, problem: Callable[..., Problem]) -> None:
    """Check ``style.citation_style`` where it is written, and make a ``.csl`` name the
    absolute path of the file found (in the audience's folder, then the templates folder it
    sits in), so an audience extending this one gets the same file."""
    style = data.get("style")
    value = style.get("citation_style") if isinstance(style, dict) else None
    if not isinstance(value, str):
        return
    try:
        found = citation_style(value, (folder, folder.parent))
    except InputError as error:  # the file's own problems keep their place in the .csl file
        located = [
            p if p.file else problem(("style", "citation_style"), p.message) for p in error.problems
        ]
        raise InputError(located) from None
    if value.endswith(".csl"):
        style["citation_style"] = str(found.path)


def _resolve_reference_docx(data: dict, folder: Path, problem: Callable[..., Problem]) -> None:
    """Make ``style.reference_docx`` absolute, relative to the audience's folder (so an
    audience extending this one finds it too), and check that it is a usable DOCX inside that
    folder: like its templates, an audience reads no file outside its folder (``..``, an
    absolute path or a link leading out are errors; ``--reference-doc`` takes any file)."""
    from briefgen.audience.reference_docx import problem as reference_problem

    style = data.get("style")
    value = style.get("reference_docx") if isinstance(style, dict) else None
    if not isinstance(value, str):
        return
    path = Path(os.path.abspath(folder / value))
    if Path(value).is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
        message = (
            f"{value}: a reference DOCX must be inside the audience's folder {folder}, as its "
            "templates are (--reference-doc takes a file from anywhere)"
        )
        raise InputError([problem(("style", "reference_docx"), message)])
    trouble = reference_problem(path)
    if trouble is not None:
        raise InputError([problem(("style", "reference_docx"), f"{value}: {trouble}")])
    _warn_dropped(path, str(folder / value))
    style["reference_docx"] = str(path)


def with_reference_docx(audiences: list[Audience], path: Path) -> list[Audience]:
    """``audiences`` with their DOCX reference replaced by ``path`` (``--reference-doc``)."""
    from briefgen.audience.reference_docx import problem as reference_problem

    trouble = reference_problem(path)
    if trouble is not None:
        raise InputError(f"--reference-doc {path}: {trouble}")
    _warn_dropped(path, str(path))
    absolute = str(Path(os.path.abspath(path)))
    result = []
    for audience in audiences:
        style = audience.config.style.model_copy(update={"reference_docx": absolute})
        config = audience.config.model_copy(update={"style": style})
        result.append(replace(audience, config=config))
    return result


# References already warned about, by path and version: an audience chain reads a parent's
# settings once per child, and --watch resolves again after every change.
_WARNED: set[tuple[str, int, int]] = set()


def _warn_dropped(path: Path, shown: str) -> None:
    """Warn on stderr, a line per kind, about what the memos will not take from the reference
    DOCX at ``path`` (named ``shown``): active fields, links, embedded objects, custom XML."""
    from briefgen.audience.reference_docx import dropped_contents

    stat = path.stat()
    key = (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)
    if key in _WARNED:
        return
    _WARNED.add(key)
    for kind in dropped_contents(path):
        sys.stderr.write(f"briefgen: warning: {shown}: reference DOCX: removed {kind}\n")


def resolve(name: str, path: tuple[Path, ...]) -> Audience:
    """Load audience ``name`` from the search path, following ``extends``, over the house
    style of the search path (audience > house > built-in defaults)."""
    available = discover(path)
    if name not in available:
        known = ", ".join(sorted(available)) or "none"
        raise InputError(f"no audience named {name!r} (available: {known})")
    chain: list[tuple[str, Path, dict, str]] = []
    origins: list[dict[str, tuple[str, int, int]]] = []
    current, folder = name, available[name]
    while True:
        if len(chain) >= MAX_EXTENDS_DEPTH or any(f == folder for _n, f, _d, _p in chain):
            raise InputError(f"audience {name!r}: 'extends' forms a loop or is too deep")
        data, file, where = _read_raw(folder)
        chain.append((current, folder, data, file))
        origins.append(where)
        parent = data.get("extends")
        if parent is None:
            break
        if parent == current and (BUILTIN_ROOT / parent / AUDIENCE_FILE).is_file():
            folder = BUILTIN_ROOT / parent  # a user audience extending its built-in namesake
        elif parent in available:
            folder = available[parent]
        else:
            raise InputError([Problem(file, 1, 1, "extends", f"no audience named {parent!r}")])
        current = parent
    house = house_for(path)
    merged: dict = _house_settings(house)
    settings = dict(house.origins)
    for (_name, _folder, data, _file), where in zip(chain[::-1], origins[::-1], strict=True):
        merged = deep_merge(merged, data)
        settings.update(where)
    merged["name"] = name
    merged["extends"] = chain[0][2].get("extends")
    try:
        config = AudienceConfig.model_validate(merged)
    except ValidationError as exc:
        file = chain[0][3]
        problems = [
            Problem(file, 1, 1, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()
        ]
        raise InputError(problems) from None
    return Audience(
        config,
        tuple((n, folder) for n, folder, _d, _f in chain),
        origin_of(chain[0][1]),
        tuple(folder for folder in path if folder.resolve() != BUILTIN_ROOT.resolve()),
        tuple((key, *where) for key, where in sorted(settings.items())),
        house.words,
        _own_words([data for _n, _f, data, _p in chain], origins),
    )


def _own_words(
    settings: list[dict], origins: list[dict[str, tuple[str, int, int]]]
) -> frozenset[str]:
    """Which of the letterhead's words and the sender the audience files (``settings``, with
    the ``origins`` of their style fields) set themselves, over the house style's."""
    style = {key for where in origins for key in where}
    own = {name for name in ("organisation", "lines") if f"letterhead.{name}" in style}
    if any(isinstance(d.get("memo"), dict) and "from" in d["memo"] for d in settings):
        own.add("sender")
    return frozenset(own)


def _house_settings(house: House) -> dict:
    """The audience settings the house style makes: its style, and its sender as the memo
    header's From line."""
    settings: dict = {"style": house.style}
    if house.sender:
        settings["memo"] = {"from": house.sender}
    return settings


def resolve_many(spec: str, path: tuple[Path, ...]) -> list[Audience]:
    """``-a`` values: a name, a comma-separated list, or ``all`` (every audience on the path)."""
    names = sorted(discover(path)) if spec.strip() == "all" else _split(spec)
    if not names:
        raise InputError("-a/--audience needs at least one audience name")
    return [resolve(n, path) for n in names]


def _split(spec: str) -> list[str]:
    names: list[str] = []
    for part in spec.split(","):
        part = part.strip()
        if part and part not in names:
            names.append(part)
    return names
