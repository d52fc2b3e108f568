"""Safe, located YAML reading: plain data plus the line and column of every node.

The reader works on PyYAML's event stream (libyaml's C parser when available, which is far
faster than the pure-Python one) and builds the data itself, so that:

- anchors, aliases and explicit tags are refused (no alias bombs, no object construction);
- duplicate keys are errors, at any depth (``safe_load`` keeps the last one silently);
- scalars follow the YAML 1.2 core schema, and the YAML 1.1 readings that would change a
  value's meaning are never applied: ``no``/``on``/``yes``/``off`` and bare dates stay text,
  and numbers YAML 1.1 would read differently (``010``, ``0x1F``, ``1_000``) are errors;
- a plain number keeps the characters it was written with (:class:`WrittenInt`,
  :class:`WrittenFloat`), so a text field given ``1e3`` or ``1.50`` gets exactly that, never
  ``1000.0`` or ``1.5``; a number longer than :data:`MAX_NUMBER_CHARS` is an error;
- every problem is collected with its location instead of stopping at the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from briefgen.errors import Problem

try:  # libyaml: same events, an order of magnitude faster on large briefs
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
#: The longest plain number, in characters: far more than any figure needs, and short enough
#: that reading it as a number is cheap (Python refuses integers of over 4,300 digits).
MAX_NUMBER_CHARS = 100

Path = tuple[str | int, ...]

_NULL = re.compile(r"^(~|null|Null|NULL)?$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$"
)
_SPECIAL_FLOAT = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}
# Numbers YAML 1.1 reads differently from YAML 1.2 (octal, hex, binary, with underscores).
_AMBIGUOUS_NUMBER = re.compile(r"^[-+]?(0[0-9_]+|0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*_[0-9_]*)$")


@dataclass
class YamlDocument:
    """Plain data read from YAML, with locations (1-based line, column) by path."""

    filename: str
    data: object = None
    value_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest located ancestor."""
        table = self.key_at if key else self.value_at
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.value_at:
                return self.value_at[prefix]
        return (1, 1)

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        """A :class:`Problem` located at ``path``."""
        line, column = self.locate(path, key=key)
        return Problem(self.filename, line, column, format_path(path), message)


def format_path(path: Path) -> str:
    """``("recommendations", 3, "addressed_to")`` -> ``recommendations[3].addressed_to``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


class WrittenInt(int):
    """An integer read from a plain scalar, with the text it was written as (``source``)."""

    source: str


class WrittenFloat(float):
    """A float read from a plain scalar, with the text it was written as (``source``)."""

    source: str


def _written(kind: type[WrittenInt] | type[WrittenFloat], value: object, text: str) -> object:
    number = kind(value)  # type: ignore[arg-type]
    number.source = text
    return number


def written_text(value: int | float) -> str:
    """The characters a number was written with in the YAML (``1e3``, ``1.50``), or, for one
    that was not read from YAML, Python's spelling of it."""
    return getattr(value, "source", None) or str(value)


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _resolve_plain(value: str) -> tuple[object, str | None]:
    """Resolve a plain (unquoted) scalar; returns (value, problem message or None)."""
    if _NULL.match(value):
        return None, None
    if value in _BOOL:
        return _BOOL[value], None
    is_number = _INT.match(value) or _FLOAT.match(value) or value.lower() in _SPECIAL_FLOAT
    if is_number and len(value) > MAX_NUMBER_CHARS:
        return value, (
            f"a number of {len(value):,} characters: the limit is {MAX_NUMBER_CHARS}; "
            "quote it if it is text"
        )
    if _INT.match(value):
        return _written(WrittenInt, value, value), None
    if _AMBIGUOUS_NUMBER.match(value):
        return value, (
            f"ambiguous number {value!r}: YAML 1.1 and 1.2 read it differently; "
            "write it without leading zeros or underscores, or quote it if it is text"
        )
    if _FLOAT.match(value):
        return _written(WrittenFloat, value, value), None
    if value.lower() in _SPECIAL_FLOAT:
        return _written(WrittenFloat, _SPECIAL_FLOAT[value.lower()], value), None
    return value, None


@dataclass
class _Frame:
    """An open mapping or sequence while events stream in."""

    container: dict | list
    path: Path
    discard: bool = False  # under a duplicate key: checked, then dropped
    key: str | None = None  # a mapping's key waiting for its value
    key_is_duplicate: bool = False
    seen: dict[str, int] = field(default_factory=dict)  # key -> line first defined


class _Fatal(Exception):
    """Stop reading: the structure cannot be followed any further."""


