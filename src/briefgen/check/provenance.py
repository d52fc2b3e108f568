"""Provenance checks: the brief against its source text.

- the source is the one the brief records (SHA-256, paragraph count): S001, S002;
- every ref is a paragraph of the source: R001;
- every quotation is verbatim in its paragraph, every “quoted phrase” in a text field is
  verbatim in a paragraph the item cites: Q001, Q002 (that a quotation's paragraph is among
  its item's refs is checked at load, in :mod:`briefgen.brief.cross_references`);
- every cited paragraph has a fingerprint, and when the source changed, the items whose cited
  paragraphs changed are listed as stale (unchanged ones stay quiet): P001, P002, P003.
"""

from __future__ import annotations

from briefgen.brief.located_yaml import YamlDocument
from briefgen.brief.model import Brief
from briefgen.brief.sourced_items import Item
from briefgen.check.findings import Finding, located
from briefgen.check.source_text import SourceText, quoted_phrases

_FINGERPRINTS = ("meta", "source", "fingerprints")


def _paragraphs_label(numbers: list[int] | tuple[int, ...]) -> str:
    return ", ".join(f"¶{n}" for n in numbers)


def _elsewhere(source: SourceText, phrase: str) -> str:
    found = source.find(phrase)
    return f" (it is in {_paragraphs_label(found)})" if found else " (nor anywhere in the source)"


def source_record_findings(brief: Brief, doc: YamlDocument, source: SourceText) -> list[Finding]:
    """S001 and S002: is the source the one the brief was written from?"""
    recorded = brief.meta.source
    findings = []
    if recorded.sha256 != source.sha256:
        findings.append(
            located(
                doc,
                ("meta", "source", "sha256"),
                "S001",
                f"{source.name} has SHA-256 {source.sha256[:12]}..., the brief records "
                f"{recorded.sha256[:12]}...: the source changed since the brief was written",
            )
        )
    if recorded.paragraphs != len(source.paragraphs):
        findings.append(
            located(
                doc,
                ("meta", "source", "paragraphs"),
                "S002",
                f"the brief records {recorded.paragraphs} paragraphs, {source.name} has "
                f"{len(source.paragraphs)}",
            )
        )
    return findings


def ref_findings(items: list[Item], doc: YamlDocument, source: SourceText) -> list[Finding]:
    """R001: refs and quotation refs beyond the source's last paragraph."""
    last = len(source.paragraphs)
    findings = []
    for item in items:
        cited = [((*item.path, "refs", i), ref) for i, ref in enumerate(item.refs)]
        if item.quote:
            cited.append(((*item.path, "quote", "ref"), item.quote.ref))
        findings.extend(
            located(
                doc,
                path,
                "R001",
                f"cites ¶{ref}, but the source has {last} paragraphs",
                item=item.id,
                paragraph=ref,
            )
            for path, ref in cited
            if ref > last
        )
    return findings


def quote_findings(items: list[Item], doc: YamlDocument, source: SourceText) -> list[Finding]:
    """Q001, Q002: quotations and quoted phrases, verbatim where the brief says they are."""
    findings = []
    for item in items:
        quote = item.quote
        if (
            quote
            and source.paragraph(quote.ref) is not None  # out of range is R001
            and quote.ref not in source.find(quote.text)
        ):
            findings.append(
                located(
                    doc,
                    (*item.path, "quote", "text"),
                    "Q001",
                    f"quotation not found in ¶{quote.ref}: “{quote.text}”"
                    + _elsewhere(source, quote.text),
                    item=item.id,
                    paragraph=quote.ref,
                )
            )
        in_range = tuple(n for n in item.refs if source.paragraph(n) is not None)
        for path, text in item.texts:
            for phrase in quoted_phrases(text):
                found = source.find(phrase)
                if (set(found) & set(in_range)) if item.refs else found:
                    continue
                where = f"in {_paragraphs_label(in_range)}" if item.refs else "in the source"
                findings.append(
                    located(
                        doc,
                        path,
                        "Q002",
                        f"quoted phrase “{phrase}” is not verbatim {where}"
                        + (_elsewhere(source, phrase) if item.refs else ""),
                        item=item.id,
                        paragraph=in_range[0] if len(in_range) == 1 else None,
                    )
                )
    return findings


def fingerprint_findings(
    brief: Brief, doc: YamlDocument, items: list[Item], source: SourceText
) -> list[Finding]:
    """P001-P003: fingerprints recorded for every cited paragraph; stale items when changed."""
    recorded = {int(n): value for n, value in brief.meta.source.fingerprints.items()}
    current = source.fingerprints()
    moved = {value: n for n, value in current.items()}
    changed_source = brief.meta.source.sha256 != source.sha256
    cited = sorted({n for item in items for n in item.cited if n in current})
    if not recorded and cited:
        consequence = ": the source changed, so stale items cannot be told" * changed_source
        return [
            located(
                doc,
                _FINGERPRINTS,
                "P001",
                f"no paragraph fingerprints recorded (the brief cites {len(cited)} paragraphs)"
                f"{consequence}; run `briefgen fingerprint`",
            )
        ]
    findings = []
    for number in cited:
        path = (*_FINGERPRINTS, str(number))
        if number not in recorded:
            consequence = (
                ": the source changed, so items citing it cannot be checked for staleness"
                if changed_source
                else ""
            )
            findings.append(
                located(
                    doc,
                    path,
                    "P001",
                    f"no fingerprint recorded for ¶{number}{consequence} "
                    "(run `briefgen fingerprint`)",
                    paragraph=number,
                )
            )
        elif recorded[number] != current[number] and not changed_source:
            findings.append(
                located(
                    doc,
                    path,
                    "P002",
                    f"the fingerprint recorded for ¶{number} is {recorded[number]}, the source's "
                    f"is {current[number]} (rerun `briefgen fingerprint`)",
                    paragraph=number,
                )
            )
    if not changed_source:
        return findings
    for item in items:
        for index, number in enumerate(item.cited):
            if number not in current or recorded.get(number, current[number]) == current[number]:
                continue
            now = moved.get(recorded[number])
            where = f"; that text is now ¶{now}" if now else ""
            path = (*item.path, "refs", index) if index < len(item.refs) else item.path
            findings.append(
                located(
                    doc,
                    path,
                    "P003",
                    f"stale: cites ¶{number}, which changed since the brief was written{where}",
                    item=item.id,
                    paragraph=number,
                )
            )
    return findings


def provenance_findings(
    brief: Brief, doc: YamlDocument, items: list[Item], source: SourceText
) -> list[Finding]:
    """Every provenance finding, in the order the checks run."""
    return [
        *source_record_findings(brief, doc, source),
        *ref_findings(items, doc, source),
        *quote_findings(items, doc, source),
        *fingerprint_findings(brief, doc, items, source),
    ]
