"""A line cut into pieces of one family and direction, in drawing order."""

from __future__ import annotations

from briefgen.fonts.line_pieces import line_pieces
from briefgen.fonts.shaping import measure, shape


def test_pieces_come_in_drawing_order() -> None:
    pieces = line_pieces("The Jordan (הירדן) and שלום עולם", "serif", rtl=False)
    texts = [(piece.text, piece.family, piece.rtl) for piece in pieces]
    assert texts == [
        ("The Jordan (", "serif", False),
        ("הירדן", "serif-hebrew", True),
        (") and ", "serif", False),
        ("שלום עולם", "serif-hebrew", True),
    ]
    right_to_left = line_pieces("النيل CRS 1997", "sans", rtl=True)
    assert [(piece.text, piece.rtl) for piece in right_to_left] == [
        ("CRS 1997", False),
        ("النيل ", True),
    ]


def test_measure_is_the_advance_sum_for_latin_and_shaped_elsewhere() -> None:
    assert measure("Bakı", "serif", "regular", 10) > 0
    shaped = shape("النيل", "serif-arabic", "regular", True)[1] * 10
    assert measure("النيل", "serif", "regular", 10) == shaped


def test_a_citation_and_a_date_in_arabic_keep_their_order() -> None:
    """Drawn left to right: the item number is read first (rightmost), the citation is one
    left-to-right unit, and a date after Arabic punctuation is not turned round."""
    pieces = line_pieces("1: R48903 ¶5, ¶6", "serif", rtl=True)
    assert "".join(piece.text for piece in pieces) == "R48903 ¶5, ¶6: 1"
    dated = line_pieces("في؛ 2026-03-17 R48903", "serif", rtl=True)
    *date, arabic = dated  # the right-to-left piece holds its text in logical order
    assert "".join(piece.text for piece in date) == "2026-03-17 R48903"
    assert not any(piece.rtl for piece in date)
    assert (arabic.text, arabic.rtl) == ("في؛ ", True)
