"""The timeline graphic as inline SVG (the HTML memo's): well-formed, flipped, accessible."""

from __future__ import annotations

from xml.etree import ElementTree

from briefgen.audience.style import Style
from briefgen.export.timeline.layout import for_style
from briefgen.export.timeline.svg import svg

SVG = "{http://www.w3.org/2000/svg}"
EVENTS = [("1994", "First war <won> & lost"), ("2020", "Second war"), ("2020", "Ceasefire; truce")]


def _parsed(style: Style) -> tuple[ElementTree.Element, float]:
    geometry = for_style(EVENTS, 400, style)
    return ElementTree.fromstring(
        svg(geometry, style, '"DejaVu Sans", sans-serif')
    ), geometry.height


def test_svg_draws_every_label_as_text_within_its_box() -> None:
    root, height = _parsed(Style())
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "First war <won> & lost" in texts and texts.count("2020") == 1  # one box a date
    assert "• Second war" in texts and "• Ceasefire; truce" in texts
    assert root.get("viewBox") == f"0 0 400 {height:.2f}".rstrip("0").rstrip(".")
    for text in root.iter(f"{SVG}text"):
        assert 0 <= float(text.get("y")) <= height  # y flipped into the box
        assert text.get("text-anchor") in (None, "start")  # every label flush left
    assert len(list(root.iter(f"{SVG}circle"))) == 2  # one tick per date
    assert root.get("font-family") == '"DejaVu Sans", sans-serif'


def test_svg_is_named_for_screen_readers_and_uses_the_style_colours() -> None:
    root, _ = _parsed(Style.model_validate({"colours": {"primary": "#123456"}}))
    assert root.get("role") == "img"
    label = root.get("aria-label")
    assert label == root.find(f"{SVG}title").text
    assert label == "1994 First war <won> & lost. 2020 Second war. Ceasefire; truce"
    assert root.find(f"{SVG}line").get("stroke") == "#123456"  # the axis


def test_svg_is_reproducible() -> None:
    geometry = for_style(EVENTS, 400, Style())
    assert svg(geometry, Style(), "serif") == svg(geometry, Style(), "serif")
