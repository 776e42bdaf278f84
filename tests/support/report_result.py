"""A realistic analysis result, built the way ``engine.analyse`` shapes it, for
the report's tests (see docs/analysis.schema.json): ``build_result`` with what
a test varies, and ``withheld_result`` for a panel below k respondents."""

from __future__ import annotations

from typing import Any

from ledenpanel.analysis.summary import summarise

AGREE = [
    ("helemaal_oneens", "Helemaal mee oneens"),
    ("oneens", "Mee oneens"),
    ("neutraal", "Neutraal"),
    ("eens", "Mee eens"),
    ("helemaal_eens", "Helemaal mee eens"),
]
AGES = ["16-34", "35-49", "50-64", "65+"]


def _share_entry(name: str, label: str, count: int, n: int, *, weighted: bool) -> dict:
    share = count / n
    entry: dict[str, Any] = {
        "name": name,
        "label": label,
        "dont_know": name == "weet_niet",
        "count": count,
        "share": round(share, 4),
        "ci_low": round(max(share - 0.04, 0), 4),
        "ci_high": round(min(share + 0.04, 1), 4),
        "unreliable": False,
    }
    if weighted:
        entry.update(
            weighted_share=round(share * 0.97, 4),
            weighted_ci_low=round(max(share - 0.05, 0), 4),
            weighted_ci_high=round(min(share + 0.05, 1), 4),
        )
    return entry


def _statement(
    name: str,
    label: str,
    counts: list[int],
    *,
    weighted: bool,
    choices: list[tuple[str, str]] | None = None,
) -> dict:
    n = sum(counts)
    choices = choices or [*AGREE, ("weet_niet", "Weet niet / geen mening")]
    options = [
        _share_entry(c, lab, count, n, weighted=weighted)
        for (c, lab), count in zip(choices, counts, strict=True)
    ]
    mean = {"n": n - counts[-1], "mean": 3.4123, "sd": 1.1, "ci_low": 3.31, "ci_high": 3.52}
    top2 = {
        "count": counts[3] + counts[4],
        "share": 0.6234,
        "ci_low": 0.59,
        "ci_high": 0.66,
        "options": ["eens", "helemaal_eens"],
        "unreliable": False,
    }
    if weighted:
        mean.update(weighted_mean=3.38, weighted_ci_low=3.25, weighted_ci_high=3.51)
        top2.update(weighted_share=0.61, weighted_ci_low=0.57, weighted_ci_high=0.65)
    return {
        "name": name,
        "type": "select_one",
        "label": label,
        "n_valid": n,
        "effective_n": round(n * 0.8, 1) if weighted else float(n),
        "unreliable": False,
        "scale": "agree",
        "options": options,
        "n_opinion": n - counts[-1],
        "mean": mean,
        "top2": top2,
    }


