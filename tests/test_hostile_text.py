"""Hostile text is just text: in every built-in audience and every format, literally.

A copy of the essay's brief gets markup, template code, an ampersand and a 300-character word
in several fields (the bottom line, the executive reader's and the plain version, a
recommendation, an obstacle's title, a glossary term). Each memo is rendered and exported to
DOCX, PDF, HTML and Markdown (never a LayoutError), each file is reopened by a real reader, and
every payload the memo holds must be there as the same characters: never an element, never
evaluated (``{{ 7*7 }}`` stays ``{{ 7*7 }}``, not ``49``). Links to ``javascript:`` and
``file:`` are refused at load, with their location (see tests/hostile/link-*.yaml).
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.document.tree import Document, dump_text
from briefgen.export import FORMATS, exporter
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF

WORD = ("Pneumonoultramicroscopicsilicovolcanoconiosis" * 7)[:300]  # one 300-character word
# One "*" per text field at most: two would make Markdown emphasis, as the brief format says.
BOTTOM = f"<script>alert(1)</script> & <b>bold</b> {{{{ 7*7 }}}} {{% if x %}}y{{% endif %}} {WORD}"
RECOMMENDATION = f"Rec <script src=x></script> && <i>it</i> {{% raw %}} {{{{ 'a' }}}} {WORD}"
TITLE = "Title <b>&</b> {{ self }} {% include 'x' %}"
TERM = "Term <em>&</em> {# c #}"
PLAIN_SUMMARY = f"{BOTTOM} {TERM}"  # the glossary shows only terms the plain memo uses
PAYLOADS = {"bottom": BOTTOM, "recommendation": RECOMMENDATION, "title": TITLE, "term": TERM}
AUDIENCES = ("executive", "negotiator", "donor", "public")
_SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def hostile_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the essay brief with the payloads in several fields."""
    data = yaml.safe_load(ESSAY_BRIEF.read_text(encoding="utf-8"))
    data["bottom_line"] = data["readers"]["executive"]["bottom_line"] = BOTTOM
    data["plain_summary"] = PLAIN_SUMMARY
    # one the executive memo's options take up, so that every memo shows it
    recommendation = next(
        r for r in data["recommendations"] if r["id"] == "fund-refugee-resettlement"
    )
    recommendation["text"] = recommendation["plain"] = RECOMMENDATION
    data["obstacles"][0]["title"] = TITLE
    data["glossary"][0]["term"] = TERM
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def memos(hostile_brief: Path) -> dict[str, tuple[Document, dict[str, bytes]]]:
    """Per built-in audience: the Document and its exported bytes per format."""
    brief = load_brief(hostile_brief)
    built = {}
    for name in AUDIENCES:
        audience = resolve(name, search_path(None))
        document = render(brief, audience, str(hostile_brief)).document
        files = {fmt: exporter(fmt)(document, audience.config.style) for fmt in FORMATS}
        built[name] = (document, files)
    return built


class _Html(HTMLParser):
    """The text of an HTML body, and every element name in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: set[str] = set()
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.add(tag)
        self.skip += tag in {"head", "style", "title"}

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in {"head", "style", "title"}

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


def html_text(html: str) -> tuple[str, set[str]]:
    """The body text of ``html`` and the names of its elements."""
    parser = _Html()
    parser.feed(html)
    return "".join(parser.text), parser.elements


def docx_text(data: bytes) -> str:
    """The text of a DOCX's paragraphs (tables and footnotes included), one a line."""
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part in package.namelist():
                root = ElementTree.fromstring(package.read(part))
                for paragraph in root.iter(f"{namespace}p"):
                    runs = paragraph.iter(f"{namespace}t")
                    paragraphs.append("".join(t.text or "" for t in runs))
    return "\n".join(paragraphs)


def pdf_text(data: bytes) -> str:
    """The text pypdf extracts from a PDF, without the running head and foot that each page
    draws first (a paragraph may go on overleaf)."""
    pypdf = pytest.importorskip("pypdf")
    pages = (page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return "\n".join(_RUNNING.sub("", text, count=1) for text in pages)


_RUNNING = re.compile(r"^.*?Page \d+ of \d+\n?", re.DOTALL)


def markdown_as_a_viewer_shows_it(source: str) -> tuple[str, set[str]]:
    """Markdown rendered by a CommonMark viewer that lets raw HTML through (the worst case)."""
    from markdown_it import MarkdownIt

    return html_text(MarkdownIt("commonmark", {"html": True}).render(source))


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space."""
    return _SPACE.sub(" ", text)


def payloads_in(document: Document) -> dict[str, str]:
    """The payloads ``document`` holds (each audience shows some of the fields)."""
    text = flat(dump_text(document))
    return {name: payload for name, payload in PAYLOADS.items() if payload in text}


def test_every_payload_reaches_some_memo_and_the_bottom_line_every_memo(
    memos: dict[str, tuple[Document, dict[str, bytes]]],
) -> None:
    held = {name: set(payloads_in(document)) for name, (document, _files) in memos.items()}
    assert all("bottom" in names for names in held.values()), held
    assert set().union(*held.values()) == set(PAYLOADS), held
    assert "recommendation" in held["executive"] and "title" in held["negotiator"]
    assert "term" in held["public"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_html_shows_the_payloads_as_text(
    audience: str, memos: dict[str, tuple[Document, dict[str, bytes]]]
) -> None:
    document, files = memos[audience]
    text, elements = html_text(files["html"].decode("utf-8"))
    for payload in payloads_in(document).values():
        assert payload in flat(text)
    assert "script" not in elements and "i" not in elements


@pytest.mark.parametrize("audience", AUDIENCES)
def test_markdown_shows_the_payloads_as_text(
    audience: str, memos: dict[str, tuple[Document, dict[str, bytes]]]
) -> None:
    document, files = memos[audience]
    text, elements = markdown_as_a_viewer_shows_it(files["md"].decode("utf-8"))
    for payload in payloads_in(document).values():
        assert payload in flat(text)
    assert not elements & {"script", "b", "i"}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_docx_shows_the_payloads_as_text(
    audience: str, memos: dict[str, tuple[Document, dict[str, bytes]]]
) -> None:
    document, files = memos[audience]
    text = flat(docx_text(files["docx"]))
    for payload in payloads_in(document).values():
        assert payload in text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pdf_shows_the_payloads_as_text(
    audience: str, memos: dict[str, tuple[Document, dict[str, bytes]]]
) -> None:
    document, files = memos[audience]
    # The 300-character word is broken across lines, so compare without any whitespace.
    text = _SPACE.sub("", pdf_text(files["pdf"]))
    for payload in payloads_in(document).values():
        assert _SPACE.sub("", payload) in text
