"""The child side of :mod:`ledenpanel.kernel.sandbox`: limit yourself, run, answer.

Run as ``python -P -m ledenpanel.kernel.sandbox_child MEMORY_BYTES CPU_SECONDS``
with the pickled ``(function, args, kwargs)`` on stdin; writes the pickled
``("ok", result)`` or ``("error", exception)`` to stdout and exits 0, or
exits :data:`EXIT_MEMORY` after a ``MemoryError``. Kept to the standard
library's smallest modules: every upload starts one of these, so its start-up
time is the sandbox's overhead (~25 ms of the ~50 ms a small workbook takes).
"""

from __future__ import annotations

import pickle
import sys
from typing import NamedTuple

try:
    import resource
except ImportError:  # not POSIX: no limits but the parent's clock
    resource = None  # type: ignore[assignment]

MIB = 1024 * 1024


class SandboxLimits(NamedTuple):
    """What one child may use.

    ``memory_bytes`` caps the child's address space (``RLIMIT_AS``): the
    Python interpreter and its imports take ~50 MB of it. ``cpu_seconds`` is
    processor time; ``wall_seconds`` real time (a child that sleeps or waits
    on a pipe still ends). A NamedTuple rather than a dataclass: it is
    unpickled in every child, and ``dataclasses`` would add a fifth to the
    child's start-up.
    """

    memory_bytes: int
    cpu_seconds: int
    wall_seconds: float

    @property
    def memory_mib(self) -> int:
        return self.memory_bytes // MIB


# The largest file the child may write (RLIMIT_FSIZE).
MAX_FILE_BYTES = 16 * MIB
# Exit status for a MemoryError the child caught itself.
EXIT_MEMORY = 3
OUTCOME_OK = "ok"
OUTCOME_ERROR = "error"


def _set_limit(kind: int, soft: int, hard: int | None = None) -> None:
    assert resource is not None
    hard = soft if hard is None else hard
    _current_soft, current_hard = resource.getrlimit(kind)
    if current_hard != resource.RLIM_INFINITY:
        # An unprivileged process may only lower its hard limit.
        hard = min(hard, current_hard)
        soft = min(soft, hard)
    resource.setrlimit(kind, (soft, hard))


def limit_self(memory_bytes: int, cpu_seconds: int) -> None:
    """Memory, processor time, no core dumps, small files: before any input is read."""
    if resource is None:
        return
    _set_limit(resource.RLIMIT_CORE, 0)  # an abort must not leave a core file of the input
    # Parsers write no files, but pyxform asks ``tempfile`` for a directory,
    # which probes by writing one: allow small files, not a disk filled.
    _set_limit(resource.RLIMIT_FSIZE, MAX_FILE_BYTES)
    # SIGXCPU at the soft limit ends the child; SIGKILL a second later if it
    # was caught or ignored.
    _set_limit(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)
    _set_limit(resource.RLIMIT_AS, memory_bytes)


def _unpicklable(error: BaseException, why: str) -> Exception:
    from ledenpanel.kernel.sandbox import SandboxChildError

    return SandboxChildError(type(error).__name__, why)


def main(argv: list[str]) -> int:
    memory_bytes, cpu_seconds = int(argv[0]), int(argv[1])
    limit_self(memory_bytes, cpu_seconds)
    payload = sys.stdin.buffer.read()
    try:
        func, args, kwargs = pickle.loads(payload)  # noqa: S301 - written by our parent
        outcome: tuple[str, object] = (OUTCOME_OK, func(*args, **kwargs))
    except MemoryError:
        return EXIT_MEMORY
    except Exception as exc:
        outcome = (OUTCOME_ERROR, exc)
    del payload
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        if outcome[0] == OUTCOME_ERROR:
            # An exception can pickle yet not unpickle (a required argument
            # missing from its ``args``): find out here, where it is cheap.
            pickle.loads(data)  # noqa: S301 - our own bytes
    except MemoryError:
        return EXIT_MEMORY
    except Exception as exc:
        if outcome[0] == OUTCOME_OK:
            failure = _unpicklable(exc, f"the result cannot be returned: {exc}")
        else:
            error = outcome[1]
            assert isinstance(error, BaseException)
            failure = _unpicklable(error, str(error))
        data = pickle.dumps((OUTCOME_ERROR, failure), protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
