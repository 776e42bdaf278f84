"""Results: the analysis of a closed panel and the board's report pages.

``analysis_input`` turns the written responses into the pure engine's input,
``services`` runs the engine and stores the result (``tasks``: in the
worker), ``selectors`` reads it back, ``views`` serves the report (HTML, PDF,
JSON) and the answers export. The report, its publication to members and the
exports of the next issues belong here.
"""
