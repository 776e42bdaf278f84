"""The engine's structured texts in the report's language: weighting notes and
warnings, and the drafted discussion points.

The engine gives each a stable ``code`` with its ``params`` (names, labels,
figures) and a Dutch ``text``/``title`` for readers that know no codes. Here a
known code becomes a sentence of the report's catalog, its figures formatted
the report's way and its names replaced by the report's labels. An unknown
code, or a point without one (a person rewrote it), is printed as the engine
or that person wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .formats import fmt_count, fmt_number, fmt_percent, fmt_plain
from .i18n import N_, Translator
from .labels import Labels
from .lenient import as_dict, as_list

NOTICES = {
    "categories_not_in_population": N_(
        "%(variable)s: %(categories)s staat niet in de verdeling van de leden. Deelnemers met "
        "die waarde (%(count)s) zijn gewogen als onbekend op %(variable)s."
    ),
    "categories_without_respondents": N_(
        "%(variable)s: geen deelnemers in %(categories)s (%(members)s leden). Buiten de weging "
        "gelaten; de andere categorieën van %(variable)s zijn naar hetzelfde totaal opgehoogd."
    ),
    "too_few_categories": N_(
        "%(variable)s: minder dan twee categorieën met deelnemers; niet gebruikt voor de weging."
    ),
    "margins_total": N_(
        "%(variable)s: de verdeling van de leden telt op tot %(total)s, niet tot het aantal "
        "leden (%(size)s). Aangenomen is dat leden van wie %(variable)s onbekend is net zo "
        "verdeeld zijn als de anderen."
    ),
    "unknown_values": N_(
        "%(variable)s: deelnemers zonder bruikbare waarde (%(count)s, %(share)s) houden hun "
        "aandeel in het gewicht; de anderen zijn gewogen naar de verdeling van %(variable)s "
        "onder de leden, dus die categorieën kloppen naar verhouding, niet in aantal."
    ),
    "no_usable_variable": N_("Geen bruikbare weegvariabele: elke deelnemer telt even zwaar."),
    "trimmed": N_(
        "Gewichten buiten %(low)s tot %(high)s × het gemiddelde gewicht na het wegen: "
        "%(count)s. Ze zijn begrensd en daarna is opnieuw gewogen."
    ),
    "trim_not_met": N_(
        "Gewichten buiten %(low)s tot %(high)s × het gemiddelde gewicht na het wegen: "
        "%(count)s. Begrenzen en opnieuw wegen kreeg ze niet allemaal binnen die grenzen, "
        "omdat de verdelingen van de leden meer vragen. Die verdelingen kloppen; een deel "
        "van de gewichten blijft erbuiten (%(outside)s, van %(smallest)s tot %(largest)s × "
        "het gemiddelde)."
    ),
    "margins_not_met": N_(
        "De gewichten halen niet elke verdeling van de leden: het grootste verschil is "
        "%(error)s van het doel van een categorie."
    ),
    "extreme_weights": N_(
        "Extreme gewichten: de %(respondents_share)s van de deelnemers met het grootste gewicht "
        "(%(count)s) dragen samen %(weight_share)s van het totale gewicht. De gewogen uitkomsten "
        "leunen sterk op hen; lees ze met voorzichtigheid."
    ),
}

POINTS = {
    "majority_agree": N_("Duidelijke meerderheid (%(share)s) eens met “%(question)s”"),
    "majority_disagree": N_("Duidelijke meerderheid (%(share)s) oneens met “%(question)s”"),
    "majority_choice": N_(
        "Duidelijke meerderheid (%(share)s) kiest “%(option)s” bij “%(question)s”"
    ),
    "open_door": N_("Open deur: %(share)s is het eens met “%(question)s”"),
    "divided": N_("Verdeeld: %(agree)s eens en %(disagree)s oneens over “%(question)s”"),
    "consensus_agree": N_("Alle meningsgroepen zijn het eens met “%(question)s”"),
    "consensus_disagree": N_("Alle meningsgroepen zijn het oneens met “%(question)s”"),
    "group_difference": N_(
        "Verschil naar %(variable)s bij “%(question)s”: groep %(group)s kiest “%(option)s” "
        "%(group_share)s tegen %(panel_share)s in het hele panel"
    ),
    "group_difference_alone": N_(
        "Verschil naar %(variable)s bij “%(question)s”: groep %(group)s kiest “%(option)s” "
        "%(group_share)s"
    ),
    "theme": N_(
        "Niet gevraagd, wel genoemd: “%(theme)s” (%(share)s van de antwoorden op “%(question)s”)"
    ),
}
ALL_GROUPS = N_(" — ook in elke meningsgroep")

# What each kind of point means, printed under the drafted points.
KIND_MEANINGS = {
    "majority": N_(
        "minstens 60 %% kiest één kant of één antwoord, het 95 %%-interval ligt helemaal "
        "boven 50 %% en het cijfer rust op minstens 30 (effectieve) antwoorden."
    ),
    "open_door": N_(
        "minstens 90 %% is het eens en het 95 %%-interval ligt helemaal op of boven 90 %%, "
        "op minstens 30 (effectieve) antwoorden. Een uitkomst, en ook een teken dat de "
        "stelling weinig onderscheidde. Zo’n stelling is ook een meerderheid, maar staat "
        "er één keer, als open deur."
    ),
    "divided": N_(
        "minstens 35 %% is het eens en minstens 35 %% oneens, op minstens 30 (effectieve) "
        "antwoorden."
    ),
    "consensus": N_(
        "in elke meningsgroep is minstens 60 %% het eens (of oneens). Staat de stelling al "
        "als meerderheid of open deur hierboven, dan staat het daarbij en niet apart."
    ),
    "group_difference": N_(
        "een opvallend verschil tussen groepen (zie Verschillen tussen groepen), naast het "
        "cijfer van het hele panel (gewogen als er gewogen is)."
    ),
    "theme": N_(
        "een thema in de open antwoorden, met minstens 15 %% van de antwoorden, waarvan de "
        "kernwoorden in geen vraag voorkomen."
    ),
}

Formatter = Callable[..., str]


def _figure(value: Any, formatter: Formatter, t: Translator) -> str:
    return formatter(value, lang=t.lang)


def _number2(value: Any, lang: str) -> str:
    return fmt_number(value, 2, lang=lang)


def _notice_values(
    code: str, params: Mapping[str, Any], labels: Labels, t: Translator
) -> dict[str, str]:
    variable = str(params.get("variable") or "")
    categories = ", ".join(
        labels.group(variable, category) for category in as_list(params.get("categories"))
    )
    figures: dict[str, tuple[str, Formatter]] = {
        "count": ("weights" if code in ("trimmed", "trim_not_met") else "respondents", fmt_count),
        "members": ("members", fmt_count),
        "total": ("margin_total", fmt_count),
        "size": ("population_size", fmt_count),
        "share": ("share", fmt_percent),
        "low": ("low", fmt_plain),
        "high": ("high", fmt_plain),
        "outside": ("still_outside", fmt_count),
        "smallest": ("smallest", _number2),
        "largest": ("largest", _number2),
        "respondents_share": ("share_of_respondents", fmt_percent),
        "weight_share": ("share_of_weight", fmt_percent),
    }
    values = {key: _figure(params.get(name), form, t) for key, (name, form) in figures.items()}
    error = params.get("max_error")
    values["error"] = (
        f"{fmt_number(error * 100, 2, lang=t.lang)}{'' if t.lang == 'en' else ' '}%"
        if isinstance(error, (int, float))
        else "—"
    )
    values["variable"] = labels.variable(variable) if variable else ""
    values["categories"] = categories
    return values


def notice_text(notice: Any, labels: Labels, t: Translator) -> str:
    """One note or warning of the engine, in the report's language."""
    if not isinstance(notice, Mapping):
        return str(notice)
    code = str(notice.get("code"))
    if code not in NOTICES:
        return str(notice.get("text") or "")
    values = _notice_values(code, as_dict(notice.get("params")), labels, t)
    return t.gettext(NOTICES[code], **values)


