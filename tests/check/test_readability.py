"""Reading grade: the published formula per language, its counts, and the public memo measured
on its exported text."""

from __future__ import annotations

import io

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.check.grade_formulas import FORMULAS, Readability, formula_for
from briefgen.check.readability import grade_of, measure
from briefgen.check.syllables import english, german, russian, spanish
from briefgen.export.pdf.writer import export
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF


@pytest.mark.parametrize(
    ("word", "count"),
    [("peace", 1), ("treaty", 2), ("every", 3), ("negotiation", 5), ("reconciliation", 6)],
)
def test_english_syllables(word: str, count: int) -> None:
    assert english(word) == count


@pytest.mark.parametrize(
    ("word", "count"),
    [("país", 2), ("ciudad", 2), ("día", 2), ("leer", 2), ("Gobierno", 3), ("negociación", 4),
     ("acuerdo", 3), ("hoy", 1), ("y", 1), ("ayer", 2), ("Uruguay", 3), ("que", 1),
     ("pingüino", 3)],
)  # fmt: skip
def test_spanish_syllables_follow_diphthong_and_hiatus(word: str, count: int) -> None:
    assert spanish(word) == count


@pytest.mark.parametrize(
    ("word", "count"), [("в", 0), ("мир", 1), ("переговоры", 5), ("Армения", 4), ("NATO", 2)]
)
def test_russian_syllables_are_vowel_letters(word: str, count: int) -> None:
    assert russian(word) == count


@pytest.mark.parametrize(
    ("word", "count"),
    [("Abend", 2), ("Theater", 3), ("Situation", 5), ("Quelle", 2), ("Bundesregierung", 5),
     ("Bäume", 2), ("Grenzöffnung", 3), ("ein", 1)],
)  # fmt: skip
def test_german_syllables_split_vowel_groups_but_not_diphthongs(word: str, count: int) -> None:
    assert german(word) == count


def test_flesch_kincaid_on_a_hand_counted_english_sample() -> None:
    # The(1) cat(1) sat(1). The(1) dog(1) ran(1) far(1) away(2).
    counts = measure(["The cat sat. The dog ran far away."], "en")
    assert counts == Readability(8, 2, 9, polysyllables=0, monosyllables=7, long_words=0)
    assert grade_of(["The cat sat. The dog ran far away."], "en-GB") == round(
        0.39 * 8 / 2 + 11.8 * 9 / 8 - 15.59, 1
    )


def test_crawford_on_a_hand_counted_spanish_sample() -> None:
    text = ["El país pide paz. La ciudad espera un acuerdo."]
    # El(1) pa-ís(2) pi-de(2) paz(1). La(1) ciu-dad(2) es-pe-ra(3) un(1) a-cuer-do(3)
    assert measure(text, "es") == Readability(9, 2, 16, 2, 4, 1)
    # 22.2 sentences and 177.8 syllables per 100 words.
    assert grade_of(text, "es") == 0.7 == round(-0.205 * 200 / 9 + 0.049 * 1600 / 9 - 3.407, 1)


def test_oborneva_on_a_hand_counted_russian_sample() -> None:
    text = ["Мир нужен всем. Переговоры идут в Вене."]
    # Мир(1) ну-жен(2) всем(1). Пе-ре-го-во-ры(5) и-дут(2) в(0) Ве-не(2)
    assert measure(text, "ru") == Readability(7, 2, 13, 1, 2, 1)
    assert grade_of(text, "ru") == 1.8 == round(0.5 * 7 / 2 + 8.4 * 13 / 7 - 15.59, 1)


def test_wiener_sachtextformel_on_a_hand_counted_german_sample() -> None:
    text = ["Die Bundesregierung verhandelt. Der Friedensvertrag ist nah."]
    # Die(1) Bun-des-re-gie-rung(5) ver-han-delt(3). Der(1) Frie-dens-ver-trag(4) ist(1) nah(1)
    assert measure(text, "de") == Readability(7, 2, 16, 3, 4, 3)
    ms = iw = 100 * 3 / 7
    expected = 0.1935 * ms + 0.1672 * 7 / 2 + 0.1297 * iw - 0.0327 * 100 * 4 / 7 - 0.875
    assert grade_of(text, "de-AT") == 11.7 == round(expected, 1)


@pytest.mark.parametrize("language", ["fr", "ar", "hy", "az", "ka", "he", "am", "hi"])
def test_languages_without_a_published_formula_have_no_grade(language: str) -> None:
    assert formula_for(language) is None
    assert grade_of(["Some text. More text."], language) is None
    assert set(FORMULAS) == {"en", "es", "ru", "de"}


@pytest.mark.parametrize(
    ("text", "words", "sentences"),
    [
        ("Խաղաղությունը մոտ է։ Բանակցությունները շարունակվում են։", 6, 2),  # Armenian ։
        ("هل السلام قريب؟ نعم، قريب.", 5, 2),  # Arabic ؟ ends one, ، none
        ("शांति निकट है। वार्ता जारी है।", 6, 2),  # Devanagari danda, vowel signs in words
        ("ሰላም ቅርብ ነው። ድርድሩ ቀጥሏል።", 5, 2),  # Ethiopic full stop
        ("Мир близок. Переговоры идут!", 4, 2),
        ("Peace talks resumed", 3, 1),  # no stop at the end: the block ends a sentence
    ],
)
def test_words_and_sentences_in_any_script(text: str, words: int, sentences: int) -> None:
    counts = measure([text], "und")
    assert (counts.words, counts.sentences) == (words, sentences)


def test_grade_orders_plain_and_dense_text() -> None:
    plain = grade_of(["The essay says Turkey should open its border. That would help trade."], "en")
    dense = grade_of(
        [
            "Armenian and European scholars interpret these actions as attempts by Azerbaijan "
            "to perpetuate regional tensions while deflecting attention from domestic issues."
        ],
        "en",
    )
    assert plain is not None and dense is not None and plain < 6 < 16 < dense
    assert grade_of([], "en") == 0


def test_public_memo_grade_on_its_exported_pdf_text() -> None:
    pypdf = pytest.importorskip("pypdf")
    audience = resolve("public", search_path(None))
    document = render(load_brief(ESSAY_BRIEF), audience).document
    reader = pypdf.PdfReader(io.BytesIO(export(document, audience.config.style)))
    # Each extracted line is a unit of reading (as a heading or a cell is).
    lines = [
        line
        for page in reader.pages
        for line in page.extract_text().split("\n")
        if line.strip() and not line.startswith("Page ")
    ]
    text = " ".join(lines)
    sentences = [s for s in text.replace("?", ".").replace("!", ".").split(". ") if s.strip()]
    grade = grade_of(sentences, "en")
    assert grade is not None and grade <= audience.config.reading_grade, grade
