"""Shared fixtures: paths, and a hand-built Document that exercises every node type."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The tests keep briefgen's cache (compiled templates, parsed hyphenation patterns) in a folder
# of their own, never the user's; subprocesses inherit it.
os.environ["BRIEFGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefgen-test-cache-")

from briefgen.audience.style import Style
from briefgen.document import tree as d

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "source" / "triumph-in-defeat.txt"
ESSAY_BRIEF = REPO / "briefs" / "triumph-in-defeat.yaml"


def t(text: str) -> tuple[d.Inline, ...]:
    """Inline text helper."""
    return (d.Text(text),)


def para(text: str, role: str | None = None) -> d.Paragraph:
    """A paragraph of plain text."""
    return d.Paragraph(t(text), role)


def build_sample_document() -> d.Document:
    """A small memo using every block and inline type, with multilingual text."""
    return d.Document(
        meta=d.Metadata(
            title="Sample memo: Bakı, Երևան, თბილისი, Москва",
            subtitle="Every node type, hand-built",
            author="briefgen tests",
            subject="Exporter test",
            keywords=("test", "exporter"),
            date="2024-05-01",
            language="en",
            marking="DRAFT",
        ),
        blocks=(
            d.FieldList(
                (
                    d.Field("To", t("Mediation team")),
                    d.Field("From", t("Policy unit")),
                    d.Field("Date", t("1 May 2024")),
                    d.Field("Subject", t("Exporter test")),
                )
            ),
            d.Callout("summary", t("Bottom line"), (para("Peace needs both parties."),)),
            d.Heading(1, t("Obstacles & positions <not a tag>"), anchor="obstacles"),
            d.Paragraph(
                (
                    d.Text("Plain, "),
                    d.Strong(t("bold")),
                    d.Text(", "),
                    d.Emph(t("italic")),
                    d.Text(", a "),
                    d.Link("https://www.e-ir.info/", t("link")),
                    d.Text(" and a note."),
                    d.FootnoteRef(1),
                    d.LineBreak(),
                    d.Text("Azərbaycan, Հայաստան, საქართველო, Россия."),
                )
            ),
            d.Heading(2, t("A numbered list")),
            d.List(True, (d.ListItem((para("First"),)), d.ListItem((para("Second"),)))),
            d.List(
                False,
                (
                    d.ListItem((para("Bullet"),)),
                    d.ListItem(
                        (para("Nested"), d.List(True, (d.ListItem((para("Restarted at one"),)),)))
                    ),
                ),
            ),
            d.Heading(3, t("A table")),
            d.Table(
                header=(d.Cell((para("Party"),)), d.Cell((para("Position"),))),
                rows=tuple(
                    (d.Cell((para(f"Party {i}"),)), d.Cell((para("Wraps. " * 30),)))
                    for i in range(1, 4)
                ),
                widths=(1.0, 3.0),
                caption=t("Positions by party"),
            ),
            d.Quote((para("“Karabakh is Armenia”"), para("— the essay, ¶4", "attribution"))),
            d.Callout("editorial", t("Editorial note"), (para("Artsakh, not Arshak."),)),
            d.Callout("contested", t("Contested"), (para("A disputed claim."),)),
            d.KeyFigures(
                (
                    d.Figure("700,000+", t("displaced")),
                    d.Figure("7", t("draft treaties exchanged")),
                )
            ),
            d.Rule(),
            d.Paragraph((d.Text("Fine print."), d.FootnoteRef(2)), "small"),
        ),
        footnotes=(
            d.Footnote(1, t("Source, ¶3.")),
            d.Footnote(2, t("Source, ¶15.")),
        ),
    )


@pytest.fixture
def sample_document() -> d.Document:
    """The hand-built sample memo."""
    return build_sample_document()


@pytest.fixture
def default_style() -> Style:
    """The default style."""
    return Style()
