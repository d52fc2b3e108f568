"""Labels in the memo's language: the words briefgen and its templates print themselves.

Foundation: one catalogue per language (``catalogues/LANG.yaml``, package data) maps each label
key to its text, with ``{placeholders}`` and, where a number decides the wording, CLDR plural
forms. :mod:`.catalogue` looks labels up (a missing one is an error naming the key and the
language, never English instead), :mod:`.checks` says what is wrong with a catalogue's data,
:mod:`.builtin` reads the shipped catalogues, and :mod:`.cldr` formats dates, numbers and lists
through Babel. A user's catalogue files (``templates/i18n/LANG.yaml``) are read and located by
the audience stage (:mod:`briefgen.audience.label_files`).
"""