def _questions(*, weighted: bool) -> list[dict]:
    channel_options = [
        _share_entry("email", "E-mail", 610, 800, weighted=weighted),
        _share_entry("post", "Per post", 170, 800, weighted=weighted),
        _share_entry("sms", "Sms", 20, 800, weighted=weighted),
    ]
    channel_options[2]["unreliable"] = True
    topics = [
        _share_entry("wonen", "Wonen", 420, 790, weighted=weighted),
        _share_entry("zorg", "Zorg", 380, 790, weighted=weighted),
        _share_entry("klimaat", "Klimaat", 300, 790, weighted=weighted),
    ]
    rank_options = []
    for position, (name, label) in enumerate(
        [("wonen", "Wonen"), ("zorg", "Zorg"), ("onderwijs", "Onderwijs")]
    ):
        entry = {
            "name": name,
            "label": label,
            "mean_rank": 1.6 + 0.4 * position,
            "mean_rank_ci_low": 1.5 + 0.4 * position,
            "mean_rank_ci_high": 1.7 + 0.4 * position,
            "share_first": 0.45 - 0.1 * position,
            "share_first_ci_low": 0.41 - 0.1 * position,
            "share_first_ci_high": 0.49 - 0.1 * position,
            "count_first": 300 - 60 * position,
            "unreliable": False,
        }
        if weighted:
            entry.update(weighted_mean_rank=1.65 + 0.4 * position, weighted_share_first=0.44)
        rank_options.append(entry)
    points_parts = []
    for name, label, mean in [("campagne", "Campagne", 41.5), ("scholing", "Scholing", 58.5)]:
        part = {"name": name, "label": label, "mean": mean, "ci_low": mean - 2, "ci_high": mean + 2}
        if weighted:
            part.update(
                weighted_mean=mean + 1, weighted_ci_low=mean - 1.5, weighted_ci_high=mean + 3.5
            )
        points_parts.append(part)
    numeric = {
        "name": "jaren_lid",
        "type": "integer",
        "label": "Hoeveel jaar bent u lid?",
        "n_valid": 780,
        "effective_n": 620.0 if weighted else 780.0,
        "unreliable": False,
        "mean": 12.345,
        "sd": 9.1,
        "ci_low": 11.7,
        "ci_high": 12.99,
        "q1": 4.0,
        "median": 9.0,
        "q3": 18.0,
    }
    if weighted:
        numeric.update(weighted_mean=11.9, weighted_ci_low=11.1, weighted_ci_high=12.7)
    grades = [(str(grade), str(grade)) for grade in range(11)]
    rating = _statement(
        "cijfer",
        "Welk cijfer geeft u de afdeling?",
        [2, 3, 5, 10, 20, 40, 90, 200, 250, 120, 60],
        weighted=weighted,
        choices=grades,
    )
    rating.update(scale="rating", n_opinion=rating["n_valid"])
    rating["top2"]["options"] = ["9", "10"]
    return [
        _statement(
            "woningbouw",
            "Er moeten meer sociale huurwoningen komen.",
            [20, 40, 100, 350, 280, 10],
            weighted=weighted,
        ),
        _statement(
            "kernenergie",
            "Nederland moet investeren in kernenergie.",
            [200, 150, 80, 180, 160, 30],
            weighted=weighted,
        ),
        _statement(
            "escape", "Is <b>niet vet</b> & zo?", [30, 40, 100, 300, 300, 30], weighted=weighted
        ),
        {
            "name": "kanaal",
            "type": "select_one",
            "label": "Hoe wilt u het liefst bericht krijgen?",
            "n_valid": 800,
            "effective_n": 640.0 if weighted else 800.0,
            "unreliable": False,
            "scale": None,
            "options": channel_options,
        },
        {
            "name": "onderwerpen",
            "type": "select_multiple",
            "label": "Over welke onderwerpen wilt u meepraten?",
            "n_valid": 790,
            "effective_n": 630.0 if weighted else 790.0,
            "unreliable": False,
            "options": topics,
        },
        {
            "name": "prioriteit",
            "type": "rank",
            "label": "Zet de onderwerpen in volgorde van belang",
            "n_valid": 660,
            "effective_n": 530.0 if weighted else 660.0,
            "unreliable": False,
            "options": rank_options,
        },
        {
            "name": "begroting",
            "type": "points",
            "label": "Verdeel 100 punten over de begroting",
            "n_valid": 640,
            "effective_n": 510.0 if weighted else 640.0,
            "unreliable": False,
            "total": 100,
            "options": points_parts,
        },
        numeric,
        rating,
        {
            "name": "opmerkingen",
            "type": "text",
            "label": "Wat wilt u de afdeling nog meegeven?",
            "n_valid": 420,
            "effective_n": 420.0,
            "unreliable": False,
            "themes": {
                "n_answers": 420,
                "n_themed": 300,
                "unassigned": 120,
                "method": "TF-IDF en NMF, seed 0",
                "themes": [
                    {
                        "label": "openbaar vervoer",
                        "terms": ["bus", "trein", "ov"],
                        "count": 130,
                        "share": 0.3095,
                        "quotes": [
                            "De bus in ons dorp rijdt nog maar eens per uur.",
                            "<script>alert('x')</script> trein is te duur",
                        ],
                    },
                    {
                        "label": "contributie",
                        "terms": ["contributie", "kosten"],
                        "count": 90,
                        "share": 0.2143,
                        "quotes": [{"text": "Contributie mag omlaag voor studenten."}],
                    },
                ],
            },
        },
    ]


def _crosstab(question: dict, variable: str, groups: list[str], *, hidden: set[str]) -> dict:
    names = [option["name"] for option in question["options"]]
    rows = []
    for index, group in enumerate(groups):
        if group in hidden:
            # A stale figure in the input must still never reach the page.
            rows.append(
                {
                    "group": group,
                    "label": "onbekend" if group == "_onbekend" else group,
                    "n": 7,
                    "suppressed": True,
                    "options": [
                        {"name": n, "count": 7, "share": 0.8765, "weighted_share": 0.8765}
                        for n in names
                    ],
                }
            )
            continue
        n = 100 + 10 * index
        rows.append(
            {
                "group": group,
                "label": group,
                "n": n,
                "suppressed": False,
                "options": [
                    {
                        "name": name,
                        "count": n // len(names),
                        "share": round(1 / len(names), 4),
                        "weighted_share": round(1 / len(names), 4),
                    }
                    for name in names
                ],
            }
        )
    return {
        "question": question["name"],
        "by": variable,
        "groups": rows,
        "test": {
            "F": 3.1,
            "ndf": 4.0,
            "ddf": 700.0,
            "p": 0.0012,
            "cramers_v": 0.1834,
            "p_adjusted": 0.0034,
        },
    }


