"""The Jinja environment templates run in: sandboxed, strict, autoescaped and bounded.

Templates are untrusted (a colleague's audience folder). The environment is Jinja's immutable
sandbox (no attribute tricks, no mutation of what render passes in), with StrictUndefined (a
typo is an error, not an empty string) and HTML autoescaping (brief text is always text).
The sandbox bounds neither output size nor time, so this module does: ``*`` and ``**`` on large
operands are refused before they allocate, and output is streamed with a size and time limit.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from briefgen.errors import InputError, Problem

MAX_OUTPUT_CHARS = 2_000_000
MAX_RENDER_SECONDS = 10.0
_MAX_OPERAND = 100_000


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Immutable sandbox that also refuses huge repetitions and powers."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """Check ``*`` and ``**`` operands before computing (the sandbox hook for binops)."""
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(count, int)
                    and len(seq) * max(count, 0) > MAX_OUTPUT_CHARS
                ):
                    raise SecurityError(
                        "the template repeats a value to more than the output limit"
                    )
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise SecurityError("the template raises a number to too large a power")
        return super().call_binop(context, operator, left, right)


def make_environment(chain: tuple[tuple[str, Path], ...], builtin_root: Path) -> BoundedEnvironment:
    """An environment for an audience whose ``chain`` is (name, folder) pairs, itself first.

    Plain names resolve in the chain's folders, nearest first, then in the shared macros;
    ``NAME/FILE`` reaches a template of an audience in the chain, and ``builtin/NAME/FILE``
    a built-in one even where a user folder shadows it. Nothing outside these folders is
    reachable: Jinja's file loader refuses ``..`` and absolute paths.
    """
    named = {name: jinja2.FileSystemLoader(str(folder)) for name, folder in reversed(chain)}
    named["builtin"] = jinja2.FileSystemLoader(str(builtin_root))
    loader = jinja2.ChoiceLoader(
        [
            *(jinja2.FileSystemLoader(str(folder)) for _name, folder in chain),
            jinja2.FileSystemLoader(str(builtin_root / "_shared")),
            jinja2.PrefixLoader(named),
        ]
    )
    return BoundedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _template_problem(exc: Exception, fallback: str) -> Problem:
    """Locate a Jinja error in the template that raised it (name and line)."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or fallback
    line = getattr(exc, "lineno", None) or 0
    if not getattr(exc, "lineno", None):
        # Runtime errors: the innermost template frame of the traceback has the line.
        tb = exc.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename.endswith(".j2") or code.co_filename.endswith(".html"):
                name, line = code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    message = getattr(exc, "message", None) or str(exc)
    return Problem(str(name), line, 1 if line else 0, "", f"template error: {message}")


def render_template(env: BoundedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name`` with ``context`` within the size and time limits."""
    started = time.monotonic()
    try:
        template = env.get_template(name)
        parts: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise InputError(f"template {name}: output exceeds {MAX_OUTPUT_CHARS:,} characters")
            if time.monotonic() - started > MAX_RENDER_SECONDS:
                raise InputError(f"template {name}: rendering took over {MAX_RENDER_SECONDS:.0f} s")
            parts.append(chunk)
        return "".join(parts)
    except InputError:
        raise
    except jinja2.TemplateNotFound as exc:
        raise InputError(
            f"template not found: {exc.name} (searched the audience's folders)"
        ) from None
    except (jinja2.TemplateError, SecurityError) as exc:
        raise InputError([_template_problem(exc, name)]) from None
    except (
        TypeError,
        ValueError,
        ArithmeticError,
        LookupError,
        AttributeError,
        RecursionError,
    ) as exc:
        raise InputError([_template_problem(exc, name)]) from None
