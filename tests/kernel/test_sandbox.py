"""run_limited: a child that runs out of memory or time, or dies, is an exception here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ledenpanel.kernel.sandbox import (
    MIB,
    SandboxChildError,
    SandboxCrashError,
    SandboxLimits,
    SandboxMemoryError,
    SandboxTimeoutError,
    run_limited,
)
from tests.support import sandbox_targets as targets

LIMITS = SandboxLimits(memory_bytes=512 * MIB, cpu_seconds=5, wall_seconds=20)


def test_it_returns_the_result_of_the_function() -> None:
    assert run_limited(targets.add, 2, 3, times=4, limits=LIMITS) == 20


def test_it_raises_what_the_function_raised() -> None:
    with pytest.raises(ValueError, match="kapot"):
        run_limited(targets.fail, "kapot", limits=LIMITS)


def test_it_keeps_the_type_and_text_of_an_exception_that_does_not_pickle() -> None:
    with pytest.raises(SandboxChildError, match="Unpicklable: one"):
        run_limited(targets.fail_unpicklably, limits=LIMITS)


def test_it_turns_running_out_of_memory_into_an_exception() -> None:
    with pytest.raises(SandboxMemoryError) as caught:
        run_limited(targets.allocate, 1024, limits=LIMITS)  # 1 GiB under a 512 MiB cap

    assert caught.value.reason == "memory"
    assert "512 MiB" in str(caught.value)


def test_it_survives_a_child_that_aborts() -> None:
    with pytest.raises(SandboxCrashError, match="SIGABRT"):
        run_limited(targets.abort, limits=LIMITS)


def test_it_stops_a_child_at_its_processor_time() -> None:
    limits = SandboxLimits(memory_bytes=512 * MIB, cpu_seconds=1, wall_seconds=20)

    with pytest.raises(SandboxTimeoutError) as caught:
        run_limited(targets.spin, limits=limits)

    assert caught.value.reason == "time"


def test_it_stops_a_child_at_its_wall_clock_time() -> None:
    limits = SandboxLimits(memory_bytes=512 * MIB, cpu_seconds=5, wall_seconds=0.5)

    with pytest.raises(SandboxTimeoutError, match=r"0\.5 seconds"):
        run_limited(targets.sleep, 30, limits=limits)


def test_the_child_gets_no_secrets_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://user:secret@db/ledenpanel")
    monkeypatch.setenv("SECRET_KEY", "not-for-parsers")

    environment = run_limited(targets.environment, limits=LIMITS)

    assert "DATABASE_URL" not in environment
    assert "SECRET_KEY" not in environment
    assert environment["RUST_BACKTRACE"] == "0"


def test_the_child_cannot_fill_the_disk(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"

    with pytest.raises(OSError, match="too large"):
        run_limited(targets.write_file, str(path), 64 * MIB, limits=LIMITS)


def test_a_killed_child_leaves_its_parent_running() -> None:
    """The point of it all, end to end: a parent that lives on after its child's abort."""
    code = (
        "from ledenpanel.kernel.sandbox import SandboxError, SandboxLimits, run_limited\n"
        "from tests.support import sandbox_targets as t\n"
        "try:\n"
        "    run_limited(t.abort, limits=SandboxLimits(256 * 2**20, 5, 20))\n"
        "except SandboxError:\n"
        "    print('parent alive')\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "parent alive"
