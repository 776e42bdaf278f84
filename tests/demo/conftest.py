"""Fixtures for the demo party's tests."""

from __future__ import annotations

import pytest

from ledenpanel.demo import DemoParty, generate_party


@pytest.fixture(scope="module")
def demo_party() -> DemoParty:
    """The demo generator's party of 5,000 members (rows only, not loaded)."""
    return generate_party(members=5_000)
