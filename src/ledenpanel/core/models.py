"""Shared model base classes."""

from __future__ import annotations

import uuid

from django.db import models


class PublicIdModel(models.Model):
    """A model addressed in URLs by a random id, never by its sequential key.

    The integer primary key stays internal (compact foreign keys, fast bulk
    imports); ``public_id`` is what URLs and exports show.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True
