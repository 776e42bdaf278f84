"""Kill the real worker mid-run: every member still gets the mail, duplicates stay bounded.

Runs ``bench/mailout.py`` small: 300 invitations, a real aiosmtpd server, the
real ``db_worker`` in a subprocess killed with SIGKILL after ~40 % and
restarted. The bench itself checks the outcome and exits non-zero if a member
was missed, duplicates exceed the bound (one batch per connection) or a duplicate carries a
different Message-ID.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "mailout.py"


def test_a_killed_worker_is_resumed_and_no_member_is_missed():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    options = ["--members", "300", "--rate", "150", "--batch", "10", "--connections", "2"]
    options += ["--lease", "2"]
    options += ["--kill-at", "0.4", "--timeout", "120"]
    result = subprocess.run(
        [sys.executable, str(BENCH), *options],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    line = result.stdout.strip().splitlines()[-1]
    figures = dict(re.findall(r"(\w+)=(\S+)", line))
    assert figures["invitations"] == "300"
    assert figures["missed"] == "0"
    # At most one batch per connection of the killed worker: 10 × 2.
    assert int(figures["duplicates"]) <= int(figures["bound"]) == 20
    assert "killed the worker" in result.stderr
