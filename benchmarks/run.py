"""Benchmarks: briefgen against the route a user would take otherwise, side by side.

    python -m pip install -e ".[bench]"     # the peers: Pandoc (pypandoc-binary), Typst (typst)
    python benchmarks/run.py [--repeat 5] [--pages 300] [--json FILE]

Every comparison is measured in this one run on this machine, and reported as a ratio, so
the machine's speed cancels out. Times are the median of --repeat runs (wall clock). Peers
that are not installed are skipped, with a line saying so.

Comparisons:
  essay        `briefgen build` of the essay's four built-in memos as DOCX and PDF (one process)
               vs Pandoc (processes) from briefgen's own Markdown to DOCX and to Typst markup,
               plus Typst's compile calls alone for the PDFs, timed in a fresh interpreter
               that has imported typst and compiled another small document (start-up, import
               and font discovery not counted; the memos not already in Typst's memo cache).
  big-docx     DOCX of a --pages brief vs Pandoc for the same content.
  big-pdf      PDF of a --pages brief vs Typst's compile call, and vs a bare reportlab script
               laying out the same content from briefgen's Markdown (bare_reportlab.py:
               headings, paragraphs, lists, quotes, tables, notes), timed in this process
               (the framework's overhead).
  scaling      time for --pages pages vs a tenth of them.
  memory       peak resident memory of the --pages build.
  watch        `briefgen build --watch` of the essay's four memos (DOCX and PDF, eight files):
               from saving an edit that changes all eight (the title) to the watcher's
               "rebuilt" line, vs a cold `briefgen build` of the same memos.
  help         `briefgen --help` vs `python -c "import click"`.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import bare_reportlab  # noqa: E402 - the peer script beside this one

ESSAY = REPO / "briefs" / "triumph-in-defeat.yaml"
BUILTINS = "executive,negotiator,donor,public"


def _median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _run(*cmd: str | Path, cwd: Path = REPO, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(c) for c in cmd], cwd=cwd, check=True, capture_output=True,
                   env=None if env is None else {**os.environ, **env})  # fmt: skip


_MEASURE = (
    "import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:]); "
    "_, status, usage = os.wait4(child.pid, 0); print(usage.ru_maxrss); "
    "sys.exit(os.waitstatus_to_exitcode(status))"
)


def _peak_kib(cmd: list[str | Path]) -> int:
    """Peak resident memory (KiB) of one process running ``cmd``.

    Measured from a small intermediate interpreter: Linux carries a process's high-water mark
    across fork and exec, so a child forked straight from this (large) benchmark process would
    report this process's memory, not its own.
    """
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *(str(c) for c in cmd)],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(result.stdout.strip().splitlines()[-1])


def _briefgen(*args: str | Path) -> list[str | Path]:
    return [sys.executable, "-m", "briefgen", *args]


def _pandoc() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def _typst():  # type: ignore[no-untyped-def]
    try:
        import typst

        return typst
    except ImportError:
        return None


# Typst memoizes its work within a process: compiling the very same file again takes about a
# third of the first compile, a cache hit rather than a compile. So each timed compile runs in
# a fresh interpreter that has imported typst and compiled a small, different document first:
# the interpreter's start-up, the import and the font discovery are left out (the peer's best
# case), and the memos are compiled for real, as in a build of new content.
_TYPST_TIMER = """
import sys, time, typst
warm, *files = sys.argv[1:]
typst.compile(warm, output=warm + ".pdf")
started = time.perf_counter()
for typ in files:
    typst.compile(typ, output=typ + ".pdf")
