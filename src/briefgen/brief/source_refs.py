"""References into sources, on the raw brief data: qualified, declared and in range.

A ref names a source and a paragraph, ``ID:N``. In a brief with one source the id may be left
out (``refs: [3, 9]``), so the common case stays as short to write as a list of numbers:
:func:`qualify_refs` writes those as ``ID:N`` before the model sees them, and says where a
brief with several sources leaves one unnamed. :func:`source_ref_problems` then checks that
every ref names a declared source and a paragraph it has (when its count is recorded), and
that a quotation's paragraph is among its item's refs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.brief.located_yaml import Path
from briefgen.brief.model import SOURCE_REF_PATTERN

_REF_KEYS = ("refs", "ref")


def _is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def declared_sources(data: dict) -> dict[str, dict]:
    """The brief's sources by id (only well-formed entries)."""
    sources = data.get("sources")
    if not isinstance(sources, list):
        return {}
    return {s["id"]: s for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)}


def ref_slots(node: object, path: Path = ()) -> Iterator[tuple[Path, object]]:
    """Every ref value under ``node``: items of ``refs`` lists and ``quote.ref``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "refs" and isinstance(value, list):
                for index, ref in enumerate(value):
                    yield (*path, "refs", index), ref
            elif key == "ref" and path and path[-1] == "quote":
                yield (*path, "ref"), value
            elif path or key != "sources":  # a source's own fields hold no refs
                yield from ref_slots(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from ref_slots(item, (*path, index))


def _set(data: object, path: Path, value: object) -> None:
    for part in path[:-1]:
        data = data[part]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


def qualify_refs(data: dict) -> tuple[list[tuple[Path, str]], set[Path]]:
    """Write bare paragraph numbers as ``ID:N`` where the brief has one source.

    Returns the problems of a brief that still uses the old single ``meta.source`` or leaves a
    ref's source unsaid, and the paths of the refs left bare (the model's type errors there
    would only repeat those problems)."""
    problems: list[tuple[Path, str]] = []
    bare: set[Path] = set()
    meta = data.get("meta")
    if isinstance(meta, dict) and "source" in meta:
        problems.append(
            (("meta", "source"), "the source moved to a top-level list: write it under "
             "`sources:` as `- id: NAME` with its fields (see `briefgen schema`)")
        )  # fmt: skip
    sources = declared_sources(data)
    only = next(iter(sources)) if len(sources) == 1 else None
    for path, ref in list(ref_slots(data)):
        if not _is_number(ref) or ref < 1:
            continue
        if only is not None:
            _set(data, path, f"{only}:{ref}")
            continue
        bare.add(path)
        if sources:
            names = ", ".join(sources)
            problems.append((path, f"name the source of paragraph {ref}: the brief has several "
                             f"sources, so write ID:{ref} (sources: {names})"))  # fmt: skip
    return problems, bare


def source_ref_problems(data: dict) -> list[tuple[Path, str]]:
    """Refs naming an undeclared source or a paragraph past the source's recorded count, and
    quotations whose paragraph is not among their item's refs."""
    sources = declared_sources(data)
    known = ", ".join(sources) or "none declared"
    problems = []
    for path, ref in ref_slots(data):
        match = re.match(SOURCE_REF_PATTERN, ref) if isinstance(ref, str) else None
        if match is None:
            continue
        source, paragraph = match[1], int(match[2])
        if source not in sources:
            problems.append((path, f"{source!r} is not a declared source (declared: {known})"))
            continue
        count = sources[source].get("paragraphs")
        if _is_number(count) and paragraph > count:
            which = "the source" if len(sources) == 1 else f"source {source!r}"
            problems.append((path, f"paragraph {paragraph} is out of range: {which} has {count}"))
    problems += _quotes_outside_refs(data, one_source=len(sources) == 1)
    return problems


def _quotes_outside_refs(data: dict, one_source: bool) -> list[tuple[Path, str]]:
    problems = []
    for path, item in _quoted_items(data):
        quote, refs = item.get("quote"), item.get("refs")
        ref = quote.get("ref") if isinstance(quote, dict) else None
        well_formed = isinstance(ref, str) and re.match(SOURCE_REF_PATTERN, ref)
        if well_formed and isinstance(refs, list) and ref not in refs:
            shown = ref.split(":", 1)[1] if one_source else ref
            problems.append(((*path, "quote", "ref"), f"paragraph {shown} is not among the refs"))
    return problems


def _quoted_items(data: dict) -> Iterator[tuple[Path, dict]]:
    for collection in ("recommendations", "counterpoints"):
        items = data.get(collection)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield (collection, index), item
    obstacles = data.get("obstacles")
    for index, obstacle in enumerate(obstacles if isinstance(obstacles, list) else []):
        positions = obstacle.get("positions") if isinstance(obstacle, dict) else None
        if isinstance(positions, dict):
            for name, position in positions.items():
                if isinstance(position, dict):
                    yield ("obstacles", index, "positions", name), position
