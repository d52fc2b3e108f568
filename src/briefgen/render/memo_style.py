"""The style a memo is exported in: its audience's, with the running header, footer and
marking and the letterhead's words in the memo's language.

Render writes a built-in audience's running texts into the Document as labels of the memo's
language, and the letterhead's words as the house style's variant for it; every exporter,
the build and the layout check take the style from here, so the PDF that is checked is the
PDF that is written.
"""

from __future__ import annotations

from briefgen.audience.profiles import Audience
from briefgen.audience.style import Style
from briefgen.document.tree import Document


def memo_style(document: Document, audience: Audience) -> Style:
    """``audience``'s style with the running header, footer and marking and the letterhead's
    words in the memo's language, as render wrote them into ``document`` (an audience's
    running texts are labels; the letterhead may be the house style's variant)."""
    style = audience.config.style
    meta = document.meta
    running = (("header", meta.header), ("footer", meta.footer), ("marking", meta.marking or None))
    update: dict[str, object] = {key: text for key, text in running if text is not None}
    if meta.letterhead is not None:
        organisation, lines = meta.letterhead
        words = {"organisation": organisation, "lines": list(lines)}
        update["letterhead"] = style.letterhead.model_copy(update=words)
    return style.model_copy(update=update) if update else style
