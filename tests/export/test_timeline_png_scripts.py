"""Timeline PNG labels in a fallback script: runs in their visual order, drawn shaped."""

from __future__ import annotations

from PIL import Image, ImageDraw

from briefgen.export.timeline.png_scripts import _visual_order, draw_line
from briefgen.fonts.runs import font_runs


def _order(text: str) -> list[str]:
    return [run.text.strip() for run in _visual_order(font_runs(text, "sans"), text)]


def test_a_right_to_left_word_in_a_left_to_right_line_keeps_its_place() -> None:
    assert _order("Dam (سد النهضة) begun") == ["Dam (", "سد النهضة", ") begun"]


def test_consecutive_right_to_left_runs_are_reversed() -> None:
    # Hebrew then Arabic, read from the right: the Arabic stands to the left.
    assert _order("ירושלים النيل") == ["النيل", "ירושלים"]


def test_a_line_that_starts_right_to_left_puts_its_first_run_on_the_right() -> None:
    assert _order("مصر and Egypt") == ["and Egypt", "مصر"]
    # A run of neutrals between two right-to-left runs goes with them.
    assert _order("ירושלים (1) النيل") == ["النيل", "(1)", "ירושלים"]


def test_a_script_line_is_drawn() -> None:
    image = Image.new("RGB", (400, 60), "white")
    draw = ImageDraw.Draw(image)
    draw_line(draw, "بدء بناء السد ዓባይ गंगा", "sans", False, (200, 40), "centre", 20, "#000000")
    box = image.convert("L").point(lambda v: 255 - v).getbbox()
    assert box is not None and box[0] < 200 < box[2]  # ink on both sides of the centre
