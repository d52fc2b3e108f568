"""``briefgen fingerprint``: record in a brief the texts of the sources it was written from.

For each source it computes ``sha256``, ``paragraphs`` and ``fingerprints`` (one per cited
paragraph) from the source's text, and either prints them to paste, or (``--write``) rewrites
the brief in place. The rewrite touches nothing else: it replaces the values that exist, adds
the missing fields after the source's last line, keeps every comment outside the
``fingerprints`` block, re-reads the result and compares it with the original, field by field,
before writing atomically. When it cannot do that safely (a source written in flow style,
say), it writes nothing and says so.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefgen.brief.load import brief_from_yaml, load_located, read_file
from briefgen.brief.located_yaml import YamlDocument, read_yaml
from briefgen.brief.model import Brief, Source
from briefgen.brief.sourced_items import brief_items
from briefgen.check.source_files import parse_source_options, read_sources, source_paths
from briefgen.check.source_text import SourceText
from briefgen.errors import BuildError, InputError
from briefgen.files.atomic_write import write_atomic

_BOM = "\ufeff"
_NUMBER_LIKE = re.compile(r"^[0-9]*([eE][0-9]+)?$")


@dataclass(frozen=True)
class Record:
    """What a source's entry should record about its text."""

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


def record_for(brief: Brief, source_id: str, text: SourceText) -> Record:
    """The record of one source's ``text``: fingerprints of the paragraphs ``brief`` cites."""
    current = text.fingerprints()
    cited = sorted(
        {r.paragraph for item in brief_items(brief) for r in item.cited
         if r.source == source_id and r.paragraph in current}
    )  # fmt: skip
    return Record(text.sha256, len(text.paragraphs), {n: current[n] for n in cited})


def changes(old: Source, record: Record) -> list[str]:
    """What recording ``record`` changes in source ``old``, one line each (empty: up to date)."""
    lines = []
    if old.sha256 != record.sha256:
        was = f"{old.sha256[:12]}..." if old.sha256 else "none"
        lines.append(f"sha256: {was} -> {record.sha256[:12]}...")
    if old.paragraphs != record.paragraphs:
        lines.append(f"paragraphs: {old.paragraphs or 'none'} -> {record.paragraphs}")
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


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end - (text[end - 1] == "\r")


def _source_node(text: str, index: int) -> yaml.MappingNode:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sources = _pairs(root).get("sources", (None, None))[1]
    items = sources.value if isinstance(sources, yaml.SequenceNode) else []
    node = items[index] if index < len(items) else None
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise BuildError(f"sources[{index}] is not a block mapping")
    return node


def rewrite(text: str, index: int, record: Record) -> str:
    """``text`` (a brief's YAML) with ``sources[index]`` recording ``record``: values replaced
    where the fields exist, the missing fields added after the source's last line."""
    node = _source_node(text, index)
    fields = _pairs(node)
    newline = "\r\n" if "\r\n" in text else "\n"
    indent = " " * node.value[0][0].start_mark.column
    sha_line, paragraphs_line, *block = record.lines(indent)
    edits, missing = [], []
    for name, line in (("sha256", sha_line), ("paragraphs", paragraphs_line)):
        if name in fields:
            value = fields[name][1]
            edits.append((value.start_mark.index, value.end_mark.index, line.split(": ", 1)[1]))
        else:
            missing.append(line)
    if "fingerprints" in fields:
        key, value = fields["fingerprints"]
        edits.append((key.start_mark.index, _end(value), newline.join(block).lstrip(" ")))
    else:
        missing.extend(block)
    if missing:
        at = _line_end(text, _end(node))
        edits.append((at, at, newline + newline.join(missing)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _verified(old_data: object, new_text: str, records: dict[int, Record], name: str) -> None:
    """Raise unless ``new_text`` is a valid brief equal to ``old_data`` but for the records."""
    doc = read_yaml(new_text.encode("utf-8"), name)
    brief_from_yaml(doc)  # raises InputError if the rewrite broke anything
    expected = copy.deepcopy(old_data)
    assert isinstance(expected, dict)
    for index, record in records.items():
        expected["sources"][index].update(record.as_data())
    if doc.data != expected:
        raise BuildError("the rewritten brief differs from the original beyond its sources' "
                         "records")  # fmt: skip


def _paste_block(brief: Brief, doc: YamlDocument, records: dict[int, Record]) -> str:
    parts = []
    for index, record in records.items():
        indent = " " * (doc.locate(("sources", index, "id"), key=True)[1] - 1)
        parts.append(f"# sources[{index}] ({brief.sources[index].id}):")
        parts.extend(record.lines(indent))
    return "\n".join(parts)


def fingerprint(brief_path: Path, sources: Sequence[str], *, write: bool) -> tuple[list[str], str]:
    """Compute every source's record; write them into the brief when ``write``.

    ``sources`` are ``--source`` values (``FILE``, ``ID=FILE``); a source they leave out is
    read from its ``file``. Returns the lines describing the changes and the block to paste.
    """
    brief, doc = load_located(brief_path)
    texts = read_sources(source_paths(brief, doc, brief_path,
                                      parse_source_options(sources, brief)))  # fmt: skip
    records = {i: record_for(brief, s.id, texts[s.id]) for i, s in enumerate(brief.sources)}
    several = len(records) > 1
    lines = [
        f"{brief.sources[i].id}: {line}" if several else line
        for i, record in records.items()
        for line in changes(brief.sources[i], record)
    ]
    block = _paste_block(brief, doc, records)
    if not write or not lines:
        return lines, block
    raw = read_file(brief_path).decode("utf-8")
    bom = _BOM if raw.startswith(_BOM) else ""
    try:
        new_text = raw.removeprefix(_BOM)
        for index in sorted(records, reverse=True):
            new_text = rewrite(new_text, index, records[index])
        _verified(doc.data, new_text, records, str(brief_path))
    except (BuildError, InputError, yaml.YAMLError) as exc:
        reason = exc if isinstance(exc, BuildError) else "the result would not read back"
        raise BuildError(
            f"{brief_path}: not rewritten ({reason}); paste this under each source instead:\n"
            + block
        ) from None
    write_atomic(brief_path, (bom + new_text).encode("utf-8"))
    return lines, block
