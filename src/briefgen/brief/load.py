"""Load a brief: YAML -> typed :class:`~briefgen.brief.model.Brief`, or every problem, located.

Errors come out as ``FILE:LINE:COL: path.to.field: message``, all of a file's errors at once:
YAML problems, structural (pydantic) problems and cross-reference problems together.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import get_origin

from pydantic import BaseModel, ValidationError

from briefgen.brief.cross_references import check_references
from briefgen.brief.located_yaml import MAX_BYTES, YamlDocument, format_path, read_yaml
from briefgen.brief.model import Brief
from briefgen.brief.source_refs import qualify_refs
from briefgen.brief.text_checks import text_problems
from briefgen.errors import CONSEQUENT, InputError, Problem, position_order


def read_file(path: Path) -> bytes:
    """The bytes of ``path``, or an :class:`InputError` that says why it cannot be read."""
    try:
        if path.is_dir():
            raise InputError([Problem(str(path), 0, 0, "", "is a directory, not a brief file")])
        size = path.stat().st_size
        if size > MAX_BYTES:  # refused unread
            raise InputError([Problem(str(path), 0, 0, "", _too_big(size))])
        with path.open("rb") as handle:  # at most one byte over: /dev/zero cannot flood memory
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError([Problem(str(path), 0, 0, "", "no such file")]) from None
    except PermissionError:
        raise InputError([Problem(str(path), 0, 0, "", "permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(str(path), 0, 0, "", exc.strerror or str(exc))]) from None
    if len(data) > MAX_BYTES:
        message = f"file is over {MAX_BYTES:,} bytes, the limit"  # a device or a pipe
        raise InputError([Problem(str(path), 0, 0, "", message)])
    return data


def _too_big(size: int) -> str:
    """The message for a file of ``size`` bytes, over the limit."""
    return f"file is {size:,} bytes; the limit is {MAX_BYTES:,}"


def _message(error: dict, field_names: set[str]) -> tuple[str, bool]:
    """A user-facing message for one pydantic error; True if it points at a key."""
    kind = error["type"]
    loc = error["loc"]
    name = loc[-1] if loc else "?"
    if kind == "extra_forbidden":
        guess = did_you_mean(name, field_names)
        if guess:
            return f"unknown field {name!r}: did you mean {guess!r}?", True
        allowed = ", ".join(sorted(field_names)) if field_names else "none"
        return f"unknown field {name!r} (allowed here: {allowed})", True
    if kind == "missing":
        return f"{CONSEQUENT} {name!r}", False
    message = error["msg"]
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        message = f"{error['input']!r} does not match the required pattern {pattern}"
    elif kind == "literal_error":
        message = (
            f"{error['input']!r} is not allowed: {error['msg'].removeprefix('Input should be ')}"
        )
        message = message.replace("Input should be", "expected")
    elif kind == "model_type":  # pydantic names the model class; the user wrote YAML
        message = f"expected a mapping of fields, got {_describe(error['input'])}"
    elif kind in {"string_type", "int_type", "list_type", "dict_type", "bool_type"}:
        message = f"{message[0].lower()}{message[1:]}, got {_describe(error['input'])}"
    elif kind in {"too_long", "too_short"} and isinstance(error["input"], str):
        ctx = error.get("ctx", {})
        if kind == "too_short":
            message = "text must not be empty"
        else:
            limit, actual = ctx.get("max_length"), ctx.get("actual_length")
            message = f"text is {actual:,} characters long; the limit is {limit:,}"
    else:
        message = message[0].lower() + message[1:]
    return message, False


def did_you_mean(name: object, choices: Iterable[str]) -> str | None:
    """The choice ``name`` is most likely a misspelling of: close enough, and closer than
    any other choice (``font`` could be ``body_font`` or ``font_size``: no guess)."""
    if not isinstance(name, str):
        return None
    scored = sorted(
        ((difflib.SequenceMatcher(None, name, choice).ratio(), choice) for choice in choices),
        reverse=True,
    )
    if not scored or scored[0][0] < 0.6 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _describe(value: object) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return repr(value)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last part of ``loc`` (for listing allowed fields)."""
    current: object = model
    keyed = False  # the part before was a mapping field: this part is one of its keys
    for part in loc[:-1]:
        if isinstance(part, int) or keyed or not isinstance(current, type):
            keyed = False
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _innermost_model(field.annotation)
        keyed = get_origin(field.annotation) is dict
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost_model(annotation: object) -> object:
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        stack.extend(getattr(item, "__args__", ()))
    return None


