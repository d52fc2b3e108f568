"""Rules on the notes a brief writes for its readers (``readers:``): A009, A010.

A reader note is the analyst's, but it still may not put advice in a source's mouth (an option
taking up something the source only observed) and its bottom line is the point the reader acts
on, not a summary of the argument.
"""

from __future__ import annotations

from briefgen.brief.located_yaml import YamlDocument
from briefgen.brief.model import Brief, voice_of
from briefgen.check.findings import Finding, located

BOTTOM_LINE_WORDS = 60  # about four lines of a one-page memo: read in a few seconds


def reader_note_findings(brief: Brief, doc: YamlDocument) -> list[Finding]:
    """A009 on each option taking up an observation; A010 on each long bottom line."""
    sources = frozenset(source.id for source in brief.sources)
    observed = {rec.id for rec in brief.recommendations if voice_of(rec, sources) == "observes"}
    findings = []
    for reader, note in brief.readers.items():
        words = len(note.bottom_line.split())
        if words > BOTTOM_LINE_WORDS:
            message = (
                f"the bottom line for the {reader} reader runs to {words} words (at most "
                f"{BOTTOM_LINE_WORDS}): say what it means for them and what they should weigh, "
                "and leave the argument to the memo"
            )
            findings.append(located(doc, ("readers", reader, "bottom_line"), "A010", message))
        for index, option in enumerate(note.options):
            for position, rec_id in enumerate(option.builds_on):
                if rec_id in observed:
                    message = (
                        f"option {option.id!r} takes up {rec_id!r}, which its source only "
                        "observes (voice: observes): an option built on it makes the "
                        "observation advice; base the option on what the source recommends, "
                        "or drop it from builds_on"
                    )
                    path = ("readers", reader, "options", index, "builds_on", position)
                    findings.append(located(doc, path, "A009", message, item=option.id))
    return findings
