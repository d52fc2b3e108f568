"""reportlab paragraph fragments from briefgen's paragraph markup, without HTMLParser.

reportlab turns a paragraph's XML into styled fragments with ``ParaParser``, an
``html.parser.HTMLParser``: tokenising in pure Python took a third of a long memo's PDF time.
The markup the PDF exporter writes uses a handful of tags (``b``, ``i``, ``super``, ``a``,
``br``) with double-quoted attributes and escaped text, so one regular expression tokenises it.
The tokens then drive the very same ``ParaParser`` through the calls HTMLParser would make
(``handle_starttag``, ``handle_data``, ``handle_entityref``, ...), after reportlab's own
whitespace cleaning: the fragments, and so the PDF, are exactly reportlab's. Markup outside that
form (a stray ``<`` or ``&``) returns None, and the caller lets reportlab parse it.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

# A start, end or self-closing tag with double-quoted attributes; an entity or character
# reference; or a stray "<" or "&", which this tokeniser leaves to reportlab.
_TOKEN = re.compile(
    r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_][-a-zA-Z0-9_]*="[^"<]*")*)\s*(/?)>'
    r"|&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"
    r"|[<&]"
)
_ATTRIBUTE = re.compile(r'([a-zA-Z_][-a-zA-Z0-9_]*)="([^"]*)"')


def fragments(markup: str, style: Any) -> list[Any] | None:
    """The fragments reportlab's parser makes of ``markup`` in paragraph ``style``, or None
    when the markup is not in the form this tokeniser reads (or reportlab rejects it)."""
    text = cleanBlockQuotedText(markup)  # as Paragraph does before parsing
    try:
        parser = ParaParser()
        parser.caseSensitive = 1  # Paragraph's default
        parser._setup_for_parse(style)
        parser.handle_starttag("para", [])  # reportlab wraps the text in <para>
        position = 0
        for token in _TOKEN.finditer(text):
            if token.start() > position:
                parser.handle_data(text[position : token.start()])
            position = token.end()
            closing, tag, attributes, self_closing, reference = token.groups()
            if reference is not None:
                if reference[0] == "#":
                    parser.handle_charref(reference[1:])
                else:
                    parser.handle_entityref(reference)
            elif tag is None:
                return None  # a stray "<" or "&": HTMLParser's rules, not ours
            elif closing:
                parser.handle_endtag(tag.lower())
            else:
                pairs = [(name.lower(), unescape(value) if "&" in value else value)
                         for name, value in _ATTRIBUTE.findall(attributes)]  # fmt: skip
                if self_closing:
                    parser.handle_startendtag(tag.lower(), pairs)
                else:
                    parser.handle_starttag(tag.lower(), pairs)
        if position < len(text):
            parser.handle_data(text[position:])
        parser.handle_endtag("para")
        style, frags, _bullets = parser._complete_parse()
    except Exception:  # reportlab raises many types; its own parse reports them
        return None
    if frags is None:
        return None
    textTransformFrags(frags, style)
    return frags
