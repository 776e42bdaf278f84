"""Names → the labels the board reads: questions, options, background variables, groups.

The engine's tables name things by their form names ("stelling_1", "16-34"); the
report prints the questionnaire's labels, falling back to the name itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .i18n import Translator, translator
from .lenient import as_dict, dicts

UNKNOWN_GROUP = "_onbekend"  # the engine's group for members whose band is not known


class Labels:
    """Names → the labels the board reads: questions, options, variables, groups."""

    def __init__(self, result: Mapping[str, Any], t: Translator | None = None) -> None:
        self._t = t or translator()
        self.questions: dict[str, str] = {}
        self.options: dict[str, dict[str, str]] = {}
        for question in dicts(result.get("questions")):
            name = str(question.get("name", ""))
            self.questions[name] = question.get("label") or name
            self.options[name] = {
                str(option.get("name")): option.get("label") or str(option.get("name"))
                for option in dicts(question.get("options"))
            }
        self.variables: dict[str, str] = {}
        # Names for coded values (a branch's name for its code), from the run's options.
        self.values: dict[str, dict[str, str]] = {
            str(variable): {str(value): str(label) for value, label in as_dict(labels).items()}
            for variable, labels in as_dict(result.get("value_labels")).items()
        }
        self.groups: dict[str, dict[str, str]] = {}
        for variable in dicts(as_dict(result.get("groups")).get("variables")):
            name = str(variable.get("name", ""))
            self.variables[name] = variable.get("label") or name
            self.groups[name] = {
                str(group.get("name")): group.get("label") or str(group.get("name"))
                for group in dicts(variable.get("groups"))
            }

    def question(self, name: Any) -> str:
        return self.questions.get(str(name), str(name))

    def option(self, question: Any, name: Any) -> str:
        return self.options.get(str(question), {}).get(str(name), str(name))

    def variable(self, name: Any) -> str:
        return self.variables.get(str(name), str(name))

    def group(self, variable: Any, name: Any) -> str:
        if name == UNKNOWN_GROUP:
            return self._t.gettext("onbekend")
        label = self.groups.get(str(variable), {}).get(str(name))
        if label is None or label == str(name):
            label = self.values.get(str(variable), {}).get(str(name), str(name))
        return label
