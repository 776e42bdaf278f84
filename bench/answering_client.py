"""The load generator of bench/answering.py: simulated members in one asyncio loop.

Standard library only (the venv has no httpx or aiohttp, and a thread per
member would spend the shared CPU on the GIL). Each member behaves like a
browser without JavaScript: it opens its personal link, reads the answer form
from the HTML, fills every field the page shows (radio groups, checkboxes,
selects, number and text inputs, text areas), posts it with the CSRF cookie
and token and an ``Origin`` header and reads the next page from the answer to
that POST (or follows a redirect to it, as the app did before rendering the
next page directly); after the last page it checks the thank-you page.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote_plus, urlsplit

REQUEST_TIMEOUT_SECONDS = 30.0
MAX_PAGES = 40

_FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
_INPUT = re.compile(r"<input\b([^>]*)>", re.I)
_SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.S | re.I)
_OPTION = re.compile(r"<option\b([^>]*)>", re.I)
_TEXTAREA = re.compile(r"<textarea\b([^>]*)>", re.I)
_BUTTON = re.compile(r"<button\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_DONT_KNOW = frozenset({"weet_niet", "geen_mening"})

OPEN_ANSWERS = (
    "Meer aandacht voor betaalbare huurwoningen in onze gemeente.",
    "De afdeling moet vaker langs de deuren gaan, ook buiten de verkiezingen.",
    "Ik mis informatie over wat er met de uitkomsten van eerdere panels is gedaan.",
    "Goed initiatief, graag vaker zo'n vragenlijst.",
    "Openbaar vervoer op het platteland verdient meer steun.",
)


class MemberError(Exception):
    """A simulated member could not finish: a wrong status, page or timeout."""


def _attrs(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        name = match.group(1).lower()
        value = next((group for group in match.groups()[1:] if group is not None), "")
        found.setdefault(name, html.unescape(value))
    return found


def answer_form(page: str) -> str | None:
    """The answering form: the one that carries the hidden ``page`` field."""
    for match in _FORM.finditer(page):
        if 'name="page"' in match.group(0):
            return match.group(0)
    return None


def _pick(rng: random.Random, values: list[str]) -> str:
    opinions = [value for value in values if value not in _DONT_KNOW]
    if opinions and rng.random() < 0.95:
        return rng.choice(opinions)
    return rng.choice(values)


def fill_form(form: str, rng: random.Random) -> tuple[list[tuple[str, str]], bool]:
    """The fields a member sends for this page, and whether it is the final submit."""
    fields: list[tuple[str, str]] = []
    radios: dict[str, list[str]] = {}
    checkboxes: dict[str, list[str]] = {}
    for match in _INPUT.finditer(form):
        attrs = _attrs(match.group(1))
        name, kind = attrs.get("name"), attrs.get("type", "text").lower()
        if not name:
            continue
        if kind == "hidden":
            fields.append((name, attrs.get("value", "")))
        elif kind == "radio":
            radios.setdefault(name, []).append(attrs.get("value", "on"))
        elif kind == "checkbox":
            checkboxes.setdefault(name, []).append(attrs.get("value", "on"))
        elif kind == "number":
            low = int(float(attrs.get("min") or 0))
            high = int(float(attrs.get("max") or low + 100))
            fields.append((name, str(rng.randint(low, high))))
        elif attrs.get("tabindex") == "-1":
            continue  # a honeypot: hidden from people, so a person leaves it empty
        elif kind in {"text", "search", "email", "tel"}:
            fields.append((name, rng.choice(OPEN_ANSWERS)[:40]))
    fields.extend((name, _pick(rng, values)) for name, values in radios.items())
    for name, values in checkboxes.items():
        opinions = [value for value in values if value not in _DONT_KNOW] or values
        for value in rng.sample(opinions, k=min(len(opinions), rng.choice((1, 1, 2, 3)))):
            fields.append((name, value))
    for match in _SELECT.finditer(form):
        name = _attrs(match.group(1)).get("name")
        values = [_attrs(o).get("value", "") for o in _OPTION.findall(match.group(2))]
        values = [value for value in values if value]
        if name and values:
            fields.append((name, _pick(rng, values)))
    for match in _TEXTAREA.finditer(form):
        name = _attrs(match.group(1)).get("name")
        if name and rng.random() < 0.6:  # open questions are optional: many skip them
            fields.append((name, rng.choice(OPEN_ANSWERS)))
    buttons = {_attrs(match.group(1)).get("name") for match in _BUTTON.finditer(form)}
    final = "submit" in buttons
    if final:
        fields.append(("submit", "1"))
    elif "next" in buttons:
        fields.append(("next", "1"))
    else:
        raise MemberError("page without next or submit button")
    return fields, final


@dataclass
class Stats:
    """What every member reports; the bench cuts the measured window from it."""

    requests: list[tuple[float, float]] = field(default_factory=list)  # (end, seconds)
    panels: list[float] = field(default_factory=list)  # end of each completed panel
    submitted: int = 0  # the final POST was accepted: one envelope expected
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, reason: str) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + 1


class Browser:
    """One member's browser: a keep-alive connection (when the server allows) and cookies."""

    def __init__(self, host: str, port: int, stats: Stats) -> None:
        self.host, self.port, self.stats = host, port, stats
        self.origin = f"http://{host}:{port}"
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(
        self, method: str, target: str, form: list[tuple[str, str]] | None = None
    ) -> tuple[int, dict[str, str], str]:
        body = b""
        headers = [
            f"{method} {target} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "User-Agent: ledenpanel-bench/1 (simulated member)",
            "Accept: text/html,application/xhtml+xml",
            "Accept-Language: nl-NL,nl;q=0.9",
        ]
        if self.cookies:
            headers.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            body = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in form).encode()
            headers += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Origin: {self.origin}",
                f"Referer: {self.origin}{target}",
            ]
        headers.append(f"Content-Length: {len(body)}")
        raw = ("\r\n".join(headers) + "\r\n\r\n").encode() + body
        started = time.perf_counter()
        try:
            result = await asyncio.wait_for(self._exchange(raw), REQUEST_TIMEOUT_SECONDS)
        except TimeoutError:
            await self.close()
            raise MemberError("timeout") from None
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            await self.close()
            raise MemberError(f"connection: {type(exc).__name__}") from None
        ended = time.perf_counter()
        self.stats.requests.append((ended, ended - started))
        return result

    async def _exchange(self, raw: bytes) -> tuple[int, dict[str, str], str]:
        reused = self.writer is not None
        if not reused:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        assert self.writer is not None
        self.writer.write(raw)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line and reused:
            # The server closed an idle keep-alive connection: a browser retries.
            await self.close()
            return await self._exchange(raw)
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = (await self.reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, _sep, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie, _sep, _rest = value.partition(";")
                key, _eq, cookie_value = cookie.partition("=")
                self.cookies[key.strip()] = cookie_value.strip()
            else:
                headers[name] = value
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked()
        else:
            body = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, body.decode("utf-8", "replace")

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readline()).split(b";")[0], 16)
            if size == 0:
                await self.reader.readline()
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readline()


