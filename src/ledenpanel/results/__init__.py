"""Results: the analysis of a closed panel and the board's report pages.

``analysis_input`` turns the written responses into the pure engine's
input, ``panel_analysis`` runs the engine in the worker and stores the
result, ``views`` serves the report (HTML, PDF, JSON) and the answers
export. The report, its publication to members and the exports of the
next issues belong here.
"""
