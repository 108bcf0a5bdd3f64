"""IP surrogates: same version, same kind (public stays public, private stays in
its private block), same notation (IPv6 compression, case, ``/prefix``, port).
IPv4 addresses go through a keyed permutation (no two share a surrogate)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

from ._fpe import permute_int, walk
from ._seed import Seeder
from .generic import token

__all__ = ["ip"]

_PRIVATE4 = (
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
    ipaddress.ip_network("192.168.0.0/16"),
)


def _split(text: str) -> tuple[str, str, str]:
    """Leading ``[``, the address, and a trailing ``/24``, ``]:443`` or ``:8080``."""
    lead = "[" if text.startswith("[") else ""
    body = text[len(lead) :]
    for sep in ("]", "/", "%"):
        if sep in body:
            i = body.index(sep)
            return lead, body[:i], body[i:]
    if body.count(":") == 1 and "." in body:  # IPv4 with a port
        i = body.index(":")
        return lead, body[:i], body[i:]
    return lead, body, ""


def ip(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str) -> str:
    lead, addr, tail = _split(text.strip())
    try:
        orig = ipaddress.ip_address(addr)
    except ValueError:
        return token(text, attrs, seeder, label, norm)
    rng = seeder.rng(label, orig.compressed)
    if orig.version == 4:
        # keyed permutation of the host bits (private) or of all addresses
        # (public), cycle-walked onto usable addresses: a bijection there
        net = next((n for n in _PRIVATE4 if orig in n), None)
        if net is not None:
            base, bits = int(net.network_address), 32 - net.prefixlen

            def ok(v: int) -> bool:
                return 0 < v < (1 << bits) - 1
        else:
            base, bits = 0, 32

            def ok(v: int) -> bool:
                a = ipaddress.IPv4Address(v)
                return a.is_global and not a.is_multicast

        def step(v: int) -> int:
            return permute_int(v, 1 << bits, seeder, label, str(base), str(bits))

        x = int(orig) - base
        y = walk(x, step, ok)
        if y == x:
            y = walk(y, step, lambda v: v != x and ok(v))
        new = str(ipaddress.IPv4Address(base + y))
    else:
        new = _ip6(addr, orig, rng)
    return lead + new + tail


def _ip6(addr: str, orig: ipaddress.IPv6Address, rng) -> str:
    """A new IPv6 address written like ``addr`` (``::`` where it had one, same
    padding and case). Private and link-local addresses keep their first group."""
    local = orig.is_private or orig.is_link_local
    first = orig.exploded.split(":")[0] if local else f"{rng.randint(0x2000, 0x3FFF):04x}"
    if "::" in addr:
        head, _, tail = addr.partition("::")
        n_head = len([g for g in head.split(":") if g])
        n_tail = len([g for g in tail.split(":") if g])
    else:
        n_head, n_tail = 8, 0
    groups = [f"{rng.getrandbits(16) or 1:04x}" for _ in range(n_head + n_tail)]
    if n_head:
        groups[0] = first
    padded = all(len(g) == 4 for g in addr.replace("::", ":").strip(":").split(":") if g)
    if not padded:
        groups = [g.lstrip("0") or "0" for g in groups]
    if "::" in addr:
        new = ":".join(groups[:n_head]) + "::" + ":".join(groups[n_head:])
    else:
        new = ":".join(groups)
    if any(c in "ABCDEF" for c in addr):
        new = new.upper()
    if new.lower() == addr.lower():  # astronomically unlikely; keep it different
        new = new[:-1] + ("1" if new[-1] != "1" else "2")
    return new
