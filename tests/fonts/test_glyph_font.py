"""Glyphs that carry their text: codes for shaped glyphs and the ToUnicode map."""

from __future__ import annotations

from briefgen.fonts.bundled import face_font
from briefgen.fonts.glyph_font import _to_unicode
from briefgen.fonts.shaping import shape


def test_a_glyph_of_its_own_character_keeps_the_character() -> None:
    font = face_font("serif", "regular")
    glyph = font.face.charToGlyph[ord("a")]
    assert font.code_for(glyph, "a", 600) == "a"


def test_a_shaped_glyph_gets_a_private_code_that_stands_for_its_text() -> None:
    font = face_font("serif-arabic", "regular")
    glyphs, _ = shape("اً", "serif-arabic", "regular", True)  # alef and its mark: one cluster
    widest = max(glyphs, key=lambda glyph: glyph.advance)
    code = ord(widest.code)
    assert code >= 0xF0000 and font._texts[code] == "\u064b\u0627"  # drawing order
    assert all(font._texts[ord(g.code)] == "" for g in glyphs if g is not widest)
    cmap = _to_unicode("AAAAAA+Naskh", [0, code], font._texts)
    assert "<01> <064B0627>" in cmap  # mark, alef: poppler reverses it back to alef, mark


def test_the_same_glyph_for_other_text_gets_another_code() -> None:
    font = face_font("serif", "regular")
    glyph = font.face.charToGlyph[ord("f")]
    one, other = font.code_for(glyph, "x", 600), font.code_for(glyph, "y", 600)
    assert one != other and font.code_for(glyph, "x", 600) == one
