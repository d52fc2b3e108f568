"""Edited copies of the essay brief and the source essay, for tests that need them broken."""

from __future__ import annotations

from pathlib import Path

from briefgen.audience.profiles import Audience, resolve, resolve_many, search_path
from briefgen.check.report import Report, check
from conftest import ESSAY_BRIEF, REPO, SOURCE


def edited(original: Path, target: Path, *replacements: tuple[str, str]) -> Path:
    """Write ``original``'s text to ``target`` with each (old, new) replaced once."""
    text = original.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) >= 1, f"not in {original.name}: {old!r}"
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    return target


def brief_copy(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """The essay brief, edited, in ``tmp_path``."""
    return edited(ESSAY_BRIEF, tmp_path / "brief.yaml", *replacements)


def source_copy(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """The essay, edited, in ``tmp_path``."""
    return edited(SOURCE, tmp_path / "essay.txt", *replacements)


def builtin_audiences() -> list[Audience]:
    """Every audience a build from the repository finds: the built-ins and templates/."""
    return resolve_many("all", search_path(REPO / "templates"))


def run(
    brief: Path = ESSAY_BRIEF, source: Path = SOURCE, audiences: list[Audience] | None = None
) -> Report:
    """``check`` with every audience unless told otherwise."""
    return check(brief, [str(source)], builtin_audiences() if audiences is None else audiences)


def line_of(path: Path, fragment: str) -> int:
    """The 1-based line of ``path`` where ``fragment`` first occurs."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def probe(tmp_path: Path, base: str, blocks: str, settings: str = "") -> Audience:
    """A custom audience ``probe`` in ``tmp_path``/templates extending ``base`` with
    ``blocks`` of its template overridden and ``settings`` (YAML lines) added."""
    folder = tmp_path / "templates" / "probe"
    folder.mkdir(parents=True)
    (folder / "audience.yaml").write_text(
        f"name: probe\nextends: {base}\ndescription: A probe\n{settings}", encoding="utf-8"
    )
    (folder / "memo.html.j2").write_text(
        f'{{% extends "builtin/{base}/memo.html.j2" %}}\n{blocks}\n', encoding="utf-8"
    )
    return resolve("probe", search_path(tmp_path / "templates"))
