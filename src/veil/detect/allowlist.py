"""Allow-lists: values that look like identifiers but are not personal.

Defaults cover well-known test card numbers, example/documentation domains and
documentation/loopback IP ranges. Users change them through the policy
(``allow:`` section): add values, replace a default list, or switch defaults off.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["DEFAULT_EXAMPLE_DOMAINS", "DEFAULT_TEST_CARDS", "AllowList"]

# Test numbers published by card networks and payment processors (Stripe, Adyen, PayPal).
DEFAULT_TEST_CARDS: frozenset[str] = frozenset(
    {
        "4242424242424242",
        "4000056655665556",
        "4111111111111111",
        "4012888888881881",
        "4222222222222",
        "5555555555554444",
        "5200828282828210",
        "5105105105105100",
        "2223003122003222",
        "378282246310005",
        "371449635398431",
        "378734493671000",
        "6011111111111117",
        "6011000990139424",
        "3056930009020004",
        "36227206271667",
        "30569309025904",
        "38520000023237",
        "3566002020360505",
        "3530111333300000",
        "6200000000000005",
        "5019717010103742",
        "6331101999990016",
        "4000000000000002",
        "4000000000009995",
        "4000000000000077",
        "4000000000000093",
        "4000002500003155",
        "4000000000003220",
        "5454545454545454",
        "4444333322221111",
        "4917610000000000",
        "4988080000000000",
        "6759649826438453",
        "6703444444444449",
        "3700000000002032",
        "4035501000000008",
        "4360000001000005",
        "2222400070000005",
        "5101180000000007",
    }
)

DEFAULT_EXAMPLE_DOMAINS: frozenset[str] = frozenset(
    {
        "example.com",
        "example.org",
        "example.net",
        "example.edu",
        "example",
        "test",
        "invalid",
        "localhost",
        "domain.com",
        "yourdomain.com",
        "company.com",
        "acme.com",
        "foo.com",
        "bar.com",
        "mail.example",
    }
)

_DOC_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "127.0.0.0/8",
        "0.0.0.0/32",
        "255.255.255.255/32",
        "192.0.2.0/24",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "::1/128",
        "::/128",
        "2001:db8::/32",
    )
)


def _norm(value: str) -> str:
    return "".join(value.split()).lower()


@dataclass(slots=True)
class AllowList:
    """What recognizers must not flag. ``values`` match after whitespace/case folding."""

    values: frozenset[str] = frozenset()
    test_cards: frozenset[str] = DEFAULT_TEST_CARDS
    example_domains: frozenset[str] = DEFAULT_EXAMPLE_DOMAINS
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = _DOC_NETWORKS
    _normed: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._normed = frozenset(_norm(v) for v in self.values)

    @classmethod
    def default(cls) -> AllowList:
        return _DEFAULT

    @classmethod
    def build(
        cls,
        values: Iterable[str] = (),
        test_cards: Iterable[str] | None = None,
        example_domains: Iterable[str] | None = None,
        networks: Iterable[str] | None = None,
        defaults: bool = True,
    ) -> AllowList:
        """Build from policy settings. ``None`` keeps a default list (or empty if
        ``defaults`` is false); a given list replaces it."""
        cards = DEFAULT_TEST_CARDS if defaults else frozenset()
        domains = DEFAULT_EXAMPLE_DOMAINS if defaults else frozenset()
        nets: tuple = _DOC_NETWORKS if defaults else ()
        if test_cards is not None:
            cards = frozenset("".join(c for c in v if c.isdigit()) for v in test_cards)
        if example_domains is not None:
            domains = frozenset(d.lower() for d in example_domains)
        if networks is not None:
            nets = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        return cls(frozenset(values), cards, domains, nets)

    def allows(self, value: str) -> bool:
        """True if the user allow-listed this exact value."""
        return bool(self._normed) and _norm(value) in self._normed

    def is_test_card(self, digits: str) -> bool:
        return digits in self.test_cards

    def is_example_domain(self, domain: str) -> bool:
        d = domain.lower().rstrip(".")
        if d in self.example_domains:
            return True
        # subdomains of example domains, and reserved TLDs (RFC 2606)
        parts = d.split(".")
        for i in range(1, len(parts)):
            if ".".join(parts[i:]) in self.example_domains:
                return True
        return parts[-1] in {"example", "test", "invalid", "localhost"}

    def is_doc_ip(self, ip: str) -> bool:
        try:
            addr = ipaddress.ip_address(ip.split("%", 1)[0])
        except ValueError:
            return False
        return any(addr.version == n.version and addr in n for n in self.networks)


_DEFAULT = AllowList()
