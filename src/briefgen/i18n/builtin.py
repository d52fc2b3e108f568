"""The catalogues shipped with briefgen: ``catalogues/LANG.yaml``, package data.

``en.yaml`` is the reference: its keys are every label briefgen and the built-in templates
print, and every other built-in catalogue has exactly those keys (a test checks).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from briefgen.i18n.catalogue import Catalogue
from briefgen.i18n.cldr import known_locale, long_date, names_list, partial_date

FOLDER = Path(__file__).parent / "catalogues"
REFERENCE = "en"


def names() -> tuple[str, ...]:
    """The languages with a built-in catalogue (``ar``, ``en``, ...), sorted."""
    return tuple(sorted(path.stem for path in FOLDER.glob("*.yaml")))


@cache
def raw(name: str) -> dict[str, Any] | None:
    """The data of built-in catalogue ``name``, or None when there is none."""
    path = FOLDER / f"{name}.yaml"
    if name not in names():
        return None
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data if isinstance(data, dict) else None


def reference_labels() -> dict[str, Any]:
    """The keys and texts of ``en.yaml``: the labels every catalogue must have."""
    data = raw(REFERENCE)
    assert data is not None, "the package's en.yaml is missing"
    return data["labels"]


@cache
def builtin(name: str) -> Catalogue | None:
    """Built-in catalogue ``name`` as it ships, or None when there is none."""
    data = raw(name)
    if data is None:
        return None
    locale = known_locale(data["locale"])
    assert locale is not None, f"the package's {name}.yaml names an unknown locale"
    labels = data["labels"]
    origin = dict.fromkeys(labels, f"built-in {name}.yaml")
    return Catalogue(name, name, locale, labels, origin, (f"built-in {name}.yaml",))


def english() -> Catalogue:
    """The English catalogue: the labels of a Document nobody rendered (tests, the API)."""
    catalogue = builtin(REFERENCE)
    assert catalogue is not None
    return catalogue


def candidates(tag: str) -> tuple[str, ...]:
    """Catalogue names that may answer BCP 47 ``tag``, most specific first:
    ``ar-EG`` -> ``("ar-EG", "ar")``."""
    parts = tag.split("-")
    return tuple(dict.fromkeys("-".join(parts[:n]) for n in range(len(parts), 0, -1)))


@cache
def warm(language: str) -> None:
    """Read the built-in catalogue that answers ``language`` and its locale's CLDR data now,
    once a process: each render runs in a child forked from this process, and what this one
    has loaded every child has for free (Babel reads a locale's data on first use, about a
    tenth of a second)."""
    for name in candidates(language):
        catalogue = builtin(name)
        if catalogue is not None:
            locale = known_locale(language) or catalogue.locale
            long_date("2000-01-01", locale)
            partial_date("2000-01", locale)
            names_list(["a", "b", "c"], locale)
            locale.plural_form(1)
            return
