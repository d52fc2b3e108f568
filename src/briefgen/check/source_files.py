"""Which text file each source of a brief is read from, for ``check`` and ``fingerprint``.

A source's ``file`` (relative to the brief) says where its text is, so ``briefgen check BRIEF``
needs no flags. ``--source FILE`` names the text of a one-source brief; ``--source ID=FILE``
names one source's text in any brief, and wins over its ``file``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from briefgen.brief.located_yaml import YamlDocument
from briefgen.brief.model import Brief
from briefgen.check.source_text import SourceText, read_source
from briefgen.errors import InputError, Problem


def parse_source_options(values: Sequence[str], brief: Brief) -> dict[str, Path]:
    """``--source`` values (``FILE`` or ``ID=FILE``) as a path per source id."""
    ids = [source.id for source in brief.sources]
    chosen: dict[str, Path] = {}
    for value in values:
        ident, sep, file = value.partition("=")
        if not sep and len(ids) == 1:
            ident, file = ids[0], value
        elif not sep:
            raise InputError(f"--source {value}: the brief has {len(ids)} sources, so name the "
                             f"one this file holds: --source ID={value} (sources: "
                             f"{', '.join(ids)})")  # fmt: skip
        elif ident not in ids:
            raise InputError(f"--source {value}: the brief has no source {ident!r} "
                             f"(sources: {', '.join(ids)})")  # fmt: skip
        if ident in chosen:
            raise InputError(f"--source names the text of {ident!r} twice")
        chosen[ident] = Path(file)
    return chosen


def source_paths(
    brief: Brief, doc: YamlDocument, brief_path: Path, chosen: dict[str, Path]
) -> dict[str, Path]:
    """The text file of every source: ``chosen`` first, else its ``file`` beside the brief.

    Raises :class:`InputError`, located at each source that has neither, naming the option."""
    paths: dict[str, Path] = {}
    problems: list[Problem] = []
    for index, source in enumerate(brief.sources):
        if source.id in chosen:
            paths[source.id] = chosen[source.id]
        elif source.file is not None:
            paths[source.id] = Path(os.path.normpath(brief_path.parent / source.file))
        else:
            hint = "--source FILE" if len(brief.sources) == 1 else f"--source {source.id}=FILE"
            problems.append(doc.problem(("sources", index), f"no text for source {source.id!r}: "
                                        f"give it a `file:` or pass {hint}"))  # fmt: skip
    if problems:
        raise InputError(problems)
    return paths


def read_sources(paths: dict[str, Path]) -> dict[str, SourceText]:
    """Every source's text, read once; every unreadable one reported together."""
    texts: dict[str, SourceText] = {}
    problems: list[Problem] = []
    for ident, path in paths.items():
        try:
            texts[ident] = read_source(path)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return texts
