"""Cross-reference checks on a brief's raw data: ids, actors, obstacles, source references.

They run on the plain data (not the typed model) and skip anything malformed, so they still
report when the structure has errors elsewhere: the user sees every problem in one run.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.brief.located_yaml import Path
from briefgen.brief.source_refs import declared_sources, source_ref_problems

_ID_COLLECTIONS: tuple[Path, ...] = (
    ("sources",),
    ("key_judgments",),
    ("context", "background"),
    ("context", "timeline"),
    ("context", "key_figures"),
    ("actors",),
    ("obstacles",),
    ("recommendations",),
    ("counterpoints",),
    ("editorial_notes",),
    ("next_steps",),
)


def _get(data: object, path: Path) -> object:
    for part in path:
        if isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        elif isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


# The items that may name the parties they concern (`concerns:`).
_CONCERNING: tuple[Path, ...] = (
    ("context", "background"),
    ("context", "timeline"),
    ("context", "key_figures"),
    ("next_steps",),
)


def _items(data: object, path: Path) -> Iterator[tuple[Path, dict]]:
    items = _get(data, path)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield (*path, index), item


def _strings(value: object) -> Iterator[tuple[int | None, str]]:
    if isinstance(value, str):
        yield None, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield index, item


def check_references(data: object) -> list[tuple[Path, str]]:
    """Every cross-reference problem in the raw brief ``data`` as (path, message) pairs."""
    if not isinstance(data, dict):
        return []
    problems: list[tuple[Path, str]] = []
    problems += _unique_ids(data)
    actors = {
        item["id"] for _p, item in _items(data, ("actors",)) if isinstance(item.get("id"), str)
    }
    obstacles = {
        item["id"] for _p, item in _items(data, ("obstacles",)) if isinstance(item.get("id"), str)
    }
    problems += _actor_references(data, actors, set(declared_sources(data)))
    problems += _voices(data, actors)
    problems += _obstacle_references(data, obstacles)
    problems += source_ref_problems(data)
    problems += _glossary(data)
    problems += _themes(data)
    problems += _reader_options(data)
    return problems


def _unique_ids(data: dict) -> list[tuple[Path, str]]:
    problems = []
    first: dict[str, Path] = {}
    for collection in _ID_COLLECTIONS:
        for path, item in _items(data, collection):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first:
                other = ".".join(str(p) for p in first[ident])
                problems.append(((*path, "id"), f"duplicate id {ident!r} (also used by {other})"))
            else:
                first[ident] = path
    return problems


def _actor_references(data: dict, actors: set[str], sources: set[str]) -> list[tuple[Path, str]]:
    """Addressees and parties must be declared actors; a proposal or a claim may also be a
    source's own (``proposed_by: report``)."""
    problems = []
    known = ", ".join(sorted(actors)) or "none declared"
    either = ", ".join(sorted(actors | sources)) or "none declared"

    def check(path: Path, name: str, allow_source: bool = False) -> None:
        if name in actors or (allow_source and name in sources):
            return
        if allow_source:
            problems.append((path, f"{name!r} is not a declared source or actor ({either})"))
        else:
            problems.append((path, f"{name!r} is not a declared actor (declared: {known})"))

    fields = (
        ("recommendations", "addressed_to", False),
        ("recommendations", "proposed_by", True),
        ("counterpoints", "claimed_by", True),
        ("counterpoints", "countered_by", False),
    )
    for collection, field, allow_source in fields:
        for path, item in _items(data, (collection,)):
            for index, name in _strings(item.get(field)):
                where = (*path, field) if index is None else (*path, field, index)
                check(where, name, allow_source)
    for collection in _CONCERNING:
        for path, item in _items(data, collection):
            for index, name in _strings(item.get("concerns")):
                where = (*path, "concerns") if index is None else (*path, "concerns", index)
                check(where, name)
    for path, item in _items(data, ("obstacles",)):
        positions = item.get("positions")
        if isinstance(positions, dict):
            for name in positions:
                check((*path, "positions", name), name)
    return problems


