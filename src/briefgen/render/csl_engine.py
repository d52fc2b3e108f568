"""citeproc-py 0.11.1 made fit for briefgen: an inline-markup formatter and fixes for its bugs.

citeproc-py does not escape variable text, so every text value and every literal of the style
is turned into private-use stand-ins for `&`, `<` and `>` on the way in (`protect`, and
`protect_style` for the affixes and delimiters citeproc copies from the style unescaped), and
`markup` turns them into entities on the way out; the tags the formatter adds are the only
real markup. The stand-ins also survive the styles' text-case changes, which entities would not.

Fixes, applied once on import (each names the citeproc-py behaviour it corrects):
- `EqualLocator`: `Locator` has no `__eq__`, so a repeated locator was never a plain "Ibid.".
- `cs:label` printed its term for an empty variable ("…, edition." in a Chicago short note).
- `initialize="false"` on `cs:name` was ignored: Chicago printed "A. T. Wolf" for "Aaron T. Wolf".
- A variable that stood in for a missing author inside a macro or cs:choose of cs:substitute
  was printed again ("Title. Title. n.d." in Chicago's bibliography): CSL suppresses it for
  the rest of the entry, citeproc-py only when it is a direct child of cs:substitute.
- A citation's cites were put in reference-list order even when the style's cs:citation has no
  cs:sort, where CSL keeps the order they are given in: a note citing "the statement, then the
  report" printed the report first.
- A macro was looked up by an XPath search of the whole style on every use (two thirds of the
  time of a Chicago note); the lookup is now remembered on the style's root element.
"""

from __future__ import annotations

import types
from typing import Any

from citeproc import model
from citeproc.source import Locator, VariableError
from lxml import etree

_STAND_INS = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
_PROTECT = str.maketrans(_STAND_INS)
_ENTITIES = str.maketrans({"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;"})


def protect(text: Any) -> str:
    """`text` with `&`, `<`, `>` replaced by stand-ins that `markup` turns into entities."""
    return str(text).translate(_PROTECT)


def markup(text: str) -> str:
    """citeproc's output as briefgen markup: stand-ins become entities."""
    return text.translate(_ENTITIES)


def protect_style(root: Any) -> None:
    """Protect every attribute of a parsed style and its locales: a prefix, suffix or
    delimiter such as `prefix="&lt;p&gt;"` is printed as text, never as markup. Attributes
    that name things (variable, macro, type) hold no `&`, `<`, `>` in a valid style."""
    for tree in (root, *getattr(root, "locales", ())):
        for element in tree.iter(etree.Element):
            for name, value in element.attrib.items():
                if value != protect(value):
                    element.set(name, protect(value))


def _wrapper(tag: str | None) -> type[str]:
    """A citeproc formatting class: the text inside `<tag>`, or the text alone."""

    class Wrapped(str):
        def __new__(cls, text: str) -> Wrapped:
            return super().__new__(cls, f"<{tag}>{text}</{tag}>" if tag else text)

    return Wrapped


# Only <em> and <strong> exist in briefgen's inline markup: small caps, superscripts and
# underlining keep their text and lose the effect.
FORMATTER = types.SimpleNamespace(
    preformat=protect,
    Italic=_wrapper("em"),
    Oblique=_wrapper("em"),
    Bold=_wrapper("strong"),
    Light=_wrapper(None),
    Underline=_wrapper(None),
    SmallCaps=_wrapper(None),
    Superscript=_wrapper(None),
    Subscript=_wrapper(None),
)


class EqualLocator(Locator):
    """A locator that equals another with the same label and value (for "Ibid." detection)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Locator):
            return NotImplemented
        return (self.label, self.identifier) == (other.label, other.identifier)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]


def _label_process(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any = None, plural: Any = None, **kw: Any) -> Any:
        name = variable or self.get("variable")
        if variable is None and name and name != "locator":
            try:
                item.reference[name.replace("-", "_")]
            except VariableError:
                return None  # no value, so no label for it
        return original(self, item, variable, plural, **kw)

    return process


def _name_get_option(original: Any) -> Any:
    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = original(self, name, context, sort_options)
        if name == "initialize-with" and value is not None:
            initialize = self.get("initialize") or _inherited(self, "initialize", context)
            if (initialize or "true").lower() == "false":
                return None  # keep given names whole, as the style asks
        return value

    return get_option


def _inherited(name_element: Any, option: str, context: Any) -> str | None:
    """An inheritable name option from the enclosing cs:citation/cs:bibliography or cs:style."""
    expr = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
    for parent in (name_element if context is None else context).xpath_search(expr):
        value = parent.get(option) or parent.getroottree().getroot().get(option)
        if value:
            return value
    return None


def _get_macro(self: Any, name: str) -> Any:
    # citeproc keeps the root element alive (and stores its formatter on it), so a table
    # kept on the root lasts as long as the style.
    root = self.get_root()
    macros = getattr(root, "_briefgen_macros", None)
    if macros is None:
        macros = root._briefgen_macros = {}
        for macro in root.xpath_search("cs:macro"):
            macros.setdefault(macro.get("name"), macro)
    return macros[name]


def _text_variable(original: Any) -> Any:
    def variable(self: Any, item: Any, context: Any) -> Any:
        text = original(self, item, context)
        recording = getattr(context.get_layout(), "_briefgen_substituted", None)
        if text is not None and recording is not None:
            recording.append(self.get("variable"))
        return text

    return variable


def _substitute_render(original: Any) -> Any:
    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = context.get_layout()
        outer = getattr(layout, "_briefgen_substituted", None)
        layout._briefgen_substituted = substituted = []
        try:
            text = original(self, item, context=context, **kwargs)
        finally:
            layout._briefgen_substituted = outer
        if text:  # the variables that stood in are empty for the rest of the entry
            layout.repressed.setdefault(self.tag.replace("substitute", "text"), []).extend(
                substituted
            )
            if outer is not None:
                outer.extend(substituted)
        return text

    return render


class _GivenOrder:
    """The cs:sort of a cs:citation that has none: the cites in the order they were given."""

    @staticmethod
    def sort(cites: list[Any], _context: Any) -> list[Any]:
        """``cites`` (citeproc sorted them by reference-list order) as the citation gives them."""
        return sorted(cites, key=lambda cite: cite.citation.cites.index(cite))


def _citation_sort(self: Any) -> Any:
    # citeproc reads `citation.sort` (an element lookup) only to order a citation's cites.
    found = self.find("cs:sort", self.nsmap)
    return found if found is not None else _GivenOrder


if not getattr(model, "_briefgen_fixed", False):
    model.Citation.sort = property(_citation_sort)
    model.Text._variable = _text_variable(model.Text._variable)
    model.Substitute.render = _substitute_render(model.Substitute.render)
    model.CitationStylesElement.get_macro = _get_macro
    model.Label.process = _label_process(model.Label.process)
    model.Name.get_option = _name_get_option(model.Name.get_option)
    model._briefgen_fixed = True