def weighting_notices(found: Mapping[str, Any], labels: Labels, t: Translator) -> dict[str, list]:
    """The weighting's notes and its warnings (shown apart, visibly).

    From ``notices`` where the engine gave them; an older result's ``notes``
    (plain text in the engine's language) are notes as they are.
    """
    notices = [notice for notice in as_list(found.get("notices")) if isinstance(notice, Mapping)]
    if not notices:
        return {"notes": [str(note) for note in as_list(found.get("notes"))], "warnings": []}
    result: dict[str, list] = {"notes": [], "warnings": []}
    for notice in notices:
        level = "warnings" if notice.get("level") == "warning" else "notes"
        result[level].append(notice_text(notice, labels, t))
    return result


def point_title(point: Mapping[str, Any], labels: Labels, t: Translator) -> str | None:
    """A drafted point's sentence in the report's language; None: print its title."""
    code = str(point.get("code"))
    params = as_dict(point.get("params"))
    if code not in POINTS or not params:
        return None
    question = str(params.get("question") or "")
    option = str(params.get("option") or "")
    variable = str(params.get("variable") or "")
    label = labels.question(question) if question in labels.questions else None
    values = {
        "question": label or str(params.get("question_label") or question),
        "option": _label(labels.options.get(question, {}), option, params.get("option_label")),
        "variable": _label(labels.variables, variable, params.get("variable_label")),
        "group": labels.group(variable, params.get("group"))
        if str(params.get("group")) in labels.groups.get(variable, {})
        else str(params.get("group_label") or params.get("group") or ""),
        "theme": str(params.get("theme") or ""),
    }
    for key in ("share", "agree", "disagree", "group_share", "panel_share"):
        values[key] = fmt_percent(params.get(key), lang=t.lang)
    title = t.gettext(POINTS[code], **values)
    return title + t.gettext(ALL_GROUPS) if params.get("all_groups") else title


def _label(known: Mapping[str, str], name: str, fallback: Any) -> str:
    """The report's label for a name, else the engine's label, else the name."""
    return known.get(name) or str(fallback or name)


def kind_meanings(kinds: list[str], names: Mapping[str, str], t: Translator) -> list[dict]:
    """What each kind of the drafted points means, in the order they first appear."""
    return [
        {"kind": t.gettext(names[kind]), "meaning": t.gettext(KIND_MEANINGS[kind])}
        for kind in dict.fromkeys(kinds)
        if kind in KIND_MEANINGS and kind in names
    ]
