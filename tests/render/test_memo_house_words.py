"""Render puts the house style's words in the memo's language: the letterhead (in the
Document, so every exporter's style has it) and the From line take the variant of the brief's
meta.language, while an audience's own letterhead words and sender keep precedence."""

from __future__ import annotations

from pathlib import Path

from briefgen.audience.profiles import Audience, resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.render.assemble import render_here
from briefgen.render.memo_style import memo_style
from conftest import REPO
from edits import edited

RUSSIAN = REPO / "briefs" / "hormuz-shipping-ru.yaml"
HOUSE = """\
letterhead:
  organisation: Unit
  lines: [Street 1]
sender: Desk
languages:
  ru:
    letterhead: {organisation: Отдел, lines: [Улица 1]}
    sender: Кабинет
  ru-BY:
    sender: Кабинет в Минске
  ar:
    sender: مكتب
"""


def _memo(brief: Path, audience: Audience) -> tuple[d.Document, str]:
    """The memo's Document and the From line of its header."""
    document = render_here(load_brief(brief), audience).document
    fields = next(b for b in document.blocks if isinstance(b, d.FieldList)).fields
    return document, d.plain_text(fields[1].value)


def _templates(tmp_path: Path, house: str = HOUSE) -> Path:
    (tmp_path / "house-style.yaml").write_text(house, encoding="utf-8")
    return tmp_path


def _russian(tmp_path: Path, tag: str) -> Path:
    return edited(RUSSIAN, tmp_path / f"brief-{tag}.yaml", ("language: ru", f"language: {tag}"))


def test_the_example_russian_memo_has_the_russian_letterhead_and_sender() -> None:
    audience = resolve("executive", search_path(REPO / "templates"))
    document, sender = _memo(RUSSIAN, audience)
    lines = ("Отдел анализа политики · учебные примеры, не публикации организации",)
    assert document.meta.letterhead == ("briefgen · примеры записок", lines)
    assert sender == "Отдел анализа политики"
    style = memo_style(document, audience)  # what every exporter is given
    assert style.letterhead.organisation == "briefgen · примеры записок"
    assert tuple(style.letterhead.lines) == lines
    assert style.letterhead.logo == str(REPO / "templates" / "logo.png")  # shared
    assert audience.config.style.letterhead.organisation == "briefgen · example briefs"


def test_the_exact_tag_then_its_primary_subtag(tmp_path: Path) -> None:
    audience = resolve("executive", search_path(_templates(tmp_path)))
    document, sender = _memo(_russian(tmp_path, "ru-BY"), audience)
    assert sender == "Кабинет в Минске"
    assert document.meta.letterhead == ("Unit", ("Street 1",))  # ru-BY sets only the sender
    document, sender = _memo(_russian(tmp_path, "ru-RU"), audience)
    assert (document.meta.letterhead, sender) == (("Отдел", ("Улица 1",)), "Кабинет")


def test_a_language_without_a_variant_keeps_the_house_words(tmp_path: Path) -> None:
    house = "letterhead: {organisation: Unit}\nsender: Desk\nlanguages:\n  ar: {sender: مكتب}\n"
    audience = resolve("executive", search_path(_templates(tmp_path, house)))
    document, sender = _memo(RUSSIAN, audience)
    assert (document.meta.letterhead, sender) == (("Unit", ()), "Desk")


def test_an_audience_keeps_its_own_letterhead_words_and_sender(tmp_path: Path) -> None:
    _templates(tmp_path)
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "audience.yaml").write_text(
        "name: own\nextends: executive\nmemo: {to: X, from: Own desk}\n"
        "style:\n  letterhead: {organisation: Own unit}\n",
        encoding="utf-8",
    )
    own = resolve("own", search_path(tmp_path))
    document, sender = _memo(RUSSIAN, own)
    assert sender == "Own desk"  # audience > house, in every language
    assert document.meta.letterhead == ("Own unit", ("Улица 1",))  # the lines are the house's


def test_an_audiences_marking_is_exported_in_the_memos_language() -> None:
    """The legislative example's marking is a label: its Russian memo is marked in Russian,
    in the style every exporter is given, not only in the Document."""
    audience = resolve("legislative", search_path(REPO / "templates"))
    assert audience.config.style.marking == "FOR COMMITTEE USE"
    document, _ = _memo(RUSSIAN, audience)
    marking = "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ КОМИТЕТА"
    assert document.meta.marking == memo_style(document, audience).marking == marking
