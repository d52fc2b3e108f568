"""Notes and reference lists through CSL (citeproc-py): goldens per style, positions, escaping,
locales, and how a style is named (bundled, a .csl file in a folder, refused paths)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefgen.audience.citation_style import STYLES_FOLDER
from briefgen.document import tree as d
from briefgen.document.markup_parser import parse
from briefgen.errors import InputError
from briefgen.render.citations import (
    BUNDLED,
    CitableSource,
    Citations,
    citation_style,
    paragraph_locator,
)
from briefgen.render.csl_items import CSL_TYPES, csl_item, csl_name

DOI = "10.1016/S1366-7017(98)00019-1"
DOI_LINK = f'<a href="https://doi.org/{DOI}">https://doi.org/{DOI}</a>'
ESSAY_URL = "https://example.org/essays/rivers?a=1&b=2"
ESSAY_LINK = (
    '<a href="https://example.org/essays/rivers?a=1&amp;b=2">'
    "https://example.org/essays/rivers?a=1&amp;b=2</a>"
)
WOLF = CitableSource(
    "wolf1998", "article", "Conflict and Cooperation along International Waterways",
    ("Wolf, Aaron T.",), container="Water Policy", volume="1", issue="2", pages="251-265",
    date="1998", url=f"https://doi.org/{DOI}", doi=DOI,
)  # fmt: skip
UN = CitableSource(
    "unwater2021", "report", "Summary Progress Update 2021: SDG 6",
    ("UN-Water",), publisher="UN-Water", place="Geneva", date="2021-07", number="A/76/123",
)  # fmt: skip
ESSAY = CitableSource(
    "doe2020", "essay", "Why Rivers Unite", ("Doe, Jane", "Roe, Richard"),
    container="Foreign Affairs Online", date="2020-03-04", url=ESSAY_URL,
)  # fmt: skip
BOOK = CitableSource(
    "mccaffrey2019", "book", "The Law of International Watercourses", ("McCaffrey, Stephen C.",),
    publisher="Oxford University Press", place="Oxford", date="2019",
)  # fmt: skip
SOURCES = (WOLF, UN, ESSAY, BOOK)
NOTES = [("unwater2021", [12]), ("wolf1998", [3]), ("unwater2021", [12]),
         ("unwater2021", [15, 16, 17]), ("unwater2021", [15, 16, 17]), ("doe2020", [])]  # fmt: skip
UN_FULL = "UN-Water, <em>Summary Progress Update 2021: SDG 6</em>, A/76/123 (UN-Water, 2021)"
UN_SHORT = "UN-Water, <em>Summary Progress Update 2021</em>"  # the title before its colon
WOLF_NOTE = (
    "Aaron T. Wolf, “Conflict and Cooperation Along International Waterways,” "
    f"<em>Water Policy</em> 1, no. 2 (1998): para. 3, {DOI_LINK}."
)
ESSAY_NOTE = (
    "Jane Doe and Richard Roe, “Why Rivers Unite,” <em>Foreign Affairs Online</em>, "
    f"March 4, 2020, {ESSAY_LINK}."
)


def notes(style: str, locale: str = "en-US", sources=SOURCES, cites=NOTES) -> list[str]:
    citations = Citations(sources, citation_style(style), locale)
    return [citations.note(source_id, paragraphs) for source_id, paragraphs in cites]


def test_chicago_full_note_then_short_notes_without_ibid() -> None:
    """CMOS 18 (the default style) repeats a short note where the 17th edition said Ibid."""
    assert notes("chicago-notes-bibliography") == [
        f"{UN_FULL}, para. 12.",
        WOLF_NOTE,
        f"{UN_SHORT}, para. 12.",
        f"{UN_SHORT}, paras. 15–17.",
        f"{UN_SHORT}, paras. 15–17.",
        ESSAY_NOTE,
    ]


def test_chicago_ibid_with_and_without_a_changed_locator() -> None:
    assert notes("chicago-notes-bibliography-subsequent-ibid") == [
        f"{UN_FULL}, para. 12.",
        WOLF_NOTE,
        f"{UN_SHORT}, para. 12.",  # another source came between
        "Ibid., paras. 15–17.",  # same source, other paragraphs
        "Ibid.",  # same source, same paragraphs (citeproc compared locators by identity)
        ESSAY_NOTE,
    ]


def test_a_note_without_paragraphs_has_no_stray_label() -> None:
    short = notes("chicago-notes-bibliography", cites=[("wolf1998", []), ("wolf1998", [])])[1]
    assert short == "Wolf, “Conflict and Cooperation Along International Waterways.”"


def test_apa_and_harvard_cite_in_text_whatever_the_position() -> None:
    expected_apa = ["(UN-Water, 2021, para. 12)", "(Wolf, 1998, para. 3)",
                    "(UN-Water, 2021, para. 12)", "(UN-Water, 2021, paras. 15–17)",
                    "(UN-Water, 2021, paras. 15–17)", "(Doe &amp; Roe, 2020)"]  # fmt: skip
    assert notes("apa") == expected_apa
    assert notes("harvard-cite-them-right")[5] == "(Doe and Roe, 2020)"
    assert not Citations(SOURCES, citation_style("apa")).is_note_style
    assert Citations(SOURCES, citation_style("chicago-notes-bibliography")).is_note_style


def bibliography(style: str, locale: str = "en-US") -> list[str]:
    citations = Citations(SOURCES, citation_style(style), locale)
    for source_id, paragraphs in [*NOTES, ("wolf1998", [4])]:
        citations.note(source_id, paragraphs)
    return citations.bibliography()


def test_chicago_bibliography_sorted_by_author_and_without_a_note_locator() -> None:
    assert bibliography("chicago-notes-bibliography") == [
        "Doe, Jane, and Richard Roe. “Why Rivers Unite.” <em>Foreign Affairs Online</em>, "
        f"March 4, 2020. {ESSAY_LINK}.",
        "UN-Water. <em>Summary Progress Update 2021: SDG 6</em>. A/76/123. UN-Water, 2021.",
        "Wolf, Aaron T. “Conflict and Cooperation Along International Waterways.” "
        f"<em>Water Policy</em> 1, no. 2 (1998): 251–65. {DOI_LINK}.",
    ]  # the book was never cited, so it is not listed


def test_apa_bibliography() -> None:
    assert bibliography("apa") == [
        "Doe, J., &amp; Roe, R. (2020, March 4). Why Rivers Unite. "
        f"<em>Foreign Affairs Online</em>. {ESSAY_LINK}",
        "UN-Water. (2021). <em>Summary Progress Update 2021: SDG 6</em> (A/76/123). UN-Water.",
        "Wolf, A. T. (1998). Conflict and Cooperation along International Waterways. "
        f"<em>Water Policy</em>, <em>1</em>(2), 251–265. {DOI_LINK}",
    ]


def test_harvard_bibliography_in_british_english() -> None:
    assert bibliography("harvard-cite-them-right", "en-GB") == [
        "Doe, J. and Roe, R. (2020) ‘Why Rivers Unite’, <em>Foreign Affairs Online</em>, "
        f"4 March. Available at: {ESSAY_LINK}.",
        "UN-Water (2021) <em>Summary Progress Update 2021: SDG 6</em>. A/76/123. Geneva: UN-Water.",
        "Wolf, A.T. (1998) ‘Conflict and Cooperation along International Waterways’, "
        f"<em>Water Policy</em>, 1(2), pp. 251–265. Available at: {DOI_LINK}.",
    ]


def test_a_locale_without_a_csl_locale_falls_back_to_american_english() -> None:
    cites = [("unwater2021", [3, 4, 5])]
    assert notes("chicago-notes-bibliography", "xx-YY", cites=cites) == [f"{UN_FULL}, paras. 3–5."]
    assert notes("chicago-notes-bibliography", "de-DE", cites=cites)[0].endswith(", Abs. 3–5.")


def test_locale_sets_quotes_punctuation_dates_and_terms() -> None:
    cites = [("doe2020", [2]), ("unwater2021", [3, 4, 5])]
    assert notes("chicago-notes-bibliography", "en-GB", cites=cites) == [
        "Jane Doe and Richard Roe, ‘Why Rivers Unite’, <em>Foreign Affairs Online</em>, "
        f"4 March 2020, para. 2, {ESSAY_LINK}.",
        f"{UN_FULL}, paras 3–5.",
    ]
    assert notes("chicago-notes-bibliography", "en_US", cites=cites)[0].startswith(
        "Jane Doe and Richard Roe, “Why Rivers Unite,” <em>Foreign Affairs Online</em>, March 4"
    )


def test_text_is_escaped_and_the_markup_parses() -> None:
    hostile = CitableSource(
        "x", "web-page", "Water & <script>alert(1)</script>", ("Rivers & <Co>",),
        container="A <b> site", url='https://example.org/?q=<x>&r="y"',
    )  # fmt: skip
    citations = Citations([hostile], citation_style("apa"))
    note = citations.note("x", [1])
    entry = citations.bibliography()[0]
    assert note == "(Rivers &amp; &lt;Co&gt;, n.d., para. 1)"
    assert "<script>" not in entry and "&lt;script&gt;alert(1)&lt;/script&gt;" in entry
    assert "A &lt;b&gt; Site" in entry
    assert '<a href="https://example.org/?q=&lt;x&gt;&amp;r=&quot;y&quot;">' in entry
    (paragraph,), _ = parse(f"<p>{entry}</p>", "citations")  # briefgen's parser accepts it
    assert isinstance(paragraph, d.Paragraph)
    assert paragraph.children[0] == d.Text("Rivers & <Co>. (n.d.). ")
    link = paragraph.children[-1]
    assert isinstance(link, d.Link) and link.href == 'https://example.org/?q=<x>&r="y"'


INJECTING_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>x</title><id>x</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout prefix="&lt;p&gt;(" suffix=")&amp;">
      <group delimiter="&lt;br/&gt;">
        <text variable="title" prefix="&lt;i&gt;"/>
        <date variable="issued"><date-part name="year"/></date>
        <text value="&lt;v&gt;"/>
      </group>
    </layout>
  </citation>
</style>"""


