"""A recommendation's voice (recommends, reports, observes) and the brief's as-of date."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_load import MINIMAL, errors_of, write

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.brief.model import voice_of
from briefgen.i18n.builtin import english
from briefgen.render.view import build_view
from conftest import ESSAY_BRIEF

PARTY = MINIMAL.replace(
    "    kind: state\n",
    "    kind: state\n  - id: azerbaijan\n    name: Azerbaijan\n    kind: state\n",
)


def with_rec_fields(fields: str) -> str:
    """The brief with ``fields`` (YAML lines) added to its one recommendation."""
    return PARTY.replace("    priority: high\n", fields + "    priority: high\n")


def at_voice(text: str) -> str:
    """``b.yaml:LINE:12``: where the value of ``text``'s ``voice:`` key starts."""
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("    voice:"))
    return f"b.yaml:{line}:12"


def test_an_old_brief_without_voice_loads_and_its_voice_follows_proposed_by(
    tmp_path: Path,
) -> None:
    plain = load_brief(write(tmp_path, PARTY)).recommendations[0]
    assert plain.voice is None and voice_of(plain, {"report"}) == "recommends"
    by_source = load_brief(write(tmp_path, with_rec_fields("    proposed_by: report\n")))
    assert voice_of(by_source.recommendations[0], {"report"}) == "recommends"
    by_party = load_brief(write(tmp_path, with_rec_fields("    proposed_by: azerbaijan\n")))
    assert voice_of(by_party.recommendations[0], {"report"}) == "reports"


@pytest.mark.parametrize("voice", ["recommends", "reports", "observes"])
def test_a_written_voice_is_kept(tmp_path: Path, voice: str) -> None:
    by = "    proposed_by: azerbaijan\n" if voice == "reports" else ""
    brief = load_brief(write(tmp_path, with_rec_fields(f"    voice: {voice}\n{by}")))
    assert voice_of(brief.recommendations[0], {"report"}) == voice


def test_reports_needs_the_party_that_proposes(tmp_path: Path) -> None:
    message = (
        "recommendations[0].voice: voice: reports needs `proposed_by:` naming the actor whose "
        "proposal the source reports"
    )
    for fields in ("    voice: reports\n", "    voice: reports\n    proposed_by: report\n"):
        text = with_rec_fields(fields)
        assert errors_of(tmp_path, text) == [f"{at_voice(text)}: {message}"]


@pytest.mark.parametrize("voice", ["recommends", "observes"])
def test_a_partys_proposal_is_not_the_sources_advice_or_observation(
    tmp_path: Path, voice: str
) -> None:
    text = with_rec_fields(f"    voice: {voice}\n    proposed_by: azerbaijan\n")
    assert errors_of(tmp_path, text) == [
        f"{at_voice(text)}: recommendations[0].voice: proposed_by names the party "
        "'azerbaijan': "
        "write `voice: reports` (the source reports the party's proposal), or drop proposed_by"
    ]


def test_an_unknown_voice_is_refused_with_the_choices(tmp_path: Path) -> None:
    text = with_rec_fields("    voice: suggests\n")
    [error] = errors_of(tmp_path, text)
    assert error.startswith(f"{at_voice(text)}: recommendations[0].voice: ")
    assert "'recommends', 'reports' or 'observes'" in error


@pytest.mark.parametrize(
    ("as_of", "shown"),
    [("2024", "2024"), ("2024-03", "March 2024"), ("2024-03-05", "5 March 2024")],
)
def test_as_of_is_as_precise_as_written(tmp_path: Path, as_of: str, shown: str) -> None:
    text = MINIMAL.replace("  organisation: Unit\n", f'  organisation: Unit\n  as_of: "{as_of}"\n')
    brief = load_brief(write(tmp_path, text))
    assert brief.meta.as_of == as_of
    view = build_view(brief, resolve("executive", search_path(None)).config, english())
    assert view["meta"]["as_of"] == shown


def test_as_of_must_be_a_calendar_date(tmp_path: Path) -> None:
    text = MINIMAL.replace("  organisation: Unit\n", '  organisation: Unit\n  as_of: "2024-13"\n')
    [error] = errors_of(tmp_path, text)
    assert error.startswith("b.yaml:6:10: meta.as_of: ")


def test_the_worked_example_is_as_of_2024_and_reports_azerbaijans_proposals() -> None:
    brief = load_brief(ESSAY_BRIEF)
    assert brief.meta.as_of == "2024"
    voices = {r.id: voice_of(r, {"essay"}) for r in brief.recommendations}
    assert {rid for rid, v in voices.items() if v == "reports"} == {
        "framework-agreement",
        "delineate-de-facto-borders",
        "amend-constitution-preamble",
    }
    assert "observes" not in voices.values()  # observations live in obstacles and judgments
    view = build_view(brief, resolve("negotiator", search_path(None)).config, english())
    assert {r["voice"] for r in view["recommendations"]} == {"recommends", "reports"}
    assert view["meta"]["as_of"] == "2024"
