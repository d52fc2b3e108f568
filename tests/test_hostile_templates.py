"""Hostile templates: a user's audience folder, built through the real command line.

Each case writes ``templates/evil/memo.html.j2`` (an audience extending ``negotiator``) in a
temporary folder and runs ``briefgen build``: attribute tricks are security errors, include,
extends and import stay on the search path, sizes and work are bounded (checked by size and by
counting, never by the clock), and the markup a template emits is allowlisted, each error
naming the template and the template's own line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.render import process_limits
from briefgen.render import template_limits as template_bounds
from briefgen.render import template_lines as sourcemap
from conftest import ESSAY_BRIEF, REPO

EVIL = "templates/evil/memo.html.j2"
# The built-in memo, through a template of evil/'s own: every case writes evil/memo.html.j2, since
# an environment cached for the same relative folders keeps a template it found elsewhere.
_INHERITED = "{% extends 'builtin/negotiator/memo.html.j2' %}"


def build(
    folder: Path,
    template: str | None,
    *,
    extends: str | None = "negotiator",
    others: dict[str, str] | None = None,
    written: bool = False,
    formats: str = "md",
    settings: str = "",
) -> tuple[int, str]:
    """Write the evil audience (and ``others`` templates) into ``folder`` and build it:
    (exit status, stderr)."""
    audience = folder / "templates" / "evil"
    audience.mkdir(parents=True, exist_ok=True)
    for name, source in (others or {}).items():
        (audience / name).write_text(source, encoding="utf-8")
    text = "name: evil\ndescription: A hostile audience\n" + settings
    text += f"extends: {extends}\n" if extends else "reader: anyone\nmemo: {to: anyone}\n"
    (audience / "audience.yaml").write_text(text, encoding="utf-8")
    if template is not None:
        (audience / "memo.html.j2").write_text(template, encoding="utf-8")
    args = ["build", str(ESSAY_BRIEF), "-a", "evil", "-f", formats, "-o", "out",
            "--templates", "templates"] + ["--allow-over-budget"] * written  # fmt: skip
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(cwd)
    assert "Traceback" not in result.output
    assert (folder / "out").exists() == written  # nothing written unless it succeeded
    return result.exit_code, result.stderr


SECURITY = {
    "class-mro": (
        "<p>ok</p>\n{{ ''.__class__.__mro__[1].__subclasses__() }}",
        f"{EVIL}:2:1: template error (security): "
        "access to attribute '__class__' of 'str' object is unsafe.",
    ),
    "globals-through-a-function": (
        "{{ cycler.__init__.__globals__ }}",
        f"{EVIL}:1:1: template error (security): "
        "access to attribute '__init__' of 'type' object is unsafe.",
    ),
    "mutating-the-context": (
        "{{ recommendations.append(1) }}",
        f"{EVIL}:1:1: template error (security): "
        "access to attribute 'append' of 'list' object is unsafe.",
    ),
}

_REACH = (
    "(include, extends and import reach only the audience's template folders and the built-in "
    "audiences)"
)
ESCAPES = {
    "include-dot-dot": (
        "{% include '../../../etc/passwd' %}",
        f"{EVIL}:1:1: template not found: ../../../etc/passwd {_REACH}",
    ),
    "include-absolute": (
        "<p>\n{% include '/etc/passwd' %}</p>",
        f"{EVIL}:2:1: template not found: /etc/passwd {_REACH}",
    ),
    "extends-absolute": (
        "{% extends '/etc/passwd' %}",
        f"{EVIL}:1:1: template not found: /etc/passwd {_REACH}",
    ),
    "import-dot-dot": (
        "{% import '../negotiator/memo.html.j2' as m %}",
        f"{EVIL}:1:1: template not found: ../negotiator/memo.html.j2 {_REACH}",
    ),
}

MARKUP = {
    "script": (
        "{% extends 'builtin/negotiator/memo.html.j2' %}\n{% block header %}\n{{ super() }}\n"
        "<script>alert(1)</script>\n{% endblock %}",
        f"{EVIL}:4:1: unknown element <script> in the template's output",
    ),
    "event-attribute": (
        '<h1>Memo</h1>\n\n<p onclick="steal()">Hello</p>',
        f"{EVIL}:3:1: attribute 'onclick' is not allowed on <p>",
    ),
    "javascript-link": (
        '<p>\n  See <a href="javascript:alert(1)">this</a>.</p>',
        f"{EVIL}:2:7: link target 'javascript:alert(1)' is not an http(s) or mailto URL",
    ),
    "file-link": (
        '<p><a href="file:///etc/passwd">x</a></p>',
        f"{EVIL}:1:4: link target 'file:///etc/passwd' is not an http(s) or mailto URL",
    ),
    "local-image": (
        '<h1>Memo</h1>\n<p><img src="file:///etc/passwd"></p>',
        f"{EVIL}:2:4: unknown element <img> in the template's output",
    ),
    "block-inside-list": (
        "<h1>Memo</h1>\n<ul>\n  <p>not an item</p>\n</ul>",
        f"{EVIL}:3:3: <p> is not allowed inside <ul>",
    ),
    "folded-at-compile-time": (
        "<h1>Memo</h1>\n{% if true %}\n<p>{{ '<blink>x</blink>'|safe }}</p>\n{% endif %}",
        f"{EVIL}:3:1: unknown element <blink> in the template's output",
    ),
    "from-an-expression": (
        "<h1>Memo</h1>\n{% set t = 'blink' %}\n<p>{{ ('<' ~ t ~ '>x</' ~ t ~ '>')|safe }}</p>",
        f"{EVIL}:3:1: unknown element <blink> in the template's output "
        "(in the output of the expression on this line)",
    ),
    "control-characters": (
        "<h1>Memo</h1>\n<p>a\x01b\x1bc\x7fd</p>",
        f"{EVIL}:2:5: control character U+0001 in text\n"
        f"{EVIL}:2:7: control character U+001B in text\n"
        f"{EVIL}:2:9: control character U+007F in text",
    ),
    "c1-control-as-reference": (
        "<h1>Memo</h1>\n<p>a&#x85;b</p>",  # what was written, though HTML reads it as U+2026
        f"{EVIL}:2:5: control character U+0085 in text (written &#x85;)",
    ),
    "bidi-override-literal": (
        "<h1>Memo</h1>\n<p>abc\u202edef</p>",
        f"{EVIL}:2:7: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE in text: remove it",
    ),
    "bidi-override-reference": (
        "<h1>Memo</h1>\n<p>abc&#x202E;def</p>",
        f"{EVIL}:2:7: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE in text: remove it "
        "(written &#x202E;)",
    ),
    "bidi-isolate-decimal-reference": (
        "<h1>Memo</h1>\n<aside title='a&#8295;b'><p>x</p></aside>",
        f"{EVIL}:2:16: bidirectional control U+2067 RIGHT-TO-LEFT ISOLATE in text: remove it "
        "(written &#8295;)",
    ),
    "noncharacter-reference": (
        "<h1>Memo</h1>\n<p>&#xFDD0;</p>",
        f"{EVIL}:2:4: noncharacter U+FDD0 in text (written &#xFDD0;)",
    ),
    "cdata": (
        "<h1>Memo</h1>\n<p><![CDATA[hidden]]></p>",
        f"{EVIL}:2:4: CDATA sections are not allowed in the markup: write the text escaped",
    ),
    "nested-divs": (
        "<div>" * 1000 + "x" + "</div>" * 1000,
        f"{EVIL}:1:161: <div> nests elements deeper than 32 levels",
    ),
    "nested-lists": (
        "<ul><li>" * 200 + "x" + "</li></ul>" * 200,
        f"{EVIL}:1:129: <ul> nests elements deeper than 32 levels",
    ),
}


@pytest.mark.parametrize(("source", "expected"), SECURITY.values(), ids=list(SECURITY))
def test_attribute_tricks_are_security_errors(tmp_path: Path, source: str, expected: str) -> None:
    assert build(tmp_path, source) == (2, expected + "\n")


@pytest.mark.parametrize(("source", "expected"), ESCAPES.values(), ids=list(ESCAPES))
def test_templates_cannot_leave_the_search_path(tmp_path: Path, source: str, expected: str) -> None:
    assert build(tmp_path, source) == (2, expected + "\n")


def test_a_template_linking_outside_its_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("<p>the secret</p>", encoding="utf-8")
    link = tmp_path / "templates" / "evil" / "leak.html.j2"
    link.parent.mkdir(parents=True)
    try:
        link.symlink_to(secret)
    except OSError:
        pytest.skip("cannot create symbolic links here")
    assert build(tmp_path, "<h1>x</h1>\n{% include 'leak.html.j2' %}") == (
        2,
        f"{EVIL}:2:1: template error (security): "
        "template leak.html.j2 is a link to a file outside its folder\n",
    )


@pytest.mark.parametrize(("source", "expected"), MARKUP.values(), ids=list(MARKUP))
def test_markup_errors_name_the_template_and_its_line(
    tmp_path: Path, source: str, expected: str
) -> None:
    assert build(tmp_path, source) == (2, expected + "\n")


def test_a_huge_repetition_fails_at_once_in_little_memory(tmp_path: Path) -> None:
    build(tmp_path / "warm-up", "<p>warm-up</p>", written=True)  # imports and caches are not
    tracemalloc.start()  # what is measured
    try:
        status, stderr = build(tmp_path, "<p>\n{{ 'a' * 300000000 }}</p>")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (status, stderr) == (
        2,
        f"{EVIL}:2:1: template error: the template repeats a value to 300,000,000 characters "
        "or items, more than the output limit of 2,000,000\n",
    )
    assert peak < 30_000_000  # the string would take 300 MB


BOUNDED = {
    "filter-width": (
        "{{ 'a'|center(300000000) }}",
        "filter center: the number 300,000,000 is over the limit of 2,000,000",
    ),
    "format-width": (
        "{{ '%300000000s'|format('a') }}",
        "a format width: the number 300,000,000 is over the limit of 2,000,000",
    ),
    "method-width": (
        "{{ '{:300000000}'.format(1) }}",
        "a format width: the number 300,000,000 is over the limit of 2,000,000",
    ),
    "doubling-by-concatenation": (
        "{% set a = 'a' * 1000000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c|length }}",
        "the template builds a value of 4,000,000 characters or items, "
        "more than the output limit of 2,000,000",
    ),
    "join": (
        "{{ (['a' * 1000000] * 2000)|join }}",
        "the template builds a value of 2,000,000,000 characters or items, "
        "more than the output limit of 2,000,000",
    ),
    "replace": (
        "{{ ('a' * 1000000)|replace('a', 'bbbbb') }}",
        "the template builds a value of 6,000,000 characters or items, "
        "more than the output limit of 2,000,000",
    ),
    "hidden-in-a-set-block": (
        "{% set x %}{% for i in range(100000) %}{{ 'a' * 1000 }}{% endfor %}{% endset %}",
        "the template prints more than 20,000,000 characters in all "
        "(macros and {% set %} blocks included)",
    ),
}


@pytest.mark.parametrize(("source", "message"), BOUNDED.values(), ids=list(BOUNDED))
def test_values_are_bounded_before_they_are_built(
    tmp_path: Path, source: str, message: str
) -> None:
    tracemalloc.start()
    try:
        status, stderr = build(tmp_path, source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (status, stderr) == (2, f"{EVIL}:1:1: template error: {message}\n")
    assert peak < 60_000_000


def test_loops_that_print_nothing_are_bounded_by_counting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(template_bounds, "MAX_STEPS", 10_000)
    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    assert build(tmp_path, source) == (
        2,
        f"{EVIL}:1:1: template error: the template runs more than 10,000 loop iterations "
        "and calls\n",
    )


def test_exponential_recursion_is_bounded_by_counting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(template_bounds, "MAX_STEPS", 10_000)
    source = (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n"
        "{{ f(40) }}"
    )
    status, stderr = build(tmp_path, source)
    assert status == 2
    assert stderr.startswith(f"{EVIL}:1:1: template error: the template runs more than 10,000")


def test_a_template_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    size = template_bounds.MAX_TEMPLATE_BYTES + 1
    status, stderr = build(tmp_path, "{# " + "x" * (size - 6) + " #}")
    assert status == 2
    assert stderr == (
        f"briefgen: {EVIL}: template error: template memo.html.j2 is {size:,} bytes; "
        f"the limit is {template_bounds.MAX_TEMPLATE_BYTES:,}\n"
    )


def test_a_missing_template_is_one_clear_line(tmp_path: Path) -> None:
    assert build(tmp_path, None, extends=None) == (
        2,
        "briefgen: template not found: memo.html.j2 (searched the audience's folders)\n",
    )


def test_markup_errors_in_an_included_template_name_that_template(tmp_path: Path) -> None:
    part = "<p>A part</p>\n<p>with <blink>a bad element</blink></p>\n"
    status, stderr = build(
        tmp_path, "<h1>Memo</h1>\n{% include 'part.html.j2' %}", others={"part.html.j2": part}
    )
    assert (status, stderr) == (
        2,
        "templates/evil/part.html.j2:2:9: unknown element <blink> in the template's output\n",
    )


def test_without_a_source_map_the_rendered_output_line_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unrepeatable(*_args: Any) -> None:
        raise RuntimeError("rendering is not repeatable")

    monkeypatch.setattr(sourcemap, "_trace", unrepeatable)
    status, stderr = build(tmp_path, "<h1>Memo</h1>\n\n<blink>x</blink>")
    assert (status, stderr) == (
        2,
        f"briefgen: {EVIL}: line 3 of the rendered output of memo.html.j2: "
        "unknown element <blink> in the template's output\n",
    )


def test_asides_nested_deeper_than_the_page_holds_are_laid_out_flat(tmp_path: Path) -> None:
    source = "<h1>Memo</h1>\n" + "<aside>" * 30 + "<p>deep</p>" + "</aside>" * 30
    status, stderr = build(tmp_path, source, written=True, formats="pdf,docx,html,md")
    assert (status, stderr) == (
        0,
        "briefgen: warning: evil: 1 page, under its budget of 4-8 pages\n",
    )
    assert "deep" in (tmp_path / "out" / ESSAY_BRIEF.stem / "evil.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ('marking: "DRAFT\\x01"\n', "3:10: marking: control character U+0001 in text"),
        (
            'style: {header: "a\\u202Eb"}\n',
            "3:17: style.header: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE in text: "
            "remove it",
        ),
    ],
)
def test_audience_texts_refuse_control_characters(
    tmp_path: Path, settings: str, expected: str
) -> None:
    status, stderr = build(tmp_path, _INHERITED, settings=settings)
    assert (status, stderr) == (2, f"templates/evil/audience.yaml:{expected}\n")


_BOX = "it would be drawn as a box; replace it or remove it"
GLYPHS = {
    "hieroglyph-no-font-has": (
        "<h1>Memo</h1>\n<p>a\U00013000b</p>",
        f"{EVIL}:2:5: no glyph for U+13000 EGYPTIAN HIEROGLYPH A001 in DejaVu Serif, the font "
        f"of body text in the evil memo: {_BOX}",
    ),
    "emoji-in-a-serif-paragraph": (
        "<h1>Memo</h1>\n<p>a&#x1F600;b</p>",
        f"{EVIL}:2:5: no glyph for U+1F600 GRINNING FACE in DejaVu Serif, the font of body "
        f"text in the evil memo: {_BOX}",
    ),
}


@pytest.mark.parametrize(("source", "expected"), GLYPHS.values(), ids=list(GLYPHS))
def test_a_character_the_font_lacks_names_the_template_line(
    tmp_path: Path, source: str, expected: str
) -> None:
    assert build(tmp_path, source) == (2, expected + "\n")


def test_the_same_character_in_a_font_that_has_it_is_drawn(tmp_path: Path) -> None:
    # negotiator sets headings in DejaVu Sans, which has the emoticons
    status, _stderr = build(tmp_path, "<h1>Memo \U0001f600</h1>", written=True)
    assert status == 0


def test_a_running_header_the_font_lacks_names_the_audience_file(tmp_path: Path) -> None:
    status, stderr = build(tmp_path, _INHERITED, settings='style: {header: "a\U00013000"}\n')
    assert (status, stderr) == (
        2,
        "templates/evil/audience.yaml:3:17: style.header: no glyph for U+13000 EGYPTIAN "
        "HIEROGLYPH A001 in "
        f"DejaVu Sans, the font of the running header and footer in the evil memo: {_BOX}\n",
    )


def test_a_brief_text_the_memo_font_lacks_names_the_brief_field(tmp_path: Path) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8").replace(
        "bottom_line: >-\n  The essay", "bottom_line: >-\n  \U0001f600 The essay", 1
    )
    brief = tmp_path / "emoji.yaml"
    brief.write_text(text, encoding="utf-8")
    args = ["build", str(brief), "-a", "negotiator", "-f", "md", "-o", str(tmp_path / "out")]
    (tmp_path / "t").mkdir()  # the built-in house style: a serif body, without the emoji
    result = CliRunner().invoke(main, [*args, "--templates", str(tmp_path / "t")])
    assert result.exit_code == 2
    printed = REPO / "src" / "briefgen" / "audiences" / "negotiator" / "memo.html.j2"
    assert result.stderr == (
        f"{brief}:62:14: bottom_line: no glyph for U+1F600 GRINNING FACE in DejaVu Serif, the "
        f"font of body text in the negotiator memo: {_BOX} (printed by {printed}:14)\n"
    )
    assert not (tmp_path / "out").exists()


RECURSIVE_MACROS = {
    "calls-itself": "{% macro m() %}{{ m() }}{% endmacro %}\n<p>{{ m() }}</p>",
    "through-its-caller": (
        "{% macro m() %}{{ caller() }}{% endmacro %}\n"
        "{% macro k() %}{% call m() %}{{ k() }}{% endcall %}{% endmacro %}\n<p>{{ k() }}</p>"
    ),
}


@pytest.mark.parametrize("source", RECURSIVE_MACROS.values(), ids=list(RECURSIVE_MACROS))
def test_a_macro_recursing_without_end_is_a_located_template_error(
    tmp_path: Path, source: str
) -> None:
    status, stderr = build(tmp_path, source)
    assert status == 2
    assert re.fullmatch(
        rf"{EVIL}:[12]:1: template error: macro (m|k|caller)\(\) is called 50 levels deep, the "
        r"limit \(does it call itself without end\?\)\n",
        stderr,
    )


def test_macros_nested_within_the_limit_render(tmp_path: Path) -> None:
    source = (
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{% endif %}{% endmacro %}\n<h1>{{ m(45) }}x</h1>"
    )
    assert build(tmp_path, source, written=True)[0] == 0


# Jinja counts nothing inside a filter: only the render's own process limits stop these.
RUNAWAY_TIME = (
    "{% extends 'builtin/negotiator/memo.html.j2' %}\n{% block header %}\n{{ super() }}\n"
    "<p>{{ range(100000)|map('center',1999999)|map('upper')|map('title')|map('length')|sum }}"
    "</p>\n{% endblock %}"
)
RUNAWAY_MEMORY = (
    "{% extends 'builtin/negotiator/memo.html.j2' %}\n{% block header %}\n{{ super() }}\n"
    "<p>{{ (range(100000)|map('center',1999999)|list)|length }}</p>\n{% endblock %}"
)
_MEMO = f"{ESSAY_BRIEF}: the evil memo"


def test_work_inside_filters_is_stopped_by_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process_limits, "MAX_RENDER_SECONDS", 1.0)
    status, stderr = build(tmp_path, RUNAWAY_TIME)
    assert (status, stderr) == (
        2,
        f"{EVIL}:4:1: template error: {_MEMO}: rendering took over 1 s, the limit; "
        "the template does too much work here\n",
    )


def test_memory_inside_filters_is_bounded_and_located(tmp_path: Path) -> None:
    build(tmp_path / "first", "<p>x</p>", written=True)  # the audience folder
    (tmp_path / "first" / "templates").rename(tmp_path / "templates")
    (tmp_path / "templates" / "evil" / "memo.html.j2").write_text(RUNAWAY_MEMORY)
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", str(ESSAY_BRIEF), "-a", "evil", "-f", "md",
         "-o", "out", "--allow-over-budget"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )  # fmt: skip
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    process.stderr.close()
    _pid, status, usage = os.wait4(process.pid, 0)  # usage: the build and its render child
    limit = process_limits.MAX_RENDER_MEMORY // 2**20
    assert (os.waitstatus_to_exitcode(status), stderr) == (
        2,
        f"{EVIL}:4:1: template error: {_MEMO}: rendering ran out of memory (a render may use "
        f"{limit} MiB); the template builds too large a value here\n",
    )
    assert usage.ru_maxrss < 1024 * 1024  # KiB: stopped under 1 GiB resident
    assert not (tmp_path / "out").exists()


def test_too_long_a_memo_names_brief_audience_line_limit_and_remedy(tmp_path: Path) -> None:
    source = (
        "{% extends 'builtin/negotiator/memo.html.j2' %}\n{% block header %}\n"
        "{% for i in range(30000) %}<p>{{ 'x' * 100 }}</p>\n{% endfor %}\n{% endblock %}"
    )
    status, stderr = build(tmp_path, source)
    assert (status, stderr) == (
        2,
        f"{EVIL}:3:1: {_MEMO}: output exceeds 2,000,000 characters, the limit for a memo "
        "(template memo.html.j2); select fewer items for this audience (an audience that "
        "extends it, with selection: recommendations, tags or priority in its audience.yaml) "
        "or split the brief\n",
    )
