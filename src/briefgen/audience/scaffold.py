"""``briefgen new audience``: a custom audience that extends another and builds at once."""

from __future__ import annotations

import re
from pathlib import Path

from briefgen.audience.profiles import (
    AUDIENCE_FILE,
    ENTRY_TEMPLATE,
    Audience,
    resolve,
    search_path,
)
from briefgen.brief.model import ID_PATTERN
from briefgen.errors import InputError
from briefgen.files.atomic_write import write_atomic
from briefgen.files.names import name_problem

# Built-in templates document each block in a comment: {#- ABOUT name: what it holds -#}
_ABOUT = re.compile(r"\{#-?\s*ABOUT (\w+): (.*?)\s*-?#\}")

_AUDIENCE_YAML = """\
# Custom audience "{name}", built on "{base}": {base_description}.
# Every setting here overrides {base}'s; whatever you leave out is inherited.
# Every setting is documented in briefgen's docs/audiences.md ("audience.yaml", "Style").
name: {name}
extends: {base}
description: {name} memo, built on the {base} memo   # one line, shown by `briefgen audiences`
# reader: Who reads it
# memo:
#   to: Who the memo is addressed to          # the memo header's "To" line
#   subject: The memo's subject line          # default: the brief's subject (if not its title)
# budget:                                     # checked on the exported PDF
#   pages: {{min: 1, max: 3}}
#   words: {{max: 1500}}
# selection:                                  # which recommendations go in
#   addressed_to: [eu, us]                    # addressed to any of these actors
#   tags: [humanitarian]                      # or carrying any of these tags
#   priority: [high, medium]
#   recommendations: 5                        # at most this many
# style:                                      # typefaces, colours, letterhead: house-style.yaml
#   marking: FOR INTERNAL USE                 # replaces the brief's marking in running heads
#   font_size: 10                             # body text, at least 9.5 pt
#   header: Running header text
#   footer: Running footer text
#   reference_docx: branded.docx              # the DOCX only takes its styles and letterhead
#   citation_style: apa                       # notes and references: chicago-notes-bibliography
#                                             # (default), apa, harvard-cite-them-right or a .csl
"""

_TEMPLATE = """\
{{#- The memo template of "{name}". It extends the {base} memo: every block that is
    not redefined here is {base}'s. Redefine a block to change it, and call
    {{{{ super() }}}} inside it to keep {base}'s content as well. The blocks of {base}:
{blocks}
    The template data and the markup a template may emit (an HTML subset) are documented in
    briefgen's docs/audiences.md ("The template view", "The markup"). -#}}
{{% extends "{parent}" %}}

{{#- Example: the memo header, with a line of your own under it. Edit or delete it. -#}}
{{% block header %}}
{{{{ super() }}}}
<p class="small">Prepared for {{{{ audience.to }}}}.</p>
{{% endblock %}}
"""


def _blocks(base: Audience) -> list[tuple[str, str]]:
    """(block, description) pairs documented in the base chain's templates, root first."""
    found: dict[str, str] = {}
    for folder in reversed(base.folders):
        template = folder / ENTRY_TEMPLATE
        if template.is_file():
            for block, text in _ABOUT.findall(template.read_text(encoding="utf-8")):
                found.setdefault(block, text)
    return list(found.items())


def scaffold_audience(name: str, base_name: str, templates: Path) -> list[Path]:
    """Write ``templates/NAME/{audience.yaml, memo.html.j2}``; returns the paths written."""
    if not re.match(ID_PATTERN, name):
        raise InputError(f"audience name {name!r}: use lower-case letters, digits and hyphens")
    problem = name_problem(name)  # it names files: no Windows device names either
    if problem:
        raise InputError(f"audience name {name!r}: {problem}")
    folder = templates / name
    if folder.exists():
        raise InputError(f"{folder} already exists; choose another name or remove it")
    path = (templates, *search_path(None)[-1:]) if templates.is_dir() else search_path(None)
    base = resolve(base_name, path)
    parent = (
        f"builtin/{base_name}/{ENTRY_TEMPLATE}"
        if base.origin == "built-in"
        else f"{base_name}/{ENTRY_TEMPLATE}"
    )
    width = max((len(b) for b, _ in _blocks(base)), default=0)
    blocks = "\n".join(f"      {b:<{width}}  {text}" for b, text in _blocks(base))
    files = {
        folder / AUDIENCE_FILE: _AUDIENCE_YAML.format(
            name=name, base=base_name, base_description=base.config.description
        ),
        folder / ENTRY_TEMPLATE: _TEMPLATE.format(
            name=name, base=base_name, blocks=blocks, parent=parent
        ),
    }
    for file, text in files.items():
        write_atomic(file, text.encode("utf-8"))
    return list(files)