def test_a_styles_affixes_and_delimiters_are_text_not_markup(tmp_path: Path) -> None:
    (tmp_path / "x.csl").write_text(INJECTING_STYLE, encoding="utf-8")
    citations = Citations([CitableSource("a", "book", "T&", date="2001")],
                          citation_style("x.csl", [tmp_path]))  # fmt: skip
    assert citations.note("a", [1]) == (
        "&lt;p&gt;(&lt;i&gt;T&amp;&lt;br/&gt;2001&lt;br/&gt;&lt;v&gt;)&amp;"
    )
    assert citations.bibliography() == []  # the style has no <bibliography>


def test_a_style_that_fails_in_the_engine_is_an_input_error(tmp_path: Path) -> None:
    broken = INJECTING_STYLE.replace('<text value="&lt;v&gt;"/>', '<text macro="missing"/>')
    (tmp_path / "x.csl").write_text(broken, encoding="utf-8")
    citations = Citations([CitableSource("a", "book", "T")], citation_style("x.csl", [tmp_path]))
    with pytest.raises(InputError, match="citation style cannot be applied") as error:
        citations.note("a", [1])
    assert str(tmp_path / "x.csl") in str(error.value)


def test_a_note_that_starts_with_a_link_keeps_its_case(tmp_path: Path) -> None:
    page = CitableSource("p", "web-page", "T", url="https://example.org/p")
    style = INJECTING_STYLE.replace('class="in-text"', 'class="note"').replace(
        'prefix="&lt;p&gt;(" suffix=")&amp;"', ""
    )
    style = style.replace('<text variable="title" prefix="&lt;i&gt;"/>', '<text variable="URL"/>')
    (tmp_path / "s.csl").write_text(style, encoding="utf-8")
    note = Citations([page], citation_style("s.csl", [tmp_path])).note("p", [])
    assert note.startswith('<a href="https://example.org/p">https://example.org/p</a>')


