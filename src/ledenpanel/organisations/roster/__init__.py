"""The roster import: units tree and member roster from CSV/XLSX files.

Modules: ``reading`` (bytes to rows), ``headers`` (header spellings),
``members``/``units`` (pure validation), ``report`` (Issue, ImportReport),
``services`` (the writes), ``commands`` (the CLI). This package imports no
models at import time: ``ledenpanel.cli`` loads ``commands`` before Django is
set up.
"""
