from __future__ import annotations

from django.db import transaction

from ledenpanel.accounts.models import User


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None, is_demo: bool = False) -> User:
    """Create a staff account. Without a password it can't log in until one is set."""
    return User.objects.create_user(
        email=email, password=password, full_name=full_name, is_demo=is_demo
    )
