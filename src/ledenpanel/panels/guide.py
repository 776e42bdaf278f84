"""The step-by-step guide boards see on each screen: what the workshops teach."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ledenpanel.panels.models import PanelState


@dataclass(frozen=True)
class Guide:
    title: str | Promise
    decide: tuple[str | Promise, ...]
    practice: tuple[str | Promise, ...]


GUIDES: dict[str, Guide] = {
    PanelState.DRAFT: Guide(
        _("Stap 1: het plan en de vragen"),
        (
            _("Kies één onderwerp en schrijf op wat het bestuur met de uitkomst doet."),
            _("Kies wie u uitnodigt: alle leden, een netwerk of een steekproef."),
            _("Zet de data vast, ook wanneer de leden de uitslag en uw reactie krijgen."),
            _("Schrijf de vragen, of begin met een sjabloon."),
        ),
        (
            _("Houd het kort: 10 minuten of minder, hooguit 2 à 3 open vragen."),
            _("Schrijf bij elke vraag waarom u hem stelt; leden zien dat."),
            _(
                "Laat een begeleider meelezen: dat kost een dag en voorkomt vragen "
                "die niets opleveren."
            ),
        ),
    ),
    PanelState.IN_REVIEW: Guide(
        _("Stap 2: beoordeling door de begeleider"),
        (
            _("De begeleider zet opmerkingen bij de vragen."),
            _("Het bestuur verwerkt ze en legt zo nodig opnieuw voor."),
        ),
        (
            _("Lees de waarschuwingen van de vragenrichtlijn naast elke vraag."),
            _("Vergelijk versies om te zien wat er veranderde."),
        ),
    ),
    PanelState.APPROVED: Guide(
        _("Stap 3: klaar om te openen"),
        (
            _("Stuur een testversie naar het bestuur en lees alles na op een telefoon."),
            _("Open het ledenpanel op de geplande datum."),
        ),
        (
            _("Na het openen kunnen alleen nog tekstfouten verbeterd worden."),
            _("Een duidelijke uitnodiging en één herinnering verdubbelen de respons."),
        ),
    ),
    PanelState.OPEN: Guide(
        _("Stap 4: het panel loopt"),
        (
            _("Volg de respons; stuur een herinnering aan wie nog niet antwoordde."),
            _("Verleng zo nodig de sluitingsdatum, of sluit eerder."),
        ),
        (_("Antwoorden zijn anoniem: u ziet alleen aantallen, nooit wie wat antwoordde."),),
    ),
    PanelState.CLOSED: Guide(
        _("Stap 5: analyse en verslag"),
        (_("De begeleider maakt het verslag met gesprekspunten."),),
        (_("De uitslag gaat eerst naar de leden, daarna reageert het bestuur."),),
    ),
    PanelState.REPORTED: Guide(
        _("Stap 6: de reactie van het bestuur"),
        (_("Geef per gesprekspunt uw standpunt of advies, met redenen."),),
        (_("Liever een eerlijk ‘nog niet’ dan geen reactie: leden merken het verschil."),),
    ),
    PanelState.RESPONDED: Guide(
        _("Stap 7: vervolg"),
        (_("Betrek de leden bij het besluit dat volgt, en archiveer het panel daarna."),),
        (),
    ),
}


def guide_for(state: str) -> Guide | None:
    return GUIDES.get(state)
