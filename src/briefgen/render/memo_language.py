"""The memo's language: its label catalogue, and the words render puts into the Document.

The catalogue is the brief's ``meta.language`` (``ar-EG``: the ``ar-EG`` catalogue, else
``ar``) from the built-in catalogues with the user's ``templates/i18n/`` files over them; a
language with none is an error at ``meta.language``. An audience's own texts (``memo.to``,
``style.header``, ``style.footer``, ``style.marking``, ``description``) are labels too while
they are the ones the catalogue's English gives: ``NAME_FIELD`` for a built-in audience
(``executive_header``), ``NAME.FIELD`` for a user's (``legislative.header``). The house
style's letterhead words and sender are its variant for the memo's language, if it has one
(:mod:`briefgen.audience.house_words`): exporters read them from the style as ever.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from briefgen.audience.house_words import WORD_FIELDS
from briefgen.audience.label_files import catalogue_for
from briefgen.audience.profiles import Audience
from briefgen.brief.model import Brief
from briefgen.document import tree as d
from briefgen.errors import InputError, Problem
from briefgen.i18n.catalogue import Catalogue, LabelError
from briefgen.i18n.cldr import partial_date
from briefgen.render.glyph_check import _at_field

#: An audience's texts that are labels, by where they are in ``audience.yaml``.
_AUDIENCE_TEXTS = (
    ("memo", "to"),
    ("style", "header"),
    ("style", "footer"),
    ("style", "marking"),
    ("description",),
)


def memo_words(brief: Brief, audience: Audience, brief_name: str) -> Catalogue:
    """The label catalogue of ``brief``'s language, with the user's files for ``audience``."""
    language = brief.meta.language

    def unknown(message: str) -> Problem:
        return _at_field(brief_name, ("meta", "language"), message)

    return catalogue_for(language, audience.label_folders, unknown)


@contextmanager
def located_labels(words: Catalogue) -> Iterator[None]:
    """Turn a label render itself asks for and the language lacks into an error located in
    the user's catalogue that defines the language (``FILE:1:1: labels.KEY: ...``)."""
    try:
        yield
    except LabelError as exc:
        users = [name for name in words.files if not name.startswith("built-in ")]
        if not users or not exc.key:
            raise InputError(exc.message) from None
        path = f"labels.{exc.key}"
        raise InputError([Problem(users[-1], 1, 1, path, exc.message)]) from None


def localised(audience: Audience, words: Catalogue) -> Audience:
    """``audience`` with each of its texts that is a label (the English catalogue's text for
    the audience that sets it), and the house style's words it takes, in the memo's language
    (``words.language``)."""
    return _in_house_language(_labels_localised(audience, words), words.language)


def _in_house_language(audience: Audience, language: str) -> Audience:
    """``audience`` with the letterhead's words and the sender it takes from the house style
    (not those it sets itself) from the house style's variant for ``language``, if any."""
    variant = audience.house_words.variant(language)
    if variant is None:
        return audience
    taken = {
        name: getattr(variant, name)
        for name in WORD_FIELDS
        if name not in audience.own_words and getattr(variant, name) is not None
    }
    if not taken:
        return audience
    config = audience.config
    head = {name: taken[name] for name in ("organisation", "lines") if name in taken}
    if "lines" in head:
        head["lines"] = list(head["lines"])
    letterhead = config.style.letterhead.model_copy(update=head)
    style = config.style.model_copy(update={"letterhead": letterhead})
    memo = config.memo.model_copy(update={"sender": taken.get("sender", config.memo.sender)})
    return replace(audience, config=config.model_copy(update={"style": style, "memo": memo}))


def _labels_localised(audience: Audience, words: Catalogue) -> Audience:
    """``audience`` with each of its texts that is a label in the memo's language."""
    english = catalogue_for(
        "en", audience.label_folders, lambda message: Problem("", 0, 0, "", message)
    )
    config = audience.config
    values = {path: _get(config, path) for path in _AUDIENCE_TEXTS}
    changed: dict[tuple[str, ...], str] = {}
    for path, value in values.items():
        for name, folder in audience.chain:
            key = f"{name}_{path[-1]}" if audience.is_builtin(folder) else f"{name}.{path[-1]}"
            if value and english.labels.get(key) == value:
                changed[path] = words.text(key)
                break
    if not changed:
        return audience
    memo = config.memo.model_copy(update={"to": changed.get(("memo", "to"), config.memo.to)})
    style = config.style.model_copy(update={
        "header": changed.get(("style", "header"), config.style.header),
        "footer": changed.get(("style", "footer"), config.style.footer),
        "marking": changed.get(("style", "marking"), config.style.marking),
    })  # fmt: skip
    description = changed.get(("description",), config.description)
    updated = config.model_copy(update={"memo": memo, "style": style, "description": description})
    return replace(audience, config=updated)


def _get(config: object, path: tuple[str, ...]) -> object:
    for part in path:
        config = getattr(config, part)
    return config


def labels(words: Catalogue) -> d.Labels:
    """The words exporters print, in the memo's language."""
    return d.Labels.of(words.unfilled)


def dated_timelines(blocks: tuple[d.Block, ...], words: Catalogue) -> tuple[d.Block, ...]:
    """``blocks`` with each timeline event's date written as the memo's language writes it,
    as precisely as the brief gives it (``2020``, ``Nov 2020``, ``10 Nov 2020``)."""
    out: list[d.Block] = []
    for block in blocks:
        if isinstance(block, d.TimelineChart):
            events = tuple(
                replace(e, shown=partial_date(e.date, words.locale)) for e in block.events
            )
            block = replace(block, events=events)
        elif isinstance(block, (d.Quote, d.Callout)):
            block = replace(block, blocks=dated_timelines(block.blocks, words))
        elif isinstance(block, d.List):
            items = tuple(d.ListItem(dated_timelines(i.blocks, words)) for i in block.items)
            block = replace(block, items=items)
        out.append(block)
    return tuple(out)
