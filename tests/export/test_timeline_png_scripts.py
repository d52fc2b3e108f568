"""Timeline PNG labels in a fallback script: pieces in their visual order, drawn shaped."""

from __future__ import annotations

import io

from PIL import Image

from briefgen.audience.style import Style
from briefgen.export.timeline import png
from briefgen.export.timeline.layout import for_style
from briefgen.fonts.line_pieces import line_pieces
from briefgen.fonts.scripts import first_strong_direction


def _order(text: str) -> list[str]:
    rtl = first_strong_direction(text) == "rtl"
    return [piece.text.strip() for piece in line_pieces(text, "sans", rtl)]


def test_a_right_to_left_word_in_a_left_to_right_line_keeps_its_place() -> None:
    assert _order("Dam (سد النهضة) begun") == ["Dam (", "سد النهضة", ") begun"]


def test_consecutive_right_to_left_runs_are_reversed() -> None:
    # Hebrew then Arabic, read from the right: the Arabic stands to the left.
    assert [p for p in _order("ירושלים النيل") if p] == ["النيل", "ירושלים"]


def test_a_line_that_starts_right_to_left_puts_its_first_run_on_the_right() -> None:
    assert [p for p in _order("مصر and Egypt") if p] == ["and Egypt", "مصر"]
    # Neutrals between two right-to-left runs go with them (the brackets drawn mirrored).
    assert _order("ירושלים (1) النيل") == ["النيل", ")", "1", "(", "ירושלים"]


def test_a_script_line_is_drawn_with_ink_where_the_layout_puts_it() -> None:
    geometry = for_style([("2020-01-01", "بدء بناء السد ዓባይ गंगा")], 400, Style())
    picture = Image.open(io.BytesIO(png.render(geometry, Style())))
    box = picture.convert("L").point(lambda v: 255 - v).getbbox()
    assert box is not None and box[2] - box[0] > 50
