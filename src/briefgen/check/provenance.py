"""Provenance checks: the brief against the texts of its sources.

- each source is the one the brief records (SHA-256, paragraph count): S001, S002, or the
  brief records nothing yet: S003;
- every ref is a paragraph of the source it names: R001;
- every quotation is verbatim in the paragraph it names, every “quoted phrase” in a text field
  is verbatim in a paragraph the item cites: Q001, Q002 (that a quotation's paragraph is among
  its item's refs is checked at load, in :mod:`briefgen.brief.source_refs`);
- every cited paragraph has a fingerprint, and when a source changed, the items whose cited
  paragraphs of it changed are listed as stale (unchanged ones stay quiet): P001, P002, P003.

Each source is checked on its own: a changed paragraph of one source marks only the items that
cite that source's paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.brief.located_yaml import Path, YamlDocument
from briefgen.brief.model import Brief, Source, SourceRef
from briefgen.brief.sourced_items import Item
from briefgen.check.findings import Finding, located
from briefgen.check.source_text import SourceText, quoted_phrases


class Places:
    """Names places in the sources: ``¶3`` in a one-source brief, ``icg ¶3`` otherwise."""

    def __init__(self, brief: Brief) -> None:
        self.several = len(brief.sources) > 1

    def of(self, ref: SourceRef) -> str:
        """One place."""
        return f"{ref.source} ¶{ref.paragraph}" if self.several else f"¶{ref.paragraph}"

    def source(self, source_id: str) -> str:
        """A source as messages name it: "the source", or "source 'icg'"."""
        return f"source {source_id!r}" if self.several else "the source"

    def all(self, refs: tuple[SourceRef, ...] | list[SourceRef]) -> str:
        """Several places, in order."""
        return ", ".join(self.of(ref) for ref in refs)


def _cited(item: Item) -> Iterator[tuple[Path, SourceRef]]:
    """Every place ``item`` cites, with the YAML path of the ref."""
    for index, ref in enumerate(item.refs):
        yield (*item.path, "refs", index), ref
    if item.quote:
        yield (*item.path, "quote", "ref"), item.quote.ref


def source_record_findings(
    doc: YamlDocument, index: int, source: Source, text: SourceText
) -> list[Finding]:
    """S001-S003: is the text the one the brief was written from?"""
    path = ("sources", index)
    if source.sha256 is None:
        return [
            located(doc, path, "S003", f"source {source.id!r} records no SHA-256 or fingerprints "
                    "yet: run `briefgen fingerprint --write` to record them")
        ]  # fmt: skip
    findings = []
    if source.sha256 != text.sha256:
        findings.append(
            located(
                doc,
                (*path, "sha256"),
                "S001",
                f"{text.name} has SHA-256 {text.sha256[:12]}..., the brief records "
                f"{source.sha256[:12]}...: the source changed since the brief was written",
            )
        )
    if source.paragraphs is not None and source.paragraphs != len(text.paragraphs):
        findings.append(
            located(
                doc,
                (*path, "paragraphs"),
                "S002",
                f"the brief records {source.paragraphs} paragraphs, {text.name} has "
                f"{len(text.paragraphs)}",
            )
        )
    return findings


def ref_findings(
    items: list[Item], doc: YamlDocument, texts: dict[str, SourceText], places: Places
) -> list[Finding]:
    """R001: refs and quotation refs beyond the last paragraph of the source they name."""
    findings = []
    for item in items:
        for path, ref in _cited(item):
            last = len(texts[ref.source].paragraphs)
            if ref.paragraph > last:
                findings.append(
                    located(doc, path, "R001", f"cites {places.of(ref)}, but "
                            f"{places.source(ref.source)} has {last} paragraphs",
                            item=item.id, paragraph=ref.paragraph)
                )  # fmt: skip
    return findings


def _elsewhere(texts: dict[str, SourceText], phrase: str, places: Places) -> str:
    found = [SourceRef(source=sid, paragraph=n) for sid, t in texts.items() for n in t.find(phrase)]
    where = "any source" if places.several else "the source"
    return f" (it is in {places.all(found)})" if found else f" (nor anywhere in {where})"


def _found_in(texts: dict[str, SourceText], phrase: str) -> set[SourceRef]:
    return {SourceRef(source=sid, paragraph=n) for sid, t in texts.items() for n in t.find(phrase)}


def quote_findings(
    items: list[Item], doc: YamlDocument, texts: dict[str, SourceText], places: Places
) -> list[Finding]:
    """Q001, Q002: quotations and quoted phrases, verbatim where the brief says they are."""
    findings = []
    for item in items:
        quote = item.quote
        text = texts[quote.ref.source] if quote else None
        in_range = quote and text and text.paragraph(quote.ref.paragraph) is not None  # or R001
        if in_range and quote.ref.paragraph not in text.find(quote.text):
            findings.append(
                located(doc, (*item.path, "quote", "text"), "Q001",
                        f"quotation not found in {places.of(quote.ref)}: “{quote.text}”"
                        + _elsewhere(texts, quote.text, places),
                        item=item.id, paragraph=quote.ref.paragraph)
            )  # fmt: skip
        findings += _phrase_findings(item, doc, texts, places)
    return findings


def _phrase_findings(
    item: Item, doc: YamlDocument, texts: dict[str, SourceText], places: Places
) -> list[Finding]:
    in_range = tuple(r for r in item.refs if texts[r.source].paragraph(r.paragraph) is not None)
    findings = []
    for path, text in item.texts:
        for phrase in quoted_phrases(text):
            found = _found_in(texts, phrase)
            if (found & set(in_range)) if item.refs else found:
                continue
            anywhere = "in any source" if places.several else "in the source"
            where = f"in {places.all(in_range)}" if item.refs else anywhere
            findings.append(
                located(doc, path, "Q002", f"quoted phrase “{phrase}” is not verbatim {where}"
                        + (_elsewhere(texts, phrase, places) if item.refs else ""),
                        item=item.id,
                        paragraph=in_range[0].paragraph if len(in_range) == 1 else None)
            )  # fmt: skip
    return findings


def fingerprint_findings(
    doc: YamlDocument,
    index: int,
    source: Source,
    items: list[Item],
    text: SourceText,
    places: Places,
) -> list[Finding]:
    """P001-P003 for one source: fingerprints recorded for every paragraph of it the brief
    cites; when it changed, the items citing a changed paragraph of it."""
    if source.sha256 is None:
        return []  # S003 says it: nothing is recorded yet
    where: Path = ("sources", index, "fingerprints")
    recorded = {int(n): value for n, value in source.fingerprints.items()}
    current = text.fingerprints()
    changed = source.sha256 != text.sha256
    cited = sorted({r.paragraph for item in items for r in item.cited
                    if r.source == source.id and r.paragraph in current})  # fmt: skip
    if not recorded and cited:
        consequence = ": the source changed, so stale items cannot be told" * changed
        return [
            located(doc, where, "P001", f"no paragraph fingerprints recorded (the brief cites "
                    f"{len(cited)} paragraphs){consequence}; run `briefgen fingerprint`")
        ]  # fmt: skip
    at = places.of  # "¶5", or "crs ¶5" when the brief has several sources
    found = (
        _fingerprint_finding(doc, (*where, str(n)), at(SourceRef(source=source.id, paragraph=n)),
                             n, recorded, current, changed)
        for n in cited
    )  # fmt: skip
    findings = [finding for finding in found if finding is not None]
    if changed:
        findings += _stale_findings(doc, source.id, items, recorded, current, places)
    return findings


def _fingerprint_finding(
    doc: YamlDocument,
    path: Path,
    place: str,
    number: int,
    recorded: dict[int, str],
    current: dict[int, str],
    changed: bool,
) -> Finding | None:
    if number not in recorded:
        consequence = (
            ": the source changed, so items citing it cannot be checked for staleness"
            if changed
            else ""
        )
        return located(doc, path, "P001", f"no fingerprint recorded for {place}{consequence} "
                       "(run `briefgen fingerprint`)", paragraph=number)  # fmt: skip
    if recorded[number] != current[number] and not changed:
        return located(doc, path, "P002", f"the fingerprint recorded for {place} is "
                       f"{recorded[number]}, the source's is {current[number]} (rerun "
                       "`briefgen fingerprint`)", paragraph=number)  # fmt: skip
    return None


def _stale_findings(
    doc: YamlDocument,
    source_id: str,
    items: list[Item],
    recorded: dict[int, str],
    current: dict[int, str],
    places: Places,
) -> list[Finding]:
    moved = {value: n for n, value in current.items()}
    findings = []
    for item in items:
        for index, ref in enumerate(item.cited):
            number = ref.paragraph
            if ref.source != source_id or number not in current:
                continue
            if recorded.get(number, current[number]) == current[number]:
                continue
            now = moved.get(recorded[number])
            moved_to = places.of(SourceRef(source=ref.source, paragraph=now)) if now else ""
            where = f"; that text is now {moved_to}" if now else ""
            path = (*item.path, "refs", index) if index < len(item.refs) else item.path
            message = f"stale: cites {places.of(ref)}, which changed since the brief was written"
            findings.append(
                located(doc, path, "P003", message + where, item=item.id, paragraph=number)
            )
    return findings


def provenance_findings(
    brief: Brief, doc: YamlDocument, items: list[Item], texts: dict[str, SourceText]
) -> list[Finding]:
    """Every provenance finding: each source's record, then refs, quotations, fingerprints."""
    places = Places(brief)
    records = [
        finding
        for index, source in enumerate(brief.sources)
        for finding in source_record_findings(doc, index, source, texts[source.id])
    ]
    prints = [
        finding
        for index, source in enumerate(brief.sources)
        for finding in fingerprint_findings(doc, index, source, items, texts[source.id], places)
    ]
    return [
        *records,
        *ref_findings(items, doc, texts, places),
        *quote_findings(items, doc, texts, places),
        *prints,
    ]
