"""The roster import: units tree and member roster from CSV/XLSX files.

Modules: ``reading`` (bytes to rows), ``headers`` (header spellings),
``members``/``units`` (pure validation), ``report`` (Issue, ImportReport),
``services`` (the writes). The command line is ``ledenpanel.cli.roster``;
it loads before Django is set up, so the pure modules here import no models.
"""
