"""Bounds on what a template may compute: value sizes, loop and call steps, output, time.

Jinja's sandbox stops attribute tricks but bounds neither memory nor time, and templates are
untrusted (a colleague's audience folder). :class:`BoundedEnvironment` adds, per render:

- **value size**: no string or list a template builds may exceed :data:`MAX_OUTPUT_CHARS`
  characters or items. ``*``, ``+``, ``%``, ``~``, ``**`` and the filters and string methods that
  take a width or a count (``center``, ``indent``, ``format``, ``replace``, ``join``,
  ``wordwrap``, ``str.format``, ``str.ljust``, ...) are checked *before* they allocate, so
  ``{{ 'a' * 300000000 }}`` fails at once, in little memory;
- **steps**: loop iterations plus calls (macros, methods, functions) are counted; past
  :data:`MAX_STEPS` the render stops. This bounds time by the amount of work, not the clock,
  so a template that loops without printing (``{% for i in range(100000) %}{% for j in
  range(100000) %}{% endfor %}{% endfor %}``) or recurses exponentially is stopped too;
- **characters produced**: everything ``{{ ... }}`` prints, including into macro and
  ``{% set %}`` buffers that never reach the output, counts towards :data:`MAX_PRODUCED_CHARS`;
- **time**: a wall-clock backstop of :data:`MAX_RENDER_SECONDS`, checked at every step (work
  inside one filter takes no steps: :mod:`briefgen.render.process_limits` renders in a child
  process that a timer stops, its memory capped at :data:`MAX_RENDER_MEMORY`);
- **template files** over :data:`MAX_TEMPLATE_BYTES`, or linking outside their folder, are
  refused before they are read.

A limit that is hit raises :class:`LimitExceeded`, a Jinja runtime error, so the caller reports
it with the template's name and line like any other template error.
"""

from __future__ import annotations

import os
import re
import time
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import soft_str

MAX_OUTPUT_CHARS = 2_000_000
MAX_PRODUCED_CHARS = 20_000_000
MAX_STEPS = 1_000_000
MAX_RENDER_SECONDS = 10.0
MAX_RENDER_MEMORY = 512 * 1024 * 1024  # address space a render may add (its own process's)
MAX_TEMPLATE_BYTES = 1024 * 1024
_MAX_POWER = 64

# Width and precision in %-formatting ("%300000000s") and in str.format specs ("{:300000000}").
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}")
_NESTED_SPEC = re.compile(r"\{[^{}]*:[^{}]*\{")
_DIGITS = re.compile(r"\d+")
# Filters and str methods whose numeric arguments are sizes (a width, a count of items).
_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class LimitExceeded(jinja2.TemplateRuntimeError):
    """A template went over one of the bounds of this module."""


class OutOfTime(LimitExceeded):
    """A render ran past its time limit (raised by the child process's timer)."""


@dataclass
class _Budget:
    """What one render has used so far."""

    deadline: float
    steps: int = 0
    produced: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("briefgen_template_budget", default=None)


@contextmanager
def render_budget(seconds: float = MAX_RENDER_SECONDS) -> Iterator[None]:
    """Count steps and produced characters of the renders inside the ``with`` block."""
    token = _BUDGET.set(_Budget(time.monotonic() + seconds))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _step() -> None:
    """Count one loop iteration or call; stop past the step or time limit."""
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.steps += 1
    if budget.steps > MAX_STEPS:
        raise LimitExceeded(f"the template runs more than {MAX_STEPS:,} loop iterations and calls")
    if time.monotonic() > budget.deadline:
        raise LimitExceeded(f"rendering took over {MAX_RENDER_SECONDS:.0f} s")


def _produce(count: int) -> None:
    """Count ``count`` printed characters; stop past the limit."""
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.produced += count
    if budget.produced > MAX_PRODUCED_CHARS:
        raise LimitExceeded(
            f"the template prints more than {MAX_PRODUCED_CHARS:,} characters in all "
            "(macros and {% set %} blocks included)"
        )


