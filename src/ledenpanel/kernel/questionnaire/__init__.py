"""The questionnaire as plain data: no Django, so the linter, the XLSForm
converter and the analysis can use it on files from the command line."""
