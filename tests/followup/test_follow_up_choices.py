"""The follow-up choices a member makes after submitting land in the followup app."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from ledenpanel.followup.models import FollowUpConsent
from ledenpanel.invitations.models import Invitation
from ledenpanel.responses import services
from tests.builders import Party


def test_choices_are_kept_and_both_off_withdraws_them(submitted_session, party: Party):
    services.follow_up_set(session=submitted_session, keep_informed=True, join_network=False)
    consent = FollowUpConsent.objects.get(invitation__member=party.member_a1)
    assert (consent.keep_informed, consent.join_network) == (True, False)

    services.follow_up_set(session=submitted_session, keep_informed=True, join_network=True)
    consent.refresh_from_db()
    assert (consent.keep_informed, consent.join_network) == (True, True)

    services.follow_up_set(session=submitted_session, keep_informed=False, join_network=False)
    assert not FollowUpConsent.objects.exists()
    assert Invitation.objects.filter(member=party.member_a1).exists()  # nothing else goes


def test_without_the_followup_app_the_choices_are_refused_loudly(submitted_session, monkeypatch):
    """responses cannot import followup (it sits above): a missing registration must show."""
    monkeypatch.setattr(services, "_FOLLOW_UP_RECORDER", [])

    with pytest.raises(ImproperlyConfigured):
        services.follow_up_set(session=submitted_session, keep_informed=True, join_network=False)
