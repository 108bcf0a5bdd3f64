"""Network identifiers: IP and MAC addresses, the personal parts of URLs, usernames.

* ``IpAddressRecognizer``: IPv4 (valid octets) and IPv6 (every compression form,
  zone ids, IPv4-mapped), validated with :mod:`ipaddress`. Not flagged:
  documentation/loopback ranges (``ctx.allow.is_doc_ip``), dotted numbers with
  more than four parts (OIDs), and a dotted quad right after a version word
  ("version 1.2.3.4", "v1.2.3.4", "build", "release", "firmware"). The span is the
  address alone: no port, prefix length or zone id.
* ``MacAddressRecognizer``: ``00:1A:2B:3C:4D:5E``, ``00-1A-...``, ``001A.2B3C.4D5E``;
  not all-zero or broadcast.
* ``UrlRecognizer``: only the personal part of a URL, so the rest survives:
  the handle of a profile URL (github.com/<user>, linkedin.com/in/<name>,
  host/@user ...), the value of identifying query parameters (``?email=``,
  ``&user_id=`` ...; values with a literal ``@`` are left to the email recognizer),
  and the user of ``scheme://user[:password]@host``. Spans carry ``{"kind":
  "profile" | "query" | "userinfo"}``.
* ``UsernameRecognizer``: ``@handles`` (the span includes the ``@``; fediverse
  ``@user@host`` is one span), ``u/name`` (Reddit), and values after
  ``user=``/``username:``/``login:`` and in log lines ("user jdoe logged in",
  "for invalid user jdoe"). Not flagged: emails, ``@ 5pm``/``@5pm``, decorators
  and annotations at the start of a code line, known code/CSS/doc at-words
  (``@property``, ``@media``, ``@param``), npm scopes (``@types/node``), and
  non-personal logins (root, admin, guest ...).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator

from ..types import Span
from ._native import fast_or_reference
from .base import Context, register_literals

__all__ = [
    "IpAddressRecognizer",
    "MacAddressRecognizer",
    "UrlRecognizer",
    "UsernameRecognizer",
]


def _alnum_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


# --------------------------------------------------------------------------- IP

# Seeds start with a literal ("." / ":") so the scan is fast; the full address is
# then matched around the seed.
_V4_TAIL = re.compile(r"\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}")
# Every IPv6 address has "::" or four colon-separated groups in a row (full forms have
# seven colons, IPv4-mapped ones six), which clock times ("10:30:45") never have.
_V6_SEED = re.compile(r":(?::|[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:)")
_IPV6 = re.compile(
    r"(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){1,8}(?:\.[0-9]{1,3}){0,3}"
    r"(?:%[0-9A-Za-z_.\-]{1,32})?"
)
_HEX_COLON = frozenset("0123456789abcdefABCDEF:")
# A dotted quad right after one of these words is a version or a section number.
_VERSION_WORDS = frozenset(
    """v ver version versions release build firmware rev revision patch chapter section
    sec figure fig table step rule clause article art item part paragraph para oid
    §""".split()
)
_IP_CONTEXT = ("ip", "addr", "host", "server", "client", "remote", "login from", "connect")


def _matches(text: str, rx: re.Pattern[str], fast: str) -> Iterable[tuple[int, int]]:
    """``(start, end)`` of ``rx.finditer(text)``; from the compiled function ``fast``
    (same matches) when it is built and the text is Latin-1."""
    return fast_or_reference(fast, lambda t: [m.span() for m in rx.finditer(t)], text)


class IpAddressRecognizer:
    """Finds IPv4 and IPv6 addresses (validated), skipping documentation ranges."""

    name = "IpAddressRecognizer"
    labels = ("IP_ADDRESS",)

    def __init__(self) -> None:
        # value -> allowed?, for the allow-list object last seen (bounded, in memory)
        self._allow_id: object = None
        self._allowed: dict[str, bool] = {}

    def _is_allowed(self, value: str, ctx: Context) -> bool:
        if self._allow_id is not ctx.allow or len(self._allowed) > 4096:
            self._allow_id = ctx.allow
            self._allowed = {}
        hit = self._allowed.get(value)
        if hit is None:
            hit = ctx.allow.is_doc_ip(value) or ctx.allow.allows(value)
            self._allowed[value] = hit
        return hit

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        found: list[Span] = []
        if ":" in text:
            found.extend(self._v6(text, ctx))
        if ctx.has_digits and "." in text:
            for span in self._v4(text, ctx):
                if not any(span.overlaps(s) for s in found):
                    found.append(span)
        if len(found) > 1:
            found.sort(key=lambda s: s.start)
        return iter(found)

    def _v4(self, text: str, ctx: Context) -> Iterator[Span]:
        for tail, end in _matches(text, _V4_TAIL, "v4_tails"):
            start = tail
            while start > 0 and tail - start < 3 and "0" <= text[start - 1] <= "9":
                start -= 1
            if start == tail:
                continue
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._-"):
                continue
            if _alnum_at(text, end) or (
                end + 1 < len(text) and text[end] in ".-" and text[end + 1].isdigit()
            ):
                continue
            value = text[start:end]
            try:
                ipaddress.IPv4Address(value)
            except ValueError:
                continue
            if _prev_word(ctx.lower, start) in _VERSION_WORDS:
                continue
            if self._is_allowed(value, ctx):
                continue
            score = 0.95 if ctx.has_context(start, end, _IP_CONTEXT, 30, 10) else 0.85
            yield Span(start, end, "IP_ADDRESS", score, self.name, value, {"version": "4"})

    def _v6(self, text: str, ctx: Context) -> Iterator[Span]:
        done = 0
        for seed, _ in _matches(text, _V6_SEED, "v6_seeds"):
            if seed < done:
                continue
            left = seed
            while left > 0 and seed - left < 40 and text[left - 1] in _HEX_COLON:
                left -= 1
            m = _IPV6.match(text, left)
            if m is None:
                continue
            done = m.end()
            start, end = m.span()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ":._"):
                continue
            value = m.group()
            addr = value.split("%", 1)[0]
            end = start + len(addr)
            if addr.endswith(":") and not addr.endswith("::"):
                addr, end = addr[:-1], end - 1  # "...:1:" at a sentence's colon
            if _alnum_at(text, m.end()) or (m.end() < len(text) and text[m.end()] == ":"):
                continue
            colons = addr.count(":")
            if colons < 2 or ("::" not in addr and colons < (6 if "." in addr else 7)):
                continue  # "10:30:45": a time; full forms have all their groups
            groups = [g for g in addr.split(":") if g]
            if "." not in addr and (
                len(groups) < 2 or (len(groups) == 2 and len(groups[0]) < 3 and "::" in addr)
            ):
                continue  # "a::b", "1::2": too short to be an address in prose
            try:
                ipaddress.IPv6Address(addr)
            except ValueError:
                continue
            if self._is_allowed(addr, ctx):
                continue
            yield Span(start, end, "IP_ADDRESS", 0.9, self.name, addr, {"version": "6"})


def _prev_word(low: str, start: int) -> str:
    """The word just before ``start`` ("v" for "v1.2.3.4" is handled by boundaries)."""
    head = low[max(0, start - 16) : start].rstrip(" :=#\t")
    if head.endswith("v") and (len(head) == 1 or not head[-2].isalnum()):
        return "v"
    parts = head.split()
    return parts[-1].rstrip(".") if parts else ""


# -------------------------------------------------------------------------- MAC

_MAC = re.compile(
    r"[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}"
)
# Literal-first seeds: two inner groups of the colon/dash notations (so clock times
# "10:30:45" and dates "2024-01-15" are no seeds), one of the dotted notation.
_MAC_SEEDS = (
    (":", re.compile(r":[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:")),
    ("-", re.compile(r"-[0-9A-Fa-f]{2}-[0-9A-Fa-f]{2}-")),
    (".", re.compile(r"\.[0-9A-Fa-f]{4}\.")),
)
_HEX = frozenset("0123456789abcdefABCDEF")


class MacAddressRecognizer:
    """Finds MAC addresses in colon, dash and Cisco dotted notation."""

    name = "MacAddressRecognizer"
    labels = ("MAC_ADDRESS",)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        if not ctx.has_digits:
            return
        n = len(text)
        for start, end in fast_or_reference("mac_candidates", self._candidates, text):
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ":-._"):
                continue
            if _alnum_at(text, end) or (
                end + 1 < n and text[end] in ":-." and text[end + 1] in _HEX
            ):
                continue
            value = text[start:end]
            hexdigits = "".join(c for c in value if c in _HEX).lower()
            if hexdigits in ("000000000000", "ffffffffffff"):
                continue
            if "." in value and not any(c.isdigit() for c in value):
                continue  # "dead.beef.cafe" is more likely a word game than a MAC
            if ctx.allow.allows(value):
                continue
            yield Span(start, end, "MAC_ADDRESS", 0.9, self.name, value)

    @staticmethod
    def _candidates(text: str) -> Iterator[tuple[int, int]]:
        """For each notation's seed (not inside an earlier candidate), the first MAC
        match near it that covers it (the reference of ``_scan_c.mac_candidates``)."""
        for char, seed_rx in _MAC_SEEDS:
            if char not in text:
                continue
            done = 0
            for seed in seed_rx.finditer(text):
                if seed.start() < done:
                    continue
                m = _MAC.search(text, max(done, seed.start() - 14), seed.end() + 14)
                if m is not None and m.start() <= seed.start() < m.end():
                    done = m.end()
                    yield m.span()


# -------------------------------------------------------------------------- URL

# Profile URLs are found from a literal ".<tld>/" seed; the host label before it
# must be a known social/code site, and the handle follows (after an optional
# "in/", "u/", "@" ... prefix).
_TLD_SLASH = re.compile(r"\.(?:com|net|tv|io|me|app|org)/")
_PROFILE_HOSTS = frozenset(
    """twitter.com x.com github.com gitlab.com facebook.com fb.com instagram.com
    linkedin.com tiktok.com reddit.com medium.com youtube.com threads.net pinterest.com
    twitch.tv soundcloud.com keybase.io t.me bsky.app vk.com flickr.com behance.net
    dribbble.com codeberg.org bitbucket.org about.me patreon.com quora.com snapchat.com
    tumblr.com""".split()
)
# Hosts where "/@name" is an npm scope, not a person.
_PACKAGE_HOSTS = frozenset(
    {"unpkg.com", "esm.sh", "cdn.skypack.dev", "www.npmjs.com", "npmjs.com", "jsr.io",
     "deno.land", "esm.run", "ga.jspm.io", "cdn.jsdelivr.net", "registry.npmjs.org"}
)  # fmt: skip
_SUBDOMAINS = frozenset({"www", "m", "mobile", "de", "fr", "es", "uk", "en", "old"})
_PROFILE_PATH = re.compile(
    r"(in/|pub/|u/|user/|users/|profile/|c/|channel/|add/|@)?([a-z0-9_][a-z0-9_.\-]{0,79})"
)
# Generic fediverse/medium style: host/@user.
_AT_PATH = re.compile(r"/@([A-Za-z0-9_][A-Za-z0-9_.\-]{0,63})")
# Path segments on those hosts that are site pages, not people.
_SITE_PAGES = frozenset(
    """about account accounts api apps blog business careers collections contact
    customer-stories developers docs enterprise events explore features feed
    fundraisers gaming groups hashtag help home i intent jobs join legal login logout
    marketplace messages new notifications orgs organizations p pages policies pricing
    privacy r reel reels search security settings share sharer sharing shorts signup
    site sponsors status stories support terms topics tos trending watch watch?v
    marketplace login.php profile.php features embed results playlist feed channel
    company school showcase posts pulse learning jobs direct tv""".split()
)
# Query keys (lowercase, without "_" and "-") whose values identify a person.
_QUERY_KEYS = frozenset(
    """email mail emailaddress user username userid uid login account accountid customerid
    memberid profileid phone mobile tel msisdn firstname lastname fullname recipient""".split()
)
_QUERY_VALUE = re.compile(r"[^&#\s\"'<>;?]{1,256}")
_PCT = re.compile(r"%[0-9A-Fa-f]{2}")
_USERINFO = re.compile(r"://([^\s/?#@:\[\]]{1,64})(?::[^\s/?#@]{0,128})?@")
# A personal web site, said to be one right before its URL: "my website is <URL>",
# "visit my blog at <URL>" (kind "homepage", score 0.8); or "Website: <URL>" in a
# contact block (an email address, "e-mail", "phone" or "mobile" within
# _CONTACT_WINDOW characters before it; score 0.7). A bare "Website:" line elsewhere
# (a README, a company page) is not enough. Searched on the lowercased text only in
# the _INTRO_WINDOW characters before each URL start.
_WEB_START = re.compile(r"https?://|www\.")
_HOMEPAGE_INTRO = re.compile(
    r"(?:(?P<my>\bmy (?:own |personal )?(?:web ?site|site|home ?page|blog|portfolio)"
    r"(?: is| at|:)?)|\b(?:web ?site|home ?page|blog|portfolio|web)[ \t]?:)\s*\Z"
)
_URL_BODY = re.compile(r"[^\s<>\"'`]+")
_INTRO_WINDOW = 48
_CONTACT_WINDOW = 200
_CONTACT_WORDS = ("@", "mail", "phone", "mobile", "tel:", "tel.")


class UrlRecognizer:
    """Flags the personal part of URLs: profile handles, identifying query values,
    userinfo. The span is that part only."""

    name = "UrlRecognizer"
    labels = ("URL",)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        slash = "/" in text  # (one-character tests are memchr: cheap)
        www = ctx.find("www.") >= 0 and "www." in text
        if not slash and "=" not in text and not www:
            return iter(())
        found: list[Span] = []
        scheme = slash and ctx.find("://") >= 0
        if slash:
            found.extend(self._profiles(text, ctx))
            if ctx.find("/@") >= 0:
                found.extend(self._at_paths(text, ctx, found))
            if "@" in text and scheme:
                found.extend(self._userinfo(text, ctx))
        if "=" in text and ("?" in text or "&" in text):
            found.extend(self._queries(text, ctx))
        if scheme or www:
            found.extend(self._homepages(text, ctx, found))
        found.sort(key=lambda s: s.start)
        return iter(found)

    def _profiles(self, text: str, ctx: Context) -> Iterator[Span]:
        low = ctx.lower
        for seed in _TLD_SLASH.finditer(low):
            host_end = seed.start()
            host_start = host_end
            while host_start > 0 and host_end - host_start < 24:
                c = low[host_start - 1]
                if not (c.isalnum() or c == "-"):
                    break
                host_start -= 1
            if low[host_start : seed.end() - 1] not in _PROFILE_HOSTS:
                continue
            if host_start > 0:
                c = low[host_start - 1]
                if c == "." and _host_label_before(low, host_start - 1) not in _SUBDOMAINS:
                    continue  # gist.github.com, api.twitter.com
                if c.isalnum() or c in "-_@":
                    continue
            m = _PROFILE_PATH.match(low, seed.end())
            if m is None:
                continue
            prefix = m.group(1) or ""
            start, end = m.span(2)
            value = text[start:end].rstrip(".-")
            end = start + len(value)
            if not value or (not prefix and value.lower() in _SITE_PAGES):
                continue
            if ctx.allow.allows(value):
                continue
            yield Span(start, end, "URL", 0.85, self.name, value, {"kind": "profile"})

    def _at_paths(self, text: str, ctx: Context, seen: list[Span]) -> Iterator[Span]:
        for m in _AT_PATH.finditer(text):
            start, end = m.span(1)
            if any(s.start <= start < s.end or start <= s.start < end for s in seen):
                continue
            host = _host_label_before(ctx.lower, m.start())
            if "." not in host or host in _PACKAGE_HOSTS or ctx.allow.is_example_domain(host):
                continue  # "/@" after a path segment, an npm CDN scope, example.org
            value = text[start:end].rstrip(".-")
            end = start + len(value)
            if not value or ctx.allow.allows(value):
                continue
            yield Span(start, end, "URL", 0.8, self.name, value, {"kind": "profile"})

    def _queries(self, text: str, ctx: Context) -> Iterator[Span]:
        low = ctx.lower
        i = text.find("=")
        while i >= 0:
            eq = i
            i = text.find("=", i + 1)
            k = eq
            while k > 0 and eq - k < 24 and (low[k - 1].isalnum() or low[k - 1] in "_-"):
                k -= 1
            if k == 0 or low[k - 1] not in "?&;" or eq == k:
                continue
            if low[k:eq].replace("_", "").replace("-", "") not in _QUERY_KEYS:
                continue
            m = _QUERY_VALUE.match(text, eq + 1)
            if m is None:
                continue
            start, end = m.span()
            if 0 <= i < end:
                i = text.find("=", end)  # "=" inside the value (base64 padding)
            value = m.group()
            if value[0] in "{<$[" or (value[0] == "%" and not _PCT.match(value)):
                continue  # template placeholder: {email}, $USER, %s
            if "@" in value or len(value) < 2:
                continue  # a literal email is the email recognizer's
            if _url_host_is_example(text, k, ctx):
                continue
            if ctx.allow.allows(value):
                continue
            yield Span(start, end, "URL", 0.8, self.name, value, {"kind": "query"})

    def _homepages(self, text: str, ctx: Context, seen: list[Span]) -> Iterator[Span]:
        """Whole URLs introduced as the writer's own site (see _HOMEPAGE_INTRO)."""
        low = ctx.lower
        for m in _WEB_START.finditer(low):
            s = m.start()
            if s and (low[s - 1].isalnum() or low[s - 1] in "./@-_"):
                continue  # inside a longer token
            if s >= 3 and low.startswith("://", s - 3):
                continue  # the "www." of "https://www." (seen from the scheme)
            intro = _HOMEPAGE_INTRO.search(low, max(0, s - _INTRO_WINDOW), s)
            if intro is None:
                continue
            own = intro.group("my") is not None  # "my website is", not "Website:"
            if not own:
                before = low[max(0, intro.start() - _CONTACT_WINDOW) : intro.start()]
                if not any(w in before for w in _CONTACT_WORDS):
                    continue
            body = _URL_BODY.match(text, s)
            value = body.group().rstrip(".,;:!?)]}") if body is not None else ""
            end = s + len(value)
            host = value.split("://", 1)[-1]
            for sep in "/?#:":
                host = host.split(sep, 1)[0]
            if "." not in host.strip("."):
                continue  # "https://" alone, "www." alone
            if ctx.allow.is_example_domain(host) or ctx.allow.allows(value):
                continue
            if any(x.start < end and s < x.end for x in seen):
                continue  # a profile handle or a query value inside it is already there
            score = 0.8 if own else 0.7
            yield Span(s, end, "URL", score, self.name, value, {"kind": "homepage"})

    def _userinfo(self, text: str, ctx: Context) -> Iterator[Span]:
        for m in _USERINFO.finditer(text):
            start, end = m.span(1)
            value = m.group(1)
            if value.lower() in _NOT_PERSONAL:
                continue  # postgres://admin:...@, ssh://root@: service accounts
            host_m = re.match(r"[A-Za-z0-9.\-]+", text[m.end() : m.end() + 255])
            if host_m and ctx.allow.is_example_domain(host_m.group()):
                continue
            if ctx.allow.allows(value):
                continue
            yield Span(start, end, "URL", 0.85, self.name, value, {"kind": "userinfo"})


