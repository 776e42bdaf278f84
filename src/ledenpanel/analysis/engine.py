"""The whole analysis of one panel: plain data in, one JSON-ready dict out.

``analyse(form, responses, population=…, options=…)`` is what the worker
runs when a panel closes and what ``ledenpanel analyse`` runs on files. The
result is described by ``docs/analysis.schema.json``; a hidden figure is
``null`` with ``"suppressed": true`` on its object.

Order of work: response and representativeness (needs the population),
weighting (raking to the population's margins), per-question figures,
crosstabs, open-answer themes, opinion groups, and last the drafted
discussion points, which read everything before them. The per-question
figures (svy's estimators, mostly in Rust without the GIL) run in a thread
beside the crosstabs, themes and opinion groups; the crosstab tests take
a few milliseconds each (``analysis.raoscott``), so everything runs in this
one process.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from ledenpanel.analysis.data import (
    SELECT_ONE,
    Form,
    Options,
    Population,
    Responses,
    Scale,
)
from ledenpanel.analysis.design import Design, unweighted
from ledenpanel.analysis.disclosure import panel_has_results
from ledenpanel.analysis.discussion import draft_discussion_points
from ledenpanel.analysis.groups import Crosstabs
from ledenpanel.analysis.opinions import opinion_groups
from ledenpanel.analysis.questions import summarise_question
from ledenpanel.analysis.response import (
    hidden_categories,
    representativeness,
    response_rates,
)
from ledenpanel.analysis.summary import summarise
from ledenpanel.analysis.themes import find_themes
from ledenpanel.analysis.weighting import rake, weight_concentration

SCHEMA_VERSION = 1
ASSUMPTION = (
    "Intervals and margins of error assume that, within the weighting cells, "
    "respondents resemble the members who did not respond."
)

Progress = Callable[[str], None]


def _no_progress(_message: str) -> None:
    return None


class Analysis:
    def __init__(
        self,
        form: Form,
        responses: Responses,
        *,
        population: Population | None,
        options: Options,
        progress: Progress,
    ) -> None:
        self.form = form
        self.all_responses = responses
        self.responses = responses.members_only()
        self.population = population
        self.options = options
        self.progress = progress
        self.timings: dict[str, float] = {}

    def _step(self, name: str, work: Callable[[], Any]) -> Any:
        self.progress(name)
        started = time.perf_counter()
        try:
            return work()
        finally:
            self.timings[name] = round(time.perf_counter() - started, 3)

    def run(self) -> dict[str, Any]:
        k = self.options.min_group
        n = len(self.responses)
        n_open = len(self.all_responses) - n
        result: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "title": self.form.title,
            "n_responses": n,
            "open_responses": n_open,
            "population_size": self.population.size if self.population else None,
            "min_group": k,
            "assumption": ASSUMPTION,
        }
        if self.options.value_labels:
            result["value_labels"] = {
                variable: dict(labels) for variable, labels in self.options.value_labels.items()
            }
        response = response_rates(n, open_responses=n_open, population=self.population)
        result["response_rate"] = response["rr1"]
        result["response"] = response
        if not panel_has_results(n, k=k):
            # Fewer than k respondents: the count only, no figure at all.
            result.update(
                results_withheld=True,
                representativeness=None,
                weighting=None,
                questions=[],
                groups=None,
                opinion_groups=None,
                discussion_points=[],
                summary=None,
            )
            return result
        result["results_withheld"] = False
        result["representativeness"] = self._step("representativeness", self._representativeness)
        design = self._step("weighting", self._design)
        result["weighting"] = self._weighting_summary(design) if self._weighted else None
        crosstab = self._crosstabs(design, hidden=hidden_categories(result["representativeness"]))
        # svy's estimators spend most of their time in Rust without the GIL, so
        # the per-question figures run in a thread beside the other steps.
        with ThreadPoolExecutor(max_workers=1) as background:
            questions = background.submit(self._step, "questions", lambda: self._questions(design))
            tables = self._step("groups", crosstab.prepare)
            if not design.has_fast_tests:
                questions.result()  # the tests need svy: never call it from two threads
            result["groups"] = self._step(
                "groups: tests",
                lambda: self._tests(crosstab, tables, design) if crosstab.by else None,
            )
            themes = self._step("themes", self._themes)
            result["opinion_groups"] = self._step("opinion groups", self._opinion_groups)
            result["questions"] = questions.result()
        for summary in result["questions"]:
            if summary["name"] in themes:
                summary["themes"] = themes[summary["name"]]
        result["discussion_points"] = self._step(
            "discussion points", lambda: draft_discussion_points(result)
        )
        result["summary"] = summarise(result)
        result["timings"] = self.timings
        return result

    # -- steps ----------------------------------------------------------------

    def _common_variables(self) -> list[str]:
        if self.population is None:
            return []
        return [v for v in self.responses.background if v in self.population.columns]

    def _representativeness(self) -> dict | None:
        if self.population is None:
            return None
        return representativeness(
            self.responses.background,
            self.population,
            variables=self._common_variables(),
            k=self.options.min_group,
        )

    @property
    def _weighted(self) -> bool:
        return bool(self.options.weight_by) and self.population is not None

    @staticmethod
    def _weighting_summary(design: Design) -> dict[str, Any]:
        """The weighting report, with how much weight the largest weights carry."""
        summary = design.summary()
        summary["weight_concentration"] = weight_concentration(design.weights)
        return summary

    def _design(self) -> Design:
        population = self.population
        if not self._weighted or population is None:
            size = population.size if population is not None else None
            return unweighted(len(self.responses), population_size=size)
        margins = {variable: population.margin(variable) for variable in self.options.weight_by}
        return rake(
            {v: self.responses.background[v] for v in self.options.weight_by},
            margins,
            population_size=population.size,
            trim=self.options.trim,
        )

    def _questions(self, design: Design) -> list[dict[str, Any]]:
        weighted = design if self._weighted else None
        return [
            summarise_question(question, self.responses.answers[question.name], weighted)
            for question in self.form.questions
        ]

    def _crosstabs(self, design: Design, *, hidden: dict[str, set[str]]) -> Crosstabs:
        by = self.options.by if self.options.by is not None else list(self.responses.background)
        return Crosstabs(
            self.form,
            self.responses,
            by=by,
            design=design,
            k=self.options.min_group,
            labels=self.options.labels,
            hidden=hidden,
        )

    @staticmethod
    def _tests(crosstab: Crosstabs, tables: list[dict[str, Any]], design: Design) -> dict[str, Any]:
        # Each test multiplies small matrices: waking a second BLAS thread for
        # them costs more than it saves (twice as slow on a busy 2-core machine).
        with threadpool_limits(1):
            results = [design.rao_scott_coded(*pair) for pair in crosstab.pairs(tables)]
        return crosstab.finish(tables, results)

    def _themes(self) -> dict[str, Any]:
        """Each open question's themes, by question name."""
        return {
            question.name: find_themes(
                self.responses.answers[question.name],
                seed=self.options.seed,
                min_group=self.options.min_group,
            )
            for question in self.form.questions
            if question.is_open
        }

    def _opinion_groups(self) -> dict | None:
        statements = [
            q for q in self.form.questions if q.type == SELECT_ONE and q.scale == Scale.AGREE
        ]
        if len(statements) < 3:
            return None
        matrix = np.full((len(self.responses), len(statements)), np.nan)
        for column, question in enumerate(statements):
            opinion = question.opinion_choices
            # Disagree → agree onto [-1, 1]; "weet niet" and no answer stay NaN.
            score = {c.name: -1 + 2 * i / (len(opinion) - 1) for i, c in enumerate(opinion)}
            values = self.responses.answers[question.name]
            matrix[:, column] = [score.get(v, np.nan) if v is not None else np.nan for v in values]
        return opinion_groups(
            matrix,
            [q.name for q in statements],
            seed=self.options.seed,
            min_group=self.options.min_group,
        )


def analyse(
    form: Form,
    responses: Responses,
    *,
    population: Population | None = None,
    options: Options | None = None,
    progress: Progress = _no_progress,
) -> dict[str, Any]:
    """The whole analysis; see the module docstring."""
    return Analysis(
        form,
        responses,
        population=population,
        options=options or Options(),
        progress=progress,
    ).run()
