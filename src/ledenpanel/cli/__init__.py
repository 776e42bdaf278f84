"""The `ledenpanel` command: the one entry point for users and operators.

``main`` parses the command line and runs one subcommand. Each command
family lives in its own module (``roster``, ``lint``, ``analyse``), serving
(web server plus worker) in ``serving``. This package is the top of the
layers: nothing else imports it (see ``[tool.importlinter]`` in
pyproject.toml).
"""

from ledenpanel.cli.commands import main

__all__ = ["main"]
