"""Build: brief x audiences x formats -> files in OUT/<brief stem>/<audience>.<ext>.

Every memo is rendered and exported in memory first and written only when all succeeded,
each file atomically: a failed build leaves the earlier output exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.audiences import Audience
from briefgen.document import words
from briefgen.errors import BriefgenError, BuildError
from briefgen.export import FORMATS, exporter
from briefgen.load import load_brief
from briefgen.output import write_atomic
from briefgen.render import render

_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", re.DOTALL)


@dataclass(frozen=True)
class Memo:
    """One built file: which audience and format, where, how long, and its hash."""

    audience: str
    format: str
    path: Path
    pages: int | None
    words: int
    sha256: str
    data: bytes


def parse_formats(spec: str) -> list[str]:
    """``"docx,pdf"`` -> ``["docx", "pdf"]``; unknown formats are an error."""
    from briefgen.errors import InputError

    formats = [part.strip() for part in spec.split(",") if part.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(
            f"unknown format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(formats))


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF briefgen wrote (its page tree's root /Count)."""
    counts = [int(m.group(1)) for m in _PAGE_COUNT.finditer(data)]
    return max(counts) if counts else 0


def build_memos(
    brief_path: Path, audiences: list[Audience], formats: list[str], out_dir: Path
) -> list[Memo]:
    """Render and export every (audience, format) in memory; raise on the first failure."""
    brief = load_brief(brief_path)
    target = out_dir / brief_path.stem
    memos: list[Memo] = []
    for audience in audiences:
        rendered = render(brief, audience, str(brief_path))
        count = words(rendered.document)
        for fmt in formats:
            try:
                data = exporter(fmt)(rendered.document, audience.config.style)
            except BriefgenError:
                raise
            except Exception as exc:  # an exporter bug must still be one clear line
                raise BuildError(
                    f"{audience.name}.{fmt}: export failed: {type(exc).__name__}: {exc}"
                ) from exc
            memos.append(
                Memo(
                    audience=audience.name,
                    format=fmt,
                    path=target / f"{audience.name}.{fmt}",
                    pages=pdf_page_count(data) if fmt == "pdf" else None,
                    words=count,
                    sha256=hashlib.sha256(data).hexdigest(),
                    data=data,
                )
            )
    return memos


def write_memos(memos: list[Memo]) -> None:
    """Write every memo's file atomically."""
    for memo in memos:
        write_atomic(memo.path, memo.data)
