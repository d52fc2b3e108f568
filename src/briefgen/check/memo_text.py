"""A rendered memo's text as the memo checks read it, and brief text as a memo shows it."""

from __future__ import annotations

import html
import re

from briefgen.check.source_text import normalise
from briefgen.document import tree as d
from briefgen.render.view import markdown

_FOOTNOTE_MARK = re.compile(r"\[\d+\]")
_TAG = re.compile(r"<[^>]+>")


def plain_of(text: str) -> str:
    """Brief text (inline Markdown) as a memo shows it: markup dropped, normalised."""
    return normalise(html.unescape(_TAG.sub("", str(markdown(text)))))


def memo_lines(document: d.Document) -> list[str]:
    """The memo's text, a block (or a footnote) a line: the Document's own text dump."""
    return [_FOOTNOTE_MARK.sub("", line) for line in d.dump_text(document).split("\n")]
