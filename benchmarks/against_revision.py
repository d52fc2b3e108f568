"""This tree's build time against an earlier revision's, on this machine, in one run.

    python benchmarks/against_revision.py REV [--repeat 15] [--brief briefs/triumph-in-defeat.yaml]

Checks REV out into a temporary git worktree and times `briefgen build` of the brief's four
built-in memos as DOCX and PDF, in a fresh process each, alternating the two trees so that the
machine's load falls on both alike; prints each tree's median and the ratio. Each tree keeps
its own cache folder (warmed by a first, untimed run), as a user's would. Used to check that a
change costs memos it does not concern nothing (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AUDIENCES = "executive,negotiator,donor,public"


def _time_build(tree: Path, brief: str, cache: Path, output: Path) -> float:
    """Seconds for one `briefgen build` run from ``tree``'s sources."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "BRIEFGEN_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "briefgen", "build", brief, "-a", AUDIENCES,
               "-f", "docx,pdf", "-o", str(output)]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    """Time both trees and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the earlier revision (commit, tag, branch)")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per tree")
    parser.add_argument("--brief", default="briefs/triumph-in-defeat.yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        earlier = work / "earlier"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(earlier), args.revision],
                       cwd=REPO, check=True)  # fmt: skip
        try:
            trees = {"earlier": earlier, "this": REPO}
            times: dict[str, list[float]] = {name: [] for name in trees}
            for run in range(args.repeat + 1):
                for name, tree in trees.items():
                    seconds = _time_build(tree, args.brief, work / f"cache-{name}", work / name)
                    if run:  # the first run of each only warms its cache
                        times[name].append(seconds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(earlier)], cwd=REPO)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:8} median {median:.2f} s over {args.repeat} runs")
    print(f"ratio    {medians['this'] / medians['earlier']:.2f}")


if __name__ == "__main__":
    main()