class _Builder:
    """Turns an event stream into data, refusing what a brief must not contain."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.stack: list[_Frame] = []
        self.consumed = 0  # text index where the last event ended
        self.documents = 0

    def _error(self, event: yaml.Event, path: Path, message: str) -> None:
        line, column = _mark(event)
        self.doc.problems.append(
            Problem(self.doc.filename, line, column, format_path(path), message)
        )

    def _refuse_anchor_and_tag(self, event: yaml.NodeEvent, path: Path) -> None:
        if event.anchor is not None:
            self._error(event, path, f"anchors (&{event.anchor}) are not allowed in a brief")
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent):
            explicit = tag is not None and tag != "!" and not any(event.implicit)
        else:
            explicit = tag is not None and not event.implicit
        if explicit:
            self._error(event, path, f"tags ({tag}) are not allowed in a brief: write plain values")

    def feed(self, event: yaml.Event) -> None:
        """Consume one parser event."""
        self.consumed = event.end_mark.index
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._error(event, (), "a brief file holds one YAML document, not several")
                raise _Fatal
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._attach(self.stack.pop().container)
        elif isinstance(event, yaml.NodeEvent):
            top = self.stack[-1] if self.stack else None
            if top is not None and isinstance(top.container, dict) and top.key is None:
                self._take_key(top, event)
            else:
                self._take_value(top, event)

    def _take_key(self, frame: _Frame, event: yaml.NodeEvent) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            self._error(event, frame.path, "mapping keys must be plain text")
            raise _Fatal
        self._refuse_anchor_and_tag(event, frame.path)
        key = event.value
        line, column = _mark(event)
        frame.key = key
        frame.key_is_duplicate = key in frame.seen
        if frame.key_is_duplicate:
            first = frame.seen[key]
            self._error(event, (*frame.path, key), f"duplicate key {key!r} (first on line {first})")
        else:
            frame.seen[key] = line
            if not frame.discard:
                self.doc.key_at[(*frame.path, key)] = (line, column)

    def _take_value(self, parent: _Frame | None, event: yaml.NodeEvent) -> None:
        if parent is None:
            path: Path = ()
            discard = False
        elif isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            discard = parent.discard
        else:
            path = (*parent.path, parent.key or "")
            discard = parent.discard or parent.key_is_duplicate
        if isinstance(event, yaml.AliasEvent):
            self._error(event, path, f"aliases (*{event.anchor}) are not allowed in a brief")
            self._attach(None)
            return
        self._refuse_anchor_and_tag(event, path)
        if not discard:
            self.doc.value_at[path] = _mark(event)
        if isinstance(event, yaml.ScalarEvent):
            value: object = event.value
            if not event.style:  # plain scalar: resolve by the YAML 1.2 core schema
                value, message = _resolve_plain(event.value)
                if message:
                    self._error(event, path, message)
            self._attach(value)
        else:
            if len(self.stack) >= MAX_DEPTH:
                # The top-level field only: the full path would be MAX_DEPTH parts long.
                self._error(event, path[:1], f"nested deeper than {MAX_DEPTH} levels")
                raise _Fatal
            container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
            self.stack.append(_Frame(container, path, discard))

    def _attach(self, value: object) -> None:
        if not self.stack:
            self.doc.data = value
            return
        parent = self.stack[-1]
        if isinstance(parent.container, list):
            parent.container.append(value)
            return
        if not parent.key_is_duplicate:
            parent.container[parent.key] = value
        parent.key = None
        parent.key_is_duplicate = False


def _decode(raw: bytes, doc: YamlDocument) -> str | None:
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is accepted and dropped
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(
            Problem(
                doc.filename,
                line,
                column,
                "",
                f"not valid UTF-8: byte 0x{raw[exc.start]:02X} at offset {exc.start}",
            )
        )
        return None
    return text


def _depth_crossing(text: str, builder: _Builder) -> tuple[int, int, Path]:
    """Line, column and top-level field of the bracket that takes nesting past MAX_DEPTH,
    scanning flow brackets (outside quotes) from the last event the builder received."""
    depth = len(builder.stack)
    top = builder.stack[-1] if builder.stack else None
    path: Path = ()
    if top is not None:
        path = (*top.path, top.key) if isinstance(top.container, dict) and top.key else top.path
    quote = ""
    index = builder.consumed
    for index in range(builder.consumed, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth >= MAX_DEPTH + 1:
                break
        elif char in "]}":
            depth -= 1
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column, path[:1]


def _tab_in_indentation(text: str, line: int, column: int, problem: str) -> tuple[int, int] | None:
    """Line and column of the tab in the indentation of ``line`` when that tab is what the
    syntax error at ``line``:``column`` is about, else None (a tab in a flow collection or a
    quoted string is allowed and may be near an unrelated error)."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    content = lines[line - 1]
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    if "\t" not in indent:
        return None
    tab = indent.index("\t") + 1
    return (line, tab) if "tab" in problem or column == tab else None


def read_yaml(raw: bytes, filename: str) -> YamlDocument:
    """Read one YAML document from ``raw`` bytes; problems are collected, never raised."""
    doc = YamlDocument(filename)
    if len(raw) > MAX_BYTES:
        doc.problems.append(
            Problem(filename, 0, 0, "", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        )
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    builder = _Builder(doc)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Fatal:
        doc.data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = exc.problem or "invalid YAML"
        if "maximum nesting depth" in message:
            # libyaml's own limit (1000 levels) fired while reading ahead: report where ours is
            # crossed, as a parser without that limit does.
            line, column, path = _depth_crossing(text, builder)
            doc.problems.append(
                Problem(
                    filename,
                    line,
                    column,
                    format_path(path),
                    f"nested deeper than {MAX_DEPTH} levels",
                )
            )
            doc.data = None
            return doc
        tab = _tab_in_indentation(text, line, column, message)
        if tab is not None:  # libyaml's words for it vary and rarely say "tab"
            line, column = tab
            message = "a tab in indentation: YAML needs spaces to indent; replace the tab"
        else:
            if exc.context:
                message = f"{exc.context}: {message}"
            message = f"YAML syntax error: {message}"
        doc.problems.append(Problem(filename, line, column, "", message))
        doc.data = None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        doc.problems.append(
            Problem(
                filename, line, column, "", f"character U+{ord(char):04X} is not allowed in YAML"
            )
        )
        doc.data = None
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(filename, 0, 0, "", f"invalid YAML: {exc}"))
        doc.data = None
    except RecursionError:
        doc.problems.append(Problem(filename, 0, 0, "", f"nested deeper than {MAX_DEPTH} levels"))
        doc.data = None
    return doc
