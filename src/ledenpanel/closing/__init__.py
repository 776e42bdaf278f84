"""The close procedure: responses written once, keys destroyed, leftovers deleted.

See ``procedure`` for the stages, ``cleanup`` for what a close or a cancel
deletes, ``schedule`` for closing on the closing date, and
docs/anonymity.md (section 4, step 5) for why. ``models`` holds the record
of each close (``PanelClosing``). This package is a Django app, so it
re-exports nothing: import from the module that holds a name.
"""
