"""``briefgen fingerprint``: record in a brief the source it was written from.

It computes ``meta.source``'s ``sha256``, ``paragraphs`` and ``fingerprints`` (one per cited
paragraph) from the source text, and either prints them to paste, or (``--write``) rewrites the
brief in place. The rewrite touches nothing else: it replaces the two scalar values and the
``fingerprints`` block (or inserts it after ``paragraphs``), keeps every comment outside that
block, re-reads the result and compares it with the original, field by field, before writing
atomically. When it cannot do that safely (``meta.source`` written in flow style, say), it
writes nothing and says so.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefgen.brief.load import brief_from_yaml, load_located, read_file
from briefgen.brief.located_yaml import read_yaml
from briefgen.brief.model import Brief
from briefgen.brief.sourced_items import brief_items
from briefgen.check.source_text import SourceText, read_source
from briefgen.errors import BuildError, InputError
from briefgen.files.atomic_write import write_atomic

_BOM = "\ufeff"
_NUMBER_LIKE = re.compile(r"^[0-9]*([eE][0-9]+)?$")


@dataclass(frozen=True)
class Record:
    """What ``meta.source`` should record about the source."""

    sha256: str
    paragraphs: int
    fingerprints: dict[int, str]

    def as_data(self) -> dict[str, object]:
        """The three fields as the brief's plain data holds them."""
        return {
            "sha256": self.sha256,
            "paragraphs": self.paragraphs,
            "fingerprints": {str(n): f for n, f in self.fingerprints.items()},
        }

    def lines(self, indent: str) -> list[str]:
        """The YAML lines of the three fields, at ``indent``."""
        sha = f'"{self.sha256}"' if _NUMBER_LIKE.match(self.sha256) else self.sha256
        lines = [f"{indent}sha256: {sha}", f"{indent}paragraphs: {self.paragraphs}"]
        return lines + self.fingerprint_lines(indent)

    def fingerprint_lines(self, indent: str) -> list[str]:
        """The ``fingerprints`` block (keys and values quoted: they may look like numbers)."""
        if not self.fingerprints:
            return [f"{indent}fingerprints: {{}}"]
        entries = [f'{indent}  "{n}": "{f}"' for n, f in self.fingerprints.items()]
        return [f"{indent}fingerprints:", *entries]


def record_for(brief: Brief, source: SourceText) -> Record:
    """The record of ``source`` for ``brief``: fingerprints of the paragraphs it cites."""
    current = source.fingerprints()
    cited = sorted({n for item in brief_items(brief) for n in item.cited if n in current})
    return Record(source.sha256, len(source.paragraphs), {n: current[n] for n in cited})


def changes(brief: Brief, record: Record) -> list[str]:
    """What recording ``record`` changes in ``brief``, one line each (empty: up to date)."""
    old = brief.meta.source
    lines = []
    if old.sha256 != record.sha256:
        lines.append(f"sha256: {old.sha256[:12]}... -> {record.sha256[:12]}...")
    if old.paragraphs != record.paragraphs:
        lines.append(f"paragraphs: {old.paragraphs} -> {record.paragraphs}")
    before = {int(n): f for n, f in old.fingerprints.items()}
    for number in sorted(set(before) | set(record.fingerprints)):
        was, now = before.get(number), record.fingerprints.get(number)
        if was != now:
            what = "added" if was is None else "dropped" if now is None else "changed"
            lines.append(f"¶{number}: fingerprint {what}")
    return lines


def _pairs(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _end(node: yaml.Node) -> int:
    """Where ``node``'s own text ends (a block mapping ends after its last value)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    return node.end_mark.index


def rewrite(text: str, record: Record) -> str:
    """``text`` (a brief's YAML) with ``meta.source`` recording ``record``."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    source = _pairs(root).get("meta", (None, None))[1]
    source = _pairs(source).get("source", (None, None))[1] if source is not None else None
    if not isinstance(source, yaml.MappingNode) or source.flow_style:
        raise BuildError("meta.source is not a block mapping")
    fields = _pairs(source)
    if "sha256" not in fields or "paragraphs" not in fields:
        raise BuildError("meta.source lacks sha256 or paragraphs")
    newline = "\r\n" if "\r\n" in text else "\n"
    indent = " " * fields["paragraphs"][0].start_mark.column
    sha_line, paragraphs_line, *block = record.lines(indent)
    edits = [
        (fields["sha256"][1].start_mark.index, fields["sha256"][1].end_mark.index,
         sha_line.split(": ", 1)[1]),
        (fields["paragraphs"][1].start_mark.index, fields["paragraphs"][1].end_mark.index,
         paragraphs_line.split(": ", 1)[1]),
    ]  # fmt: skip
    if "fingerprints" in fields:
        key, value = fields["fingerprints"]
        edits.append((key.start_mark.index, _end(value), newline.join(block).lstrip(" ")))
    else:
        after = fields["paragraphs"][1].end_mark.index
        line_end = text.find("\n", after)
        line_end = len(text) if line_end < 0 else line_end - (text[line_end - 1] == "\r")
        edits.append((line_end, line_end, newline + newline.join(block)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _verified(old_data: object, new_text: str, record: Record, name: str) -> None:
    """Raise unless ``new_text`` is a valid brief equal to ``old_data`` but for the record."""
    doc = read_yaml(new_text.encode("utf-8"), name)
    brief_from_yaml(doc)  # raises InputError if the rewrite broke anything
    expected = copy.deepcopy(old_data)
    assert isinstance(expected, dict)
    expected["meta"]["source"].update(record.as_data())
    if doc.data != expected:
        raise BuildError("the rewritten brief differs from the original beyond meta.source")


def fingerprint(brief_path: Path, source_path: Path, *, write: bool) -> tuple[list[str], str]:
    """Compute the record; write it into the brief when ``write``.

    Returns the lines describing the changes and the block to paste (for printing).
    """
    brief, doc = load_located(brief_path)
    record = record_for(brief, read_source(source_path))
    indent = " " * (doc.locate(("meta", "source", "paragraphs"), key=True)[1] - 1)
    block = "\n".join(record.lines(indent))
    lines = changes(brief, record)
    if not write or not lines:
        return lines, block
    raw = read_file(brief_path).decode("utf-8")
    bom = _BOM if raw.startswith(_BOM) else ""
    try:
        new_text = bom + rewrite(raw.removeprefix(_BOM), record)
        _verified(doc.data, new_text.removeprefix(_BOM), record, str(brief_path))
    except (BuildError, InputError, yaml.YAMLError) as exc:
        reason = exc if isinstance(exc, BuildError) else "the result would not read back"
        raise BuildError(
            f"{brief_path}: not rewritten ({reason}); paste this under meta.source instead:\n"
            + block
        ) from None
    write_atomic(brief_path, new_text.encode("utf-8"))
    return lines, block
