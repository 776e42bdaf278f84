"""``{% panel_promises panel as promises %}``: the promised dates and how they stand.

For the panel page (``panels`` sits below ``followup``): whether the results
and the board's answer came on time, and whether the results are published.
"""

from __future__ import annotations

from django import template

from ledenpanel.followup.selectors import Responsiveness, responsiveness
from ledenpanel.panels.models import Panel

register = template.Library()


@register.simple_tag
def panel_promises(panel: Panel) -> Responsiveness:
    return responsiveness(panel=panel)
