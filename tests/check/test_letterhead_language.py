"""T005: a memo in a language the house style has letterhead words or a sender in, but no
variant for; located at the house style's letterhead (else sender)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.audience.profiles import resolve, resolve_many, search_path
from briefgen.brief.load import load_brief
from briefgen.check.house_language import house_language_findings
from briefgen.cli import main
from conftest import REPO


def _templates(tmp_path: Path, house: str) -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "house-style.yaml").write_text(house, encoding="utf-8")
    return tmp_path


HOUSE = "palette: {muted: '#505866'}\nletterhead:\n  organisation: Unit\nsender: Desk\n"


def test_a_memo_in_another_language_without_a_variant_is_reported(tmp_path: Path) -> None:
    path = search_path(_templates(tmp_path, HOUSE))
    audiences = [resolve(name, path) for name in ("donor", "executive")]
    findings = house_language_findings(audiences, "ar-EG")
    assert [str(f) for f in findings] == [
        f"{tmp_path / 'house-style.yaml'}:2:1: T005 warning: the letterhead and sender are in "
        "en but this memo is in ar-EG; add `languages: ar:` to the house style with the "
        "letterhead's words and the sender in ar (audiences donor, executive)"
    ]
    assert findings[0].path == "letterhead" and findings[0].severity == "warning"


@pytest.mark.parametrize(
    "house",
    [
        HOUSE,  # an English memo, in another region's English
        HOUSE + "languages:\n  de: {sender: Referat}\n",  # a variant for German
        "palette: {muted: '#505866'}\n",  # no words: the memo's header is the brief's own
        "language: de-AT\nsender: Referat\n",  # the house style's own language
    ],
)
def test_no_finding_when_the_memo_has_the_words_in_its_language(tmp_path: Path, house: str) -> None:
    audiences = resolve_many("all", search_path(_templates(tmp_path, house)))
    language = "en-GB" if house == HOUSE else "de"
    assert house_language_findings(audiences, language) == []


def test_only_the_words_an_audience_takes_from_the_house_count(tmp_path: Path) -> None:
    _templates(tmp_path, HOUSE)
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "audience.yaml").write_text(
        "name: own\nextends: donor\nmemo: {to: X, from: Own desk}\n"
        "style:\n  letterhead: {organisation: Own unit}\n",
        encoding="utf-8",
    )
    (tmp_path / "signed").mkdir()
    (tmp_path / "signed" / "audience.yaml").write_text(
        "name: signed\nextends: donor\nmemo: {to: X, from: Own desk}\n", encoding="utf-8"
    )
    path = search_path(tmp_path)
    assert house_language_findings([resolve("own", path)], "fr") == []
    (finding,) = house_language_findings([resolve("signed", path)], "fr")
    assert finding.message.startswith("the letterhead is in en but this memo is in fr;")
    only_sender = _templates(tmp_path / "s", "sender: Desk\n")
    (finding,) = house_language_findings([resolve("donor", search_path(only_sender))], "fr")
    assert (finding.line, finding.path) == (1, "sender")
    assert finding.message.startswith("the sender is in en but this memo is in fr;")


def test_a_variant_for_a_region_does_not_answer_the_language(tmp_path: Path) -> None:
    path = search_path(_templates(tmp_path, HOUSE + "languages:\n  ar-EG: {sender: مكتب}\n"))
    assert house_language_findings([resolve("donor", path)], "ar-EG") == []
    assert len(house_language_findings([resolve("donor", path)], "ar")) == 1


def test_check_reports_t005_for_a_brief_in_another_language(tmp_path: Path) -> None:
    templates = _templates(tmp_path / "t", HOUSE)
    brief = REPO / "briefs" / "hormuz-shipping-ru.yaml"
    args = ["check", str(brief), "--templates", str(templates), "-a", "executive", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert '"code": "T005"' in result.output and "this memo is in ru" in result.output


@pytest.mark.parametrize("name", sorted(p.stem for p in (REPO / "briefs").glob("*.yaml")))
def test_the_example_house_style_speaks_every_example_briefs_language(name: str) -> None:
    language = load_brief(REPO / "briefs" / f"{name}.yaml").meta.language
    audiences = resolve_many("all", search_path(REPO / "templates"))
    assert house_language_findings(audiences, language) == []
