"""The invitation cap's priority rule, and overlapping populations and periods."""

from __future__ import annotations

from datetime import date

from ledenpanel.panels.coordination.cap import PlannedPanel, members_over_cap
from ledenpanel.panels.coordination.overlap import PanelWindow, overlapping

BRANCH = PlannedPanel("branch", level=0, opens_on=date(2026, 3, 1), created_order=3)
REGION = PlannedPanel("region", level=1, opens_on=date(2026, 2, 1), created_order=2)
NATIONAL = PlannedPanel("national", level=2, opens_on=date(2026, 1, 1), created_order=1)


def test_a_member_under_the_cap_is_invited():
    skipped = members_over_cap(
        opening=NATIONAL, members=[1], invited_in_window={1: 1}, competing={}, cap=3
    )
    assert skipped == set()


def test_the_own_branch_panel_comes_before_a_national_one():
    # Member 1 has had 2 panels; their branch plans one more. The national
    # panel may not take the last place.
    competing = {1: [BRANCH]}
    assert members_over_cap(
        opening=NATIONAL, members=[1], invited_in_window={1: 2}, competing=competing, cap=3
    ) == {1}
    assert (
        members_over_cap(
            opening=BRANCH, members=[1], invited_in_window={1: 2}, competing={1: [NATIONAL]}, cap=3
        )
        == set()
    )


def test_between_panels_of_one_level_the_first_planned_wins():
    early = PlannedPanel("early", level=1, opens_on=date(2026, 2, 1), created_order=5)
    late = PlannedPanel("late", level=1, opens_on=date(2026, 4, 1), created_order=4)
    assert members_over_cap(
        opening=late, members=[7], invited_in_window={7: 2}, competing={7: [early]}, cap=3
    ) == {7}
    assert (
        members_over_cap(
            opening=early, members=[7], invited_in_window={7: 2}, competing={7: [late]}, cap=3
        )
        == set()
    )


# Units: 1 national → 2 region → 3 branch; 4 another region.
PARENTS = {1: None, 2: 1, 3: 2, 4: 1}


def _window(key: str, unit: int, start: int, end: int) -> PanelWindow:
    return PanelWindow(key, unit, date(2026, start, 1), date(2026, end, 28))


def test_a_regional_panel_overlaps_a_branch_panel_in_the_same_period():
    branch = _window("branch", 3, 3, 4)
    found = overlapping(branch, [_window("region", 2, 4, 5), _window("other", 4, 3, 4)], PARENTS)
    assert [window.key for window in found] == ["region"]


def test_panels_in_different_periods_do_not_overlap():
    assert overlapping(_window("a", 3, 1, 2), [_window("b", 1, 5, 6)], PARENTS) == []
