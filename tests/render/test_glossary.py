"""The glossary a memo prints: entries whose term, abbreviation or alias the memo's text uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.brief.model import GlossaryEntry
from briefgen.document import tree as d
from briefgen.document.markup_parser import parse
from briefgen.errors import InputError
from briefgen.render.assemble import render
from briefgen.render.glossary import keep_used_entries, label
from edits import brief_copy

EU = GlossaryEntry(term="European Union", abbreviation="EU", definition="A union of states.")
UN = GlossaryEntry(term="UN", definition="The United Nations.")
ENCLAVE = GlossaryEntry(term="enclave", aliases=["enclaves"], definition="Land inside another.")
EXCLAVE = GlossaryEntry(term="exclave", definition="Land cut off from its country.")


def _memo(body: str, entries: list[GlossaryEntry]) -> d.Document:
    """A rendered memo: ``body`` then a "Words used here" glossary of ``entries``, filtered."""
    glossary = "".join(f"<dt>{label(e)}</dt><dd>{e.definition}</dd>" for e in entries)
    markup = f'{body}<h1>Words used here</h1><dl class="glossary">{glossary}</dl>'
    blocks, footnotes = parse(markup, "test")
    document = d.Document(d.Metadata(title="A memo"), tuple(blocks), tuple(footnotes))
    return keep_used_entries(document, entries)


def _terms(document: d.Document) -> list[str]:
    return [
        f.label
        for b in document.blocks
        if isinstance(b, d.FieldList) and b.role == "glossary"
        for f in b.fields
    ]


def test_an_entry_appears_when_the_memo_uses_only_its_abbreviation() -> None:
    document = _memo("<p>The EU will pay for it.</p>", [EU, EXCLAVE])
    assert _terms(document) == ["European Union (EU)"]


def test_an_entry_appears_through_an_alias_and_in_any_case() -> None:
    document = _memo("<p>Two Enclaves stay.</p><p>The european union pays.</p>", [EU, ENCLAVE])
    assert _terms(document) == ["European Union (EU)", "enclave"]


def test_words_match_whole_and_an_acronym_only_in_capitals() -> None:
    body = "<p>Wait until the union meets; tell us, un-named friends.</p>"
    us = GlossaryEntry(term="US", definition="The United States.")
    assert _terms(_memo(body, [UN, us, EU])) == []
    assert _terms(_memo("<p>Wait until the UN meets.</p>", [UN, us])) == ["UN"]


def test_the_glossary_does_not_count_its_own_definitions() -> None:
    defined_by_another = GlossaryEntry(term="Karabakh", definition="A region; see exclave.")
    document = _memo("<p>Karabakh is mountainous.</p>", [defined_by_another, EXCLAVE])
    assert _terms(document) == ["Karabakh"]


def test_footnotes_and_the_title_are_the_memo_s_text_too() -> None:
    document = _memo("<p>It rests on one source.<footnote>The EU report.</footnote></p>", [EU])
    assert _terms(document) == ["European Union (EU)"]
    title = GlossaryEntry(term="memo", definition="A short note.")
    assert _terms(_memo("<p>Nothing here.</p>", [title])) == ["memo"]


def test_an_emptied_glossary_goes_with_its_heading() -> None:
    document = _memo("<p>Nothing to explain.</p>", [EXCLAVE])
    lines = d.dump(document).splitlines()
    assert [line for line in lines if not line.startswith("META ")] == ["P Nothing to explain."]


def test_the_public_memo_prints_abbreviations_and_drops_unused_entries(
    tmp_path: Path,
) -> None:
    brief = load_brief(
        brief_copy(tmp_path, ("  - term: ceasefire\n", "  - term: Zanzibar Protocol\n"))
    )
    document = render(brief, resolve("public", search_path(None))).document
    text = d.dump(document)
    assert "United Nations (UN): " in text
    assert "Zanzibar Protocol" not in text


def test_two_entries_cannot_claim_one_word(tmp_path: Path) -> None:
    path = brief_copy(
        tmp_path, ("    abbreviation: UN\n", "    abbreviation: UN\n    aliases: [karabakh]\n")
    )
    with pytest.raises(InputError, match=r"glossary\[\d+\]\.aliases\[0\].*'karabakh' twice"):
        load_brief(path)


def test_a_template_printing_the_bare_term_still_matches_by_abbreviation() -> None:
    markup = (
        '<p>The EU pays.</p><dl class="glossary"><dt>European Union</dt><dd>A union.</dd>'
        "<dt>exclave</dt><dd>Cut off.</dd></dl>"
    )
    blocks, _ = parse(markup, "test")
    document = d.Document(d.Metadata(title="A memo"), tuple(blocks))
    assert _terms(keep_used_entries(document, [EU, EXCLAVE])) == ["European Union"]
