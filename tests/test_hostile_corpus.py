"""The hostile-input corpus (tests/hostile/): each bad brief gets its exact, located message.

Every ``*.yaml`` in tests/hostile/ is one case: the minimal brief ``valid-minimal.yaml`` with one
thing wrong (``directory.yaml`` is a folder). ``EXPECTED.txt`` lists, per case, the exit status
and the exact stderr of ``briefgen validate CASE`` run in that folder. A few cases run through a
real ``python -m briefgen`` process, the rest through click's CliRunner. After a deliberate
change of messages, ``BRIEFGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_hostile_corpus.py``
rewrites EXPECTED.txt; review its diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen.brief.located_yaml import MAX_BYTES
from briefgen.cli import main

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = HOSTILE / "EXPECTED.txt"
HEADER = (
    "# Expected exit status and stderr of `briefgen validate CASE`, run in tests/hostile/.\n"
    "# Rewrite with BRIEFGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_hostile_corpus.py\n"
)
# Cases run as a real process: the ones whose bytes are most hostile, and a folder.
SUBPROCESS_CASES = {
    "alias-bomb.yaml",
    "deep-nesting-flow.yaml",
    "directory.yaml",
    "invalid-utf8.yaml",
    "nul-byte.yaml",
    "tag-python-object.yaml",
}
# Without libyaml, PyYAML's pure-Python parser words syntax errors differently.
_PARSER_WORDING = ("YAML syntax error", "is not allowed in YAML")


def cases() -> list[str]:
    """Every case in the corpus."""
    return sorted(p.name for p in HOSTILE.iterdir() if p.name.endswith(".yaml"))


def validate(case: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``briefgen validate CASE`` run in tests/hostile/."""
    if case in SUBPROCESS_CASES:
        result = subprocess.run(
            [sys.executable, "-m", "briefgen", "validate", case],
            capture_output=True, cwd=HOSTILE, timeout=120,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )  # fmt: skip
        return result.returncode, result.stdout.decode(), result.stderr.decode()
    monkeypatch.chdir(HOSTILE)
    outcome = CliRunner().invoke(main, ["validate", case])
    return outcome.exit_code, outcome.stdout, outcome.stderr


def parse_expected(text: str) -> dict[str, tuple[int, str]]:
    """``== CASE (exit N)`` headers, each followed by the expected stderr lines."""
    expected: dict[str, tuple[int, str]] = {}
    case = None
    for line in text.split("\n"):
        if line.startswith("== "):
            name, _, status = line[3:].partition(" (exit ")
            case = name
            expected[case] = (int(status.rstrip(")")), "")
        elif case is not None and line:
            status_code, stderr = expected[case]
            expected[case] = (status_code, stderr + line + "\n")
    return expected


def format_expected(results: dict[str, tuple[int, str]]) -> str:
    """The inverse of :func:`parse_expected`."""
    blocks = [f"== {case} (exit {code})\n{stderr}" for case, (code, stderr) in results.items()]
    return HEADER + "\n" + "\n".join(blocks)


def test_every_case_has_an_expectation(monkeypatch: pytest.MonkeyPatch) -> None:
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN") == "1":
        results = {}
        for case in cases():
            code, _stdout, stderr = validate(case, monkeypatch)
            results[case] = (code, stderr)
        EXPECTED.write_text(format_expected(results), encoding="utf-8")
    expected = parse_expected(EXPECTED.read_text(encoding="utf-8"))
    assert sorted(expected) == cases()


@pytest.mark.parametrize("case", cases())
def test_validate_prints_the_expected_message(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, expected_stderr = parse_expected(EXPECTED.read_text(encoding="utf-8"))[case]
    if not yaml.__with_libyaml__ and any(w in expected_stderr for w in _PARSER_WORDING):
        pytest.skip("the message is libyaml's wording")
    status, stdout, stderr = validate(case, monkeypatch)
    assert "Traceback" not in stderr
    assert (status, stderr) == (code, expected_stderr)
    if code == 0:
        assert stdout == f"{case}: valid\n"
    else:
        assert code == 2 and stdout == ""
        # Located wherever the problem has a position: FILE:LINE:COL, else briefgen: FILE.
        assert all(
            line.startswith((f"{case}:", f"briefgen: {case}:")) for line in stderr.splitlines()
        )


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no need to write 4 MiB

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an oversized file must be refused before it is read or parsed")

    monkeypatch.setattr(Path, "read_bytes", never)
    monkeypatch.setattr(Path, "open", never)
    monkeypatch.setattr("briefgen.brief.load.read_yaml", never)
    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(main, ["validate", "big.yaml"])
    assert outcome.exit_code == 2
    limit = f"the limit is {MAX_BYTES:,}"
    assert outcome.stderr == f"briefgen: big.yaml: file is {MAX_BYTES + 1:,} bytes; {limit}\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_read_only_up_to_the_limit() -> None:
    outcome = CliRunner().invoke(main, ["validate", "/dev/zero"])
    assert outcome.exit_code == 2
    assert outcome.stderr == f"briefgen: /dev/zero: file is over {MAX_BYTES:,} bytes, the limit\n"


def test_every_problem_of_several_files_is_reported_in_one_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(HOSTILE)
    files = ["duplicate-key-top.yaml", "valid-minimal.yaml", "wrong-types.yaml"]
    outcome = CliRunner().invoke(main, ["validate", *files])
    assert outcome.exit_code == 2
    assert outcome.stdout == "valid-minimal.yaml: valid\n"
    files = [line.split(":")[0] for line in outcome.stderr.splitlines()]
    assert files == ["duplicate-key-top.yaml"] + ["wrong-types.yaml"] * 9