def _check_size(size: int, what: str = "builds a value of") -> None:
    """Refuse a value of ``size`` characters or items over the output limit."""
    if size > MAX_OUTPUT_CHARS:
        raise LimitExceeded(
            f"the template {what} {size:,} characters or items, "
            f"more than the output limit of {MAX_OUTPUT_CHARS:,}"
        )


def _size(value: object) -> int:
    """Characters or items of a string or container; 0 for anything else."""
    return len(value) if isinstance(value, (str, list, tuple, dict, set, frozenset)) else 0


def _check_numbers(values: Iterable[object], where: str) -> None:
    """Refuse any integer in ``values`` over the limit (a width, a count)."""
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_OUTPUT_CHARS:
            raise LimitExceeded(
                f"{where}: the number {value:,} is over the limit of {MAX_OUTPUT_CHARS:,}"
            )


def _check_percent_format(template: str, args: object) -> None:
    """``template % args``: refuse widths and precisions that would build a huge string."""
    for match in _PERCENT_SPEC.finditer(template):
        _check_numbers((int(g) for g in match.groups() if g and g != "*"), "a format width")
    values = args if isinstance(args, tuple) else (args,)
    if "*" in template:
        _check_numbers(values, "a format width")


def _check_brace_format(template: str, args: Iterable[object]) -> None:
    """``template.format(...)``: refuse huge widths in the format specs."""
    for match in _BRACE_SPEC.finditer(template):
        _check_numbers((int(d) for d in _DIGITS.findall(match.group(1))), "a format width")
    if _NESTED_SPEC.search(template):  # "{:{}}": a width taken from the arguments
        _check_numbers(args, "a format width")


def _joined_size(parts: Iterable[object], separator: str = "") -> tuple[list[object], int]:
    """``parts`` as a list, and the length they would have joined by ``separator``."""
    items = list(parts)
    total = sum(len(soft_str(item)) for item in items) + len(separator) * max(len(items) - 1, 0)
    return items, total


# ---- filters


def _estimate_filter(name: str, value: object, args: tuple, kwargs: dict) -> tuple[object, int]:
    """(possibly materialised value, size of the result) for filters that can build big values."""
    text = soft_str(value) if isinstance(value, str) else ""
    if name == "join" and "attribute" not in kwargs and len(args) < 2:
        separator = str(args[0] if args else kwargs.get("d", ""))
        if isinstance(value, str):
            return value, len(value) + len(separator) * max(len(value) - 1, 0)
        return _joined_size(value, separator)  # type: ignore[arg-type]
    if name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = text.count(old) if old else len(text) + 1
        return value, len(text) + count * len(new)
    if name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        unit = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        return value, len(text) + (text.count("\n") + 1) * unit
    if name == "wordwrap":
        wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring")
        return value, len(text) * (1 + len(str(wrap or "\n")))
    if name == "format" and isinstance(value, str):
        _check_percent_format(value, tuple(args))
    return value, 0


def _guard_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap filter ``function``: refuse huge sizes before calling, check the result after."""
    passes_arg = getattr(function, "jinja_pass_arg", None) is not None

    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        """The filter, within the bounds."""
        first = 1 if passes_arg else 0
        if len(args) > first:
            if name in _SIZED_FILTERS:
                _check_numbers((*args[first + 1 :], *kwargs.values()), f"filter {name}")
            value, size = _estimate_filter(name, args[first], args[first + 1 :], kwargs)
            _check_size(size)
            args = (*args[:first], value, *args[first + 1 :])
        result = function(*args, **kwargs)
        _check_size(_size(result))
        return result

    return guarded


# ---- method calls


def _check_method(method: Any, args: tuple, kwargs: dict) -> None:
    """Estimate what a str/list method call would build, before it runs."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in _SIZED_METHODS:
        _check_numbers((*args, *kwargs.values()), f"str.{name}()")
    if name in {"format", "format_map"}:
        _check_brace_format(owner, args)
    elif name == "join" and args:
        _check_size(_joined_size(args[0], owner)[1])
    elif name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = owner.count(old) if old else len(owner) + 1
        _check_size(len(owner) + count * len(new))
    elif name == "expandtabs":
        size = args[0] if args and isinstance(args[0], int) else 8
        _check_size(len(owner) + owner.count("\t") * size)


