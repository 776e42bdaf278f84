"""Fixtures for the account tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def database_queue(settings) -> None:
    """The production backend: tasks are rows, run by ``db_worker``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
