"""The Jinja environment templates run in: sandboxed, strict, autoescaped and bounded.

Templates are untrusted (a colleague's audience folder). The environment is Jinja's immutable
sandbox (no attribute tricks, no mutation of what render passes in), with StrictUndefined (a
typo is an error, not an empty string) and HTML autoescaping (brief text is always text).
The sandbox bounds neither output size nor time, so :mod:`briefgen.render.template_limits` does
(value sizes, loop and call steps, characters produced, time), and output is streamed here
with a size limit.
"""

from __future__ import annotations

import contextvars
import hashlib
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from briefgen import __version__
from briefgen.errors import InputError, Problem
from briefgen.files import cache_folder as cache
from briefgen.render import template_limits as template_bounds
from briefgen.render.template_limits import (
    MAX_OUTPUT_CHARS,
    MAX_RENDER_MEMORY,
    MAX_RENDER_SECONDS,
    BoundedEnvironment,
    LimitExceeded,
    OutOfTime,
    TemplateFileLoader,
    render_budget,
)
from briefgen.render.template_lines import innermost_frame

#: How deep macro calls may nest: far more than any template needs, and well within Python's
#: recursion limit (each level takes several interpreter frames).
MAX_MACRO_DEPTH = 50
_MACRO_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("macro_depth", default=0)

__all__ = ["MAX_OUTPUT_CHARS", "BoundedEnvironment", "make_environment", "render_template"]


class _SharedCompiled(jinja2.BytecodeCache):
    """Compiled templates: shared by every audience's environment in this process, and kept in
    briefgen's cache folder (:mod:`briefgen.files.cache_folder`) between runs.

    Every environment comes from :func:`make_environment`, with the same options, so the code
    compiled from a template file is the same for all of them: the shared macros, and a base
    audience's templates, are compiled once a process, and once at all while the files and
    briefgen stay as they are. An entry's name digests briefgen's version, Jinja's, the code of
    the modules that generate and bound the code, and the template's name and file; Jinja checks
    the source's checksum and the Python version stored with the code before using it.
    """

    def __init__(self) -> None:
        self._code: dict[tuple[str, str | None], Any] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The entry's name: the template's, under everything its compiled code depends on."""
        digest = hashlib.sha256(_GENERATOR)
        digest.update(f"\0{name}\0{filename}".encode())
        return f"template-{digest.hexdigest()}"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give ``bucket`` the code compiled earlier from the same file and source, if any."""
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code
            return
        kept = cache.read(bucket.key)
        if kept is None:
            return
        try:
            bucket.bytecode_from_string(kept)  # left empty if stale, or from another Python
        except Exception:  # a damaged entry: compiled afresh, and written again
            bucket.reset()
        if bucket.code is not None:
            self._code[(bucket.key, bucket.checksum)] = bucket.code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep ``bucket``'s freshly compiled code, here and in the cache folder."""
        if len(self._code) >= 512:  # a long --watch session of template edits
            self._code.clear()
        self._code[(bucket.key, bucket.checksum)] = bucket.code
        cache.write(bucket.key, bucket.bytecode_to_string())


def _generator_fingerprint() -> bytes:
    """briefgen's and Jinja's versions and the source of the code generator and environment."""
    parts = [__version__.encode(), jinja2.__version__.encode()]
    for module in (template_bounds, sys.modules[__name__]):
        parts.append(Path(module.__file__ or "").read_bytes())
    return hashlib.sha256(b"\0".join(parts)).digest()


