"""Invitations: sampling, link tokens and letter codes, e-mail and letter runs, reminders.

The cryptographic core of the anonymity boundary lives in :mod:`.crypto`, which is
pure Python (PyNaCl and ``cryptography``, no Django) so it can be reviewed and
tested on its own. The design and threat model are in ``docs/anonymity.md``.
"""
