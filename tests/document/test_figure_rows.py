"""The key-figures grid's shared rules: the size its values are set at."""

from __future__ import annotations

from briefgen.document.figure_rows import value_size
from briefgen.fonts.shaping import measure


def test_values_shrink_together_to_fit_their_cells_but_not_under_the_body_size() -> None:
    values = ["about 130", "up to $100 billion"]
    wide = measure("up to $100 billion", "sans", "bold", 1.0)
    assert value_size(values, "sans", room=wide * 30, natural=19.0, smallest=9.5) == 19.0
    fitted = value_size(values, "sans", room=wide * 14, natural=19.0, smallest=9.5)
    assert fitted < 14 and fitted * 2 == int(fitted * 2)  # fits, in half-points
    assert measure("up to $100 billion", "sans", "bold", fitted) <= wide * 14
    # A value too long for its cell even at the body size wraps at the body size.
    assert value_size(values, "sans", room=wide * 5, natural=19.0, smallest=9.5) == 9.5
