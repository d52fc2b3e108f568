"""The house style's words in several languages: its letterhead's organisation and lines and
the memo header's sender, in the house style's own ``language`` and in each of its
``languages:``.

A memo takes the variant of its language (the brief's ``meta.language``: ``ar-EG`` takes
``ar-EG``, else ``ar``), else the house style's own words; a field a variant leaves out keeps
those (a name written alike in every language need not be repeated). Only the words an
audience takes from the house style change: its own ``style.letterhead`` words and
``memo.from`` stay (audience > house > built-in). Render applies the variant
(:func:`briefgen.render.memo_language.localised`); ``check`` reports a memo in a language
the house style has no words for (T005, :mod:`briefgen.check.house_language`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from briefgen.audience.style import short_lines
from briefgen.brief.located_yaml import YamlDocument
from briefgen.brief.model import LANGUAGE_TAG
from briefgen.errors import Problem
from briefgen.i18n.builtin import candidates

#: The house style's words, by the name they have here (``sender`` is ``memo.from``).
WORD_FIELDS = ("organisation", "lines", "sender")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VariantLetterhead(_Strict):
    """The letterhead's words in one language (its logo and logo_position are shared)."""

    organisation: str | None = Field(
        None, min_length=1, max_length=120, description="The organisation's name in it."
    )
    lines: list[str] | None = Field(
        None, max_length=3, description="Up to three short lines under the name, in it."
    )

    @field_validator("lines")
    @classmethod
    def _short_lines(cls, lines: list[str] | None) -> list[str] | None:
        return None if lines is None else short_lines(lines)


class LanguageWords(_Strict):
    """The letterhead's words and the sender in one language."""

    letterhead: VariantLetterhead = Field(
        default_factory=VariantLetterhead, description="The letterhead's words in it."
    )
    sender: str | None = Field(
        None, min_length=1, max_length=200, description="The memo header's 'From' line in it."
    )

    @model_validator(mode="after")
    def _says_something(self) -> LanguageWords:
        if self.sender is None and Words.of(self.letterhead.model_dump()) == Words():
            raise ValueError("a language sets `letterhead` (organisation, lines) or `sender`")
        return self


@dataclass(frozen=True)
class Words:
    """A letterhead's words and a memo's sender in one language (None: not set)."""

    organisation: str | None = None
    lines: tuple[str, ...] | None = None
    sender: str | None = None

    @classmethod
    def of(cls, letterhead: object, sender: object = None) -> Words:
        """The words of a (validated) ``letterhead`` mapping and ``sender`` as read."""
        head = letterhead if isinstance(letterhead, dict) else {}
        lines = head.get("lines")
        return cls(
            head.get("organisation"),
            None if lines is None else tuple(lines),
            sender if isinstance(sender, str) else None,
        )

    def given(self) -> frozenset[str]:
        """The fields that print something (an empty name or no lines prints nothing)."""
        return frozenset(name for name in WORD_FIELDS if getattr(self, name))


@dataclass(frozen=True)
class HouseWords:
    """The house style's words: its own, in ``language``, and a variant per language."""

    language: str = "en"
    own: Words = Words()
    variants: tuple[tuple[str, Words], ...] = ()
    #: (file, line, column, field) of the own words: the ``letterhead`` key, else ``sender``
    where: tuple[str, int, int, str] | None = None

    def variant(self, language: str) -> Words | None:
        """The variant a memo in BCP 47 ``language`` takes (``ar-EG``, else ``ar``), or None."""
        found = dict(self.variants)
        return next((found[name] for name in candidates(language) if name in found), None)

    def speaks(self, language: str) -> bool:
        """Whether a memo in ``language`` has the house style's words in it: it is the house
        style's own language (same primary subtag) or has a variant."""
        same = language.split("-")[0] == self.language.split("-")[0]
        return same or self.variant(language) is not None


def house_words(data: dict[str, Any], doc: YamlDocument) -> HouseWords:
    """The words of a validated house-style file's ``data`` (read as ``doc``)."""
    own = Words.of(data.get("letterhead"), data.get("sender"))
    variants = tuple(
        (tag, Words.of(words.get("letterhead"), words.get("sender")))
        for tag, words in (data.get("languages") or {}).items()
    )
    given = own.given()
    key = "letterhead" if given & {"organisation", "lines"} else "sender" if given else None
    where = (doc.filename, *doc.locate((key,), key=True), key) if key else None
    return HouseWords(data.get("language", "en"), own, variants, where)


def tag_problems(doc: YamlDocument) -> list[Problem]:
    """Problems of the ``languages:`` keys of a house-style file, each at its key: a tag
    ``meta.language`` would not take, or the house style's own ``language``."""
    data = doc.data if isinstance(doc.data, dict) else {}
    languages = data.get("languages")
    own = data.get("language", "en")
    problems = []
    for tag in languages if isinstance(languages, dict) else {}:
        if not isinstance(tag, str):
            continue  # the model reports a key that is not text
        if not re.fullmatch(LANGUAGE_TAG, tag):
            message = (
                f"{tag!r} is not a language tag as a brief's meta.language takes (a language, "
                f"optionally a region: en, ar, ar-EG): it must match {LANGUAGE_TAG}"
            )
        elif tag == own:
            message = (
                f"{tag} is the house style's own language (language: {own}): its words are the "
                "top-level `letterhead` and `sender`"
            )
        else:
            continue
        problems.append(doc.problem(("languages", tag), message, key=True))
    return problems
