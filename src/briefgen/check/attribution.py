"""Balance and attribution rules: a source's judgments and others' claims are never fact.

Holders are named in the brief's own terms: a source by any of its declared ``names`` (or its
``short`` label; a source that declares no names is "the report", "the article", ... after
its ``kind``), an actor by its ``name`` or ``short``, the editor as "the editor" or "this
brief". A leading "the", "a", "an" or "some" is optional. The rules, each testable on text
alone:

- **A001** The bottom line, the plain summary and every key judgment (``text`` and ``plain``)
  name their holder, a source or the editor, in their first sentence ("The report argues
  ...", "Hafez holds ...").
- **A002** A counterpoint's ``claim`` and ``plain`` name one of its claimants.
- **A003** A sentence *restates* a counterpoint when it shares a run of four consecutive words
  with the counterpoint's quotation (words compared in lower case after quotes, apostrophes and
  whitespace are normalised; a run of only common words such as "it was the", or of the words
  of names the brief uses everywhere (actors, sources, glossary terms), does not count; a
  quotation shorter than four words must appear whole). Every sentence that restates a
  counterpoint, anywhere in the brief other than that counterpoint, or in a rendered memo, must
  name one of its claimants, as in A002. A counterpoint without a quotation cannot be matched.
  A party's position on an obstacle is labelled with that party already: it restates nothing
  that party claims.
- **A004** A counterpoint whose status is ``contested`` has a ``counter`` or ``countered_by``.

A sentence ends at ``.``, ``!`` or ``?`` followed by a space and a capital letter, a digit or an
opening quote, so "U.S. venue" stays one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.brief.located_yaml import Path, YamlDocument
from briefgen.brief.model import Brief, Source
from briefgen.brief.sourced_items import Item
from briefgen.check.findings import Finding, located
from briefgen.check.source_text import normalise

RUN = 4
_STOPWORDS = frozenset(
    re.split(
        r"\s+",
        "a an and as at be by for from had has have he her his in is it its of on or she that the "
        "their them they this to was were which who with",
    )
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ARTICLE = re.compile(r"^(the|a|an|some)\s+", re.IGNORECASE)
EDITOR_NAMES = ("editor", "this brief")


def sentences(text: str) -> list[str]:
    """``text`` (normalised) split into sentences."""
    return [s for s in _SENTENCE_END.split(normalise(text)) if s.strip()]


def _words(text: str) -> list[str]:
    return _WORD.findall(normalise(text).lower())


def word_runs(
    text: str, length: int = RUN, common: frozenset[str] = _STOPWORDS
) -> frozenset[tuple[str, ...]]:
    """The runs of ``length`` consecutive words of ``text`` that are not all ``common`` words."""
    words = _words(text)
    if len(words) < length:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(
        run
        for run in (tuple(words[i : i + length]) for i in range(len(words) - length + 1))
        if not all(word in common for word in run)
    )


def common_words(brief: Brief) -> frozenset[str]:
    """Words that restate nothing on their own: the stop words, and the words of the names the
    brief uses everywhere (actors, sources, glossary terms), so that "the Strait of Hormuz" in
    a quotation does not make every sentence naming the place a restatement."""
    names = [
        *(n for a in brief.actors for n in (a.name, a.short) if n),
        *(n for s in brief.sources for n in (s.title, s.short, *s.names) if n),
        *(g.term for g in brief.glossary),
    ]
    return _STOPWORDS | frozenset(word for name in names for word in _words(name))


def names_any(text: str, names: tuple[str, ...]) -> bool:
    """Does ``text`` name any of ``names`` (whole words, any case, an article optional)?"""
    flat = normalise(text)
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", flat, re.IGNORECASE) for name in names)


@dataclass(frozen=True)
class Claim:
    """A counterpoint as the rules see it: who claims it and the word runs that restate it."""

    index: int
    id: str
    claimants: tuple[str, ...]  # the names that attribute it
    runs: frozenset[tuple[str, ...]]
    holders: frozenset[str] = frozenset()  # the claimants' ids

    @property
    def path(self) -> Path:
        """The counterpoint's YAML path."""
        return ("counterpoints", self.index)


class ClaimIndex:
    """Every claim, indexed by its word runs: finds restatements in one pass over a text."""

    def __init__(self, rules: list[Claim]) -> None:
        self.rules = rules
        self.by_run: dict[tuple[str, ...], list[Claim]] = {}
        for claim in rules:
            for run in claim.runs:
                self.by_run.setdefault(run, []).append(claim)
        self.lengths = sorted({len(run) for run in self.by_run})

    def unattributed(
        self, text: str, skip: Claim | None = None, context: str = ""
    ) -> list[tuple[Claim, str]]:
        """Each claim ``text`` restates without naming a claimant, with the first such sentence.

        ``skip`` is the claim ``text`` belongs to, if any (its own words are A002's business);
        ``context`` is text that labels ``text`` (a table row's other cells: a row headed by
        the party that holds the claim attributes it).
        """
        found: dict[int, tuple[Claim, str]] = {}
        for sentence in sentences(text):
            restated = {
                claim.index: claim
                for length in self.lengths
                for run in word_runs(sentence, length)
                for claim in self.by_run.get(run, ())
            }
            for index, claim in restated.items():
                if claim is skip or index in found or names_any(sentence, claim.claimants):
                    continue
                if context and names_any(context, claim.claimants):
                    continue
                found[index] = (claim, sentence)
        return [found[index] for index in sorted(found)]