def _host_label_before(low: str, pos: int) -> str:
    """The host label ending at ``pos`` (exclusive), e.g. "www" in "www.github"."""
    i = pos
    while i > 0 and (low[i - 1].isalnum() or low[i - 1] in "-."):
        i -= 1
        if pos - i > 253:
            break
    host = low[i:pos]
    return host.rsplit(".", 1)[-1] if "." in host and pos < len(low) and low[pos] == "." else host


def _url_host_is_example(text: str, qpos: int, ctx: Context) -> bool:
    head = text[max(0, qpos - 300) : qpos]
    i = head.rfind("://")
    if i < 0:
        return False
    host = re.match(r"[^\s/?#:@]+", head[i + 3 :])
    return host is not None and ctx.allow.is_example_domain(host.group())


# --------------------------------------------------------------------- USERNAME

_HANDLE = re.compile(
    r"@([A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,38}[A-Za-z0-9_])?)"
    r"(@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24})?"
)
_REDDIT = re.compile(r"u/([A-Za-z0-9_\-]{3,20})")
# "username: jdoe", "user=jdoe": found from each ":"/"=" by matching the key that
# ends right before it (on a short window) and the value after it.
_KV_KEY = re.compile(
    r"(?<![a-z0-9])(?:user(?:[ _-]?name|[ _-]?id)?|login(?:[ _-]?name|[ _-]?id)?|handle"
    r"|nick(?:name)?|screen[ _-]?name|account[ _-]?name|uid)[\"']?\s?\Z"
)
# The ":"/"=" that can end such a key, found with a literal-first scan: the two
# characters before are a key ending ("user", "name", "nick", "id", "login", "handle")
# or a quote or space (then _key_end_ok and _KV_KEY check the whole key).
# The last two characters of every _KV_KEY key ("user", "username", "user_id", "uid",
# "login", "handle", "nick", "screen name" ...).
_KEY_ENDS = ("er", "me", "ck", "id", "in", "le")
_KV_SEPS = tuple(
    re.compile(
        f"{sep}(?:(?<={'|'.join(end + sep for end in _KEY_ENDS)})"
        f"""|(?<=["'\\s]{sep}))"""
    )
    for sep in ":="
)
_KV_VALUE = re.compile(r"[ \t]?[\"']?([A-Za-z0-9_][A-Za-z0-9_.\-]{0,63})")
# Log lines ("user jdoe logged in", "invalid user jdoe from"), matched at "user ".
_LOGLINE = re.compile(
    r"user '?([a-z0-9_][a-z0-9_.\-]{0,31})'?"
    r" (?:logged|signed|authenticated|failed|connected|disconnected|from|has logged|was locked)"
)
# Prose: "my username is jdoe", "login name was j.doe", "the account jdoe42 is locked".
_PROSE_IS = re.compile(
    r"(?:user[ _-]?name|login(?:[ _-]?name|[ _-]?id)?|user[ _-]?id|handle|account[ _-]?name)"
    r"(?:'s| is| was| will be):?[ \t]+(?:still[ \t]+|now[ \t]+|just[ \t]+)?"
)
_PROSE_ACCOUNT = re.compile(
    r"(?:account|user|login)[ \t]+['\"]?([a-z0-9_][a-z0-9_.\-]{1,63})['\"]?[ \t]+"
    r"((?:is|was|has been|got|gets|keeps getting|is being|was being)[ \t]+)?"
    r"(?:locked|disabled|suspended|blocked|banned|compromised|deleted|hacked|deactivated"
    r"|frozen|flagged|restricted|closed|reactivated|unlocked)"
)
# After "username is", the value must end its sentence or line unless it is shaped
# like a login (digits, "_", or an inner "."): "my username is also jdoe" is prose.
_PROSE_END = re.compile(
    r"['\"]?(?:[ \t]*$|[ \t]*[\r\n]|[.,;:!?)](?:\s|$)|[ \t]+(?:and|but|or|if|so|because|since|for)\b)",
    re.M,
)
#: lowercase words that follow "account"/"username is" in ordinary prose
_PROSE_WORDS = frozenset(
    """also still now just not never always already the a an my your our their his her its
    same different correct wrong right case sensitive owner holder manager number balance
    details settings page team itself here there this that what which above below shown
    listed and or but in on at for to with by from of as changed updated reset
    new old current previous registered linked attached associated please click enter
    see use type select choose go visit try check contact ask""".split()
)


