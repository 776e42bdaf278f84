"""``python -m ledenpanel.cli``: what the worker and server subprocesses run."""

import sys

from ledenpanel.cli.commands import main

sys.exit(main())
