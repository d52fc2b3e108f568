"""What is wrong with a catalogue's data, as (path, message) pairs the reader locates.

A catalogue file is a mapping with ``labels`` (key -> text, or plural category -> text) and,
optionally, ``locale`` (the CLDR locale its dates and numbers follow). The built-in keys are
those of ``en.yaml``; a user's own keys, for their own templates, take a dotted name
(``legislative.cover_note``) so that a misspelt built-in key is caught, not silently unused.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from babel import Locale

from briefgen.i18n.catalogue import PLACEHOLDER, PLURAL_CATEGORIES
from briefgen.i18n.cldr import known_locale

Path = tuple[str | int, ...]
Found = list[tuple[Path, str]]
TOP_KEYS = ("locale", "labels")
MAX_LABEL_CHARS = 2000


def placeholders(label: object) -> set[str]:
    """The placeholder names a label's text (every plural form of it) uses."""
    texts = label.values() if isinstance(label, Mapping) else [label]
    return {name for text in texts if isinstance(text, str) for name in PLACEHOLDER.findall(text)}


def file_problems(data: object, *, whole: bool) -> Found:
    """Problems of a catalogue file's top level; ``whole`` files must name their locale."""
    if not isinstance(data, Mapping):
        return [((), "a label catalogue is a mapping with 'labels' (and 'locale')")]
    found: Found = [
        ((key,), f"unknown setting {key!r}: a catalogue has only {' and '.join(TOP_KEYS)}")
        for key in data
        if key not in TOP_KEYS
    ]
    locale = data.get("locale")
    if "locale" in data and (not isinstance(locale, str) or known_locale(locale) is None):
        found.append((("locale",), f"{locale!r} is not a locale CLDR (Babel) knows, e.g. en_GB"))
    elif whole and locale is None:
        found.append((("locale",), "missing required field: a new language names the CLDR "
                      "locale its dates and numbers follow, e.g. de_DE"))  # fmt: skip
    if not isinstance(data.get("labels"), Mapping):
        found.append((("labels",), "'labels' must be a mapping of label keys to texts"))
    return found


def label_problems(
    labels: Mapping[object, object], locale: Locale, reference: Mapping[str, object]
) -> Found:
    """Problems of each label: unknown undotted keys, braces that are no placeholder,
    placeholders the reference (en) text does not have, plural forms the locale lacks."""
    found: Found = []
    for key, label in labels.items():
        path: Path = ("labels", str(key))
        if not isinstance(key, str) or not key:
            found.append((path, "a label key is a text"))
            continue
        if key not in reference and "." not in key:
            close = difflib.get_close_matches(key, list(reference), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            found.append(
                (path, f"no built-in label {key!r}{hint}; a label of your own templates takes "
                 "a dotted name, such as myaudience.cover_note")
            )  # fmt: skip
            continue
        found.extend(_text_problems(path, label, locale))
        if key in reference and isinstance(label, Mapping) and _counted(reference[key]):
            found.append((path, "has plural forms, but the template gives no count here"))
        elif key in reference:
            extra = placeholders(label) - placeholders(reference[key])
            if extra:
                names = ", ".join(f"{{{name}}}" for name in sorted(extra))
                found.append((path, f"uses {names}, which the template does not give here"))
    return found


def _counted(reference: object) -> bool:
    """Whether templates give a ``count`` with this (reference) label."""
    return not isinstance(reference, Mapping) and "count" not in placeholders(reference)


def _text_problems(path: Path, label: object, locale: Locale) -> Found:
    if isinstance(label, Mapping):
        needed = {*locale.plural_form.tags, "other"}
        found: Found = [
            ((*path, str(form)), f"unknown plural form {form!r} (forms: "
             f"{', '.join(PLURAL_CATEGORIES)})")
            for form in label
            if form not in PLURAL_CATEGORIES
        ]  # fmt: skip
        missing = [form for form in PLURAL_CATEGORIES if form in needed and form not in label]
        if missing:
            found.append((path, f"{locale} needs the plural forms {', '.join(missing)} too"))
        for form, text in label.items():
            found.extend(_text_problems((*path, str(form)), text, locale))
        return found
    if not isinstance(label, str):
        return [(path, "a label is a text, or a mapping of plural forms to texts")]
    if len(label) > MAX_LABEL_CHARS:
        return [(path, f"a label is at most {MAX_LABEL_CHARS} characters")]
    rest = PLACEHOLDER.sub("", label)
    if "{" in rest or "}" in rest:
        return [(path, "a brace must belong to a {placeholder} (letters, digits and _)")]
    return []
