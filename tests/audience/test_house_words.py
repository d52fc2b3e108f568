"""house-style.yaml's `language` and `languages:`: read and located as strictly as the rest of
the file; the variant a memo's language takes; which words an audience takes from the house."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.house_words import HouseWords, Words
from briefgen.audience.profiles import resolve, search_path
from briefgen.errors import InputError
from conftest import REPO

VARIANTS = """\
language: en
letterhead:
  organisation: Unit
  lines: [Street 1]
sender: Desk
languages:
  ar:
    letterhead:
      organisation: وحدة
    sender: مكتب
  ar-EG:
    sender: مكتب القاهرة
  fr:
    letterhead: {lines: [Rue 1]}
"""


def _house(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "house-style.yaml").write_text(text, encoding="utf-8")
    return folder


def _audience(folder: Path, name: str, text: str) -> None:
    (folder / name).mkdir()
    (folder / name / "audience.yaml").write_text(
        f"name: {name}\nextends: donor\n{text}", encoding="utf-8"
    )


def test_the_variants_are_read_with_the_house_style(tmp_path: Path) -> None:
    words = resolve("donor", search_path(_house(tmp_path, VARIANTS))).house_words
    assert words.language == "en"
    assert words.own == Words("Unit", ("Street 1",), "Desk")
    assert dict(words.variants) == {
        "ar": Words("وحدة", None, "مكتب"),
        "ar-EG": Words(None, None, "مكتب القاهرة"),
        "fr": Words(None, ("Rue 1",), None),
    }
    assert words.where == (str(tmp_path / "house-style.yaml"), 2, 1, "letterhead")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar-EG", "ar-EG"),  # the exact tag
        ("ar-SA", "ar"),  # else its primary subtag
        ("ar", "ar"),
        ("fr-CA", "fr"),
        ("de", None),  # else none: the house style's own words
        ("en-GB", None),
    ],
)
def test_a_memo_takes_the_variant_of_its_language(language: str, expected: str | None) -> None:
    variants = {tag: Words(sender=tag) for tag in ("ar", "ar-EG", "fr")}
    words = HouseWords("en", Words(sender="own"), tuple(variants.items()))
    assert words.variant(language) == (variants[expected] if expected else None)


def test_the_house_style_speaks_its_own_language_and_its_variants() -> None:
    words = HouseWords("en-GB", Words(sender="Desk"), (("ar-EG", Words(sender="مكتب")),))
    assert words.speaks("en") and words.speaks("en-US")  # the primary subtag is compared
    assert words.speaks("ar-EG") and not words.speaks("ar") and not words.speaks("de")


def test_the_example_house_style_has_arabic_and_russian_words() -> None:
    words = resolve("executive", search_path(REPO / "templates")).house_words
    assert words.language == "en" and sorted(dict(words.variants)) == ["ar", "ru"]
    assert words.variant("ar") == Words(
        "briefgen · موجزات نموذجية",
        ("وحدة تحليل السياسات · أمثلة عملية، وليست منشورات مؤسسة",),
        "وحدة تحليل السياسات",
    )
    assert words.variant("ru-RU") == Words(
        "briefgen · примеры записок",
        ("Отдел анализа политики · учебные примеры, не публикации организации",),
        "Отдел анализа политики",
    )


def test_an_audience_owns_the_words_it_sets_itself(tmp_path: Path) -> None:
    _house(tmp_path, VARIANTS)
    _audience(tmp_path, "headed", "style:\n  letterhead:\n    organisation: Own\n")
    _audience(tmp_path, "signed", "memo: {to: X, from: Own desk}\n")
    path = search_path(tmp_path)
    assert resolve("headed", path).own_words == {"organisation"}
    assert resolve("signed", path).own_words == {"sender"}
    assert resolve("donor", path).own_words == frozenset()


def test_without_words_the_house_style_has_no_location(tmp_path: Path) -> None:
    words = resolve("donor", search_path(_house(tmp_path, "palette: {muted: '#505866'}\n")))
    assert words.house_words == HouseWords()
    only_sender = _house(tmp_path / "s", "typefaces: {body: sans}\nsender: Desk\n")
    where = resolve("donor", search_path(only_sender)).house_words.where
    assert where == (str(only_sender / "house-style.yaml"), 2, 1, "sender")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "languages:\n  AR:\n    sender: x\n",
            "2:3: languages.AR: 'AR' is not a language tag as a brief's meta.language takes",
        ),
        (
            "languages:\n  ar_EG:\n    sender: x\n",
            "2:3: languages.ar_EG: 'ar_EG' is not a language tag",
        ),
        (
            "language: en\nlanguages:\n  en:\n    sender: x\n",
            "3:3: languages.en: en is the house style's own language (language: en)",
        ),
        (
            "languages:\n  ar:\n    sendr: x\n",
            "3:5: languages.ar.sendr: unknown field 'sendr': did you mean 'sender'?",
        ),
        (
            "languages:\n  ar:\n    letterhead:\n      organisaton: x\n",
            "4:7: languages.ar.letterhead.organisaton: unknown field 'organisaton': did you mean "
            "'organisation'?",
        ),
        (
            "languages:\n  ar:\n    letterhead:\n      logo_position: right\n",
            "4:7: languages.ar.letterhead.logo_position: unknown field 'logo_position' (allowed "
            "here: lines, organisation)",
        ),
        (
            "languages:\n  ar:\n    sender: ''\n",
            "3:13: languages.ar.sender: string should have at least 1 character",
        ),
        (
            "languages:\n  ar:\n    letterhead: {lines: [a, b, c, d]}\n",
            "3:25: languages.ar.letterhead.lines: list should have at most 3 items",
        ),
        (
            "languages:\n  ar: {}\n",
            "2:7: languages.ar: value error, a language sets `letterhead` (organisation, lines) "
            "or `sender`",
        ),
        (
            f"languages:\n  ru:\n    letterhead: {{lines: [{'x' * 121}]}}\n",
            "3:25: languages.ru.letterhead.lines: value error, a letterhead line is at most 120",
        ),
        ("languages:\n  12:\n    sender: x\n", "2:3: languages.12: '12' is not a language tag"),
        ("languages: [ar]\n", "1:12: languages: "),
        ("language: Arabic\n", "1:11: language: 'Arabic' does not match the required pattern"),
        ("langauge: ar\n", "1:1: langauge: unknown field 'langauge': did you mean 'language'?"),
    ],
)
def test_language_errors_are_located(tmp_path: Path, text: str, expected: str) -> None:
    _house(tmp_path / "t", text)
    with pytest.raises(InputError) as info:
        resolve("donor", search_path(tmp_path / "t"))
    line = info.value.lines()[0]
    assert line.startswith(str(tmp_path / "t" / "house-style.yaml")) and expected in line, line


def test_every_language_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    _house(tmp_path, "languages:\n  XX:\n    sender: x\n  ar:\n    sendr: y\n")
    with pytest.raises(InputError) as info:
        resolve("donor", search_path(tmp_path))
    assert [line.split(": ")[1] for line in info.value.lines()] == [
        "languages.XX",
        "languages.ar.sendr",
    ]
