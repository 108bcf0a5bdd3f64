"""Email surrogates that keep the address's shape.

The local part is split into letter runs, digit runs and separators. Name-like
parts (``first.last``, ``f.last``, ``firstlast``, ``jsmith``) get the same fake
first and last names a PERSON span with those names would get; other words get
two fake words (``coolguy`` -> ``wellskim``); digits go through a keyed
permutation (:mod:`._fpe`); separators stay. Names come from finite lists, so
two digit-free addresses can share a surrogate; with ``unique=True`` a local part
without digits gets a keyed 2-4 digit suffix (``jane.doe`` -> ``maria.keller417``)
so that distinct addresses keep distinct surrogates (see :data:`COLLISION_SPACE`). Big public providers (gmail.com, outlook.com...) are
kept; any other domain becomes a fake one with the same public suffix
(``acme.co.uk`` -> ``kellermoss.co.uk``), the same for every address at that
domain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._faker import resolve_locale
from ._fpe import permute_digits
from ._seed import Seeder
from .names import first_name, initial, last_name, match_case, name_lists

__all__ = ["COLLISION_SPACE", "PUBLIC_PROVIDERS", "email", "local_part", "permute_digits"]

#: digit-free local parts get a keyed digit suffix until this many fake
#: addresses are possible per shape (2,000 addresses: ~0.02 expected collisions)
COLLISION_SPACE = 10**8

PUBLIC_PROVIDERS = frozenset(
    """gmail.com googlemail.com outlook.com hotmail.com hotmail.co.uk hotmail.fr hotmail.de
    hotmail.it hotmail.es live.com live.co.uk msn.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de
    yahoo.es yahoo.it yahoo.co.jp ymail.com rocketmail.com icloud.com me.com mac.com aol.com
    proton.me protonmail.com protonmail.ch pm.me gmx.de gmx.net gmx.com gmx.at gmx.ch web.de
    t-online.de freenet.de mail.ru yandex.ru yandex.com qq.com 163.com 126.com naver.com
    hanmail.net orange.fr free.fr laposte.net sfr.fr wanadoo.fr libero.it virgilio.it
    zoho.com fastmail.com mail.com comcast.net verizon.net att.net sbcglobal.net seznam.cz
    wp.pl o2.pl interia.pl onet.pl bluewin.ch telenet.be skynet.be sky.com btinternet.com
    virginmedia.com rediffmail.com tutanota.com tuta.io hey.com posteo.de mailbox.org
    outlook.de outlook.fr live.fr""".split()
)
_SECOND_LEVEL = frozenset("co com ac gov org net edu ne or go gob nic mil".split())
_GENERIC_SUB = frozenset("mail email www mx smtp webmail post m mail2 students alumni".split())
#: Non-personal local parts kept as they are.
ROLE_WORDS = frozenset(
    """info admin administrator support contact sales hello office team noreply reply help
    billing service services mail webmaster postmaster press jobs careers hr security abuse
    privacy legal marketing news newsletter enquiries inquiries accounts finance""".split()
)
_PARTS = re.compile(r"[^\W\d_]+|\d+|[\W_]+")


def _ascii_word(name: str) -> str:
    w = "".join(c for c in name.lower() if "a" <= c <= "z")
    return w or "mail"


def _word(chunk: str, seeder: Seeder) -> str:
    """A fake ordinary word for a non-name chunk (an en_US surname, lowercased)."""
    return _ascii_word(last_name(chunk, seeder, "en_US"))


def _split_joined(chunk: str, locale: str) -> tuple[str, str] | None:
    """``janedoe`` -> (``jane``, ``doe``) when the start is a known first name."""
    lists = name_lists(locale)
    low = chunk.casefold()
    if len(low) >= 4 and low[1:] in lists.last_set:  # jsmith
        return chunk[:1], chunk[1:]
    for cut in range(min(len(low) - 2, 15), 2, -1):  # first names are short
        head = low[:cut]
        if head in lists.female_set or head in lists.male_set:
            return chunk[:cut], chunk[cut:]
    return None


def local_part(local: str, seeder: Seeder, locale: str = "en_US", unique: bool = False) -> str:
    """A fake local part (or handle) of the same shape (``unique``: plus a keyed
    digit suffix on digit-free ones, so that distinct ones stay distinct)."""
    pieces = _PARTS.findall(local)
    letter_idx = [i for i, p in enumerate(pieces) if p[0].isalpha()]
    out = list(pieces)
    lists = name_lists(locale)
    n_first = min(len(lists.female), len(lists.male)) or 1
    n_last = len(lists.last) or 1
    space = 1  # how many surrogates the letter parts can take (the collision space)

    def first(tok: str) -> str:
        nonlocal space
        if len(tok) == 1:
            space *= 26
            return initial(tok, seeder, locale)
        space *= n_first
        return first_name(tok, seeder, locale)

    def last(tok: str) -> str:
        nonlocal space
        space *= n_last
        return last_name(tok, seeder, locale)

    def ascii_case(orig: str, new: str) -> str:
        return match_case(orig, _ascii_word(new).capitalize() if orig.isascii() else new)

    role = False
    if len(letter_idx) >= 2:  # first.last, f.last, first_middle_last
        a, b = letter_idx[0], letter_idx[-1]
        out[a] = ascii_case(pieces[a], first(pieces[a]))
        out[b] = ascii_case(pieces[b], last(pieces[b]))
        for i in letter_idx[1:-1]:
            out[i] = ascii_case(pieces[i], first(pieces[i]))
    elif len(letter_idx) == 1:
        i = letter_idx[0]
        tok = pieces[i]
        low = tok.casefold()
        split = _split_joined(tok, locale)
        if low in ROLE_WORDS:
            role = True
        elif low in lists.female_set or low in lists.male_set:
            out[i] = ascii_case(tok, first(tok))
        elif low in lists.last_set:
            out[i] = ascii_case(tok, last(tok))
        elif split is not None:
            f, la = split
            out[i] = ascii_case(f, first(f)) + ascii_case(la, last(la))
        else:  # two fake words (~10**6 of them), so other words rarely share them
            space *= (len(name_lists("en_US").last) or 1) ** 2
            out[i] = match_case(tok, _word(tok, seeder) + _word(tok + "\1", seeder))
    # Digit runs go through a keyed permutation whose tweak is the *surrogate's*
    # skeleton, applied to the digits offset by a keyed hash of the original
    # skeleton: user1/user2 (same skeleton) never collide, and two addresses whose
    # letter parts happen to get the same fake names are still told apart by
    # their digits (unless the offsets coincide: odds 10**-digits).
    orig_shape = "".join("#" if p.isdecimal() else p for p in pieces).casefold()
    new_shape = "".join("#" if p.isdecimal() else p for p in out).casefold()
    if len(pieces) > 8:  # hash long shapes once, not once per digit run
        orig_shape = str(seeder.int("EMAIL", "shape", orig_shape))
        new_shape = str(seeder.int("EMAIL", "shape", new_shape))
    has_digits = False
    for i, p in enumerate(pieces):
        if p.isdecimal():
            has_digits = True
            size = 10 ** min(len(p), 300)
            shift = seeder.int("EMAIL", "offset", orig_shape, str(i)) % size
            shifted = str((int(p) + shift) % size).zfill(len(p)) if len(p) <= 300 else p
            out[i] = permute_digits(shifted, seeder, "EMAIL", new_shape, str(i))
    # Letter parts map through finite name lists, so two different addresses can
    # get the same fake names (birthday collisions). With ``unique``, a digit-free,
    # non-role local part gets a keyed suffix of 2-4 digits, sized so that the
    # space of fake addresses reaches COLLISION_SPACE (about 10**8).
    if unique and not has_digits and not role and letter_idx:
        k = 2
        while k < 4 and space * 10**k < COLLISION_SPACE:
            k += 1
        low = 10 ** (k - 1)
        out.append(str(low + seeder.int("EMAIL", "suffix", local.casefold()) % (9 * low)))
    return "".join(out)


def domain(dom: str, seeder: Seeder) -> str:
    low = dom.lower()
    if low in PUBLIC_PROVIDERS:
        return dom
    labels = dom.split(".")
    if len(labels) < 2:
        return match_case(dom, _word(low, seeder))
    keep = (
        2
        if len(labels) >= 3 and labels[-2].lower() in _SECOND_LEVEL and len(labels[-1]) == 2
        else 1
    )
    suffix = labels[-keep:]
    body = labels[:-keep]
    reg = ".".join(labels[-keep - 1 :]).lower()
    out = []
    for j, lab in enumerate(body):
        if j < len(body) - 1 and lab.lower() in _GENERIC_SUB:
            out.append(lab)
        elif j == len(body) - 1:  # two words: ~10**6 fake organisations, not 10**3
            word = _word(reg, seeder) + _word(reg + "\1", seeder)
            out.append(match_case(lab, word))
        else:
            out.append(match_case(lab, _word(lab.lower() + "." + reg, seeder)))
    return ".".join(out + suffix)


# "jane dot doe at example dot org", "jane[at]example[.]org", "jane (at) example.org"
_OBFUSCATED = re.compile(
    r"[\[({<]\s{0,3}(?:at|dot|@|\.)\s{0,3}[\])}>]|(?<![^\W_])(?:at|dot|AT|DOT)(?![^\W_])"
)
_CONNECTOR_RUN = re.compile(r"\s{0,3}(?:" + _OBFUSCATED.pattern + r"|[@.])\s{0,3}")


def _canonical_connector(conn: str) -> str:
    c = conn.strip(" \t[](){}<>").lower()
    return "@" if c in ("at", "@") else "."


def _obfuscated(text: str, seeder: Seeder, loc: str, unique: bool = False) -> str | None:
    """Pseudonymize ``jane dot doe at example dot org`` keeping its connectors."""
    conns = list(_CONNECTOR_RUN.finditer(text))
    canon = [_canonical_connector(m.group(0)) for m in conns]
    if canon.count("@") != 1:
        return None
    pieces, pos = [], 0
    for m, c in zip(conns, canon, strict=True):
        pieces.append(text[pos : m.start()])
        pieces.append(c)
        pos = m.end()
    pieces.append(text[pos:])
    fake = email("".join(pieces), {}, seeder, "EMAIL", "", loc, unique=unique)
    parts = re.split(r"[@.]", fake)
    if len(parts) != len(conns) + 1 or [c for c in fake if c in "@."] != canon:
        return None
    out = [parts[0]]
    for m, part in zip(conns, parts[1:], strict=True):
        out += [m.group(0), part]
    return "".join(out)


def email(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str,
          locale: str = "en_US", unique: bool = False) -> str:  # fmt: skip
    loc = resolve_locale(attrs.get("culture") or locale)
    if "@" not in text or text.count("@") > 1 or _OBFUSCATED.search(text.partition("@")[2]):
        new = _obfuscated(text, seeder, loc, unique) if len(text) <= 320 else None
        return new if new is not None else local_part(text, seeder, loc, unique)
    local, _, dom = text.rpartition("@")
    new = local_part(local, seeder, loc, unique) + "@" + domain(dom, seeder)
    if new == text:  # a one-letter local part at a public provider
        new = local_part(local + "x", seeder, loc, unique) + "@" + dom
    return new


def username(text: str, attrs: Mapping[str, str], seeder: Seeder, label: str, norm: str,
             locale: str = "en_US", unique: bool = False) -> str:  # fmt: skip
    """A handle (``@jane_doe84``) gets the local-part treatment; ``@`` stays."""
    lead = text[: len(text) - len(text.lstrip("@"))]
    return lead + local_part(
        text[len(lead) :], seeder, resolve_locale(attrs.get("culture") or locale), unique
    )
