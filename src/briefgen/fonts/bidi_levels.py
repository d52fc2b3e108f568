"""The Unicode bidirectional algorithm's two halves that a line layout needs: the embedding
level of every character of a paragraph (rules P to I, python-bidi's implementation) and the
visual order of a line's pieces (rule L2).

Levels are resolved once per paragraph, in logical order, before lines are broken; each line
is then reordered on its own, as UAX #9 prescribes. Mirroring (rule L4) is left to the
shaper: HarfBuzz mirrors brackets in a right-to-left run.

The stretches :mod:`.direction_stretches` finds are isolated as an LRI or RLI ... PDI pair
would isolate them. python-bidi's Python algorithm predates isolates (Unicode 6.3), so they
are resolved here as the standard has it: the paragraph is resolved with each stretch
standing as neutrals (an isolate counts as one neutral, rule X10/BD13), and each stretch on
its own, in its own direction, at the isolate's level (one above the paragraph's). The
invisible isolate characters themselves are not drawn, so nothing of the paragraph's level
stands between a stretch and a number touching it; the stretch finder therefore takes such
digits into the stretch.
"""

from __future__ import annotations

from bidi import algorithm

from briefgen.fonts.direction_stretches import isolated_stretches

_NEUTRAL = "\ufffc"  # OBJECT REPLACEMENT CHARACTER, bidi class ON: a stretch to the paragraph


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of ``text``, a paragraph whose base
    direction is right to left when ``rtl`` (even levels run left to right, odd ones right
    to left), each stretch :func:`isolated_stretches` finds isolated."""
    stretches = isolated_stretches(text, rtl)
    if not stretches:
        return _levels(text, rtl)
    outer = list(text)
    for start, end in stretches:
        outer[start:end] = _NEUTRAL * (end - start)
    levels = _levels("".join(outer), rtl)
    # An isolate's level: the least level above the paragraph's of the stretch's direction
    # (2 for left to right in a right-to-left paragraph, 1 the other way round).
    shift = 2 if rtl else 0
    for start, end in stretches:
        levels[start:end] = [level + shift for level in _levels(text[start:end], not rtl)]
    return levels


def _levels(text: str, rtl: bool) -> list[int]:
    """python-bidi's levels of ``text`` as one paragraph (no isolates)."""
    if not text:
        return []
    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    resolved, previous = [], storage["base_level"]
    for level in levels:  # a character rule X9 removed (a joiner) takes its neighbour's level
        previous = previous if level is None else level
        resolved.append(previous)
    return resolved


def visual_order(levels: list[int]) -> list[int]:
    """Indices of a line's pieces in the order they are drawn, left to right, given each
    piece's level (rule L2: from the highest level down to the lowest odd one, reverse every
    run of pieces at that level or above)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(highest, min(odd) - 1, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and levels[order[position]] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    return order