# The words the log-line and prose patterns start with: found with str.find, then
# the patterns are matched there (a scan with a leading lookbehind and an alternation
# costs ~30 µs per KB; one find about 1).
_PROSE_AT = ("user", "login", "account", "handle")
register_literals(*_PROSE_AT, "uid", "nick", "screen", "u/", "www.", "://", "/@")


#: nouns after "user", "account", "login" in prose ("user interface disabled")
_ACCOUNT_NOUNS = frozenset(
    """access interface input profile data info information status activity creation
    login password passwords session sessions request requests attempt attempts page
    screen form field name email id number details settings owner holder type role
    group management permissions privileges credentials token tokens key keys portal
    button link experience agreement account accounts balance funds security""".split()
)


def _key_end_ok(low: str, i: int) -> bool:
    """Whether a _KV_KEY match can end at the separator at ``i``.

    A match ends ``key ["']? \\s?`` right at the separator: stepping back over one
    whitespace, then one quote, must leave a key ending (:data:`_KEY_ENDS`). Most
    ":"/"=" in prose and configs ("debug = 1", "Note:") fail here, before the
    costlier _KV_KEY search (a leading lookbehind and an alternation, per position).
    """
    j = i
    if j and low[j - 1].isspace():
        j -= 1
    if j and low[j - 1] in "\"'":
        j -= 1
    return j >= 2 and low[j - 2 : j] in _KEY_ENDS


