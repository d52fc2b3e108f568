"""T005 of ``briefgen check``: a memo in a language the house style has no words for.

The house style's letterhead words and sender are in its ``language``; a memo in another
language (another primary subtag: ``en-GB`` is English) prints them as they are, unless the
house style's ``languages:`` has a variant for it (:mod:`briefgen.audience.house_words`).
The finding is located at the house style's ``letterhead`` (else its ``sender``) and names
the audiences that take those words: an audience that sets all of them itself is not
concerned.
"""

from __future__ import annotations

from briefgen.audience.profiles import Audience
from briefgen.check.findings import Finding


def house_language_findings(audiences: list[Audience], language: str) -> list[Finding]:
    """T005 for a memo in BCP 47 ``language`` by each of ``audiences``: one finding per
    house-style file and wording, naming every audience it concerns."""
    found: dict[tuple[str, int, int, str, str], list[str]] = {}
    for audience in audiences:
        words = audience.house_words
        taken = words.own.given() - audience.own_words
        if words.where is None or not taken or words.speaks(language):
            continue
        file, line, column, key = words.where
        message = _message(taken, words.language, language)
        found.setdefault((file, line, column, key, message), []).append(audience.name)
    return [
        Finding("T005", f"{message} ({_named(names)})", file, line, column, path=key)
        for (file, line, column, key, message), names in found.items()
    ]


def _message(taken: frozenset[str], house: str, memo: str) -> str:
    """What the memo prints in the house style's language, and how to give it in its own."""
    head = bool(taken & {"organisation", "lines"})
    what = "the letterhead and sender are" if head and "sender" in taken else (
        "the letterhead is" if head else "the sender is"
    )  # fmt: skip
    primary = memo.split("-")[0]
    return (
        f"{what} in {house} but this memo is in {memo}; add `languages: {primary}:` to the "
        f"house style with the letterhead's words and the sender in {primary}"
    )


def _named(names: list[str]) -> str:
    return ("audience " if len(names) == 1 else "audiences ") + ", ".join(names)