def source_names(source: Source) -> tuple[str, ...]:
    """The names that attribute a text to ``source``: its declared names and short label, or
    its kind ("report", "web page") when it declares none."""
    names = [*source.names, *([source.short] if source.short else [])]
    if not names:
        names = [source.kind.replace("-", " ")]
    return tuple(dict.fromkeys(_ARTICLE.sub("", name) for name in names))


def holder_names(brief: Brief, ids: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The names that attribute a text to any of ``ids`` (sources or actors)."""
    sources = {source.id: source for source in brief.sources}
    actors = {actor.id: actor for actor in brief.actors}
    names: list[str] = []
    for ident in ids:
        if ident in sources:
            names.extend(source_names(sources[ident]))
        elif ident in actors:
            actor = actors[ident]
            names.extend(_ARTICLE.sub("", n) for n in (actor.name, actor.short) if n)
    return tuple(dict.fromkeys(names))


def judgment_holders(brief: Brief) -> tuple[str, ...]:
    """Who may hold a key judgment: a source or the editor. (A party's view is a position
    or a claim, attributed by A002 and A003; naming a party in a judgment's first sentence
    says what the judgment is about, not whose it is.)"""
    return (*holder_names(brief, [s.id for s in brief.sources]), *EDITOR_NAMES)


def claims(brief: Brief) -> list[Claim]:
    """Every counterpoint of ``brief`` as a :class:`Claim`."""
    common = common_words(brief)
    return [
        Claim(
            index,
            c.id,
            holder_names(brief, c.claimed_by),
            word_runs(c.quote.text, RUN, common) if c.quote else frozenset(),
            frozenset(c.claimed_by),
        )
        for index, c in enumerate(brief.counterpoints)
    ]


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _judgment_findings(brief: Brief, doc: YamlDocument) -> list[Finding]:
    texts: list[tuple[Path, str, str]] = [(("bottom_line",), "bottom_line", brief.bottom_line)]
    if brief.plain_summary:
        texts.append((("plain_summary",), "plain_summary", brief.plain_summary))
    for index, judgment in enumerate(brief.key_judgments):
        texts.append((("key_judgments", index, "text"), judgment.id, judgment.text))
        if judgment.plain:
            texts.append((("key_judgments", index, "plain"), judgment.id, judgment.plain))
    holders = judgment_holders(brief)
    findings = []
    for path, item_id, text in texts:
        first = (sentences(text) or [""])[0]
        if not names_any(first, holders):
            findings.append(
                located(
                    doc,
                    path,
                    "A001",
                    "the judgment is not attributed: its first sentence names no source (nor "
                    f"the editor) (“{_clip(first)}”)",
                    item=item_id,
                )
            )
    return findings


def _counterpoint_findings(brief: Brief, doc: YamlDocument, rules: list[Claim]) -> list[Finding]:
    findings = []
    for claim, counterpoint in zip(rules, brief.counterpoints, strict=True):
        for field in ("claim", "plain"):
            text = getattr(counterpoint, field)
            if text and not names_any(text, claim.claimants):
                findings.append(
                    located(
                        doc,
                        (*claim.path, field),
                        "A002",
                        f"the claim does not name who makes it ({' or '.join(claim.claimants)})",
                        item=claim.id,
                    )
                )
        if counterpoint.status == "contested" and not (
            counterpoint.counter or counterpoint.countered_by
        ):
            findings.append(
                located(
                    doc,
                    claim.path,
                    "A004",
                    "contested, but neither `counter` nor `countered_by` says who disputes it "
                    "or how",
                    item=claim.id,
                )
            )
    return findings


def _position_party(item: Item) -> str | None:
    """The party whose position ``item`` is (``obstacles.N.positions.ACTOR``), else None."""
    path = item.path
    return str(path[3]) if len(path) == 4 and path[2] == "positions" else None


def restatement_findings(items: list[Item], doc: YamlDocument, rules: list[Claim]) -> list[Finding]:
    """A003 in the brief: sentences restating a claim without naming its claimant."""
    index = ClaimIndex(rules)
    own = {claim.path: claim for claim in rules}
    findings = []
    for item in items:
        party = _position_party(item)
        for path, text in item.texts:
            for claim, sentence in index.unattributed(text, skip=own.get(item.path)):
                if party in claim.holders:
                    continue  # the row is labelled with the party that claims it
                findings.append(
                    located(
                        doc,
                        path,
                        "A003",
                        f"restates {claim.id} as fact: “{_clip(sentence)}” names none of "
                        f"{', '.join(claim.claimants)}",
                        item=item.id,
                    )
                )
    return findings


def attribution_findings(brief: Brief, doc: YamlDocument, items: list[Item]) -> list[Finding]:
    """Every balance and attribution finding on the brief itself (A001-A004)."""
    rules = claims(brief)
    return [
        *_judgment_findings(brief, doc),
        *_counterpoint_findings(brief, doc, rules),
        *restatement_findings(items, doc, rules),
    ]
