"""A memo's catalogue: the language's (or its base language's), the user's files over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.label_files import catalogue_for
from briefgen.errors import InputError, Problem
from conftest import REPO


def _unknown(message: str) -> Problem:
    return Problem("brief.yaml", 3, 13, "meta.language", message)


def test_a_regional_tag_takes_its_languages_labels_and_its_regions_formats() -> None:
    egypt = catalogue_for("ar-EG", (), _unknown)
    assert (egypt.name, str(egypt.locale)) == ("ar", "ar_EG")
    american = catalogue_for("en-US", (), _unknown)
    assert (american.name, str(american.locale)) == ("en", "en_US")
    assert str(catalogue_for("en", (), _unknown).locale) == "en_GB"


def test_the_workspaces_labels_join_the_built_in_ones() -> None:
    russian = catalogue_for("ru", (REPO / "templates",), _unknown)
    assert russian.text("legislative.cover_note_title") == "Сопроводительная записка"
    assert russian.text("notes") == "Примечания"
    assert russian.files == ("built-in ru.yaml", str(REPO / "templates" / "i18n" / "ru.yaml"))


def test_a_regional_catalogue_wins_over_its_language(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "fr-CA.yaml").write_text("locale: fr_CA\nlabels:\n  notes: Notes\n")
    quebec = catalogue_for("fr-CA", (tmp_path,), _unknown)
    assert (quebec.name, str(quebec.locale), quebec.has("page_of")) == ("fr-CA", "fr_CA", False)


def test_a_whole_new_language_must_name_its_locale(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "de.yaml").write_text("labels:\n  notes: Anmerkungen\n")
    with pytest.raises(InputError) as caught:
        catalogue_for("de", (tmp_path,), _unknown)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'i18n' / 'de.yaml'}:1:1: locale: missing required field: a new language "
        "names the CLDR locale its dates and numbers follow, e.g. de_DE"
    ]


def test_plural_forms_the_locale_needs_are_required(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "ru.yaml").write_text(
        "labels:\n  n_obstacles:\n    one: '{count} препятствие'\n    other: '{count}'\n"
    )
    with pytest.raises(InputError) as caught:
        catalogue_for("ru", (tmp_path,), _unknown)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'i18n' / 'ru.yaml'}:2:3: labels.n_obstacles: ru_RU needs the plural forms "
        "few, many too"
    ]


def test_no_catalogue_is_the_callers_located_problem() -> None:
    with pytest.raises(InputError) as caught:
        catalogue_for("xx", (), _unknown)
    assert str(caught.value).startswith("brief.yaml:3:13: meta.language: no label catalogue")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("labels: &a {notes: x}\nmore: *a\n", ":1:9: labels: anchors (&a) are not allowed"),
        ("labels:\n  notes: a\n  notes: b\n", ":3:3: labels.notes: duplicate key"),
        ("- notes\n", ":1:1: a label catalogue is a mapping"),
        ("labels:\n  notes: !!python/object:os.system x\n", ":2:10: labels.notes: tags ("),
        ("labels:\n  notes: '\u202eNotes'\n", "labels.notes: bidirectional control"),
    ],
)
def test_a_hostile_user_catalogue_is_refused_where_it_is_wrong(
    tmp_path: Path, text: str, expected: str
) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "ru.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        catalogue_for("ru", (tmp_path,), _unknown)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "i18n" / "ru.yaml"))
