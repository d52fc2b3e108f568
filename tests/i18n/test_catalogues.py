"""The built-in catalogues: every one has exactly en.yaml's keys, valid texts and the plural
forms its locale needs; the built-in audiences' own texts are en.yaml's labels."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.audience.profiles import BUILTIN_ROOT
from briefgen.brief.located_yaml import read_yaml
from briefgen.fonts import bundled as fonts
from briefgen.i18n import builtin
from briefgen.i18n.checks import file_problems, label_problems
from conftest import REPO

LANGUAGES = ("en", "fr", "es", "ru", "ar", "hy", "az")


def test_the_seven_languages_ship() -> None:
    assert set(builtin.names()) == set(LANGUAGES)


@pytest.mark.parametrize("name", LANGUAGES)
def test_a_catalogue_has_exactly_the_keys_of_en(name: str) -> None:
    labels = builtin.raw(name)["labels"]
    reference = builtin.reference_labels()
    assert sorted(set(reference) - set(labels)) == [], "missing"
    assert sorted(set(labels) - set(reference)) == [], "not in en.yaml"


@pytest.mark.parametrize("name", LANGUAGES)
def test_a_catalogue_reads_cleanly_with_every_plural_form_its_locale_needs(name: str) -> None:
    path = builtin.FOLDER / f"{name}.yaml"
    doc = read_yaml(path.read_bytes(), str(path))  # duplicate keys, YAML 1.1 traps: refused
    assert doc.problems == []
    catalogue = builtin.builtin(name)
    assert catalogue is not None
    assert file_problems(doc.data, whole=True) == []
    assert label_problems(doc.data["labels"], catalogue.locale, builtin.reference_labels()) == []


@pytest.mark.parametrize("name", [n for n in LANGUAGES if n != "ar"])
def test_the_bundled_fonts_draw_every_label(name: str) -> None:
    # Arabic waits for the script fallback of the fonts (another branch): DejaVu's Arabic is
    # in the upright sans faces only.
    labels = builtin.raw(name)["labels"]
    texts = [t for label in labels.values() for t in ([label] if isinstance(label, str)
             else label.values())]  # fmt: skip
    assert fonts.missing_characters("".join(texts), fonts.FAMILY_KEYS) == []


@pytest.mark.parametrize("audience", ["executive", "negotiator", "donor", "public"])
def test_a_built_in_audiences_texts_are_the_english_labels(audience: str) -> None:
    data = yaml.safe_load(Path(BUILTIN_ROOT / audience / "audience.yaml").read_text("utf-8"))
    english = builtin.english()
    assert english.text(f"{audience}_to") == data["memo"]["to"]
    assert english.text(f"{audience}_header") == data["style"]["header"]
    assert english.text(f"{audience}_footer") == data["style"]["footer"]
    assert english.text(f"{audience}_description") == data["description"]


def test_english_formats_dates_the_british_way_briefgen_always_has() -> None:
    assert builtin.english().locale.territory == "GB"


def test_the_docs_list_every_key() -> None:
    docs = (REPO / "docs" / "audiences.md").read_text(encoding="utf-8")
    assert [key for key in builtin.reference_labels() if f"`{key}`" not in docs] == []