_BUILTIN_METHODS = (types.BuiltinMethodType, types.MethodWrapperType)


# ---- code generation: loops and ``~`` go through the bounds


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``for`` loop and ``~`` concatenation guarded."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        """Route each loop's iterable through ``environment.guard_loop`` (counts steps)."""
        for loop in node.find_all(nodes.For):
            guard = nodes.EnvironmentAttribute("guard_loop", lineno=loop.lineno)
            loop.iter = nodes.Call(guard, [loop.iter], [], None, None, lineno=loop.lineno)
        super().visit_Template(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        """``a ~ b``: check the joined size before joining (same code as Jinja's otherwise)."""
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.guard_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


def _count_output(value: Any) -> Any:
    """Jinja's ``finalize`` hook: every ``{{ ... }}`` output is counted as produced."""
    if isinstance(value, str):
        _produce(len(value))
    return value


def _bounded_concat(parts: Iterable[str]) -> str:
    """Join a template's buffered output (macros, ``{% set %}`` blocks), within the limit."""
    items = parts if isinstance(parts, list) else list(parts)
    _check_size(sum(len(part) for part in items), "buffers output of")
    return "".join(items)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, bounded in value size, steps, output and time."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])
    code_generator_class = _BoundedCodeGenerator
    concat = staticmethod(_bounded_concat)  # type: ignore[assignment]

    def __init__(self, **options: Any) -> None:
        """Jinja's options; output counted, filters guarded, ``lipsum`` removed."""
        super().__init__(**options)
        self.finalize = _count_output
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.globals.pop("lipsum", None)  # unbounded lorem ipsum; a memo has no use for it

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """Check ``*``, ``**``, ``+`` and ``%`` operands before computing."""
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                    _check_size(len(seq) * max(count, 0), "repeats a value to")
        elif operator == "**" and isinstance(right, (int, float)) and abs(right) > _MAX_POWER:
            raise SecurityError("the template raises a number to too large a power")
        elif operator == "+" and isinstance(left, (str, list, tuple)):
            _check_size(len(left) + _size(right))
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left, right)
        result = super().call_binop(context, operator, left, right)
        _check_size(_size(result))
        return result

    def call(
        __self,  # Jinja's own signature: a keyword argument may be named "self"
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Count a step; check method calls that could build huge values; check the result."""
        _step()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if isinstance(method, _BUILTIN_METHODS):
            _check_method(method, args, kwargs)
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (__self.guard_loop(args[0]), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(_size(result))
        return result

    def guard_loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Iterate ``iterable``, one step per item (every ``for`` loop goes through here)."""
        for item in iterable:
            _step()
            yield item

    def guard_concat(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """The parts of ``a ~ b ~ ...``, refused if joined they would be over the limit."""
        _check_size(sum(len(soft_str(part)) for part in parts))
        return parts


class TemplateFileLoader(jinja2.FileSystemLoader):
    """Jinja's file loader (which refuses ``..`` and absolute names), also refusing a template
    that is a link to a file outside its folder, and files over :data:`MAX_TEMPLATE_BYTES`,
    unread."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, if it lies inside the folder and is not too large."""
        pieces = split_template_path(template)  # refuses ".." (TemplateNotFound)
        for root in self.searchpath:
            path = os.path.join(root, *pieces)
            if os.path.isfile(path):
                inside = os.path.realpath(root) + os.sep
                error: jinja2.TemplateError | None = None
                if not os.path.realpath(path).startswith(inside):
                    error = SecurityError(
                        f"template {template} is a link to a file outside its folder"
                    )
                elif os.path.getsize(path) > MAX_TEMPLATE_BYTES:
                    error = LimitExceeded(
                        f"template {template} is {os.path.getsize(path):,} bytes; "
                        f"the limit is {MAX_TEMPLATE_BYTES:,}"
                    )
                if error is not None:
                    error.filename = path  # type: ignore[attr-defined]  # where to report it
                    raise error
                break
        return super().get_source(environment, template)
