"""Starting Django stays light: every process (web workers, the task worker, the
sweep's management command every 10 minutes) pays for what ``django.setup()``
imports, and the apps' ``ready`` hooks pull in the close procedure and the
analysis services. The statistics libraries load when a close or an analysis
runs, not before."""

from __future__ import annotations

import os
import subprocess
import sys

SETUP = """
import sys, django
django.setup()
print(" ".join(sorted(m for m in ("scipy.stats", "sklearn", "pandas", "statsmodels", "svy")
                      if m in sys.modules)))
"""


def test_django_setup_loads_no_statistics_library(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ledenpanel.config.settings",
        "LEDENPANEL_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, check=True
    )

    assert done.stdout.split() == []