def _groups(questions: list[dict], variables: dict[str, list[str]]) -> dict:
    hidden = {"age": {"_onbekend"}, "gender": {"anders"}}
    tables = [
        _crosstab(question, variable, groups, hidden=hidden.get(variable, set()))
        for variable, groups in variables.items()
        for question in questions
        if question["type"] == "select_one"
    ]
    labels = {"age": "Leeftijd", "gender": "Gender", "region": "Regio", "tenure": "Lidmaatschap"}
    return {
        "variables": [
            {
                "name": variable,
                "label": labels.get(variable, variable),
                "groups": [
                    {
                        "name": group,
                        "label": "onbekend" if group == "_onbekend" else group,
                        "n": None if group in hidden.get(variable, set()) else 100,
                        "suppressed": group in hidden.get(variable, set()),
                    }
                    for group in groups
                ],
            }
            for variable, groups in variables.items()
        ],
        "tables": tables,
        "notable": [
            {
                "question": "woningbouw",
                "by": "age",
                "cramers_v": 0.1834,
                "p_adjusted": 0.0034,
                "largest_difference": {
                    "group": "16-34",
                    "option": "helemaal_eens",
                    "group_share": 0.52,
                    "overall_share": 0.36,
                    "panel_share": 0.3612,
                },
                "dots": [
                    {
                        "group": "16-34",
                        "label": "16-34",
                        "n": 100,
                        "share": 0.52,
                        "ci_low": 0.4233,
                        "ci_high": 0.6152,
                    },
                    {
                        "group": "35-49",
                        "label": "35-49",
                        "n": 100,
                        "share": 0.31,
                        "ci_low": 0.2289,
                        "ci_high": 0.4049,
                    },
                    {
                        "group": "50-64",
                        "label": "50-64",
                        "n": 100,
                        "share": 0.3,
                        "ci_low": 0.2202,
                        "ci_high": 0.3945,
                    },
                    {
                        "group": "65+",
                        "label": "65+",
                        "n": 100,
                        "share": 0.33,
                        "ci_low": 0.2477,
                        "ci_high": 0.4242,
                    },
                ],
            }
        ],
        "fdr": 0.05,
    }


def _representativeness() -> dict:
    return {
        "compared_with": "nonrespondents",
        "variables": [
            {
                "name": "age",
                "cramers_v": 0.1234,
                "p": 0.0004,
                "other_total": 3200,
                "categories": [
                    {
                        "name": "16-34",
                        "population": 900,
                        "population_share": 0.225,
                        "respondents": 150,
                        "respondent_share": 0.1875,
                        "response_rate": 0.1667,
                        "suppressed": False,
                    },
                    {
                        "name": "35-49",
                        "population": 1100,
                        "population_share": 0.275,
                        "respondents": 210,
                        "respondent_share": 0.2625,
                        "response_rate": 0.1909,
                        "suppressed": False,
                    },
                    {
                        "name": "50-64",
                        "population": 1200,
                        "population_share": 0.3,
                        "respondents": 260,
                        "respondent_share": 0.325,
                        "response_rate": 0.2167,
                        "suppressed": False,
                    },
                    {
                        "name": "65+",
                        "population": 795,
                        "population_share": 0.1988,
                        "respondents": 180,
                        "respondent_share": 0.225,
                        "response_rate": 0.2264,
                        "suppressed": False,
                    },
                    {
                        "name": "onbekend-in-register",
                        "population": 5,
                        "population_share": 0.0013,
                        "respondents": None,
                        "respondent_share": None,
                        "response_rate": None,
                        "suppressed": True,
                    },
                ],
            }
        ],
        "r_indicator": {
            "r": 0.9123,
            "sd_propensity": 0.0438,
            "mean_propensity": 0.2,
            "variables": ["age"],
            "invited": 4000,
            "partials": {
                "age": {
                    "unconditional": 0.0213,
                    "categories": {
                        "16-34": -0.0152,
                        "35-49": -0.0021,
                        "50-64": 0.0087,
                        "65+": 0.011,
                        "onbekend-in-register": None,
                    },
                }
            },
        },
    }


