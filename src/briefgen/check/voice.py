"""Voice rules: whose advice a sentence gives, and whose labels a memo shows.

- **A006** A recommendation whose source only *reports* a party's proposal or *observes* a
  fact (its ``voice``, see :func:`briefgen.brief.model.voice_of`) is not worded as advice in the
  brief's own voice: no sentence of its ``text`` or ``plain`` is an imperative ("Keep drafting
  ...") or an unattributed obligation ("Armenia should ...", "X must ...") that names no
  reporting verb ("proposes", "says", "urges", ...). The source's own advice
  (``voice: recommends``) may be worded as an instruction.
- **A007** A rendered memo shows the analyst's own labels (priority, horizon, a selection such
  as "the most urgent", "Top recommendations") as plain fields, with nothing saying they are
  the analyst's ("analyst", "editor", "this brief", "our", "we") in their line, the line after,
  or an earlier legend naming that kind of label: they then read as the source's.

English only: an imperative is a sentence that opens with a verb of :data:`BASE_VERBS` in its
base form, not followed within three words (and in the same clause) by a finite verb (so
"Open borders would help" and "Work is under way" are statements, "Ensure that it can" is
advice); obligation is "should", "must", "ought to", "need(s) to". Verbs outside the list,
and other languages (the brief's ``meta.language``), are not detected; the label patterns of
A007 are English words too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.brief.located_yaml import YamlDocument
from briefgen.brief.model import Brief, Recommendation, voice_of
from briefgen.check.attribution import sentences
from briefgen.check.findings import Finding, located


def _word_set(words: str) -> frozenset[str]:
    """A set of lower-case words written as one whitespace-separated string (easier to read
    and review than a list literal of a hundred and fifty strings)."""
    return frozenset(words.split())


# Base forms of verbs that open advice in policy writing (a verb that is only ever a noun or
# an adjective at the head of a sentence is left out, so a statement is not taken for advice).
BASE_VERBS = _word_set(
    """
    abandon accept act address adopt advance agree align allow amend apologise apologize apply
    avoid back begin build call cease choose clarify commit complete conclude consider continue
    convene cooperate create cut deal declare define delimit delineate demarcate deploy develop
    drop ease encourage end engage ensure establish exchange expand explore extend facilitate
    finance focus forge formalise formalize foster freeze fund give grant guarantee help hold
    implement improve include increase insist integrate introduce invest invite involve keep
    launch lead leave lift limit maintain make mediate monitor move negotiate normalise
    normalize offer open oppose pay pledge prepare press prevent prioritise prioritize promote
    protect provide pursue push raise ratify reaffirm recognise recognize reduce reform refrain
    reject release remove renounce repair resolve respect restore resume return review secure
    seek seize set settle share sign speed start stop strengthen support suspend take tie
    train use withdraw work
    """
)
_FINITE = _word_set(
    """
    is are was were be been has have had will would can could shall should must may might
    does did do remains remain seems seem becomes become
    """
)
_CLAUSE = _word_set("that to so if whether when which who where because and or")
_OBLIGATION = re.compile(r"\b(should|must|ought to|needs? to)\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(propos\w*|say\w*|said|argu\w*|hold\w*|urg\w*|want\w*|call\w*|recommend\w*|advocat\w*|"
    r"insist\w*|demand\w*|ask\w*|press\w*|according to|in (?:its|their|his|her) view|"
    r"suggest\w*|note\w*|expect\w*|believ\w*|think\w*|hope\w*)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

_LABEL_FIELD = re.compile(
    r"\b(priority|horizon)\s*:\s*(immediate|short-term|medium-term|long-term|high|medium|low)\b"
    r"|[;·]\s*(immediate|short-term|medium-term|long-term)\b"
    r"|\bthe most (urgent|important)\b|\btop recommendations\b"
    r"|\bhigh-priority recommendations\b",
    re.IGNORECASE,
)
_ANALYST = re.compile(r"\b(analyst|analyst's|editor|editor's|this brief|our|we)\b", re.IGNORECASE)


def imperative(sentence: str) -> bool:
    """True when the English ``sentence`` opens with a base-form verb of :data:`BASE_VERBS`
    and no finite verb follows within three words, before a clause begins ("that", "to", ...):
    such a verb would make the first word a noun or an adjective in a subject."""
    words = [word.lower() for word in _WORD.findall(sentence)]
    if not words or words[0] not in BASE_VERBS:
        return False
    window = []
    for word in words[1:4]:
        if word in _CLAUSE:  # "Ensure that refugees can ...": the verb is in another clause
            break
        window.append(word)
    return not any(word in _FINITE for word in window)


def advice_in_own_voice(text: str) -> str | None:
    """The first sentence of ``text`` worded as advice: an imperative, or an obligation
    ("should", "must") with no reporting verb to say whose it is; None if there is none."""
    for sentence in sentences(text):
        if imperative(sentence):
            return sentence
        if _OBLIGATION.search(sentence) and not _REPORTING.search(sentence):
            return sentence
    return None


def english(brief: Brief) -> bool:
    """Whether the voice rules can read the brief: they know English words only."""
    return brief.meta.language.split("-")[0] == "en"


def _hint(brief: Brief, rec: Recommendation, voice: str) -> str:
    """How to word ``rec`` in its voice, with its party's or its source's name."""
    if voice == "reports":
        actor = next((a for a in brief.actors if a.id == rec.proposed_by), None)
        party = actor.name if actor else "the party"
        return f"“{party[:1].upper()}{party[1:]} proposes ...”"
    source = brief.sources[0]
    name = source.names[0] if source.names else f"the {source.kind}"
    return f"“{name[:1].upper()}{name[1:]} notes ...”"


def voice_findings(brief: Brief, doc: YamlDocument) -> list[Finding]:
    """A006 on every reported or observed recommendation (English briefs only)."""
    if not english(brief):
        return []
    sources = frozenset(source.id for source in brief.sources)
    findings = []
    for index, rec in enumerate(brief.recommendations):
        voice = voice_of(rec, sources)
        if voice == "recommends":
            continue
        what = "reports a party's proposal" if voice == "reports" else "only observes a fact"
        for field in ("text", "plain"):
            value = getattr(rec, field)
            sentence = advice_in_own_voice(value) if value else None
            if sentence:
                message = (
                    f"its source {what} (voice: {voice}), yet “{sentence}” reads as advice in "
                    f"the brief's own voice: say whose it is ({_hint(brief, rec, voice)})"
                )
                findings.append(
                    located(doc, ("recommendations", index, field), "A006", message, item=rec.id)
                )
    return findings


def label_kind(label: str) -> str:
    """Which of the analyst's labels ``label`` is: priority, horizon or selection."""
    lowered = label.lower()
    if "horizon" in lowered or lowered.endswith("term") or lowered == "immediate":
        return "horizon"
    return "priority" if lowered.startswith("priority") else "selection"


_EXPLAINS = {
    "priority": re.compile(r"\bpriorit", re.IGNORECASE),
    "horizon": re.compile(r"\bhorizon", re.IGNORECASE),
    "selection": re.compile(r"\b(select|chose|chosen|picked|urgent|top)", re.IGNORECASE),
}


def unmarked_labels(lines: list[str]) -> Iterator[str]:
    """The analyst's labels in a memo's ``lines`` (a block a line) shown unmarked (A007).

    A label is marked when its line or the next says it is the analyst's, or when an earlier
    line (a legend) names that kind of label together with the analyst ("Priority and horizon
    are the analyst's ratings")."""
    explained: set[str] = set()
    for position, line in enumerate(lines):
        if _ANALYST.search(line):
            explained |= {kind for kind, words in _EXPLAINS.items() if words.search(line)}
        following = lines[position + 1] if position + 1 < len(lines) else ""
        for match in _LABEL_FIELD.finditer(line):
            label = match.group(0).lstrip(";· ")
            if label_kind(label) in explained or _ANALYST.search(line + " " + following):
                continue
            yield label