def test_a_doi_prints_once_whether_given_as_doi_url_or_both() -> None:
    for url, doi in [
        (f"https://doi.org/{DOI}", None),
        (None, DOI),
        (f"https://dx.doi.org/{DOI}", DOI),
    ]:
        source = CitableSource("w", "article", "T", ("Wolf, A.",), url=url, doi=doi, date="1998")
        item = csl_item(source)
        assert item["DOI"] == DOI and "URL" not in item
        citations = Citations([source], citation_style("apa"))
        citations.note("w", [])
        assert citations.bibliography()[0].count(f">https://doi.org/{DOI}</a>") == 1


def test_kinds_names_and_dates() -> None:
    kinds = "essay article report book chapter statement resolution dataset interview web-page"
    assert set(CSL_TYPES) == {*kinds.split(), "other"}
    assert csl_name("Wolf, Aaron T.") == {"family": "Wolf", "given": "Aaron T."}
    assert csl_name("UN-Water") == {"literal": "UN-Water"}
    assert csl_name("Ministry of Water, Energy, and Irrigation") == {
        "literal": "Ministry of Water, Energy, and Irrigation"
    }
    assert csl_item(UN)["issued"] == {"date-parts": [[2021, 7]]}
    with pytest.raises(ValueError, match="not YYYY"):
        csl_item(CitableSource("d", "book", "T", date="July 2021"))
    with pytest.raises(ValueError, match="unknown kind"):
        csl_item(CitableSource("d", "pamphlet", "T"))


@pytest.mark.parametrize("style", BUNDLED)
def test_every_kind_renders_in_every_style_without_author_or_date(style: str) -> None:
    sources = [
        CitableSource(
            kind, kind, f"The {kind} title", container="Cont", url=f"https://x.org/{kind}"
        )
        for kind in CSL_TYPES
    ]
    citations = Citations(sources, citation_style(style))
    for source in sources:
        note = citations.note(source.id, [2]).lower()
        assert source.title.lower() in note or "<em>cont</em>" in note, note
    entries = [entry.lower() for entry in citations.bibliography()]
    assert len(entries) == len(sources)
    for source in sources:
        (entry,) = [entry for entry in entries if source.title.lower() in entry]
        assert entry.count(source.title.lower()) == 1, entry  # a stand-in for the author once


