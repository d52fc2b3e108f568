"""briefgen: one structured YAML brief, a memo per audience, as DOCX, PDF, HTML and Markdown.

The Python API is :mod:`briefgen.api`; its functions and result types are imported on first
use, so ``import briefgen`` stays cheap::

    from briefgen import api

    api.validate("briefs/NAME.yaml")                 # -> list[Problem], [] when valid
    result = api.build("briefs/NAME.yaml", audiences="all", formats="docx,pdf")
    pdf = api.render_bytes("briefs/NAME.yaml", "executive", "pdf")
    report = api.check("briefs/NAME.yaml", "source/NAME.txt")

The functions whose names no subpackage takes are also here (``briefgen.validate``,
``briefgen.load``, ``briefgen.render_bytes``, ...); ``briefgen.build`` and ``briefgen.check``
are the subpackages below, so those two are called through ``briefgen.api``.

The subpackages, one per pipeline stage (a stage never imports a later one)::

    errors.py      the errors every function raises; str() of a located one is the CLI's line
    files/         safe names, atomic writes, transactions on an output folder, the cache
    fonts/         the bundled font files, their faces and the characters they cover
    brief/         located YAML reading, the typed Brief model, loading, cross-references
    audience/      audience profiles, `extends`, the search path, styles, scaffolding
    audiences/     the built-in audiences (package data)
    document/      the strict markup parser and the Document tree
    render/        the template view, sandboxed Jinja, assembling a memo's Document
    export/        docx, pdf, html, markdown: export(document, style) -> bytes
    check/         source provenance, attribution, coverage, rendered-memo checks
    build/         planning, worker processes, writing memos and manifests, --watch
    api.py         the Python API, with typed results
    cli.py         the `briefgen` command: a thin layer over api.py
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from briefgen import api
    from briefgen.api import (
        AudienceInfo,
        BriefResult,
        BuildResult,
        BuiltFile,
        CheckReport,
        Fingerprint,
        audience_names,
        fingerprint,
        load,
        new_audience,
        new_brief,
        render_bytes,
        schema,
        validate,
        watch,
    )
    from briefgen.errors import BriefgenError, BuildError, InputError, Problem, WriteError

__all__ = [
    "AudienceInfo",
    "BriefResult",
    "BriefgenError",
    "BuildError",
    "BuildResult",
    "BuiltFile",
    "CheckReport",
    "Fingerprint",
    "InputError",
    "Problem",
    "WriteError",
    "__version__",
    "api",
    "audience_names",
    "fingerprint",
    "load",
    "new_audience",
    "new_brief",
    "render_bytes",
    "schema",
    "validate",
    "watch",
]
_ERRORS = frozenset({"BriefgenError", "BuildError", "InputError", "Problem", "WriteError"})
_API = frozenset(__all__) - _ERRORS - {"__version__", "api"}


def __getattr__(name: str) -> Any:
    """The API's names, imported from :mod:`briefgen.api` (or :mod:`briefgen.errors`) on
    first use."""
    if name == "api":
        import briefgen.api

        return briefgen.api
    if name in _API:
        from briefgen import api

        return getattr(api, name)
    if name in _ERRORS:
        from briefgen import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, the lazily imported API's included."""
    return sorted({*globals(), *__all__})
