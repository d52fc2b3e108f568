"""The template context: the timeline graphic's events (view.py decides whether it is drawn)."""

from __future__ import annotations

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.brief.model import Brief, TimelineEvent
from briefgen.i18n.builtin import english
from briefgen.render.view import CHART_EVENTS, build_view
from conftest import ESSAY_BRIEF, REPO


@pytest.fixture(scope="module")
def brief() -> Brief:
    return load_brief(ESSAY_BRIEF)


def _chart(brief: Brief, timeline: list[TimelineEvent]) -> list[dict[str, str]]:
    context = brief.context.model_copy(update={"timeline": timeline})
    edited = brief.model_copy(update={"context": context})
    config = resolve("public", search_path(None)).config
    return build_view(edited, config, english())["timeline_chart"]


def test_every_event_with_its_short_label_in_date_order(brief: Brief) -> None:
    events = list(reversed(brief.context.timeline))
    chart = _chart(brief, events)
    assert [e["date"] for e in chart] == sorted(e.date for e in events)
    assert {e["short"] for e in chart} == {e.short for e in events}
    assert chart[0] == {"date": "1915", "short": "Events of 1915: the genocide narrative"}


def test_no_graphic_when_an_event_lacks_a_short_label(brief: Brief) -> None:
    events = list(brief.context.timeline)
    events[3] = events[3].model_copy(update={"short": None})
    assert _chart(brief, events) == []


def test_no_graphic_for_more_events_than_fit(brief: Brief) -> None:
    many = [brief.context.timeline[0]] * (CHART_EVENTS + 1)
    assert _chart(brief, many) == []
    assert len(_chart(brief, many[:CHART_EVENTS])) == CHART_EVENTS


def test_the_information_date_is_the_briefs_or_else_its_latest_sources() -> None:
    from briefgen.render.view import information_date

    brief = load_brief(REPO / "briefs" / "strait-of-hormuz.yaml")
    assert brief.meta.as_of is None and brief.meta.date == "2026-12-03"
    assert information_date(brief) == "2026-04-10"  # the CRS Insight, the latest source
    assert information_date(load_brief(ESSAY_BRIEF)) == "2024"  # meta.as_of
    recent = brief.model_copy(update={"meta": brief.meta.model_copy(update={"date": "2026-04-10"})})
    assert information_date(recent) is None  # sources as new as the memo: nothing to say
