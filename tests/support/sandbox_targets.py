"""Functions the sandbox tests run in a child: importable, and light to import."""

from __future__ import annotations

import os
import time


def add(a: int, b: int, *, times: int = 1) -> int:
    return (a + b) * times


def allocate(mib: int) -> int:
    return len(bytearray(mib * 1024 * 1024))


def abort() -> None:
    os.abort()


def spin() -> None:
    while True:
        pass


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def fail(message: str) -> None:
    raise ValueError(message)


class Unpicklable(Exception):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(first)  # ``args`` lacks ``second``: it cannot be unpickled


def fail_unpicklably() -> None:
    raise Unpicklable("one", "two")


def environment() -> dict[str, str]:
    return dict(os.environ)


def write_file(path: str, size: int) -> int:
    with open(path, "wb") as file:
        return file.write(b"x" * size)
