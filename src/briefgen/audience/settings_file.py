"""Reading an audience's or a house style's YAML settings file, located and screened, and
laying one file's settings over another's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.brief.load import read_file
from briefgen.brief.located_yaml import YamlDocument, read_yaml
from briefgen.brief.text_checks import forbidden_problems
from briefgen.errors import InputError, Problem


def read_settings(file: Path, what: str) -> YamlDocument:
    """``file`` parsed as a mapping of settings, or :class:`InputError` with every problem
    located in it: YAML errors, forbidden characters (its texts reach the memos, as a
    brief's do), or a document that is not a mapping (``what`` names the kind of file)."""
    name = str(file)
    doc = read_yaml(read_file(file), name)
    if doc.problems:
        raise InputError(doc.problems)
    characters = forbidden_problems(doc)
    if characters:
        raise InputError(characters)
    if not isinstance(doc.data, dict):
        raise InputError([Problem(name, 1, 1, "", f"{what} is a mapping of settings")])
    return doc


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over``'s settings laid over ``base``'s: a mapping in both is merged key by key, any
    other value of ``over`` replaces ``base``'s."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