def _target(location: str) -> str:
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def complete_panel(browser: Browser, secret: str, rng: random.Random) -> None:
    """One member answers every page and submits; raises MemberError on anything odd."""
    link = f"/p/{secret}/"
    status, _headers, page = await browser.request("GET", link)
    if status != 200:
        raise MemberError(f"GET first page: {status}")
    for _step in range(MAX_PAGES):
        form = answer_form(page)
        if form is None:
            raise MemberError("no answer form on the page")
        fields, final = fill_form(form, rng)
        status, headers, page = await browser.request("POST", link, fields)
        if status == 302:  # post/redirect/get
            if final:
                browser.stats.submitted += 1
            status, _headers, page = await browser.request("GET", _target(headers["location"]))
            if status != 200:
                raise MemberError(f"GET after POST: {status}")
        elif status != 200:
            raise MemberError(f"POST page: {status}")
        elif 'class="error-summary"' in page:
            raise MemberError("POST page: validation errors")
        elif final:
            browser.stats.submitted += 1
        if final:
            if 'name="follow_up"' not in page:
                raise MemberError("no thank-you page after submitting")
            return
    raise MemberError("more pages than the questionnaire has")


async def run_members(
    *,
    host: str,
    port: int,
    links: Iterator[str],
    concurrency: int,
    seconds: float,
    seed: int,
) -> tuple[Stats, float]:
    """``concurrency`` members loop over fresh links (never reused) for ``seconds``; each one
    then finishes the panel it is in. Returns the stats and the start time."""
    stats = Stats()
    started = time.perf_counter()
    deadline = started + seconds

    async def member(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        while time.perf_counter() < deadline:
            secret = next(links, None)
            if secret is None:
                stats.error("out of invitations")
                return
            browser = Browser(host, port, stats)
            try:
                await complete_panel(browser, secret, rng)
                stats.panels.append(time.perf_counter())
            except MemberError as exc:
                stats.error(str(exc))
            finally:
                await browser.close()

    await asyncio.gather(*(member(number) for number in range(concurrency)))
    return stats, started
