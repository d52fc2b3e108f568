"""The house style: one organisation's typefaces, palette, logo, letterhead and sender line,
in ``house-style.yaml`` at the top of a templates folder, inherited by every audience; the
letterhead's words and the sender may be given in more languages
(:mod:`briefgen.audience.house_words`).

The package's own ``audiences/house-style.yaml`` holds the defaults; the first templates
folder on the search path that has a ``house-style.yaml`` sets what it names over them.
An audience's ``style:`` may still override any of it: audience > house > built-in defaults
(see :func:`briefgen.audience.profiles.resolve`). The file is untrusted, read as a brief is
(safe, located YAML); every problem is reported at its line, and its logo is checked and
re-encoded (:mod:`briefgen.audience.logo`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.audience.house_words import HouseWords, LanguageWords, house_words, tag_problems
from briefgen.audience.logo import LogoError, clean_logo
from briefgen.audience.settings_file import deep_merge, read_settings
from briefgen.audience.style import Colours, Letterhead
from briefgen.brief.load import structural_problems
from briefgen.brief.located_yaml import YamlDocument
from briefgen.brief.model import LANGUAGE_TAG
from briefgen.errors import InputError

HOUSE_FILE = "house-style.yaml"
BUILTIN_HOUSE = Path(__file__).parents[1] / "audiences" / HOUSE_FILE

#: Where a house-style field lands in an audience's ``style:`` (a prefix maps a mapping).
_STYLE_PATHS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("typefaces", "body"): ("body_font",),
    ("typefaces", "heading"): ("heading_font",),
    ("palette",): ("colours",),
    ("letterhead",): ("letterhead",),
    ("logo",): ("letterhead", "logo"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Typefaces(_Strict):
    """The text families, both bundled (DejaVu Serif and DejaVu Sans)."""

    body: Literal["serif", "sans"] = Field("serif", description="Family of body text.")
    heading: Literal["serif", "sans"] = Field(
        "sans", description="Family of the title, headings and running lines."
    )


class HouseLetterhead(Letterhead):
    """The letterhead's words and where its logo sits (the logo itself is ``logo``)."""

    logo: None = Field(None, exclude=True, description="(Set the house style's own `logo`.)")

    @field_validator("logo", mode="before")
    @classmethod
    def _logo_elsewhere(cls, value: object) -> None:
        if value is not None:
            raise ValueError("the logo is the house style's top-level `logo` field")
        return None


class HouseStyle(_Strict):
    """The contents of ``house-style.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="briefgen house style")

    typefaces: Typefaces = Field(default_factory=Typefaces, description="Text families.")
    palette: Colours = Field(default_factory=Colours, description="Colours of every memo.")
    logo: str | None = Field(
        None,
        min_length=1,
        max_length=4096,
        description="A PNG or JPEG inside the house style's folder, relative to the file.",
    )
    letterhead: HouseLetterhead = Field(
        default_factory=HouseLetterhead, description="Letterhead of every memo's first page."
    )
    sender: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="The memo header's 'From' line (default: the brief's meta.organisation).",
    )
    language: str = Field(
        "en",
        pattern=LANGUAGE_TAG,
        description="BCP 47 tag of the language the letterhead's words and the sender are in.",
    )
    languages: dict[str, LanguageWords] = Field(
        default_factory=dict,
        description="The letterhead's words and the sender in other languages, by BCP 47 tag: "
        "a memo in one (the brief's meta.language; ar-EG takes ar-EG, else ar) prints them "
        "instead; a field one leaves out keeps the words above.",
    )


@dataclass(frozen=True)
class House:
    """A resolved house style: what it sets in every audience's style, and where."""

    files: tuple[str, ...]
    style: dict[str, Any] = field(default_factory=dict)
    sender: str | None = None
    #: dotted style field ("colours.primary") -> (file, line, column) of the setting
    origins: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    words: HouseWords = field(default_factory=HouseWords)


_READ: dict[tuple[Any, ...], House] = {}


def house_file(path: tuple[Path, ...]) -> Path | None:
    """The user's ``house-style.yaml``: in the first folder of the search path with one."""
    for folder in path:
        if folder.resolve() != BUILTIN_HOUSE.parent.resolve() and (folder / HOUSE_FILE).is_file():
            return folder / HOUSE_FILE
    return None


def house_for(path: tuple[Path, ...]) -> House:
    """The house style of search path ``path``: the built-in file with the user's over it."""
    files = [BUILTIN_HOUSE] + [f for f in (house_file(path),) if f is not None]
    key = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    if key not in _READ:
        if len(_READ) > 16:  # a long --watch session of house-style edits
            _READ.clear()
        _READ[key] = _merged([_read(f) for f in files])
    return _READ[key]


def _merged(houses: list[House]) -> House:
    """``houses`` each over the one before."""
    style: dict[str, Any] = {}
    origins: dict[str, tuple[str, int, int]] = {}
    sender = None
    words = HouseWords()
    for house in houses:
        style = deep_merge(style, house.style)
        origins.update(house.origins)
        sender = house.sender or sender
        if house.words.own.given() or house.words.variants:  # the built-in file has none
            words = house.words
    return House(tuple(f for h in houses for f in h.files), style, sender, origins, words)


def _read(file: Path) -> House:
    """One house-style file, validated; every problem located in it."""
    name = str(file)
    doc = read_settings(file, "a house style")
    _config, problems = structural_problems(doc, HouseStyle)
    problems += tag_problems(doc)
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column)))
    data = dict(doc.data)
    if isinstance(data.get("logo"), str):
        data["logo"] = _checked_logo(data["logo"], file.parent, doc)
    style, origins = _as_style(data, doc)
    return House((name,), style, data.get("sender"), origins, house_words(data, doc))


def _checked_logo(value: str, folder: Path, doc: YamlDocument) -> str:
    """The logo's absolute path, once it is known to be inside ``folder`` and usable."""
    path = Path(os.path.abspath(folder / value))
    if Path(value).is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
        message = f"{value}: the logo must be inside the house style's folder {folder}"
        raise InputError([doc.problem(("logo",), message)])
    try:
        clean_logo(path)
    except LogoError as exc:
        raise InputError([doc.problem(("logo",), f"{value}: {exc}")]) from None
    return str(path)


def _as_style(
    data: dict[str, Any], doc: YamlDocument
) -> tuple[dict[str, Any], dict[str, tuple[str, int, int]]]:
    """The ``style:`` settings ``data`` makes, and where each leaf is written."""
    style: dict[str, Any] = {}
    origins: dict[str, tuple[str, int, int]] = {}
    for house_path, value in _leaves(data):
        for prefix, target in _STYLE_PATHS.items():
            if house_path[: len(prefix)] == prefix:
                style_path = target + house_path[len(prefix) :]
                _put(style, style_path, value)
                origins[".".join(style_path)] = (doc.filename, *doc.locate(house_path))
    return style, origins


def _leaves(data: Any, at: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """(path, value) of every leaf of a mapping (a list is a leaf)."""
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*at, str(key)))]
    return [(at, data)]


def _put(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {})
    tree[path[-1]] = value


def style_origins(doc: YamlDocument) -> dict[str, tuple[str, int, int]]:
    """Dotted field -> (file, line, column) of every setting under an audience file's
    ``style:`` (the file read as ``doc``)."""
    style = doc.data.get("style") if isinstance(doc.data, dict) else None
    return {
        ".".join(path): (doc.filename, *doc.locate(("style", *path)))
        for path, _value in _leaves(style if isinstance(style, dict) else {})
        if path
    }
