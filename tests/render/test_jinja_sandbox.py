"""The template sandbox: strict, escaped, bounded, confined to the search path."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import InputError
from briefgen.render.jinja_sandbox import make_environment, render_template


def render(tmp_path: Path, source: str, **context: object) -> str:
    (tmp_path / "t.html.j2").write_text(source, encoding="utf-8")
    env = make_environment((("t", tmp_path),), tmp_path / "builtin-root")
    return render_template(env, "t.html.j2", context)


def error(tmp_path: Path, source: str, **context: object) -> str:
    with pytest.raises(InputError) as info:
        render(tmp_path, source, **context)
    return "\n".join(info.value.lines())


def test_autoescape(tmp_path: Path) -> None:
    assert render(tmp_path, "<p>{{ x }}</p>", x="<b>&") == "<p>&lt;b&gt;&amp;</p>"


def test_undefined_is_an_error_with_template_and_line(tmp_path: Path) -> None:
    message = error(tmp_path, "<p>\n{{ missing }}</p>")
    assert "t.html.j2:2:1: template error: 'missing' is undefined" in message


def test_sandbox_blocks_attribute_tricks(tmp_path: Path) -> None:
    message = error(tmp_path, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    assert "template error" in message and "unsafe" in message


def test_output_bounds_fail_fast(tmp_path: Path) -> None:
    assert "repeats a value" in error(tmp_path, "{{ 'a' * 300000000 }}")
    assert "too large a power" in error(tmp_path, "{{ 10 ** 100000 }}")
    message = error(tmp_path, "{% for i in range(100000) %}{{ 'x' * 50 }}{% endfor %}")
    assert "output exceeds" in message


def test_includes_cannot_leave_the_search_path(tmp_path: Path) -> None:
    assert "template not found" in error(tmp_path, "{% include '../../etc/passwd' %}")
    assert "template not found" in error(tmp_path, "{% include '/etc/passwd' %}")


def test_syntax_error_is_located(tmp_path: Path) -> None:
    assert "t.html.j2:1:1: template error:" in error(tmp_path, "{% if %}")