def _word_positions(low: str, words: tuple[str, ...], firsts: list[int]) -> Iterator[int]:
    """Every offset in ``low`` where one of ``words`` starts (``firsts``: the first
    offset of each, -1 if absent)."""
    for w, i in zip(words, firsts, strict=True):
        while i >= 0:
            yield i
            i = low.find(w, i + 1)


def _value_then_sentence(text: str, value: str, end: int) -> bool:
    """A login-shaped value, or a lowercase one followed by a capitalized word."""
    if _login_shaped(value):
        return True
    return (
        value.islower() and value not in _PROSE_WORDS and _NEXT_CAPITAL.match(text, end) is not None
    )


_NEXT_CAPITAL = re.compile(r"[ \t]+[A-Z][a-z]")


def _login_shaped(value: str) -> bool:
    core = value.strip("._-")
    return any(c.isdigit() or c == "_" for c in core) or "." in core


_AT_WORDS = frozenset(
    """property staticmethod classmethod abstractmethod dataclass override overload cached_property
    functools wraps pytest mock patch fixture app route router task lru_cache contextmanager
    param params return returns throws throw type typedef template example see deprecated since
    version author todo fixme link inheritdoc private public protected internal exports module
    callback const enum event fires interface memberof namespace readonly summary description
    media import font-face keyframes charset supports page layer tailwind apply container
    include mixin extend use forward each if else for while function content
    override test before after beforeeach aftereach autowired component service bean entity
    column table id value inject injectable input output viewchild hostlistener ngmodule
    nonnull nullable suppresswarnings functionalinterface transactional
    everyone here channel all admins mods moderators team""".split()
)
_NOT_PERSONAL = frozenset(
    """root admin administrator guest anonymous user users test tester demo null none nil
    nobody postgres mysql ubuntu ec2-user www-data daemon system sa sys default unknown
    username login name your you me the a an is was be and or of to in on it this that
    then who which what when has have had will can could should must may not no yes
    true false empty required optional example changeme password failed failure success
    successful ok error denied invalid expired disabled enabled pending locked active
    required n/a na tbd""".split()
)


