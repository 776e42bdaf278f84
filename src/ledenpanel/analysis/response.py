"""Response: rates (AAPOR RR1 adapted to a member list) and who responded.

**RR1** = completes / (invited − known ineligible). Ineligible means deceased
or no longer a member at the invitation; bounces are *non-contacts*, not
ineligible: they stay in the denominator. **Contact rate** = (invited −
ineligible − non-contacts) / (invited − ineligible), given only when the
non-contacts are known (``Population.noncontacts`` is not None): without
bounce information nothing says how many invitations arrived. Open-link
(non-member) responses are counted apart and never in a rate.

Per variable, next to Cramér's V: each category's *representation* (its
share of the respondents over its share of the population, = its response
rate over the overall one when everyone was invited) and the ratio of the
highest to the lowest response rate among the shown categories. V of a
2 × C respondents/non-respondents table is the spread of the categories'
response rates over ``sqrt(r(1 − r))``: at a low overall rate ``r`` a group
answering twice as often as another still gives a V near 0.1, so the ratio
is shown beside it.

Per band (when the whole population was invited, so each band's invited
count is its population count): responded and rate, with the disclosure rules
of ``analysis.disclosure`` — a band with fewer than k respondents, or where
(nearly) all or none took part, is hidden, with secondary suppression.
"""

from __future__ import annotations

from collections.abc import Sequence

from ledenpanel.analysis.data import Population, Responses
from ledenpanel.analysis.disclosure import participation_is_disclosive, suppress_siblings
from ledenpanel.analysis.ordering import band_key
from ledenpanel.analysis.representativeness import compare_distributions, r_indicator_from_cells


