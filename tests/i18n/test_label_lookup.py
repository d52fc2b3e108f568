"""Looking a label up: placeholders, plural forms by count, escaping, and no fallback."""

from __future__ import annotations

import pytest
from babel import Locale
from markupsafe import Markup

from briefgen.i18n.builtin import builtin, candidates, english
from briefgen.i18n.catalogue import Catalogue, LabelError


def _catalogue(**labels: object) -> Catalogue:
    return Catalogue("ru", "ru", Locale.parse("ru"), labels, files=("test ru.yaml",))


def test_placeholders_are_filled_and_numbers_take_the_locales_separators() -> None:
    words = _catalogue(total="Всего: {count} из {all}")
    assert words.text("total", count=3, all=12345) == "Всего: 3 из 12\xa0345"


def test_the_count_chooses_the_plural_form() -> None:
    forms = {"one": "препятствие", "few": "препятствия", "many": "препятствий", "other": "-"}
    words = _catalogue(n={form: f"{{count}} {text}" for form, text in forms.items()})
    assert [words.text("n", count=c) for c in (1, 3, 5, 21)] == [
        "1 препятствие",
        "3 препятствия",
        "5 препятствий",
        "21 препятствие",
    ]
    with pytest.raises(LabelError, match="plural forms: give the number"):
        words.text("n")


def test_a_missing_label_names_the_key_and_the_language_never_english() -> None:
    with pytest.raises(LabelError) as caught:
        _catalogue(notes="Примечания").text("page_of", page=1, pages=2)
    assert "no label 'page_of' for language ru (test ru.yaml)" in str(caught.value)


def test_a_placeholder_without_a_value_is_an_error_naming_it() -> None:
    with pytest.raises(LabelError, match=r"uses \{pages\}, which is not given"):
        english().text("page_of", page=1)


def test_markup_escapes_the_text_and_plain_values_but_keeps_markup_values() -> None:
    words = _catalogue(quoted="«{text}» & co")
    assert words.markup("quoted", text="<b>") == Markup("«&lt;b&gt;» &amp; co")
    assert words.markup("quoted", text=Markup("<em>x</em>")) == Markup("«<em>x</em>» &amp; co")


def test_a_templates_t_is_the_markup_lookup() -> None:
    t = builtin("fr").template_function()
    assert t("page_of", page=2, pages=9) == "Page 2 sur 9"


def test_a_regional_tag_falls_back_to_its_language() -> None:
    assert candidates("ar-EG") == ("ar-EG", "ar")
    assert candidates("ru") == ("ru",)