def _data_location(data: object, loc: tuple, *, missing: bool) -> tuple:
    """The parts of pydantic's ``loc`` that are keys and indexes of ``data``.

    pydantic adds its own parts (union members, validators, ``[key]``); they are dropped by
    following the data, never by their spelling, since a user's key may look like them. The
    name of a missing field is kept.
    """
    path: list[object] = []
    node = data
    for index, part in enumerate(loc):
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_list or (isinstance(node, dict) and part in node):
            node = node[part]  # type: ignore[index]
        elif not (missing and index == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


def structural_problems(doc: YamlDocument, model: type[BaseModel]) -> tuple[object, list[Problem]]:
    """Validate ``doc.data`` against ``model``: the instance (or None) and located problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        typos: dict[tuple, tuple] = {}  # path of a missing field -> path of its misspelling
        for error in exc.errors(include_url=False):
            loc = _data_location(doc.data, error["loc"], missing=error["type"] == "missing")
            owner = _model_at(model, loc)
            names = set(owner.model_fields) if owner else set()
            message, at_key = _message({**error, "loc": loc}, names)
            problems.append(doc.problem(loc, message, key=at_key))
            guess = did_you_mean(loc[-1] if loc else None, names) if at_key else None
            if guess:
                typos[(*loc[:-1], guess)] = loc
        return None, [_at_typo(doc, p, typos) for p in problems]


def _at_typo(doc: YamlDocument, problem: Problem, typos: dict[tuple, tuple]) -> Problem:
    """A missing field whose name a key misspells is reported at that key (and after it):
    the misspelling is the mistake to fix, the missing field its consequence."""
    if not problem.message.startswith(CONSEQUENT):
        return problem
    typo = next((at for path, at in typos.items() if format_path(path) == problem.path), None)
    if typo is None:
        return problem
    line, column = doc.locate(typo, key=True)
    return replace(problem, line=line, column=column)


def load_brief(path: Path, display_name: str | None = None) -> Brief:
    """Read, validate and cross-check the brief at ``path``; raise :class:`InputError` if bad."""
    name = display_name or str(path)
    doc = read_yaml(read_file(path), name)
    return brief_from_yaml(doc)


def load_located(path: Path, display_name: str | None = None) -> tuple[Brief, YamlDocument]:
    """Like :func:`load_brief`, also returning the YAML document (locations of every node)."""
    doc = read_yaml(read_file(path), display_name or str(path))
    return brief_from_yaml(doc), doc


def brief_from_yaml(doc: YamlDocument) -> Brief:
    """Validate a read YAML document as a brief, collecting every problem."""
    problems = list(doc.problems)
    if doc.data is None and not problems:
        problems.append(Problem(doc.filename, 1, 1, "", "the file is empty: a brief is a mapping"))
    if problems and doc.data is None:
        raise InputError(problems)
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "a brief is a mapping of fields (meta, bottom_line, ...)"))
        raise InputError(problems)
    unqualified, bare = qualify_refs(doc.data)
    brief, structural = structural_problems(doc, Brief)
    if bare:  # the model would only repeat as type errors what qualify_refs says of them
        shown = tuple(format_path(path) for path in bare)
        structural = [p for p in structural if not p.path.startswith(shown)]
    problems.extend(doc.problem(path, message) for path, message in unqualified)
    refused = {p.path for p in doc.problems}  # a refused value's type error would be noise
    problems.extend(p for p in structural if p.path not in refused)
    problems.extend(doc.problem(path, message) for path, message in check_references(doc.data))
    problems.extend(text_problems(doc))
    if problems:
        raise InputError(sorted(set(problems), key=position_order))
    assert isinstance(brief, Brief)
    return brief
