"""Look units up by code or by name, as plain data (no queries)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ledenpanel.organisations.roster.headers import normalise_header

# The kinds, as plain strings (this module stays free of Django models).
LANDELIJK, GEWEST, AFDELING = "landelijk", "gewest", "afdeling"
GROUP_KINDS = frozenset({"werkgroep", "netwerk", "fractie"})
ALL_KINDS = (LANDELIJK, GEWEST, AFDELING, "werkgroep", "netwerk", "fractie")


@dataclass(frozen=True, slots=True)
class UnitRef:
    id: int
    code: str
    name: str
    kind: str


class UnitDirectory:
    """Resolve the text in a roster cell to a unit of the wanted kinds.

    A cell holds a unit code (exact, else ignoring case) or a unit name that is
    unique among units of the wanted kinds. Answers are cached per text.
    """

    def __init__(self, units: Iterable[UnitRef]) -> None:
        self.units = list(units)
        self._by_code = {unit.code: unit for unit in self.units}
        self._by_folded_code: dict[str, list[UnitRef]] = {}
        self._by_name: dict[str, list[UnitRef]] = {}
        for unit in self.units:
            self._by_folded_code.setdefault(unit.code.casefold(), []).append(unit)
            self._by_name.setdefault(normalise_header(unit.name), []).append(unit)
        self._cache: dict[tuple[str, frozenset[str]], tuple[UnitRef | None, str | None]] = {}

    def resolve(
        self, text: str, kinds: frozenset[str], what: str
    ) -> tuple[UnitRef | None, str | None]:
        """Return ``(unit, None)`` or ``(None, error message)``.

        ``what`` names the wanted kinds in messages ("afdeling", ...).
        """
        key = (text, kinds)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._resolve(text, kinds, what)
        return cached

    def _resolve(
        self, text: str, kinds: frozenset[str], what: str
    ) -> tuple[UnitRef | None, str | None]:
        unit = self._by_code.get(text)
        if unit is None:
            folded = self._by_folded_code.get(text.casefold(), [])
            if len(folded) == 1:
                unit = folded[0]
        if unit is not None:
            if unit.kind in kinds:
                return unit, None
            return None, _("'%(text)s' is een %(kind)s, geen %(what)s") % {
                "text": text,
                "kind": unit.kind,
                "what": what,
            }
        named = self._by_name.get(normalise_header(text), [])
        fitting = [unit for unit in named if unit.kind in kinds]
        if len(fitting) == 1:
            return fitting[0], None
        if len(fitting) > 1:
            codes = ", ".join(sorted(unit.code for unit in fitting))
            return None, _(
                "'%(text)s' is niet eenduidig: meerdere eenheden heten zo (%(codes)s); "
                "gebruik de code"
            ) % {"text": text, "codes": codes}
        if named:
            return None, _("'%(text)s' is een %(kind)s, geen %(what)s") % {
                "text": text,
                "kind": named[0].kind,
                "what": what,
            }
        return None, _("onbekende %(what)s '%(text)s'") % {"what": what, "text": text}
