"""Running the real `ledenpanel` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys


def run_ledenpanel(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ledenpanel.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