class _MacroBoundedEnvironment(BoundedEnvironment):
    """Bounds how deep macro calls nest, so a macro calling itself without end is a template
    error at its line, not Python's recursion limit hit somewhere inside Jinja."""

    def call(
        __self,  # Jinja's own signature: a keyword argument may be named "self"
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Call ``__obj``, one level deeper when it is a macro."""
        if not isinstance(__obj, jinja2.runtime.Macro):
            return super().call(__context, __obj, *args, **kwargs)
        depth = _MACRO_DEPTH.get()
        if depth >= MAX_MACRO_DEPTH:
            name = __obj.name or "caller"
            raise LimitExceeded(
                f"macro {name}() is called {MAX_MACRO_DEPTH} levels deep, the limit "
                "(does it call itself without end?)"
            )
        token = _MACRO_DEPTH.set(depth + 1)
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            _MACRO_DEPTH.reset(token)


_GENERATOR = _generator_fingerprint()
_COMPILED = _SharedCompiled()


def make_environment(chain: tuple[tuple[str, Path], ...], builtin_root: Path) -> BoundedEnvironment:
    """An environment for an audience whose ``chain`` is (name, folder) pairs, itself first.

    Plain names resolve in the chain's folders, nearest first, then in the shared macros;
    ``NAME/FILE`` reaches a template of an audience in the chain, and ``builtin/NAME/FILE``
    a built-in one even where a user folder shadows it. Nothing outside these folders is
    reachable: Jinja's file loader refuses ``..`` and absolute paths.
    """
    named = {name: TemplateFileLoader(str(folder)) for name, folder in reversed(chain)}
    named["builtin"] = TemplateFileLoader(str(builtin_root))
    loader = jinja2.ChoiceLoader(
        [
            *(TemplateFileLoader(str(folder)) for _name, folder in chain),
            TemplateFileLoader(str(builtin_root / "_shared")),
            jinja2.PrefixLoader(named),
        ]
    )
    return _MacroBoundedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=_COMPILED,
    )


def _template_problem(exc: Exception, fallback: str) -> Problem:
    """Locate a Jinja error in the template that raised it (name and line)."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or fallback
    line = getattr(exc, "lineno", None) or 0
    if not getattr(exc, "lineno", None):
        # Runtime errors: the innermost template frame of the traceback has the line.
        name, line = _template_frame(exc) or (name, line)
    message = getattr(exc, "message", None) or str(exc)
    kind = " (security)" if isinstance(exc, SecurityError) else ""
    return Problem(str(name), line, 1 if line else 0, "", f"template error{kind}: {message}")


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """File and line of the innermost template frame in ``exc``'s traceback, if any."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(".j2") or code.co_filename.endswith(".html"):
            found = code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return found


def _not_found(exc: jinja2.TemplateNotFound) -> InputError:
    """A missing template: where it was asked for (include/extends/import), if known."""
    message = (
        f"template not found: {exc.name} (include, extends and import reach only "
        "the audience's template folders and the built-in audiences)"
    )
    where = _template_frame(exc)
    if where is None:
        return InputError(f"template not found: {exc.name} (searched the audience's folders)")
    return InputError([Problem(where[0], where[1], 1, "", message)])


def render_template(
    env: BoundedEnvironment, name: str, context: dict[str, Any], *, work: str = ""
) -> str:
    """Render template ``name`` with ``context`` within the size and time limits.

    ``work`` (say "briefs/x.yaml: the negotiator memo") begins the messages of the limits that
    a legitimate but large brief can reach too (output size, memory, time).
    """
    started = time.monotonic()
    prefix = f"{work}: " if work else ""
    try:
        with render_budget():
            template = env.get_template(name)
            parts: list[str] = []
            size = 0
            generator = template.generate(context)
            for chunk in generator:
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise _too_long(generator, name, prefix)
                if time.monotonic() - started > MAX_RENDER_SECONDS:
                    raise InputError(
                        f"{prefix}template {name}: rendering took over {MAX_RENDER_SECONDS:.0f} s"
                    )
                parts.append(chunk)
        return "".join(parts)
    except InputError:
        raise
    except jinja2.TemplateNotFound as exc:
        raise _not_found(exc) from None
    except MemoryError as exc:
        raise InputError([_out_of_memory(exc, name, prefix)]) from None
    except OutOfTime as exc:
        problem = _template_problem(exc, name)
        message = problem.message.replace(": ", f": {prefix}", 1)
        raise InputError([replace(problem, message=message)]) from None
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


def _out_of_memory(exc: MemoryError, name: str, prefix: str) -> Problem:
    """Where a template ran out of memory (its innermost template frame), and the limit."""
    file, line = _template_frame(exc) or (name, 0)
    limit = MAX_RENDER_MEMORY // (1024 * 1024)
    message = (
        f"template error: {prefix}rendering ran out of memory (a render may use {limit} MiB); "
        "the template builds too large a value here"
    )
    return Problem(str(file), line, 1 if line else 0, "", message)


def _too_long(generator: Any, name: str, prefix: str) -> InputError:
    """The output is over the limit: located at the template line writing when it went over,
    saying what to do."""
    frame = innermost_frame(generator)
    template = frame.f_globals.get("__jinja_template__") if frame else None
    file, line = name, 0
    if isinstance(template, jinja2.Template) and frame is not None:
        file = template.filename or template.name or name
        line = template.get_corresponding_lineno(frame.f_lineno)
    message = (
        f"{prefix}output exceeds {MAX_OUTPUT_CHARS:,} characters, the limit for a memo "
        f"(template {name}); select fewer items for this audience (an audience that extends "
        "it, with selection: recommendations, tags or priority in its audience.yaml) or split "
        "the brief"
    )
    return InputError([Problem(str(file), line, 1 if line else 0, "", message)])
