"""What opening a panel will do, for the confirmation page.

Opening goes through a confirmation page: it shows what opening will do —
population, exclusions, draw, the invitation cap, e-mails, letters and the
postage the unit pays — and the button opens exactly that draw.

The draw's seed is not fresh on every page load: a board could then reload
until the draw had the fewest (costly) letters, biasing the sample towards
members with e-mail. The seed is derived from the panel and its approved
version (:func:`preview_seed`); a new draw needs a new approval, which the
panel's history records. The seed travels in a hidden field and is checked.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ledenpanel.invitations.outbox import reminder_plan
from ledenpanel.invitations.selectors import OpeningPlan
from ledenpanel.panels.models import Panel
from ledenpanel.panels.selectors import party_settings_get

EXCLUSION_LABELS = {
    "deceased": gettext_lazy("overleden"),
    "former": gettext_lazy("geen lid meer"),
    "do_not_contact": gettext_lazy("wil geen contact"),
    "under_16": gettext_lazy("jonger dan 16"),
    "unreachable": gettext_lazy("geen e-mailadres en geen volledig postadres"),
}


def euros(cents: int) -> str:
    """Dutch notation: ``€ 1.234,56``."""
    whole, rest = divmod(cents, 100)
    return f"€ {whole:,}".replace(",", ".") + f",{rest:02d}"


def preview_seed(panel: Panel) -> int:
    """The draw's seed: fixed per panel and approved version (see module doc)."""
    message = f"draw-seed:{panel.public_id}:{panel.approved_version_id or 0}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> 2  # 62 bits


def reminder_letter_rounds(panel: Panel, *, opened_at: datetime) -> int:
    """How many reminder letter runs a panel opened at ``opened_at`` will make.

    The reminder scheduler's own plan (distinct whole days after opening),
    less the days after the closing date, when the panel is no longer open.
    Each run goes to every letter member (answered or not) except those who
    opt out or ask for no contact (``letters.letter_run_enqueue``), so the
    estimate is an upper bound that only opt-outs lower.
    """
    if not panel.reminder_letters:
        return 0
    return sum(
        1
        for _number, at in reminder_plan(panel=panel, opened_at=opened_at)
        if panel.closes_on is None or timezone.localdate(at) <= panel.closes_on
    )


def open_preview(*, panel: Panel, plan: OpeningPlan) -> dict[str, object]:
    """The figures the confirmation page shows, postage in euros."""
    rate = party_settings_get().letter_postage_cents
    letters = plan.letters
    reminders = reminder_letter_rounds(panel, opened_at=timezone.now())
    return {
        "population_size": plan.population_size,
        "excluded": [
            (str(EXCLUSION_LABELS.get(reason, reason)), count)
            for reason, count in sorted(plan.population.excluded.items())
        ],
        "sampled": len(plan.drawn),
        "skipped_already": plan.skipped_by_reason.get("already_invited", 0),
        "skipped_reserved": plan.skipped_by_reason.get("reserved", 0),
        "skipped": len(plan.skipped),
        "invited": len(plan.invited),
        "emails": plan.emails,
        "letters": letters,
        "rate": euros(rate),
        "postage": euros(letters * rate),
        "reminder_rounds": reminders,
        "reminder_postage": euros(letters * reminders * rate),
        "cap": plan.cap,
        "cap_months": plan.cap_months,
    }