def _opinion_groups(outcome: str) -> dict | None:
    if outcome == "none":
        return None
    base: dict[str, Any] = {
        "outcome": outcome,
        "n_respondents": 760,
        "k": None,
        "silhouette": None,
        "groups": [],
        "consensus": [],
        "divisive": [],
    }
    if outcome == "no_groups":
        base["consensus"] = [
            {
                "statement": "woningbouw",
                "direction": "agree",
                "agree_by_group": {"all": 0.6512},
                "disagree_by_group": {"all": 0.0811},
                "score": 0.65,
            }
        ]
    elif outcome == "groups":
        base.update(k=2, silhouette=0.52)
        base["groups"] = [
            {
                "id": group,
                "size": size,
                "share": round(size / 760, 4),
                "characteristic": [
                    {
                        "statement": "kernenergie",
                        "agree": agree,
                        "disagree": 1 - agree - 0.1,
                        "agree_others": 1 - agree - 0.1,
                        "disagree_others": agree,
                        "direction": "agree" if agree > 0.5 else "disagree",
                        "score": 2.1,
                        "z": 5.0,
                    }
                ],
            }
            for group, size, agree in (("A", 420, 0.81), ("B", 340, 0.12))
        ]
        base["consensus"] = [
            {
                "statement": "woningbouw",
                "direction": "agree",
                "agree_by_group": {"A": 0.71, "B": 0.66},
                "disagree_by_group": {"A": 0.08, "B": 0.11},
                "score": 0.47,
            }
        ]
        base["divisive"] = [
            {
                "statement": "kernenergie",
                "agree_by_group": {"A": 0.81, "B": 0.12},
                "disagree_by_group": {"A": 0.09, "B": 0.78},
                "spread": 0.69,
            }
        ]
    return base


def build_result(
    *,
    weighted: bool = True,
    opinion: str = "groups",
    variables: dict[str, list[str]] | None = None,
    extra_statements: int = 0,
) -> dict:
    """A result the way ``engine.analyse`` shapes it (see docs/analysis.schema.json)."""
    questions = _questions(weighted=weighted)
    for index in range(extra_statements):
        questions.append(
            _statement(
                f"extra_{index}",
                f"Extra stelling {index}",
                [10, 20, 30, 40, 50, 5],
                weighted=weighted,
            )
        )
    if variables is None:
        variables = {"age": [*AGES, "_onbekend"], "gender": ["man", "vrouw", "anders"]}
    result = {
        "schema_version": 1,
        "title": "Ledenpanel wonen & <zorg>",
        "n_responses": 800,
        "open_responses": 37,
        "population_size": 4000,
        "response_rate": 0.2051,
        "min_group": 10,
        "assumption": (
            "Intervals and margins of error assume that, within the weighting cells, "
            "respondents resemble the members who did not respond."
        ),
        "results_withheld": False,
        "response": {
            "completes": 800,
            "open_responses": 37,
            "invited": 4000,
            "ineligible": 100,
            "noncontacts": 60,
            "rr1": 0.2051,
            "contact_rate": 0.9846,
        },
        "representativeness": _representativeness(),
        "weighting": {
            "variables": ["age", "gender"],
            "weighting_effect": 1.2345,
            "effective_n": 648.2,
            "ci_method": "taylor",
            "trim": [0.2, 5.0],
            "notes": ["Twee lege weegcellen samengevoegd met hun buren."],
        }
        if weighted
        else None,
        "questions": questions,
        "groups": _groups(questions, variables),
        "opinion_groups": _opinion_groups(opinion),
        "discussion_points": [
            {
                "kind": "majority",
                "title": (
                    "Duidelijke meerderheid (79 %) eens: "
                    "“Er moeten meer sociale huurwoningen komen.”"
                ),
                "evidence": {
                    "questions": ["woningbouw"],
                    "agree": 0.7912,
                    "disagree": 0.0811,
                    "n": 790,
                },
            },
            {
                "kind": "group_difference",
                "title": "Verschil naar Leeftijd bij woningbouw",
                "evidence": {
                    "questions": ["woningbouw"],
                    "by": "age",
                    "cramers_v": 0.1834,
                    "p_adjusted": 0.0034,
                },
            },
        ],
        "timings": {"questions": 0.1},
    }
    result["summary"] = summarise(result)
    return result


def withheld_result() -> dict:
    return {
        "schema_version": 1,
        "title": "Klein panel",
        "n_responses": 6,
        "open_responses": 0,
        "population_size": 40,
        "response_rate": 0.15,
        "min_group": 10,
        "assumption": "…",
        "results_withheld": True,
        "response": {
            "completes": 6,
            "open_responses": 0,
            "invited": 40,
            "rr1": 0.15,
            "contact_rate": 1.0,
        },
        "representativeness": None,
        "weighting": None,
        "questions": [],
        "groups": None,
        "opinion_groups": None,
        "discussion_points": [],
        "summary": None,
    }
