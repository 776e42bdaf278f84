"""The printed page: the address in the envelope's window, names in any script,
QR codes that scan to the member's answer URL, and one page per letter.

PNG renderings of the first pages are kept under var/screenshots/letters/
for a person to look at.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from django.conf import settings
from django.utils import timezone
from PIL import Image

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.letter_pdf import (
    answer_url,
    body_html,
    qr_matrix,
    render_body,
)
from ledenpanel.invitations.models import Invitation, MessageKind
from ledenpanel.panels.models import Panel
from tests.support.letters import UNICODE_NAMES

pytestmark = pytest.mark.usefixtures("letters_dir")  # letter files under tmp_path

# Taken before the letters_dir fixture points VAR_DIR at the test's tmp_path.
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots" / "letters"
MM = 72 / 25.4  # points per millimetre
DPI = 200


def _page_text(path: str, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), path, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _words(path: str, page: int) -> list[tuple[str, float, float, float, float]]:
    """The page's words with their boxes in points from the top-left (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), path, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    return [(w, float(x1), float(y1), float(x2), float(y2)) for x1, y1, x2, y2, w in found]


def _png(path: str, page: int, name: str) -> Image.Image:
    """Render one page to PNG with pdftoppm and keep it under var/screenshots/letters/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    stem = SCREENSHOTS / name
    pages = ["-f", str(page), "-l", str(page)]
    render = ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", *pages]
    subprocess.run([*render, path, str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("L")


def _pages(path: str) -> int:
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _member_on(panel: Panel, text: str) -> Invitation:
    [invitation] = [
        i
        for i in Invitation.objects.filter(panel=panel, channel="letter").select_related("member")
        if i.member.last_name in text
    ]
    return invitation


def test_every_page_holds_its_own_members_name_address_and_code(letters):
    panel, batch = letters
    keys = key_store().read(str(panel.public_id))

    assert _pages(batch.path) == len(batch.invitation_ids) == 5
    for page in range(1, 6):
        text = _page_text(batch.path, page)
        invitation = _member_on(panel, text)
        member = invitation.member
        code = crypto.letter_code(keys.link_key, invitation.ref, attempt=invitation.code_attempt)
        flat = " ".join(text.split())
        assert f"{member.first_name} {member.last_name}" in text
        assert f"{member.street} {member.house_number}" in text
        assert re.search(rf"1234 AB +{member.city.upper()}\n", text)
        assert f"Beste {member.first_name} {member.last_name}," in flat
        assert crypto.format_code(code) in flat
        assert "Uw mening gevraagd" in flat


def test_names_in_any_script_are_printed_and_extractable(letters):
    _panel, batch = letters

    text = "\n".join(_page_text(batch.path, page) for page in range(1, 6))

    for first, last in UNICODE_NAMES:
        assert f"{first} {last}" in text
        assert f"Beste {first} {last}," in text


def test_the_address_sits_in_the_window_field(letters):
    """DIN 5008 form B: the address zone is 20–105 mm from the left edge and
    62.7–90 mm from the top (below the return line); a window envelope shows it."""
    panel, batch = letters
    # The address field as letter.css places it (in points).
    left, top, right, bottom = 25 * MM, 62.7 * MM, 105 * MM, 90 * MM
    for page in (1, 2):
        invitation = _member_on(panel, _page_text(batch.path, page))
        member = invitation.member
        words = _words(batch.path, page)
        address = {member.last_name, member.street, member.house_number, member.city.upper()}
        boxes = [box for box in words if box[0] in address]
        assert {box[0] for box in boxes} == address
        for _word, x1, y1, x2, y2 in boxes:
            assert left - 0.5 <= x1 <= x2 <= right
            assert top <= y1 <= y2 <= bottom

        # The same on the rendered page: ink in the address zone, starting
        # where the old layout started it, nothing else in the window.
        image = _png(batch.path, page, f"invitation-{page}")
        scale = DPI / 72
        field = (20 * MM, 45 * MM, 105 * MM, 90 * MM)  # the whole address field
        window = image.crop(tuple(int(value * scale) for value in field))
        ink = window.point(lambda value: 255 if value < 128 else 0).getbbox()
        assert ink is not None
        ink_left_mm = (20 * MM + ink[0] / scale) / MM
        ink_top_mm = (45 * MM + ink[1] / scale) / MM
        assert 24.5 <= ink_left_mm <= 26  # the return line and the address start at 25 mm
        assert 58 <= ink_top_mm <= 59.5  # the return line: 7 pt in 57.2–62.7 mm


def test_the_qr_code_is_segnos_for_the_answer_url_and_scans(letters):
    panel, batch = letters
    keys = key_store().read(str(panel.public_id))
    body = render_body(
        body_html(panel=panel, kind=MessageKind.INVITATION, today=timezone.localdate())
    )
    slot = body.slots["qr"]
    scale = DPI / 72
    for page in (1, 2):
        invitation = _member_on(panel, _page_text(batch.path, page))
        url = answer_url(
            crypto.letter_code(keys.link_key, invitation.ref, attempt=invitation.code_attempt)
        )
        image = _png(batch.path, page, f"qr-{page}")

        # A real decoder reads it from the rendered page.
        assert [result.text for result in zxingcpp.read_barcodes(image)] == [url]
        # Every module is where segno puts it: sample each module's centre.
        matrix = qr_matrix(url)
        module = slot.width / (len(matrix) + 8)
        for row, cells in enumerate(matrix):
            for column, dark in enumerate(cells):
                x = (slot.x + (4 + column + 0.5) * module) * scale
                y = (slot.y + (4 + row + 0.5) * module) * scale
                assert (image.getpixel((int(x), int(y))) < 128) == bool(dark), (row, column)
