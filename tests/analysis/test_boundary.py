"""The analysis package never imports Django: it runs on plain files too."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import ledenpanel.analysis as analysis


def test_no_analysis_module_imports_django() -> None:
    modules = [
        f"ledenpanel.analysis.{info.name}" for info in pkgutil.iter_modules(analysis.__path__)
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )

    subprocess.run([sys.executable, "-c", code], check=True)
