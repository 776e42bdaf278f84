"""Print-ready letters: one HTML document per batch, one A4 page per letter, one PDF.

Rendering a whole batch as one document lets WeasyPrint parse the print CSS
and load the fonts once; the QR code is a tiny PNG scaled without
interpolation. The layout (address field for a window envelope) is described in
``templates/invitations/letters/letter.css``.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ledenpanel.invitations import crypto
from ledenpanel.panels.models import Panel

CSS_PATH = settings.PACKAGE_DIR / "templates" / "invitations" / "letters" / "letter.css"
_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
# WeasyPrint logs every page it lays out at INFO (15,000 lines for a national
# run), and its warnings can quote the document, which holds codes: errors
# surface as exceptions, recorded on the batch by type only.
logging.getLogger("weasyprint").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Letter:
    """What one page prints: the member's postal address and their code."""

    name: str
    salutation: str
    street: str
    postcode: str
    city: str
    code: str  # compact, e.g. ACDEFGHJKMN

    @property
    def code_grouped(self) -> str:
        return crypto.format_code(self.code)

    @property
    def qr_image(self) -> str:
        return qr_data_uri(answer_url(self.code))


def postal_postcode(postcode: str) -> str:
    """Dutch postcodes as PostNL prints them ("1234 AB"); others unchanged."""
    match = _POSTCODE.match(postcode)
    return f"{match[1]} {match[2].upper()}" if match else postcode.strip()


def answer_url(code: str) -> str:
    """The answering page for a code; the QR code opens it directly."""
    return settings.SITE_URL + reverse("responses:answer", kwargs={"secret": code})


def code_page_url() -> str:
    """Where a member types the code (printed, without the scheme, for typing)."""
    url = settings.SITE_URL + reverse("responses:enter_code")
    return url.split("://", 1)[-1]


def qr_data_uri(url: str) -> str:
    """A QR code with its quiet zone, one pixel per module, as a PNG data URI.

    The print CSS scales it without interpolation (``image-rendering:
    pixelated``), so every module is a sharp square: as exact as a vector, and
    ten times cheaper for WeasyPrint than drawing an SVG path (bench/letters.py).
    """
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=1, border=4)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def letter_for(
    *,
    first_name: str,
    infix: str,
    last_name: str,
    street: str,
    house_number: str,
    postcode: str,
    city: str,
    code: str,
) -> Letter:
    name = " ".join(part for part in (first_name, infix, last_name) if part)
    return Letter(
        name=name,
        salutation=name,
        street=" ".join(part for part in (street, house_number) if part),
        postcode=postal_postcode(postcode),
        city=city.upper(),
        code=code,
    )


def letters_html(*, panel: Panel, letters: list[Letter], reminder: bool, today: date) -> str:
    """The batch as one HTML document (Dutch: letters go to Dutch members)."""
    with translation.override("nl"):
        return render_to_string(
            "invitations/letters/letters.html",
            {
                "panel": panel,
                "letters": letters,
                "reminder": reminder,
                "today": today,
                "code_page": code_page_url(),
                "return_address": settings.LETTER_RETURN_ADDRESS,
                "contact": settings.LETTER_CONTACT,
            },
        )


@cache
def _stylesheet():  # type: ignore[no-untyped-def]
    from weasyprint import CSS

    return CSS(string=CSS_PATH.read_text(encoding="utf-8"))


def pdf_from_html(html: str) -> bytes:
    """Render the batch's HTML to one PDF (A4, one page per letter)."""
    from weasyprint import HTML  # imported here: loading it costs ~0.5 s

    return HTML(string=html).write_pdf(stylesheets=[_stylesheet()])
