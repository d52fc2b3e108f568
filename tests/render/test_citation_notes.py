"""Citing notes: ``<footnote data-cite>`` parsed and checked, written by the audience's CSL
style after parsing (notes for Chicago, in-text citations for APA and Harvard), and the style
named, found and refused where the audience file names it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.audience.citation_style import STYLES_FOLDER, citation_style
from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.document.markup_parser import MarkupError, parse
from briefgen.errors import InputError
from briefgen.render.assemble import render_here
from briefgen.render.citation_notes import cite_notes, csl_locale
from briefgen.render.citations import CitableSource, Citations
from conftest import ESSAY_BRIEF, REPO

HORMUZ = REPO / "briefs" / "strait-of-hormuz.yaml"
HEAD = "name: {name}\nextends: negotiator\ndescription: x\nreader: y\nmemo: {{to: z}}\n"


def audience(root: Path, name: str, style_lines: str, template: str | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    text = HEAD.format(name=name) + "style:\n" + style_lines
    (folder / "audience.yaml").write_text(text, encoding="utf-8")
    if template is not None:
        (folder / "memo.html.j2").write_text(template, encoding="utf-8")
    return folder


def memo(brief: Path, name: str, templates: Path | None = None) -> d.Document:
    return render_here(load_brief(brief), resolve(name, search_path(templates))).document


# -- the markup --------------------------------------------------------------------------


def test_data_cite_is_grouped_by_source_in_the_order_written() -> None:
    _blocks, notes = parse('<p>A.<footnote data-cite="b:2 a:1 b:2 b:5"></footnote></p>', "t")
    assert notes == (d.Footnote(1, (), (("b", (2, 5)), ("a", (1,)))),)
    assert d.cites_text(notes[0].cites) == "b:2 b:5 a:1"


@pytest.mark.parametrize(
    ("cite", "message"),
    [
        ("essay:0", "'essay:0' is not a reference ID:N (e.g. report:3)"),
        ("3", "'3' is not a reference ID:N (e.g. report:3)"),
        ("other:3", "no source 'other' (sources: essay)"),
        ("essay:22", "essay:22 is past the source's 21 paragraphs"),
        (" ", "no reference given"),
    ],
)
def test_a_bad_data_cite_is_located(cite: str, message: str) -> None:
    markup = f'<p>One.</p>\n<p>Two.<footnote data-cite="{cite}"></footnote></p>'
    with pytest.raises(MarkupError) as info:
        parse(markup, "memo", {"essay": 21})
    assert [str(p) for p in info.value.problems] == [f"memo:2:8: data-cite: {message}"]


def test_a_bad_data_cite_in_a_template_names_its_line(tmp_path: Path) -> None:
    template = '{% extends "builtin/negotiator/memo.html.j2" %}\n{% block sources %}\n'
    template += '<p>x<footnote data-cite="essay:99"></footnote></p>\n{% endblock %}\n'
    audience(tmp_path, "mine", "  font_size: 10\n", template)
    with pytest.raises(InputError) as info:
        memo(ESSAY_BRIEF, "mine", tmp_path)
    assert "memo.html.j2:3" in str(info.value) and "past the source's 21" in str(info.value)


# -- notes and in-text citations ---------------------------------------------------------


def test_chicago_gives_the_source_in_full_once_then_short_notes(tmp_path: Path) -> None:
    audience(tmp_path, "cmos", "  citation_style: chicago-notes-bibliography\n")
    texts = [d.plain_text(n.children) for n in memo(ESSAY_BRIEF, "cmos", tmp_path).footnotes]
    assert texts[0].startswith("“Triumph in Defeat: Inaugurating a New Era")
    # an unsigned essay goes under its publication (CMOS 18 14.87), its main title shortened
    assert texts[1] == "E-International Relations, “Triumph in Defeat,” paras. 8, 10."
    assert all("Inaugurating" not in text for text in texts[1:])


def test_a_note_citing_two_sources_is_one_citation() -> None:
    notes = memo(HORMUZ, "negotiator").footnotes
    several = [n for n in notes if len(n.cites) > 1]
    assert several
    assert d.plain_text(several[0].children).count("; ") == len(several[0].cites) - 1


def test_apa_cites_in_the_text_and_makes_no_notes(tmp_path: Path) -> None:
    audience(tmp_path, "apa-memo", "  citation_style: apa\n")
    document = memo(ESSAY_BRIEF, "apa-memo", tmp_path)
    assert document.footnotes == ()
    text = d.dump_text(document)
    # inside the sentence it supports, before its full stop
    assert "(“Triumph in Defeat,” n.d., paras. 7, 8)." in text
    assert "Triumph in Defeat: Inaugurating a New Era for Azerbaijan and Armenia. (n.d.)." in text


def test_harvard_builds_with_several_sources(tmp_path: Path) -> None:
    audience(tmp_path, "harvard", "  citation_style: harvard-cite-them-right\n")
    document = memo(HORMUZ, "harvard", tmp_path)
    assert document.footnotes == ()
    assert "(Blanchard, Thomas and Zanotti, 2026, paras. 6, 8, 10)" in d.dump_text(document)


def test_a_csl_file_in_the_templates_folder_is_used_by_its_audience_and_heirs(
    tmp_path: Path,
) -> None:
    (tmp_path / "styles").mkdir()
    shutil.copy(STYLES_FOLDER / "apa.csl", tmp_path / "styles" / "house.csl")
    audience(tmp_path, "house", "  citation_style: styles/house.csl\n")
    heir = audience(tmp_path, "heir", "  font_size: 10\n")
    (heir / "audience.yaml").write_text(
        (heir / "audience.yaml").read_text().replace("extends: negotiator", "extends: house")
    )
    for name in ("house", "heir"):
        document = memo(ESSAY_BRIEF, name, tmp_path)
        assert document.footnotes == () and "(“Triumph in Defeat,” n.d." in d.dump_text(document)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mla", "citation style 'mla' is not bundled; bundled styles: chicago-notes-"),
        ("../apa.csl", "without '..' or an absolute path"),
        ("/etc/apa.csl", "without '..' or an absolute path"),
        ("missing.csl", "citation style 'missing.csl': no such file in"),
    ],
)
def test_a_bad_style_is_located_at_style_citation_style(
    tmp_path: Path, value: str, message: str
) -> None:
    audience(tmp_path, "bad", f"  font_size: 10\n  citation_style: {value}\n")
    with pytest.raises(InputError) as info:
        resolve("bad", search_path(tmp_path))
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.column) == (
        str(tmp_path / "bad" / "audience.yaml"),
        8,
        19,
    )
    assert problem.path == "style.citation_style" and message in problem.message


def test_a_csl_file_that_is_not_a_style_is_located_in_that_file(tmp_path: Path) -> None:
    folder = audience(tmp_path, "odd", "  citation_style: odd.csl\n")
    (folder / "odd.csl").write_text("<style>\n  <oops>\n</style>\n")
    with pytest.raises(InputError) as info:
        resolve("odd", search_path(tmp_path))
    assert str(info.value).startswith(f"{folder / 'odd.csl'}:3:")


def test_a_quotation_is_attributed_to_its_own_source(tmp_path: Path) -> None:
    template = '{% import "macros.html.j2" as m with context %}\n'
    template += "{% for ob in obstacles %}{% for p in ob.positions %}{% if p.quote %}"
    template += "{{ m.quotation(p.quote) }}{% endif %}{% endfor %}{% endfor %}\n"
    audience(tmp_path, "quotes", "  font_size: 10\n", template)
    brief = load_brief(HORMUZ)
    titles = {source.id: source.title for source in brief.sources}
    document = memo(HORMUZ, "quotes", tmp_path)
    lines = [b for b in d.iter_blocks(document.blocks) if getattr(b, "role", "") == "attribution"]
    quoted = {
        p.quote.ref.source for ob in brief.obstacles for p in ob.positions.values() if p.quote
    }
    assert quoted - {brief.sources[0].id}, "the brief quotes a source other than the first"
    for source in quoted:
        assert any(titles[source] in d.plain_text(line.children) for line in lines)


# -- the render step on its own ----------------------------------------------------------

SOURCES = [CitableSource("a", "report", "Flows: A Study", ("Basin Institute",), date="2020")]


def _document() -> tuple[tuple[d.Block, ...], tuple[d.Footnote, ...]]:
    markup = (
        '<p>The river is shared.<footnote data-cite="a:2"></footnote> It floods'
        "<footnote>An aside.</footnote></p>"
        '<ul><li><em>Dams</em> hold<footnote data-cite="a:3">Compare ¶4.</footnote></li></ul>'
    )
    return parse(markup, "t", {"a": None})


def test_in_text_citations_replace_marks_and_the_other_notes_are_renumbered() -> None:
    blocks, notes = _document()
    citations = Citations(SOURCES, citation_style("apa"))
    blocks, notes = cite_notes(blocks, notes, citations, "t")
    assert d.plain_text(blocks[0].children) == (
        "The river is shared (Basin Institute, 2020, para. 2). It floods[1]"
    )
    [item] = blocks[1].items
    assert d.plain_text(item.blocks[0].children) == "Dams hold (Basin Institute, 2020, para. 3)[2]"
    assert [(n.number, d.plain_text(n.children)) for n in notes] == [
        (1, "An aside."),
        (2, "Compare ¶4."),  # a citing note's own words stay a note
    ]


def test_a_note_style_fills_citing_notes_and_keeps_their_own_words() -> None:
    blocks, notes = _document()
    citations = Citations(SOURCES, citation_style("chicago-notes-bibliography"))
    same_blocks, notes = cite_notes(blocks, notes, citations, "t")
    assert same_blocks == blocks
    assert [d.plain_text(n.children) for n in notes] == [
        "Basin Institute, Flows: A Study (2020), para. 2.",
        "An aside.",
        "Basin Institute, Flows, para. 3. Compare ¶4.",
    ]


def test_the_memo_language_picks_the_csl_locale() -> None:
    assert csl_locale("en") == "en-US"
    assert csl_locale("en-GB") == "en-GB" and csl_locale("fr") == "fr"
