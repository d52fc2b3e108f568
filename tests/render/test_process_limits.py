"""A render's own process: results and errors come back; a child no signal stops is killed."""

from __future__ import annotations

import signal
import time

import pytest

from briefgen.errors import BuildError, InputError
from briefgen.render import process_limits

pytestmark = pytest.mark.skipif(not process_limits.forks(), reason="renders fork on Linux only")


def _answer(value: int) -> int:
    return value * 2


def _bad_input() -> None:
    raise InputError("a located problem")


def _deaf_and_stuck() -> None:
    signal.signal(signal.SIGALRM, signal.SIG_IGN)  # as a loop in C that no signal reaches
    time.sleep(60)


def _die() -> None:
    import os

    os.kill(os.getpid(), signal.SIGKILL)


def test_the_result_comes_back_from_the_child() -> None:
    assert process_limits.run_limited(_answer, 21, what="w") == 42


def test_an_error_comes_back_as_itself() -> None:
    with pytest.raises(InputError, match="a located problem"):
        process_limits.run_limited(_bad_input, what="w")


def test_a_child_past_its_deadline_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process_limits, "MAX_RENDER_SECONDS", 0.2)
    monkeypatch.setattr(process_limits, "KILL_GRACE_SECONDS", 0.3)
    with pytest.raises(
        InputError, match="the x memo: rendering took over 0 s, the limit, and was stopped"
    ):
        process_limits.run_limited(_deaf_and_stuck, what="the x memo")


def test_a_child_that_dies_is_one_line() -> None:
    with pytest.raises(BuildError, match=r"the x memo: the rendering process died \(killed by"):
        process_limits.run_limited(_die, what="the x memo")
