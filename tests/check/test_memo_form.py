"""M002 and M003: the timeline told once, no box repeating its own title."""

from __future__ import annotations

from pathlib import Path

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.brief.model import Source
from briefgen.check.memo_form import repeated_titles, timeline_twice, unnamed_sources
from briefgen.check.memo_text import memo_lines
from briefgen.document import tree as d
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF, REPO


def _t(text: str) -> tuple[d.Inline, ...]:
    return (d.Text(text),)


def _memo(*blocks: d.Block) -> d.Document:
    return d.Document(d.Metadata(title="Memo"), blocks)


CHART = d.TimelineChart(
    tuple(
        d.TimelineEntry(date, label, shown)
        for date, label, shown in (
            ("1994", "First war", "1994"),
            ("2020-09", "Second war", "September 2020"),
            ("2024", "Juncture", "2024"),
        )
    )
)


def _cell(text: str) -> d.Cell:
    return d.Cell((d.Paragraph(_t(text)),))


def _table(*dates: str) -> d.Table:
    return d.Table(
        (_cell("Date"), _cell("Event")),
        tuple((_cell(date), _cell("What happened")) for date in dates),
    )


def test_a_timeline_graphic_followed_by_a_table_of_its_events() -> None:
    found = timeline_twice(_memo(CHART, _table("1994", "2020-09", "2024")))
    assert found == [
        "the timeline graphic's events are listed again in a table (3 of 3 dates): draw the "
        "graphic or the table, not both"
    ]
    # The dates as the memo writes them count too.
    assert timeline_twice(_memo(CHART, _table("1994", "September 2020")))


def test_the_graphic_or_the_table_alone_is_told_once() -> None:
    assert timeline_twice(_memo(CHART)) == []
    assert timeline_twice(_memo(_table("1994", "2020-09", "2024"))) == []
    # A table that shares one date with the graphic is another table.
    assert timeline_twice(_memo(CHART, _table("1994", "1995", "1996"))) == []


def _box(title: str, text: str) -> d.Callout:
    return d.Callout("editorial", _t(title), (d.Paragraph(_t(text)),))


def test_a_box_opening_with_its_own_title_is_reported() -> None:
    memo = _memo(
        _box("Editorial correction", "Editor's correction: the essay says Arshak."),
        _box("Editor's caveat", "Editor's caveat. The essay gives no date."),
        _box("Contested", "contested: by whom?"),
    )
    assert repeated_titles(memo) == [
        "the box “Editorial correction” opens by repeating its title: “Editor's correction:”",
        "the box “Editor's caveat” opens by repeating its title: “Editor's caveat.”",
        "the box “Contested” opens by repeating its title: “contested:”",
    ]


def test_a_box_that_says_what_it_says_passes() -> None:
    memo = _memo(
        _box("Editorial correction", "The essay says the state was called Arshak."),
        _box("The essay's judgment", "Claim (the essay): the treaty is within reach."),
        _box("Editorial caveat", "Edited copies: none."),  # a lead-in not opening on the title
        d.Callout("note", None, (d.Paragraph(_t("Note: untitled")),)),
    )
    assert repeated_titles(memo) == []


def test_the_negotiator_memo_draws_the_timeline_once(tmp_path: Path) -> None:
    brief = load_brief(ESSAY_BRIEF)
    negotiator = resolve("negotiator", search_path(REPO / "templates"))
    document = render(brief, negotiator).document
    blocks = list(d.iter_blocks(document.blocks))
    assert any(isinstance(b, d.TimelineChart) for b in blocks)
    assert timeline_twice(document) == []
    # The template as it was, graphic then table, is reported.
    folder = tmp_path / "templates" / "probe"
    folder.mkdir(parents=True)
    (folder / "audience.yaml").write_text(
        "name: probe\nextends: negotiator\ndescription: A probe\n", encoding="utf-8"
    )
    (folder / "memo.html.j2").write_text(
        '{% extends "builtin/negotiator/memo.html.j2" %}{% block timeline %}'
        "{{ m.timeline_chart(timeline_chart, 'Timeline') }}<table><tbody>{% for e in timeline %}"
        "<tr><td>{{ e.date }}</td><td>{{ e.event }}</td></tr>{% endfor %}</tbody></table>"
        "{% endblock %}",
        encoding="utf-8",
    )
    probe = resolve("probe", search_path(tmp_path / "templates"))
    assert timeline_twice(render(brief, probe).document) == [
        "the timeline graphic's events are listed again in a table (7 of 7 dates): draw the "
        "graphic or the table, not both"
    ]


def _source(source_id: str, title: str, short: str | None = None) -> Source:
    return Source(id=source_id, kind="report", title=title, short=short)


SOURCES = (
    _source("crs", "The Strait of Hormuz in Brief: Non-Oil Shipments", "CRS"),
    _source("wh", "Peace Through Strength", "White House"),
)


def test_a_memo_citing_a_source_it_never_names_is_reported() -> None:
    text = "Iran charges tolls (CRS ¶9). Sources. “Peace Through Strength” (White House ¶2)."
    assert unnamed_sources(text, SOURCES) == [
        "the memo cites paragraphs of CRS but never names the source (“The Strait of Hormuz in "
        "Brief”): list it with the memo's sources"
    ]


def test_a_named_source_or_an_uncited_one_passes() -> None:
    text = "Tolls (CRS ¶9). Sources: The Strait of Hormuz in Brief; Peace Through Strength."
    assert unnamed_sources(text, SOURCES) == []
    assert unnamed_sources("Nothing cited here.", SOURCES) == []
    # One source: its paragraphs are cited bare, "¶9".
    assert unnamed_sources("Tolls (¶9).", SOURCES[:1]) != []
    assert unnamed_sources("Tolls (¶9). The Strait of Hormuz in Brief.", SOURCES[:1]) == []


def test_every_built_in_memo_names_the_sources_it_cites() -> None:
    """The donor memo once listed only the sources its recommendations cite, while its
    background, positions and claims cited the others by ¶."""
    brief = load_brief(REPO / "briefs" / "strait-of-hormuz.yaml")
    for name in ("negotiator", "executive", "donor", "public", "legislative"):
        audience = resolve(name, search_path(REPO / "templates"))
        text = " ".join(memo_lines(render(brief, audience).document))
        assert unnamed_sources(text, brief.sources) == [], name
