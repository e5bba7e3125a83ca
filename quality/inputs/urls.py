"""The host a URL names, also when it is written without its scheme, in one spelling."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# A URL written without its scheme ("example.com/a", "www.example.com:8080/b"): dotted labels
# ending in a word-like top-level label, then a port, a path or the end. Anything looser would
# take junk ("not a url", "mailto:x@y") for a host.
_BARE_HOST = re.compile(
    r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)\.?(?::\d+)?(?:[/?#]|$)",
    re.IGNORECASE,
)
# An IP address written without a scheme: four dotted numbers or a bracketed IPv6 address,
# checked by ``ipaddress`` so that a version number or a date ("1.2.3.4.5") is not taken.
_BARE_ADDRESS = re.compile(r"(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])(?::\d+)?(?:[/?#]|$)", re.I)


def url_host(url: str) -> str | None:
    """The host of ``url``, also when it lacks a scheme; None when there is none."""
    try:
        host = urlsplit(url).hostname
        # Without "//", urlsplit reads no host at all ("example.com/a" is a path) or mistakes
        # the host for a scheme ("example.com:8080/a").
        if not host and "//" not in url and (_BARE_HOST.match(url) or _is_bare_address(url)):
            host = urlsplit("//" + url).hostname
    except ValueError:
        return None
    return _canonical_host(host) if host else None


def site_name(url: str) -> str | None:
    """The site ``url`` belongs to: its host without ``www.`` (the same site); None when it
    names no host."""
    host = url_host(url.strip())
    if not host:
        return None
    # A host that is only "www" is no site to strip it from.
    return host.removeprefix("www.") or host


def _canonical_host(host: str) -> str | None:
    """One spelling of a host: ``xn--bcher-kva.de``, ``BÜCHER.de`` and ``bücher.de.`` are all
    ``bücher.de`` (the trailing dot of a fully qualified name names the same host)."""
    host = host.rstrip(".")
    try:
        # IDNA's round trip maps case and Unicode forms as DNS does and spells punycode out.
        return host.encode("idna").decode("idna") or None
    except UnicodeError:  # not a valid IDNA name (a label too long, an IP address): as given
        return host or None


def _is_bare_address(url: str) -> bool:
    match = _BARE_ADDRESS.match(url)
    if match is None:
        return False
    try:
        ipaddress.ip_address(match.group(1).strip("[]"))
    except ValueError:
        return False
    return True