def _voices(data: dict, actors: set[str]) -> list[tuple[Path, str]]:
    """A recommendation's ``voice`` agrees with its ``proposed_by``: a party's proposal is
    reported (``voice: reports``), and what is reported names the party that proposes it."""
    problems = []
    for path, item in _items(data, ("recommendations",)):
        voice, by = item.get("voice"), item.get("proposed_by")
        party = isinstance(by, str) and by in actors
        if voice == "reports" and not party:
            problems.append(
                (
                    (*path, "voice"),
                    "voice: reports needs `proposed_by:` naming the actor whose proposal the "
                    "source reports",
                )
            )
        elif voice in ("recommends", "observes") and party:
            problems.append(
                (
                    (*path, "voice"),
                    f"proposed_by names the party {by!r}: write `voice: reports` (the source "
                    "reports the party's proposal), or drop proposed_by",
                )
            )
    return problems


def _obstacle_references(data: dict, obstacles: set[str]) -> list[tuple[Path, str]]:
    problems = []
    known = ", ".join(sorted(obstacles)) or "none declared"
    for path, item in _items(data, ("recommendations",)):
        for index, name in _strings(item.get("obstacles")):
            if name not in obstacles:
                where = (*path, "obstacles", index) if index is not None else (*path, "obstacles")
                problems.append((where, f"no obstacle has the id {name!r} (declared: {known})"))
    return problems


def _glossary(data: dict) -> list[tuple[Path, str]]:
    problems = []
    seen: set[str] = set()
    for path, entry in _items(data, ("glossary",)):
        aliases = entry.get("aliases")
        named = [(("term",), entry.get("term")), (("abbreviation",), entry.get("abbreviation"))]
        if isinstance(aliases, list):
            named += [(("aliases", i), alias) for i, alias in enumerate(aliases)]
        for where, word in named:
            # A word two entries claim would show either entry for the other's use.
            if isinstance(word, str):
                if word.casefold() in seen:
                    problems.append(((*path, *where), f"the glossary defines {word!r} twice"))
                seen.add(word.casefold())
    return problems


# The items a theme groups: those that carry tags.
_TAGGED: tuple[Path, ...] = (
    ("context", "background"),
    ("obstacles",),
    ("recommendations",),
)


def _themes(data: dict) -> list[tuple[Path, str]]:
    """A theme's tag is declared once and carried by some item: a theme nothing carries would
    be an empty section (or a misspelt tag)."""
    used = {
        tag
        for collection in _TAGGED
        for _path, item in _items(data, collection)
        for _index, tag in _strings(item.get("tags"))
    }
    problems = []
    seen: set[str] = set()
    for path, theme in _items(data, ("themes",)):
        tag = theme.get("tag")
        if not isinstance(tag, str):
            continue
        if tag in seen:
            problems.append(((*path, "tag"), f"the theme {tag!r} is declared twice"))
        elif tag not in used:
            problems.append(
                (
                    (*path, "tag"),
                    f"no background, obstacle or recommendation is tagged {tag!r}",
                )
            )
        seen.add(tag)
    return problems


def _reader_options(data: dict) -> list[tuple[Path, str]]:
    """Each reader note's options: ids unique within the note, ``builds_on`` naming
    recommendations."""
    readers = data.get("readers")
    if not isinstance(readers, dict):
        return []
    recommendations = {
        item["id"]
        for _p, item in _items(data, ("recommendations",))
        if isinstance(item.get("id"), str)
    }
    known = ", ".join(sorted(recommendations)) or "none declared"
    problems: list[tuple[Path, str]] = []
    for reader in readers:
        seen: set[str] = set()
        for path, option in _items(data, ("readers", reader, "options")):
            ident = option.get("id")
            if isinstance(ident, str):
                if ident in seen:
                    problems.append(((*path, "id"), f"duplicate option id {ident!r} in this note"))
                seen.add(ident)
            for index, name in _strings(option.get("builds_on")):
                if name not in recommendations:
                    where = (*path, "builds_on") + ((index,) if index is not None else ())
                    problems.append(
                        (where, f"no recommendation has the id {name!r} (declared: {known})")
                    )
    return problems
