"""The fieldwork story that ``closed`` (tests/closing/conftest.py) plays before
the close, in numbers and markers, for the anonymity scan that checks it."""

from __future__ import annotations

SUBMITTERS = 64
LETTERS = 8  # half of them answer
# Member and invitation ids start far from any other number in the database,
# so the scan can tell a reference to a member from a count or a key.
MEMBER_IDS, INVITATION_IDS = 710_000_000, 720_000_000
MARKER = "ANTWOORD-{:04d}-MARKER"
DRAFT_MARKER = "KLAD-MARKER-1234"
