"""The label catalogue of a memo's language: the built-in one, with a user's files over it.

A templates folder may hold ``i18n/LANG.yaml``: over a built-in language it overrides some
labels (``templates/i18n/ru.yaml``), for another language it is the whole catalogue
(``templates/i18n/de.yaml``). A user's file is untrusted, so it is read as a brief is (safe,
located YAML) and every problem is reported at its line. ``ar-EG`` takes the ``ar-EG``
catalogue if there is one, else ``ar``; dates and numbers then follow CLDR's ``ar_EG``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel import Locale

from briefgen.brief.load import read_file
from briefgen.brief.located_yaml import YamlDocument, read_yaml
from briefgen.brief.text_checks import forbidden_problems
from briefgen.errors import InputError, Problem
from briefgen.i18n import builtin
from briefgen.i18n.catalogue import Catalogue
from briefgen.i18n.checks import file_problems, label_problems
from briefgen.i18n.cldr import known_locale

FOLDER = "i18n"
_READ: dict[tuple[Any, ...], Catalogue] = {}  # by language, folders and the files' versions


def user_files(name: str, folders: tuple[Path, ...]) -> list[Path]:
    """The user's files for catalogue ``name``, nearest folder first."""
    return [folder / FOLDER / f"{name}.yaml" for folder in folders
            if (folder / FOLDER / f"{name}.yaml").is_file()]  # fmt: skip


def known_languages(folders: tuple[Path, ...]) -> list[str]:
    """Every language with a catalogue: built in, or in a templates folder."""
    users = {path.stem for folder in folders for path in (folder / FOLDER).glob("*.yaml")}
    return sorted(set(builtin.names()) | users)


def catalogue_for(
    language: str, folders: tuple[Path, ...], unknown: Callable[[str], Problem]
) -> Catalogue:
    """The catalogue for BCP 47 ``language``, user files in ``folders`` over the built-in one.

    No catalogue at all is ``unknown(message)``, an :class:`InputError` (never English
    instead); a user file's problems are located in it.
    """
    for name in builtin.candidates(language):
        files = user_files(name, folders)
        if builtin.raw(name) is not None or files:
            key = (language, name, tuple((str(f), f.stat().st_mtime_ns) for f in files))
            if key not in _READ:
                if len(_READ) > 64:  # a long --watch session of catalogue edits
                    _READ.clear()
                _READ[key] = _merged(language, name, files)
            return _READ[key]
    known = ", ".join(known_languages(folders))
    raise InputError([unknown(
        f"no label catalogue for language {language!r} (there are: {known}); add "
        f"templates/i18n/{language.split('-')[0]}.yaml with every label of the built-in "
        "en.yaml (see docs/audiences.md, Labels)"
    )])  # fmt: skip


def _merged(language: str, name: str, files: list[Path]) -> Catalogue:
    """Built-in catalogue ``name`` (if any) with ``files`` over it, the nearest last."""
    base = builtin.builtin(name)
    labels: dict[str, Any] = dict(base.labels) if base else {}
    origin: dict[str, str] = dict(base.origin) if base else {}
    shown = list(base.files) if base else []
    locale = base.locale if base else None
    for path in reversed(files):
        data, file_locale = _read(path, locale)
        locale = file_locale or locale
        labels.update(data)
        origin.update(dict.fromkeys(data, str(path)))
        shown.append(str(path))
    assert locale is not None  # a whole user catalogue must name its locale
    regional = known_locale(language) if "-" in language and "-" not in name else None
    return Catalogue(language, name, regional or locale, labels, origin, tuple(shown))


def _read(path: Path, locale_so_far: Locale | None) -> tuple[dict[str, Any], Locale | None]:
    """A user catalogue's labels and locale (which it must name when ``locale_so_far`` is
    None: a language briefgen has no catalogue for); every problem in it, located, or none."""
    doc = read_yaml(read_file(path), str(path))
    if doc.problems:
        raise InputError(doc.problems)
    whole = locale_so_far is None
    problems = forbidden_problems(doc) + _located(doc, file_problems(doc.data, whole=whole))
    if problems:
        raise InputError(problems)
    assert isinstance(doc.data, dict)
    written = doc.data.get("locale")
    locale = known_locale(written) if isinstance(written, str) else None
    reference = builtin.reference_labels()
    checked = locale or locale_so_far  # plural forms are checked against the locale's
    assert checked is not None
    problems = _located(doc, label_problems(doc.data["labels"], checked, reference))
    if problems:
        raise InputError(problems)
    return dict(doc.data["labels"]), locale


def _located(doc: YamlDocument, found: list[tuple[tuple[Any, ...], str]]) -> list[Problem]:
    """``found`` at their lines in ``doc`` (a label's problem at its key)."""
    return [
        doc.problem(path, message, key=len(path) > 1)
        if path
        else Problem(doc.filename, *doc.locate(()), "", message)
        for path, message in found
    ]
