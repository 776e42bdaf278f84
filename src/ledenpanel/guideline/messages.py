"""Messages and suggestions per rule and variant, in Dutch (default) and English.

The package is pure Python, so no gettext: this table is the translation.
Placeholders are filled from the rule's ``Hit.params``.
"""

from __future__ import annotations

from ledenpanel.guideline.findings import SEVERITIES, Finding
from ledenpanel.guideline.hits import Hit

LANGUAGES = ("nl", "en")

# (rule, variant) → language → (message, suggestion)
MESSAGES: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    ("double_barreled", "both"): {
        "nl": (
            'Deze vraag vraagt naar twee dingen tegelijk ("{words}"). Wie het met het ene '
            "eens is en met het andere niet, kan niet goed antwoorden.",
            "Splits dit in twee vragen, één per onderdeel.",
        ),
        "en": (
            'This asks about two things at once ("{words}"). Someone who agrees with one '
            "part but not the other cannot answer.",
            "Split it into two questions, one for each part.",
        ),
    },
    ("double_barreled", "pair"): {
        "nl": (
            'Deze vraag vraagt naar twee dingen tegelijk, verbonden met "{words}". Wie over '
            "het ene iets anders denkt dan over het andere, kan niet goed antwoorden.",
            'Splits dit in twee vragen: één over "{first}" en één over "{second}".',
        ),
        "en": (
            'This asks about two things at once, joined by "{words}". Someone who thinks '
            "differently about each cannot answer.",
            'Split it into two questions: one about "{first}" and one about "{second}".',
        ),
    },
    ("leading", "tag"): {
        "nl": (
            "De vraag stuurt naar een antwoord: ze vraagt om instemming "
            '("… toch?", "Vindt u ook niet dat …", "Bent u het ermee eens dat …").',
            'Stel de vraag neutraal, bijvoorbeeld als stelling met "In hoeverre bent u het '
            'eens of oneens met deze stelling?" en een schaal van oneens tot eens.',
        ),
        "en": (
            "The question pushes towards an answer: it asks for agreement "
            '("…, right?", "Don\'t you agree that …").',
            "Ask neutrally, for example as a statement on a scale from disagree to agree.",
        ),
    },
    ("leading", "authority"): {
        "nl": (
            'De vraag beroept zich op wat anderen vinden of weten ("{words}"). Dat '
            "duwt leden naar instemming.",
            "Laat het beroep op deskundigen, de meerderheid of de partijleiding weg; geef "
            "zo nodig neutrale feiten in de toelichting.",
        ),
        "en": (
            'The question appeals to what others think or know ("{words}"), which pushes '
            "members to agree.",
            "Leave out the appeal to experts, the majority or the leadership; give neutral "
            "facts in the hint if needed.",
        ),
    },
    ("leading", "loaded"): {
        "nl": (
            'Het woord "{words}" is geladen: het geeft al een oordeel en stuurt het antwoord.',
            'Vervang "{words}" door een neutraal woord of laat het weg.',
        ),
        "en": (
            'The word "{words}" is loaded: it already passes judgement and steers the answer.',
            'Replace "{words}" with a neutral word or leave it out.',
        ),
    },
    ("negation", "double"): {
        "nl": (
            'Dubbele ontkenning ("{words}"): leden moeten twee keer nadenken en antwoorden '
            "dan vaak willekeurig.",
            "Formuleer het positief, zonder ontkenning.",
        ),
        "en": (
            'Double negative ("{words}"): members have to think twice and often answer at random.',
            "Word it positively, without a negation.",
        ),
    },
    ("negation", "single"): {
        "nl": (
            'Ontkenning in een stelling ("{words}"): wie het oneens is, moet een ontkenning '
            "ontkennen. Dat leidt tot vergissingen.",
            'Formuleer de stelling positief (bijvoorbeeld "De gemeente moet … beperken" in '
            'plaats van "… niet …").',
        ),
        "en": (
            'Negation in a statement ("{words}"): to disagree, members must deny a denial, '
            "which leads to mistakes.",
            "Word the statement positively.",
        ),
    },
    ("absolute", "default"): {
        "nl": (
            'Absolute term "{words}": bijna niemand is het met een absolute uitspraak eens, '
            "dus het antwoord meet het woord en niet de mening.",
            'Laat "{words}" weg of gebruik een gematigder woord (vaak, meestal, de meeste).',
        ),
        "en": (
            'Absolute term "{words}": almost nobody agrees with an absolute, so the answer '
            "measures the word, not the opinion.",
            'Leave out "{words}" or use a milder word (often, usually, most).',
        ),
    },
    ("jargon", "abbreviation"): {
        "nl": (
            'Onverklaarde afkorting "{words}": niet elk lid weet wat die betekent.',
            'Schrijf het voluit met de afkorting erachter, bijvoorbeeld "algemene '
            'ledenvergadering ({words})".',
        ),
        "en": (
            'Unexplained abbreviation "{words}": not every member knows what it means.',
            "Write it out in full with the abbreviation in brackets the first time.",
        ),
    },
    ("jargon", "term"): {
        "nl": (
            'Vakjargon "{words}": voor veel leden onbekend (de richtlijn vraagt taalniveau B1).',
            'Gebruik gewone woorden of leg "{words}" kort uit tussen haakjes.',
        ),
        "en": (
            'Jargon "{words}": unfamiliar to many members (the guideline asks for plain language).',
            'Use everyday words or explain "{words}" briefly in brackets.',
        ),
    },
    ("too_long", "words"): {
        "nl": (
            "De vraag is {count} woorden lang; de richtlijn vraagt hoogstens ongeveer 25.",
            "Maak de vraag korter; zet achtergrond in de toelichting.",
        ),
        "en": (
            "The question is {count} words long; the guideline asks for about 25 at most.",
            "Shorten the question; put background in the hint.",
        ),
    },
    ("too_long", "sentence"): {
        "nl": (
            "Een zin in deze vraag is {count} woorden lang; korte zinnen lezen makkelijker.",
            "Knip de zin in tweeën of zet achtergrond in de toelichting.",
        ),
        "en": (
            "A sentence in this question is {count} words long; short sentences read easier.",
            "Split the sentence or move background into the hint.",
        ),
    },
    ("unbalanced_scale", "default"): {
        "nl": (
            "De antwoordschaal is scheef: {positive} positieve tegenover {negative} negatieve "
            "antwoorden. Dat trekt de uitkomst naar één kant.",
            "Geef evenveel positieve als negatieve stappen rond een neutraal midden, "
            "bijvoorbeeld een 5-puntsschaal van helemaal oneens tot helemaal eens.",
        ),
        "en": (
            "The scale is unbalanced: {positive} positive against {negative} negative "
            "options, which pulls the result to one side.",
            "Offer as many positive as negative steps around a neutral middle.",
        ),
    },
    ("no_neutral", "default"): {
        "nl": (
            'De schaal heeft geen neutraal midden en geen "weet niet / geen mening": leden '
            "zonder mening worden gedwongen te kiezen.",
            'Voeg een neutraal midden toe (5 of 7 punten) en/of "Weet niet / geen mening".',
        ),
        "en": (
            'The scale has no neutral middle and no "don\'t know": members without an '
            "opinion are forced to pick a side.",
            'Add a neutral middle (5 or 7 points) and/or "Don\'t know / no opinion".',
        ),
    },
    ("overlapping_ranges", "overlap"): {
        "nl": (
            'De antwoorden "{first}" en "{second}" overlappen ({value} past in beide).',
            'Laat de klassen aansluiten zonder overlap, bijvoorbeeld "0–4, 5–9, 10 of meer".',
        ),
        "en": (
            'The options "{first}" and "{second}" overlap ({value} fits both).',
            'Make the ranges meet without overlap, e.g. "0–4, 5–9, 10 or more".',
        ),
    },
    ("overlapping_ranges", "gap"): {
        "nl": (
            'Tussen "{first}" en "{second}" zit een gat: {value} past nergens.',
            "Laat de klassen op elkaar aansluiten, zodat elk antwoord precies één keer past.",
        ),
        "en": (
            'There is a gap between "{first}" and "{second}": {value} fits nowhere.',
            "Make the ranges meet so that every answer fits exactly once.",
        ),
    },
    ("open_door", "default"): {
        "nl": (
            "Open deur: met een stelling als deze is bijna iedereen het eens, dus het bestuur "
            "leert er weinig van.",
            "Vraag naar een keuze: wat moet voorgaan, wat mag het kosten, wat moet ervoor "
            'wijken? Bijvoorbeeld "… ook als dat ten koste gaat van …".',
        ),
        "en": (
            "Open door: nearly everyone agrees with a statement like this, so the board "
            "learns little from it.",
            "Ask about a choice: what comes first, what may it cost, what should give way?",
        ),
    },
    ("hypothetical", "default"): {
        "nl": (
            'Hypothetische vraag of geheugentest: antwoorden over "stel dat …" of een '
            "ver verleden zijn onbetrouwbaar.",
            "Vraag naar de mening nu of naar recente, concrete ervaring.",
        ),
        "en": (
            'Hypothetical or memory question: answers about "imagine …" or the distant '
            "past are unreliable.",
            "Ask about opinions now or recent, concrete experience.",
        ),
    },
    ("missing_rationale", "default"): {
        "nl": (
            'Deze vraag heeft geen "waarom we dit vragen"; leden zien die uitleg bij elke vraag.',
            "Schrijf in één zin wat het bestuur met de antwoorden doet.",
        ),
        "en": (
            'This question has no "why we ask this"; members see it with every question.',
            "Write in one sentence what the board will do with the answers.",
        ),
    },
    ("missing_author", "default"): {
        "nl": (
            "Bij deze vraag staat niet wie hem stelt; leden kunnen dat altijd opvragen.",
            "Vul de auteur in (naam, rol, afdeling of de groep die het verzoek deed).",
        ),
        "en": (
            "This question does not say who asks it; members can always look that up.",
            "Fill in the author (name, role, unit or the requesting group).",
        ),
    },
    ("too_many_questions", "default"): {
        "nl": (
            "De vragenlijst heeft {count} vragen; de richtlijn vraagt er hoogstens 25.",
            "Schrap vragen waarvan het antwoord niets verandert; achtergrondvragen zijn vaak "
            "al bekend uit het ledenbestand.",
        ),
        "en": (
            "The questionnaire has {count} questions; the guideline asks for 25 at most.",
            "Drop questions whose answer changes nothing; background is often known already.",
        ),
    },
    ("too_long_to_answer", "default"): {
        "nl": (
            "Het invullen duurt naar schatting {minutes} minuten; de richtlijn mikt op 10 "
            "minuten of minder. Elke extra minuut kost respons.",
            "Maak de lijst korter, vooral open vragen en lange stellingenblokken.",
        ),
        "en": (
            "Answering takes an estimated {minutes} minutes; the guideline aims at 10 minutes "
            "or less. Every extra minute costs response.",
            "Shorten the questionnaire, especially open questions and long grids.",
        ),
    },
    ("too_many_open", "default"): {
        "nl": (
            "De vragenlijst heeft {count} open vragen; de richtlijn vraagt er hoogstens 3.",
            'Maak van sommige open vragen keuzevragen met "iets anders, namelijk …".',
        ),
        "en": (
            "The questionnaire has {count} open questions; the guideline asks for 3 at most.",
            'Turn some into choice questions with "something else, namely …".',
        ),
    },
}

WHERE = {"nl": 'Stelling "{where}": ', "en": 'Statement "{where}": '}


def render(hit: Hit, question: str | None, lang: str = "nl") -> Finding:
    """Turn a rule's hit into a finding with its message in ``lang`` (nl or en)."""
    lang = lang if lang in LANGUAGES else "nl"
    message, suggestion = MESSAGES[(hit.rule, hit.variant)][lang]
    message = message.format(**hit.params)
    if hit.where:
        where = hit.where if len(hit.where) <= 60 else hit.where[:59].rstrip() + "…"
        message = WHERE[lang].format(where=where) + message
    return Finding(
        question=question,
        rule=hit.rule,
        severity=SEVERITIES[hit.rule],
        message=message,
        suggestion=suggestion.format(**hit.params),
    )