def _rate(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole > 0 else None


def response_rates(completes: int, *, open_responses: int, population: Population | None) -> dict:
    if population is None:
        return {
            "completes": completes,
            "open_responses": open_responses,
            "invited": None,
            "ineligible": None,
            "noncontacts": None,
            "rr1": None,
            "contact_rate": None,
        }
    invited = population.invited if population.invited is not None else population.size
    eligible = invited - population.ineligible
    noncontacts = population.noncontacts
    return {
        "completes": completes,
        "open_responses": open_responses,
        "invited": invited,
        "ineligible": population.ineligible,
        "noncontacts": noncontacts,
        "rr1": min(_rate(completes, eligible) or 0.0, 1.0) if eligible > 0 else None,
        # Unknown bounces: nothing is known about how many invitations arrived.
        "contact_rate": None if noncontacts is None else _rate(eligible - noncontacts, eligible),
    }


def _counts(values: Sequence[str | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return counts


def hidden_by_participation(
    responded: dict[str, int], population: dict[str, int], *, k: int
) -> set[str]:
    """Bands whose responded count may not be shown next to their population count."""
    disclosive = {
        name
        for name in population
        if participation_is_disclosive(responded.get(name, 0), population[name])
    }
    shown = suppress_siblings(
        {name: responded.get(name, 0) for name in population}, k=k, also_hide=disclosive
    )
    return {name for name, figures in shown.items() if figures.suppressed}


def participation_withheld(
    responses: Responses, population: Population | None, *, k: int
) -> dict[str, set[str]]:
    """Per variable, the categories whose respondents the report's participation table hides.

    The same table the engine makes (member responses, the variables the
    population has), for whatever else shows respondents per category: the
    crosstabs, a row-level export.
    """
    if population is None:
        return {}
    members = responses.members_only()
    variables = [name for name in members.background if name in population.columns]
    found = representativeness(members.background, population, variables=variables, k=k)
    return hidden_categories(found)


def hidden_categories(found: dict | None) -> dict[str, set[str]]:
    """Per variable, the categories whose respondents the participation table hides.

    The crosstabs hide the same groups: each group's n there would otherwise
    give back what this table hides (a category where none of its members
    took part is the total minus the other groups).
    """
    return {
        str(variable.get("name")): {
            str(category.get("name"))
            for category in variable.get("categories") or []
            if category.get("suppressed")
        }
        for variable in (found or {}).get("variables") or []
    }


def _representation(responded: int, total_r: int, members: int, total_p: int) -> float | None:
    """A category's share of the respondents over its share of the population."""
    if not (members and total_r and total_p):
        return None
    return (responded / total_r) / (members / total_p)


def response_ratio(categories: Sequence[dict], exact: dict[str, float | None]) -> dict | None:
    """The shown categories that responded least and most, and the ratio of the two.

    By representation (share of respondents / share of the population), which
    orders the categories as their response rates do and exists after a
    sample too. None with fewer than two shown categories, or when one of
    them has no respondent (the ratio would be infinite). ``exact``: the
    unrounded representations, for the ratio.
    """
    shown = [c for c in categories if c.get("representation") is not None and c["population"]]
    if len(shown) < 2:
        return None
    lowest = min(shown, key=lambda c: (c["representation"], c["name"]))
    highest = max(shown, key=lambda c: (c["representation"], c["name"]))
    if lowest["representation"] <= 0:
        return None

    def end(category: dict) -> dict:
        return {
            "name": category["name"],
            "response_rate": category.get("response_rate"),
            "representation": category["representation"],
        }

    return {
        "lowest": end(lowest),
        "highest": end(highest),
        "ratio": round(_exact(exact, highest) / _exact(exact, lowest), 4),
    }


def _exact(exact: dict[str, float | None], category: dict) -> float:
    value = exact.get(category["name"])
    return float(category["representation"] if value is None else value)


def representativeness(
    background: dict[str, list[str | None]],
    population: Population,
    *,
    variables: Sequence[str],
    k: int,
) -> dict:
    """Respondents against the population per variable, and the R-indicator.

    Non-respondents are the population minus the respondents, which holds
    when the whole population was invited; after a sample the comparison is
    respondents against the population and no R-indicator is computed.
    """
    everyone_invited = population.invited is None
    result: dict = {
        "variables": [],
        "r_indicator": None,
        "compared_with": "nonrespondents" if everyone_invited else "population",
    }
    hidden: dict[str, set[str]] = {}
    for variable in variables:
        responded = _counts(background[variable])
        members = population.margin(variable)
        nonresponding = {c: max(members.get(c, 0) - responded.get(c, 0), 0) for c in members}
        other = nonresponding if everyone_invited else members
        hidden[variable] = (
            hidden_by_participation(responded, members, k=k) if everyone_invited else set()
        )
        total_r, total_o, total_p = sum(responded.values()), sum(other.values()), population.size
        categories = []
        for category in sorted(set(members) | set(responded), key=band_key):
            suppressed = category in hidden[variable]
            representation = _representation(
                responded.get(category, 0), total_r, members.get(category, 0), total_p
            )
            categories.append(
                {
                    "name": category,
                    "population": members.get(category, 0),
                    "population_share": _rate(members.get(category, 0), total_p),
                    "respondents": None if suppressed else responded.get(category, 0),
                    "respondent_share": None
                    if suppressed
                    else _rate(responded.get(category, 0), total_r),
                    "response_rate": None
                    if suppressed or not everyone_invited
                    else _rate(responded.get(category, 0), members.get(category, 0)),
                    "representation": None
                    if suppressed or representation is None
                    else round(representation, 4),
                    "suppressed": suppressed,
                }
            )
        comparison = compare_distributions(responded, other, hidden=hidden[variable])
        result["variables"].append(
            {
                "name": variable,
                "categories": categories,
                **comparison,
                "response_ratio": response_ratio(
                    categories,
                    {
                        c["name"]: _representation(
                            responded.get(c["name"], 0), total_r, c["population"], total_p
                        )
                        for c in categories
                    },
                ),
                "other_total": total_o,
            }
        )
    if everyone_invited and variables:
        result["r_indicator"] = r_indicator_from_cells(
            _cells(background, population, variables), variables, hidden=hidden
        )
    return result


def _cells(
    background: dict[str, list[str | None]], population: Population, variables: Sequence[str]
) -> dict[tuple[str, ...], tuple[float, float]]:
    """Respondents and non-respondents per combination of the variables.

    Members with an unknown value on a variable are left out of the model.
    """
    responded: dict[tuple[str, ...], int] = {}
    for row in zip(*(background[v] for v in variables), strict=True):
        if None not in row:
            responded[row] = responded.get(row, 0) + 1
    members: dict[tuple[str, ...], int] = {}
    columns = [population.columns[v] for v in variables]
    for index, count in enumerate(population.count):
        key = tuple(column[index] for column in columns)
        if None not in key:
            members[key] = members.get(key, 0) + count
    return {
        key: (
            float(responded.get(key, 0)),
            float(max(members.get(key, 0) - responded.get(key, 0), 0)),
        )
        for key in set(members) | set(responded)
    }
