"""Published reading-grade formulas, one per language that has one, with their sources.

Only formulas whose coefficients can be cited exactly are here; a language without one has no
grade (:func:`formula_for` gives None) and its reading-grade target is reported as not checked.

- **en** Flesch-Kincaid grade level: Kincaid, Fishburne, Rogers and Chissom (1975), *Derivation
  of New Readability Formulas (Automated Readability Index, Fog Count and Flesch Reading Ease
  Formula) for Navy Enlisted Personnel*, Research Branch Report 8-75, Naval Technical Training
  Command, Millington, TN. Grade = 0.39 × words/sentences + 11.8 × syllables/words − 15.59.
- **es** Crawford: Crawford, A. N. (1984), *A Spanish Language Fry-Type Readability Procedure:
  Elementary Level*, Bilingual Education Paper Series 7(8), California State University, Los
  Angeles (ERIC ED273119). Grade = −0.205 × sentences per 100 words + 0.049 × syllables per
  100 words − 3.407. Fitted on readers for grades 1-6; above that it extrapolates.
- **ru** Oborneva's adaptation of Flesch-Kincaid: Oborneva, I. V. (2006), *Avtomatizirovannaya
  otsenka slozhnosti uchebnykh tekstov na osnove statisticheskikh parametrov* (automated
  assessment of the difficulty of school texts from statistical parameters), candidate's
  dissertation, Moscow. Grade = 0.5 × words/sentences + 8.4 × syllables/words − 15.59.
- **de** First Wiener Sachtextformel: Bamberger, R. and Vanecek, E. (1984), *Lesen - Verstehen -
  Lernen - Schreiben: die Schwierigkeitsstufen von Texten in deutscher Sprache*, Jugend und
  Volk, Vienna. School grade = 0.1935 × MS + 0.1672 × SL + 0.1297 × IW − 0.0327 × ES − 0.875,
  MS the percentage of words of three or more syllables, SL words per sentence, IW the
  percentage of words of more than six letters, ES the percentage of one-syllable words.

French has reading-ease formulas (Kandel and Moles 1958, an adaptation of Flesch's ease score)
but no published grade formula, so it is not checked, like Arabic, Armenian, Azerbaijani,
Georgian and every language not listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Readability:
    """What a grade formula reads of a text: its counts."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int = 0  # words of three or more syllables
    monosyllables: int = 0  # words of one syllable
    long_words: int = 0  # words of more than six letters

    def per_word(self, count: int) -> float:
        """``count`` per word (0 for no words)."""
        return count / self.words if self.words else 0.0

    @property
    def sentence_length(self) -> float:
        """Words per sentence."""
        return self.words / max(self.sentences, 1)


@dataclass(frozen=True)
class Formula:
    """A published grade formula: its name, its source and the grade it gives counts."""

    name: str
    citation: str
    compute: Callable[[Readability], float]

    def grade(self, counts: Readability) -> float:
        """The grade of ``counts`` (0 for a text without words)."""
        return self.compute(counts) if counts.words else 0.0


def _flesch_kincaid(c: Readability) -> float:
    # In this order, the grades of the memos built before other languages had formulas.
    return 0.39 * c.words / max(c.sentences, 1) + 11.8 * c.syllables / c.words - 15.59


def _crawford(c: Readability) -> float:
    sentences_per_100 = 100 * c.per_word(c.sentences)
    return -0.205 * sentences_per_100 + 0.049 * 100 * c.per_word(c.syllables) - 3.407


def _oborneva(c: Readability) -> float:
    return 0.5 * c.sentence_length + 8.4 * c.per_word(c.syllables) - 15.59


def _wiener_sachtextformel(c: Readability) -> float:
    ms, iw, es = (100 * c.per_word(n) for n in (c.polysyllables, c.long_words, c.monosyllables))
    return 0.1935 * ms + 0.1672 * c.sentence_length + 0.1297 * iw - 0.0327 * es - 0.875


FORMULAS: dict[str, Formula] = {
    "en": Formula(
        "Flesch-Kincaid grade level", "Kincaid et al. 1975, Navy Research Branch Report 8-75",
        _flesch_kincaid,
    ),
    "es": Formula(
        "Crawford grade level", "Crawford 1984, Bilingual Education Paper Series 7(8)", _crawford
    ),
    "ru": Formula(
        "Flesch-Kincaid grade level, Oborneva's adaptation", "Oborneva 2006", _oborneva
    ),
    "de": Formula(
        "Wiener Sachtextformel (first)", "Bamberger and Vanecek 1984", _wiener_sachtextformel
    ),
}  # fmt: skip


def primary_language(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag, lower case (``en-GB`` -> ``en``)."""
    return tag.replace("_", "-").split("-")[0].lower()


def formula_for(language: str) -> Formula | None:
    """The grade formula for the BCP 47 tag ``language``, or None when none is published."""
    return FORMULAS.get(primary_language(language))