class UsernameRecognizer:
    """Finds user handles and login names; ``@handle`` spans include the ``@``."""

    name = "UsernameRecognizer"
    labels = ("USERNAME",)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        found: list[Span] = []
        if "@" in text:
            found.extend(self._handles(text, ctx))
        if "/" in text and ctx.find("u/") >= 0 and "u/" in text:
            found.extend(self._reddit(text, ctx))
        for span in self._keyed(text, ctx):
            if not any(span.overlaps(s) for s in found):
                found.append(span)
        if len(found) > 1:
            found.sort(key=lambda s: s.start)
        return iter(found)

    def _handles(self, text: str, ctx: Context) -> Iterator[Span]:
        n = len(text)
        urls = "://" in text
        for m in _HANDLE.finditer(text):
            start, end = m.span()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._%+-/@\\`"):
                continue  # email local part, path, npm "pkg@1.0", escaped
            if urls and _in_authority(text, start):
                continue  # mongodb://root:Pa55!@mongo: the host after the credentials
            if end < n and text[end] in "/@(":
                continue  # npm scope "@types/node", decorator call "@app.route("
            handle = m.group(1)
            fedi = m.group(2)
            if not fedi and end < n and text[end].isalnum():
                continue
            low_handle = handle.lower()
            if low_handle in _AT_WORDS or low_handle.split(".", 1)[0] in _AT_WORDS:
                continue
            if handle[0].isdigit() and re.fullmatch(
                r"\d+(?:[:.]\d+)?(?:am|pm|h|hrs?)?", low_handle
            ):
                continue  # "@5pm", "@10:30"
            if not fedi and "." in handle and handle.rsplit(".", 1)[1].lower() in _TLD_HINTS:
                continue  # "@gmail.com": a domain, not a handle
            if _line_start(text, start) and (end >= n or text[end] in "\r\n("):
                continue  # decorator/annotation on its own line
            if low_handle in _NOT_PERSONAL:
                continue
            value = text[start:end]
            if ctx.allow.allows(value) or ctx.allow.allows(handle):
                continue
            attrs = {"fediverse": "1"} if fedi else {}
            yield Span(start, end, "USERNAME", 0.8, self.name, value, attrs)

    def _reddit(self, text: str, ctx: Context) -> Iterator[Span]:
        for m in _REDDIT.finditer(text):
            s = m.start()
            before = text[s - 1] if s > 0 else ""
            if before == "/":
                before = text[s - 2] if s > 1 else ""
            if before and (before.isalnum() or before in "./_-"):
                continue  # part of a path or URL (the URL recognizer's)
            start, end = m.span(1)
            if _alnum_at(text, end) or ctx.allow.allows(text[start:end]):
                continue
            yield Span(s, end, "USERNAME", 0.75, self.name, text[s:end])

    def _keyed(self, text: str, ctx: Context) -> Iterator[Span]:
        # first occurrence of each prose word: the prose patterns start there, and every
        # _KV_KEY key contains one of them or "nick", "screen", "uid", so without any
        # of these words the two separator scans (regex passes) are skipped
        find = ctx.find
        firsts = list(map(find, _PROSE_AT))
        prose = max(firsts) >= 0
        if not (prose or find("uid") >= 0 or find("nick") >= 0 or find("screen") >= 0):
            return
        low = ctx.lower
        for rx in _KV_SEPS:
            for sm in rx.finditer(low):
                i = sm.start()
                if not _key_end_ok(low, i):
                    continue
                sep = low[i]
                key = _KV_KEY.search(low, max(0, i - 24), i)
                m = _KV_VALUE.match(text, i + 1) if key is not None else None
                if key is not None and m is not None and _plausible(text, key.group(), sep, m):
                    span = self._value(text, ctx, *m.span(1))
                    if span is not None:
                        yield span
        if not prose:
            return
        for i in _word_positions(low, _PROSE_AT, firsts):
            if i and (low[i - 1].isalnum() or low[i - 1] == "_"):
                continue
            if low.startswith("user ", i):  # "user jdoe logged in"
                m = _LOGLINE.match(low, i)
                if m is not None:
                    span = self._value(text, ctx, *m.span(1))
                    if span is not None:
                        yield span
                        continue
            m = _PROSE_ACCOUNT.match(low, i)  # "the account jdoe42 is locked"
            if (
                m is not None
                and m.group(1) not in _PROSE_WORDS
                # without a verb ("account jdoe locked after 5 attempts", a log line)
                # the value must not be a noun that follows "user"/"account" in prose
                and (m.group(2) is not None or m.group(1) not in _ACCOUNT_NOUNS)
            ):
                span = self._value(text, ctx, *m.span(1))
                if span is not None:
                    yield span
                    continue
            m = _PROSE_IS.match(low, i)  # "my username is jdoe"
            if m is not None:
                span = self._prose_value(text, ctx, m.end())
                if span is not None:
                    yield span

    def _prose_value(self, text: str, ctx: Context, pos: int) -> Span | None:
        v = _KV_VALUE.match(text, pos)
        if v is None or text.startswith("@", v.end()):
            return None
        value = text[v.start(1) : v.end(1)].rstrip(".-")
        end = v.start(1) + len(value)
        if value.lower() in _PROSE_WORDS or not (
            _PROSE_END.match(text, end) or _value_then_sentence(text, value, end)
        ):
            return None
        return self._value(text, ctx, v.start(1), end)

    def _value(self, text: str, ctx: Context, start: int, end: int) -> Span | None:
        value = text[start:end].rstrip(".-")
        end = start + len(value)
        if not value or value.lower() in _NOT_PERSONAL or _alnum_at(text, end):
            return None
        if ctx.allow.allows(value):
            return None
        return Span(start, end, "USERNAME", 0.7, self.name, value)


_VALUE_END = re.compile(r"[\"']?\s*(?:$|[\n\r,;)\]}|&])|[\"']?\s*\(")


def _plausible(text: str, key: str, sep: str, m: re.Match[str]) -> bool:
    """Whether a ``key: value`` value looks like a login, not prose or an email.

    "User: How do I ..." is a chat role line: after a bare "user:" the value must
    end its line or field and look like a login (lowercase, or with a digit, "_"
    or "."); "=" forms (code, configs, URLs) and explicit keys are trusted more.
    """
    end = m.end()
    if end < len(text) and text[end] == "@":
        return False  # "user: jane@x.org" is an email
    if sep == "=":
        return True
    bare_user = key.rstrip("\"' ").endswith("user")
    if _VALUE_END.match(text, end) is None:
        # followed by more words: a sentence, unless an explicit key ("login:", not a
        # chat role "User:") has a login-shaped value or a lowercase one before a new
        # sentence ("login: jdoe Has anyone ...")
        return not bare_user and _value_then_sentence(text, m.group(1), end)
    if bare_user:
        value = m.group(1)
        if any(c.isdigit() or c in "_." for c in value):
            return True
        # "User: hi, ..." / "User: thanks!": a chat turn's first word, not a login
        return value.islower() and value not in _PROSE_WORDS and value not in _CHAT_WORDS
    return True


# Words that open a chat turn ("User: hi, I'm ..."), never a login after a bare "user:".
_CHAT_WORDS = frozenset(
    """hi hello hey hiya yo thanks thank thx ty ok okay yes yeah yep no nope sure please
    sorry hmm well so cool great nice good perfect awesome right wait actually also and
    but what why how who when where can could would should is are do does did i im""".split()
)


_TLD_HINTS = frozenset(
    "com org net edu gov io co uk de fr es it nl eu ch at be se no dk fi pl pt ie ca au".split()
)


def _in_authority(text: str, at: int) -> bool:
    """True if the "@" at ``at`` ends the userinfo of a URL ("scheme://user:pw@host")."""
    head = text[max(0, at - 300) : at]
    i = head.rfind("://")
    return i >= 0 and not any(c.isspace() or c in "/?#" for c in head[i + 3 :])


def _line_start(text: str, pos: int) -> bool:
    """True if only spaces/tabs precede ``pos`` on its line."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\r\n"
