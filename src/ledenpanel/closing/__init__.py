"""The close procedure: responses written once, keys destroyed, leftovers deleted.

``services`` holds the stages (and discarding a cancelled panel, and closing
a panel on its closing date), ``tasks`` the worker's entries to them,
``selectors`` the reads, ``aggregates`` what a close computes from the opened
envelopes, ``models`` the record of each close (``PanelClosing``); see
docs/anonymity.md (section 4, step 5) for why. This package is a Django app,
so it re-exports nothing: import from the module that holds a name.
"""
