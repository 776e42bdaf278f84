"""Run one function in a child process with memory, CPU and wall-clock limits.

Parsers of uploaded files run here. A hostile spreadsheet can make a parser
allocate hundreds of gigabytes (calamine's Rust code then aborts the whole
process: SIGABRT, which no ``except`` catches) or spin for minutes. In a
child, the worst it can do is end that child: :func:`run_limited` turns a
child that ran out of memory or time, or died on a signal, into a
:class:`SandboxError` in the caller, and the web worker or command lives on.

How: ``python -P -m ledenpanel.kernel.sandbox_child`` is started with
:mod:`subprocess` (safe in threaded gunicorn workers, unlike ``preexec_fn``
or ``fork``); the child sets its own ``RLIMIT_AS`` (memory), ``RLIMIT_CPU``
(SIGXCPU, then SIGKILL a second later), ``RLIMIT_CORE`` = 0 (no core files)
and ``RLIMIT_FSIZE`` (16 MiB: no disk filled), then reads the pickled
``(function, args, kwargs)`` from stdin and writes the pickled outcome to
stdout. The parent kills it when the wall-clock limit passes. The function
must be a module-level function and its arguments and result picklable.

The child gets a minimal environment: no ``DATABASE_URL``, ``SECRET_KEY`` or
mail passwords, only what Python needs to find the same modules. This is a
resource boundary, not a security boundary against code execution: the child
runs as the same user.

Pure Python, no Django; POSIX (on a system without :mod:`resource` the child
runs without memory and CPU limits, the wall-clock limit still holds).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

from ledenpanel.kernel.sandbox_child import EXIT_MEMORY, MIB, OUTCOME_OK, SandboxLimits

logger = logging.getLogger(__name__)

T = TypeVar("T")

# What the child's stderr may add to a log line (a Rust abort prints a backtrace).
_STDERR_LOG_CHARS = 300


class SandboxError(Exception):
    """The child did not finish: out of memory or time, or killed by a signal.

    ``reason`` is ``"memory"``, ``"time"`` or ``"crash"``; ``limits`` the
    limits it ran under, for a message that says which bound was hit.
    """

    reason = "crash"

    def __init__(self, message: str, limits: SandboxLimits) -> None:
        super().__init__(message)
        self.message = message
        self.limits = limits

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.limits))


class SandboxMemoryError(SandboxError):
    reason = "memory"


class SandboxTimeoutError(SandboxError):
    reason = "time"


class SandboxCrashError(SandboxError):
    reason = "crash"


class SandboxChildError(Exception):
    """The function raised an exception that cannot cross the process boundary.

    Its type name and text are kept; exceptions that pickle are re-raised in
    the parent as themselves.
    """

    def __init__(self, type_name: str, text: str) -> None:
        super().__init__(f"{type_name}: {text}")
        self.type_name = type_name
        self.text = text

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.type_name, self.text))


def run_limited(func: Callable[..., T], /, *args: Any, limits: SandboxLimits, **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` in a child under ``limits``; its result or its exception.

    Raises :class:`SandboxMemoryError`, :class:`SandboxTimeoutError` or
    :class:`SandboxCrashError` when the child does not finish; an exception
    ``func`` raised is raised here (as :class:`SandboxChildError` when it
    does not pickle).
    """
    payload = pickle.dumps((func, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    command = [
        sys.executable,
        "-P",  # no current directory on sys.path: only the modules the parent has
        "-m",
        "ledenpanel.kernel.sandbox_child",
        str(limits.memory_bytes),
        str(limits.cpu_seconds),
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_child_environment(),
        close_fds=True,
        # Its own process group: a stopped child takes anything it started
        # with it, so nothing keeps the pipes open and the parent never hangs.
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(payload, timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate(timeout=5)
        _log(func, "ran longer than %s s and was stopped", limits.wall_seconds)
        raise SandboxTimeoutError(
            f"took longer than {limits.wall_seconds:g} seconds", limits
        ) from None
    except BaseException:
        # KeyboardInterrupt or a broken pipe: never leave the child running.
        _kill_group(process)
        process.wait()
        raise
    return _outcome(func, process.returncode, stdout, stderr, limits, started)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the child and every process it started (its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.kill()


def _outcome(
    func: Callable[..., Any],
    returncode: int,
    stdout: bytes,
    stderr: bytes,
    limits: SandboxLimits,
    started: float,
) -> Any:
    tail = stderr.decode("utf-8", "replace").strip()[:_STDERR_LOG_CHARS]
    if returncode == 0 and stdout:
        # Unpickling the child's answer: the child runs our own code on the
        # hostile input, as the same user; see the module docstring.
        try:
            status, value = pickle.loads(stdout)  # noqa: S301
        except Exception as exc:  # a child that wrote something else than its answer
            _log(func, "answered unreadably (%s): %s", type(exc).__name__, tail)
            raise SandboxCrashError("gave no readable answer", limits) from None
        if status == OUTCOME_OK:
            return value
        raise value
    if returncode == EXIT_MEMORY:
        _log(func, "ran out of memory (MemoryError, limit %s MiB)", limits.memory_mib)
        raise SandboxMemoryError(f"needed more than {limits.memory_mib} MiB of memory", limits)
    if returncode < 0:
        number = -returncode
        name = _signal_name(number)
        _log(func, "was ended by %s after %.1f s: %s", name, time.monotonic() - started, tail)
        if number == getattr(signal, "SIGXCPU", None):
            raise SandboxTimeoutError(
                f"needed more than {limits.cpu_seconds} seconds of processor time", limits
            )
        if number == signal.SIGABRT and "memory allocation" in tail:
            # Rust's allocation failure: the limit turned a 512 GiB request into this.
            raise SandboxMemoryError(f"needed more than {limits.memory_mib} MiB of memory", limits)
        if number == signal.SIGKILL:
            # The CPU hard limit, or the kernel's out-of-memory killer.
            raise SandboxTimeoutError("was stopped (out of processor time or memory)", limits)
        raise SandboxCrashError(f"stopped on {name}", limits)
    _log(func, "exited with status %s: %s", returncode, tail)
    raise SandboxCrashError(f"stopped with exit status {returncode}", limits)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _log(func: Callable[..., Any], message: str, *args: Any) -> None:
    name = f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', '?')}"
    logger.warning("sandboxed %s " + message, name, *args)


def _child_environment() -> dict[str, str]:
    """Just enough for the child to import what the parent imports; no secrets."""
    paths = [os.path.abspath(entry) if entry else os.getcwd() for entry in sys.path]
    environment = {
        "PATH": os.environ.get("PATH", os.defpath),
        "PYTHONPATH": os.pathsep.join(paths),
        "PYTHONDONTWRITEBYTECODE": "1",  # no .pyc files written from a parsing child
        "PYTHONIOENCODING": "utf-8",
        "RUST_BACKTRACE": "0",  # keep a Rust abort's stderr to one line
        "LC_ALL": "C.UTF-8",
    }
    for name in ("TZ", "TMPDIR", "SYSTEMROOT"):
        if name in os.environ:
            environment[name] = os.environ[name]
    return environment


__all__ = [
    "MIB",
    "SandboxChildError",
    "SandboxCrashError",
    "SandboxError",
    "SandboxLimits",
    "SandboxMemoryError",
    "SandboxTimeoutError",
    "run_limited",
]
