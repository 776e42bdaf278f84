"""The pure packages work without Django; `make lint` checks the layers
themselves (import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

PURE = (
    "ledenpanel.kernel",
    "ledenpanel.guideline",
    "ledenpanel.analysis",
    "ledenpanel.responses.answering",
)

IMPORT_ALL = """
import importlib, pkgutil, sys
for name in {pure!r}:
    package = importlib.import_module(name)
    for module in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(module.name)
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
parents = {{name.rsplit(".", 1)[0] for name in {pure!r}}}  # e.g. ledenpanel.responses
apps = sorted(
    m for m in sys.modules
    if m.startswith("ledenpanel.") and not m.startswith({pure!r}) and m not in parents
)
print(len(loaded), len(apps), apps[:5])
"""


def test_every_module_of_the_pure_packages_imports_without_django_or_an_app():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL.format(pure=PURE)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin"},  # no DJANGO_SETTINGS_MODULE either
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 0 []"
