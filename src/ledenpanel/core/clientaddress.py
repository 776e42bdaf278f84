"""The client's address, as the trusted reverse proxies in front of us saw it.

One function for everything that tells clients apart: django-axes (through
``AXES_CLIENT_IP_CALLABLE``) and every rate limit (``core.ratelimit``).

Each proxy appends the address it received the connection from to
``X-Forwarded-For``. Behind ``PROXY_COUNT`` proxies, the last ``PROXY_COUNT``
entries were therefore written by proxies we trust, and the left-most of
those is the address that reached the outer proxy: the client. Everything
further left came from the client itself and is never believed, so a client
cannot choose its address by sending the header. With no proxies the header
is ignored and the connecting address (``REMOTE_ADDR``) is the client.

This holds only if the application's port is reachable through the proxies
alone; a client that connects to it directly could then send any header.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.http import HttpRequest

# The variable's name in this app, and the one it had when only django-axes
# read it (it kept working: existing installations set it).
PROXY_COUNT_VARIABLES = ("LEDENPANEL_PROXY_COUNT", "AXES_PROXY_COUNT")
# More proxies than this is a typo, not an architecture.
_MAX_PROXIES = 10
# The longest entry worth parsing: "[" + 45 characters of IPv6 + "]:65535".
_MAX_ENTRY = 60


def proxy_count_from_environ(environ: Mapping[str, str]) -> int:
    """The number of trusted proxies from the environment (settings.py).

    A wrong value stops the start instead of quietly trusting too many or too
    few proxies: too many lets a client choose its address, too few puts all
    clients behind one address.
    """
    values = {
        name: environ[name].strip() for name in PROXY_COUNT_VARIABLES if environ.get(name, "")
    }
    if len(set(values.values())) > 1:
        raise ImproperlyConfigured(
            "LEDENPANEL_PROXY_COUNT and AXES_PROXY_COUNT differ; set only LEDENPANEL_PROXY_COUNT."
        )
    if not values:
        return 0
    name, value = next(iter(values.items()))
    try:
        count = int(value)
    except ValueError:
        count = -1
    if not 0 <= count <= _MAX_PROXIES:
        raise ImproperlyConfigured(
            f"{name} must be the number of reverse proxies in front of Ledenpanel "
            f"(0 to {_MAX_PROXIES}), not {value!r}."
        )
    return count


def client_address(request: HttpRequest) -> str | None:
    """The client's address in canonical form, or None when there is none usable."""
    connecting = _parse(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "PROXY_COUNT", 0))
    if proxies <= 0:
        return connecting
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not header:
        # Not through the proxy (a health check on the server itself).
        return connecting
    # Only the trusted tail is split off: a header of a million commas costs
    # no more than a short one.
    entries = header.rsplit(",", proxies)
    # With no more entries than proxies, the request entered at an inner
    # proxy and every entry was written by one of ours: take the outermost.
    trusted = entries[0] if len(entries) <= proxies else entries[-proxies]
    # A proxy that writes something else there ("unknown" for a Unix socket)
    # leaves only the connecting proxy to go by.
    return _parse(trusted) or connecting


def _parse(entry: str) -> str | None:
    """``entry`` as a canonical address: no port, no brackets, IPv4 for mapped IPv6."""
    text = entry.strip()
    if not text or len(text) > _MAX_ENTRY:
        return None
    if text.startswith("["):
        # "[2001:db8::1]:443" or "[2001:db8::1]"
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        # "198.51.100.7:4711"; a bare IPv6 address has at least two colons.
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)
