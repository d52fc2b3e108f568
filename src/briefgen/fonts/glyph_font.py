"""A reportlab TrueType font that can set any glyph of its file, and tells a PDF reader
which text each glyph stands for.

reportlab draws text by character: the PDF subset maps a character code to a glyph and its
ToUnicode map sends the code back to the character. Shaped text is glyphs, not characters:
an Arabic letter's medial form, a lam-alef ligature, a Devanagari conjunct have no character
of their own. :meth:`GlyphFont.code_for` gives each (glyph, text) pair a code of its own in a
private-use range and records the text it stands for; :meth:`GlyphFont.addObjects` writes
that text into the ToUnicode map, so copying from the PDF, searching it and ``pdftotext``
give the words as written, in logical order, not presentation forms or private codes.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

#: Private codes start here (above the Private Use Area's start, which fonts sometimes use).
_FIRST_PRIVATE = 0xF0000


class GlyphFont(TTFont):
    """A TrueType font whose glyphs can be set directly (see the module notes)."""

    def __init__(self, name: str, filename: str) -> None:
        """Read ``filename`` as reportlab's TTFont does, under the PDF name ``name``."""
        super().__init__(name, filename)
        self._codes: dict[tuple[int, str], int] = {}
        self._texts: dict[int, str] = {}

    def code_for(self, glyph: int, text: str, advance: float) -> str:
        """The character that draws ``glyph`` and stands for ``text`` (what the glyph shows:
        a letter, a ligature's letters, or "" for a mark drawn with its base); ``advance`` is
        the glyph's width in thousandths of the em, for the PDF's width table."""
        face = self.face
        if len(text) == 1 and face.charToGlyph.get(ord(text)) == glyph:
            return text  # the character itself: the common case, no private code
        code = self._codes.get((glyph, text))
        if code is None:
            code = _FIRST_PRIVATE + len(self._codes)
            self._codes[(glyph, text)] = code
            self._texts[code] = text
            face.charToGlyph[code] = glyph
            face.charWidths[code] = advance
        return chr(code)

    def addObjects(self, doc: Any) -> None:
        """Add the font's subsets to ``doc`` as TTFont does, then point each private code's
        ToUnicode entry at the text it stands for."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)  # (which forgets the document's state)
        if not self._texts:
            return
        for n, subset in enumerate(subsets):
            if not any(code in self._texts for code in subset):
                continue
            base = (SUBSETN(n) + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base]
            stream.content = _to_unicode(base, subset, self._texts)


def _to_unicode(name: str, subset: list[int], texts: dict[int, str]) -> str:
    """A ToUnicode CMap for ``subset`` (reportlab's, with text for the private codes)."""
    entries = []
    for index, code in enumerate(subset):
        # A glyph drawn for text another glyph already stands for (a mark, one of a
        # syllable's parts) maps to no text: an empty target.
        text = texts.get(code, chr(code))
        target = "".join(f"{unit:04X}" for unit in _utf16(text))
        entries.append(f"<{index:02X}> <{target}>")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({name})",
            f"/Ordering ({name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(entries)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _utf16(text: str) -> list[int]:
    """UTF-16 code units of ``text`` (ToUnicode targets are UTF-16BE)."""
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