def test_a_title_standing_in_for_the_author_is_printed_once() -> None:
    unsigned = CitableSource("u", "article", "Unsigned", container="Water Policy", date="1998")
    citations = Citations([unsigned], citation_style("chicago-notes-bibliography"))
    assert citations.note("u", [1]) == "“Unsigned,” <em>Water Policy</em>, 1998, para. 1."
    assert citations.bibliography() == ["“Unsigned.” <em>Water Policy</em>, 1998."]


def test_no_access_date_is_invented() -> None:
    undated = CitableSource("u", "web-page", "Facts", ("NBI",), url="https://nilebasin.org/f")
    for style in BUNDLED:
        citations = Citations([undated], citation_style(style))
        texts = [citations.note("u", [1]), *citations.bibliography()]
        this_year = str(datetime.date.today().year)
        assert not any("ccessed" in text or this_year in text for text in texts), style


def test_paragraph_locator() -> None:
    assert paragraph_locator([12]) == "12"
    assert paragraph_locator([15, 12]) == "12, 15"
    assert paragraph_locator([14, 12, 13, 20, 12]) == "12–14, 20"
    with pytest.raises(ValueError):
        paragraph_locator([0])


def test_an_unknown_style_lists_the_bundled_ones() -> None:
    with pytest.raises(InputError) as error:
        citation_style("chicago")
    message = str(error.value)
    assert "'chicago'" in message and all(name in message for name in BUNDLED)


def test_every_bundled_style_keeps_its_licence() -> None:
    assert (STYLES_FOLDER / "LICENSE").is_file()
    for name in BUNDLED:
        text = (STYLES_FOLDER / f"{name}.csl").read_text(encoding="utf-8")
        assert 'license="http://creativecommons.org/licenses/by-sa/3.0/"' in text


def test_a_csl_file_in_a_folder(tmp_path: Path) -> None:
    audience, templates = tmp_path / "audience", tmp_path / "templates"
    (templates / "styles").mkdir(parents=True)
    audience.mkdir()
    house = (STYLES_FOLDER / "apa.csl").read_text(encoding="utf-8")
    (templates / "styles" / "house.csl").write_text(house, encoding="utf-8")
    style = citation_style("styles/house.csl", [audience, templates])
    assert style.path == (templates / "styles" / "house.csl").resolve()
    assert notes_with(style) == "(Wolf, 1998, para. 3)"


def notes_with(style) -> str:
    return Citations(SOURCES, style).note("wolf1998", [3])


@pytest.mark.parametrize("spec", ["../x.csl", "styles/../../x.csl", "/etc/x.csl", "C:/x.csl"])
def test_a_style_outside_the_folders_is_refused(tmp_path: Path, spec: str) -> None:
    (tmp_path / "x.csl").write_text((STYLES_FOLDER / "apa.csl").read_text(encoding="utf-8"))
    folder = tmp_path / "templates"
    (folder / "styles").mkdir(parents=True)
    with pytest.raises(InputError, match=r"without '\.\.' or an absolute path"):
        citation_style(spec, [folder])


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "x.csl").write_text((STYLES_FOLDER / "apa.csl").read_text(encoding="utf-8"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "link.csl").symlink_to(tmp_path / "x.csl")
    with pytest.raises(InputError, match="no such file"):
        citation_style("link.csl", [folder])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<style", "not XML"),
        ('<!DOCTYPE s [<!ENTITY a "b">]><style/>', "may not have a DTD"),
        ("<style/>", "not a CSL style"),
    ],
)
def test_a_broken_csl_file_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "bad.csl").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        citation_style("bad.csl", [tmp_path])
    assert str(tmp_path / "bad.csl") in str(error.value)


def test_a_month_after_its_day_takes_the_case_a_full_date_needs() -> None:
    """citeproc names months in their stand-alone form: right in "март 2021", wrong in
    "4 март 2020"; Russian (and Polish, Czech, Greek ...) inflect a month after its day."""
    (essay,) = notes("chicago-notes-bibliography", "ru-RU", cites=[("doe2020", [])])
    assert "4 марта 2020" in essay and "март" + " 2020" not in essay
    (un,) = notes("chicago-notes-bibliography", "ru-RU", cites=[("unwater2021", [])])
    assert "2021" in un and "июля" not in un  # a month without its day stays as it was
