"""A language's labels and how one is looked up: ``{placeholders}`` and CLDR plural forms.

A label is a text (``Page {page} of {pages}``) or, where a number changes the wording, a
mapping of CLDR plural categories (``one``, ``few``, ``many``, ``other``, ...) to texts, chosen
by the ``count`` value. Numbers given as values are written with the locale's separators.
There is no fallback: a key the language lacks is a :class:`LabelError` naming both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from markupsafe import Markup, escape

from briefgen.i18n.cldr import number

#: A placeholder: ``{name}``. Any other brace is refused when a catalogue is read.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

Label = str | Mapping[str, str]


class LabelError(LookupError):
    """A label that cannot be printed: missing in the language, or missing a value."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.key = key

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Catalogue:
    """The labels of one language.

    ``language`` is the tag the memo asked for (``ar-EG``), ``name`` the catalogue that
    answers it (``ar``), ``locale`` the CLDR locale dates and numbers follow, and ``origin``
    where each key's text was written (the built-in file or a user's), for messages.
    """

    language: str
    name: str
    locale: Locale
    labels: Mapping[str, Label]
    origin: Mapping[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()  # the files it was read from, built-in first

    def where(self) -> str:
        """The catalogue's files, for messages: ``built-in ru.yaml + templates/i18n/ru.yaml``."""
        return " + ".join(self.files) or f"{self.name}.yaml"

    def has(self, key: str) -> bool:
        """Whether the language has label ``key``."""
        return key in self.labels

    def text(self, key: str, **values: Any) -> str:
        """Label ``key`` with its ``{placeholders}`` filled from ``values`` (plain text)."""
        pattern = self._pattern(key, values)
        return "".join(self._pieces(key, pattern, values, str))

    def unfilled(self, key: str) -> str:
        """Label ``key`` with its placeholders left in, for an exporter to fill
        (``Page {page} of {pages}``)."""
        return self._pattern(key, {})

    def markup(self, key: str, **values: Any) -> Markup:
        """Label ``key`` for a template: the text escaped, each value escaped unless it is
        markup already (a brief's formatted text), so autoescaping never doubles."""
        pattern = self._pattern(key, values)
        return Markup("".join(self._pieces(key, pattern, values, lambda s: str(escape(s)))))

    def _pattern(self, key: str, values: Mapping[str, Any]) -> str:
        if not isinstance(key, str) or key not in self.labels:
            raise LabelError(
                f"no label {key!r} for language {self.language} ({self.where()}); add it, "
                "or use a key of the built-in en.yaml (see docs/audiences.md, Labels)",
                key if isinstance(key, str) else "",
            )
        label = self.labels[key]
        if isinstance(label, str):
            return label
        count = values.get("count")
        if not isinstance(count, (int, float)) or isinstance(count, bool):
            raise LabelError(
                f"label {key!r} has plural forms: give the number that chooses one as count="
            )
        return label.get(self.locale.plural_form(count)) or label["other"]

    def _pieces(
        self, key: str, pattern: str, values: Mapping[str, Any], literal: Callable[[str], str]
    ) -> list[str]:
        pieces: list[str] = []
        end = 0
        for match in PLACEHOLDER.finditer(pattern):
            pieces.append(literal(pattern[end : match.start()]))
            name = match.group(1)
            if name not in values:
                raise LabelError(
                    f"label {key!r} of language {self.language} uses {{{name}}}, which is not "
                    f"given (given: {', '.join(sorted(values)) or 'nothing'})"
                )
            pieces.append(self._value(values[name], literal))
            end = match.end()
        pieces.append(literal(pattern[end:]))
        return pieces

    def _value(self, value: Any, literal: Callable[[str], str]) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number(value, self.locale)
        if isinstance(value, Markup):
            return str(value)
        return literal(str(value))

    def template_function(self) -> Callable[..., Markup]:
        """``t(key, **values)`` for templates: :meth:`markup`, keyword values only."""

        def t(key: str, **values: Any) -> Markup:
            """The label ``key`` in the memo's language (see docs/audiences.md, Labels)."""
            return self.markup(key, **values)

        return t