print(time.perf_counter() - started)
"""
_TYPST_WARM_UP = "= Warm-up\n\nA *small* document, _not_ a memo.\n\n#table(columns: 2, [a], [b])\n"


def _typst_compile_time(typs: list[Path], work: Path, repeat: int) -> float:
    """Median seconds of Typst's compile calls for ``typs``, each run in a warm, fresh process."""
    warm = work / "typst-warm-up.typ"
    warm.write_text(_TYPST_WARM_UP, encoding="utf-8")
    times = []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, "-c", _TYPST_TIMER, str(warm), *map(str, typs)],
            cwd=REPO, capture_output=True, text=True, check=True,
        )  # fmt: skip
        times.append(float(result.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _fmt(value: object, unit: str) -> str:
    return f"{value:.3f} s" if unit == "s" else f"{value:.0f} {unit}"


class Report:
    """Rows of (comparison, briefgen, peer, ratio, target, verdict)."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def add(
        self, name: str, ours: float, peer: float, target: float | None, unit: str = "s"
    ) -> None:
        """Record a comparison; ratio = ours / peer, met when ratio <= target (no target: a
        figure for reference, with no verdict)."""
        ratio = ours / peer if peer else float("inf")
        met = None if target is None else ratio <= target
        self.rows.append(
            {"comparison": name, "briefgen": ours, "peer": peer, "unit": unit,
             "ratio": ratio, "target": target, "met": met}
        )  # fmt: skip

    def skip(self, name: str, why: str) -> None:
        """Record a comparison that could not run."""
        self.rows.append({"comparison": name, "skipped": why})

    def print(self) -> None:
        """The table, for the README."""
        print(
            f"{'comparison':<52} {'briefgen':>10} {'peer':>10} {'ratio':>7} {'target':>7}  verdict"
        )
        for row in self.rows:
            if "skipped" in row:
                print(f"{row['comparison']:<52} skipped: {row['skipped']}")
                continue
            unit = str(row["unit"])
            verdict = {None: "-", True: "met", False: "NOT met"}[row["met"]]  # type: ignore[index]
            target = "-" if row["target"] is None else f"{row['target']:.2f}x"
            print(
                f"{row['comparison']:<52} {_fmt(row['briefgen'], unit):>10} "
                f"{_fmt(row['peer'], unit):>10} "
                f"{row['ratio']:>6.2f}x {target:>7}  {verdict}"
            )


def essay(report: Report, work: Path, repeat: int) -> float:
    """The essay's four memos, DOCX and PDF: briefgen vs Pandoc + Typst; returns briefgen's
    time (with its default --jobs), the cold build the watch comparison divides by."""
    out = work / "essay"
    ours = _median_time(
        lambda: _run(*_briefgen("build", ESSAY, "-a", BUILTINS, "-f", "docx,pdf", "-o", out)),
        repeat,
    )
    serial = _median_time(
        lambda: _run(*_briefgen("build", ESSAY, "-a", BUILTINS, "-f", "docx,pdf", "-o", out,
                                "-j", "1")),
        repeat,
    )  # fmt: skip
    uncached = _median_time(
        lambda: _run(*_briefgen("build", ESSAY, "-a", BUILTINS, "-f", "docx,pdf", "-o", out),
                     env={"BRIEFGEN_CACHE_DIR": ""}),
        repeat,
    )  # fmt: skip
    pandoc, typst = _pandoc(), _typst()
    if pandoc is None or typst is None:
        report.skip("essay: 4 memos DOCX+PDF vs Pandoc+Typst", "install the bench extra")
        return ours
    _run(*_briefgen("build", ESSAY, "-a", BUILTINS, "-f", "md", "-o", out))
    markdown = [out / "triumph-in-defeat" / f"{a}.md" for a in BUILTINS.split(",")]

    def peer_processes() -> None:
        for md in markdown:
            _run(pandoc, md, "-o", md.with_suffix(".pandoc.docx"))
            _run(pandoc, "-s", md, "-t", "typst", "-o", md.with_suffix(".typ"))

    typs = [md.with_suffix(".typ") for md in markdown]
    peer = _median_time(peer_processes, repeat) + _typst_compile_time(typs, work, repeat)
    report.add(f"essay: 4 memos DOCX+PDF vs Pandoc+Typst (-j {os.cpu_count()})", ours, peer, 1.0)
    report.add("essay: the same, one process (-j 1), for reference", serial, peer, None)
    report.add("essay: the same, cache folder off, for reference", uncached, peer, None)
    return ours


WATCH_EDIT = "what the essay proposes for Azerbaijan and Armenia"  # the title: in all 8 files


def watch(report: Report, work: Path, repeat: int, cold: float) -> None:
    """Edit-to-rebuilt time of `build --watch` for the essay's eight files vs a cold build."""
    folder = work / "watch"
    folder.mkdir()
    brief = folder / ESSAY.name
    original = ESSAY.read_text(encoding="utf-8")
    brief.write_text(original, encoding="utf-8")
    process = subprocess.Popen(
        [*map(str, _briefgen("build", brief, "-a", BUILTINS, "-f", "docx,pdf", "-o",
                             folder / "out", "--watch"))],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        text=True, cwd=REPO,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()],
                     daemon=True).start()  # fmt: skip

    def next_line(prefix: str) -> str:
        while not (line := lines.get(timeout=120)).startswith(prefix):
            pass
        return line

    try:
        next_line("watching")
        times = []
        for n in range(max(repeat, 5)):
            edited = original.replace(WATCH_EDIT, f"{WATCH_EDIT} (draft {n % 10})", 1)
            time.sleep(0.3)  # as a person would: saves are not back to back
            started = time.perf_counter()
            brief.write_text(edited, encoding="utf-8")
            line = next_line("rebuilt")
            times.append(time.perf_counter() - started)
            if not line.startswith("rebuilt 8 files"):
                raise RuntimeError(f"the edit should rebuild all eight files: {line!r}")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    report.add("watch: edit to 8 files rebuilt vs cold build", statistics.median(times), cold,
               0.25)  # fmt: skip


def big(report: Report, work: Path, repeat: int, pages: int) -> None:
    """A --pages brief: DOCX vs Pandoc, PDF vs Typst and bare reportlab, scaling, memory."""
    briefs = {}
    for n in (pages, max(1, pages // 10)):
        briefs[n] = work / f"big{n}.yaml"
        _run(sys.executable, REPO / "benchmarks" / "make_big_brief.py", "--pages", str(n),
             "--out", briefs[n])  # fmt: skip
    out = work / "big"
    build = ("build", "-a", "negotiator", "--allow-over-budget", "-o", out)
    big_brief = briefs[pages]
    # `build -f docx` also lays out the PDF (budgets are checked on it), so the DOCX route is
    # timed as its own process: load, render, export DOCX, write the file.
    docx_only = (
        "import sys; from pathlib import Path; from briefgen.brief.load import load_brief; "
        "from briefgen.audience.profiles import resolve, search_path; "
        "from briefgen.render.assemble import render; "
        "from briefgen.export.docx.writer import export; "
        "a = resolve('negotiator', search_path(None)); "
        "d = render(load_brief(Path(sys.argv[1])), a).document; "
        "Path(sys.argv[2]).write_bytes(export(d, a.config.style))"
    )
    docx = _median_time(
        lambda: _run(sys.executable, "-c", docx_only, big_brief, work / "b.docx"), repeat
    )
    pdf = _median_time(lambda: _run(*_briefgen(*build, "-f", "pdf", big_brief)), repeat)
    _run(*_briefgen(*build, "-f", "md", big_brief))
    markdown = out / big_brief.stem / "negotiator.md"
    pandoc, typst = _pandoc(), _typst()
    if pandoc:
        peer = _median_time(lambda: _run(pandoc, markdown, "-o", work / "p.docx"), repeat)
        report.add(f"big-docx: {pages} pages (DOCX route) vs Pandoc", docx, peer, 0.8)
    else:
        report.skip(f"big-docx: {pages} pages vs Pandoc", "install the bench extra")
    if pandoc and typst:
        _run(pandoc, "-s", markdown, "-t", "typst", "-o", work / "p.typ")
        peer = _typst_compile_time([work / "p.typ"], work, repeat)
        report.add(f"big-pdf: {pages} pages vs Typst compile", pdf, peer, 1.2)
    else:
        report.skip(f"big-pdf: {pages} pages vs Typst compile", "install the bench extra")
    bare = _median_time(lambda: bare_reportlab.layout(markdown, work / "bare.pdf"), repeat)
    report.add(f"big-pdf: {pages} pages vs bare reportlab", pdf, bare, 1.2)
    small = briefs[max(1, pages // 10)]
    tenth = _median_time(lambda: _run(*_briefgen(*build, "-f", "docx,pdf", small)), repeat)
    whole = _median_time(lambda: _run(*_briefgen(*build, "-f", "docx,pdf", big_brief)), repeat)
    report.add(f"scaling: {pages} vs {max(1, pages // 10)} pages", whole, tenth, 11.0)
    peak_kib = _peak_kib(_briefgen(*build, "-f", "docx,pdf", big_brief))
    report.add(f"memory: {pages}-page build peak (MiB vs 250)", peak_kib / 1024, 250, 1.0, "MiB")


def startup(report: Report, repeat: int) -> None:
    """`briefgen --help` against importing click."""
    ours = _median_time(lambda: _run(*_briefgen("--help")), repeat)
    peer = _median_time(lambda: _run(sys.executable, "-c", "import click"), repeat)
    report.add("help: briefgen --help vs import click", ours, peer, 1.5)


def main() -> None:
    """Run every comparison and print the table."""
    parser = argparse.ArgumentParser(description="briefgen benchmarks")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--pages", type=int, default=300, help="pages of the large brief")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--only", default="help,essay,watch,big",
        help="comma-separated groups to run: help, essay, watch (needs essay), big",
    )  # fmt: skip
    args = parser.parse_args()
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    try:
        groups = set(args.only.split(","))
        if "help" in groups:
            startup(report, args.repeat)
        if groups & {"essay", "watch"}:
            cold = essay(report, work, args.repeat)
            if "watch" in groups:
                watch(report, work, args.repeat, cold)
        if "big" in groups:
            big(report, work, max(1, args.repeat // 2), args.pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    report.print()
    if args.json:
        args.json.write_text(json.dumps(report.rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
