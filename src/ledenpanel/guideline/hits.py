"""What a rule returns before it is rendered into a `Finding` in some language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    """One problem found by a rule.

    ``variant`` picks the message (a rule can have several), ``params`` fill
    its placeholders, ``where`` names the grid statement ("" for the label).
    """

    rule: str
    variant: str = "default"
    params: dict[str, str] = field(default_factory=dict)
    where: str = ""
