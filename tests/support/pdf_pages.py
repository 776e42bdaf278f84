"""A PDF as PNG pages (``pdftoppm``) and the checks made on them: ink on every page,
nothing past a page's edge, and a copy kept under ``var/screenshots/`` to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from PIL import Image

RESOLUTION = 40  # dots per inch: an A4 page is 331 × 468 pixels
INK = 200  # a pixel darker than this (0–255 grey) is ink
MIN_INK = 0.0005  # the share of a page's body that must be ink (a 16-letter line: 0.1 %)


def png_pages(pdf: Path, folder: Path) -> list[Path]:
    """The PDF's pages as ``pagina-N.png`` files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf), str(folder / "pagina")],
        check=True,
        timeout=120,
    )
    return sorted(folder.glob("pagina-*.png"))


def keep_pages(pages: list[Path], name: str) -> Path:
    """A copy under var/screenshots/<name>/, replacing the last run's pages."""
    folder = Path(settings.VAR_DIR) / "screenshots" / name
    if folder.exists():
        for old in folder.glob("pagina-*.png"):
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for page in pages:
        shutil.copy(page, folder / page.name)
    return folder


def ink(path: Path) -> float:
    """The share of ink on the page, its header and footer bands left out."""
    image = Image.open(path).convert("L")
    width, height = image.size
    body = image.crop((0, int(height * 0.05), width, int(height * 0.9)))
    histogram = body.histogram()
    return sum(histogram[:INK]) / (body.size[0] * body.size[1])


def blank_pages(pages: list[Path]) -> list[str]:
    return [page.name for page in pages if ink(page) < MIN_INK]


def words(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, page width, xMin, xMax, word) of every word pdftotext places."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    found = []
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', bbox, re.DOTALL)
    for number, (width, body) in enumerate(pages, 1):
        for x_min, x_max, word in re.findall(
            r'<word xMin="([-\d.]+)" yMin="[-\d.]+" xMax="([-\d.]+)" yMax="[-\d.]+">([^<]*)</word>',
            body,
        ):
            found.append((number, float(width), float(x_min), float(x_max), word))
    return found


def off_the_page(pdf: Path) -> list[str]:
    return [
        f"page {page}: {word!r} from {x_min:.0f} to {x_max:.0f} pt (page {width:.0f} pt)"
        for page, width, x_min, x_max, word in words(pdf)
        if x_min < 0 or x_max > width
    ]


def page_text(pdf: Path, page: int) -> str:
    """One page's text (``pdftotext -layout``)."""
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
