"""Rule-based PERSON recognizer: name gazetteers plus context.

One regex finds runs of capitalized tokens (``Dr Jane van der Berg``, ``J. Smith``);
each run costs a few dict/set lookups, and lowercase text costs nothing beyond the
regex scan. A run is split at stop words (sentence starters, months, weekdays),
titles and greetings, and each remaining segment is scored:

* a title or greeting before it (``Mr``, ``Dr.``, ``Frau``, ``Dear``, ``Hi``), an
  introduction (``my name is``, ``Name:``, ``signed``), a signature line after
  ``Regards,``/``Thanks,``, or a verb after it (``said``, ``wrote``) -> 0.8-0.9;
  an email address in the text made of the run's first and last words
  (``Jane Doe`` ... ``jane.doe@mail.com``) -> 0.85;
* known first name + known surname -> 0.85; known first name + capitalized word,
  or capitalized word + known surname -> 0.6-0.7;
* a lone known first name that is not an English word or a place -> 0.55;
* first names that are common words (Will, Mark, May, Rose, Bill) only with a
  surname or a context.

Precision rules (look-alikes in ``bench/corpus.py --negatives``): a sentence-initial
capitalized word is never a name on its own; a lone all-caps word ("WARN", "CBC")
never; a weak cue ("and", "to", "with", "X said") with a single token needs a known
first name or a surname that is no English word, and no version number after it
("Kubernetes and Helm 3.14"); a greeting addressed to a role is no name ("Dear
Hiring Manager", "Dear Diary"); "capitalized word + surname" needs exactly two
tokens ("Adobe Acrobat Reader" is not a name). Offices and ranks (``OFFICES``:
Governor, Senator, Minister...) give context also inside a run, and a run that
starts with unknown words is trimmed to its first known first name ("Scientologist
Tom Cruise" -> "Tom Cruise").

Span convention: titles and offices are *not* part of the span ("Mr. [Smith]",
"Governor [Rick Perry]"). Presidio's synthetic gold labels titles separately
(TITLE), so this scores best there; TAB includes courtesy titles in its PERSON
mentions, and ``veil eval`` reports TAB mention recall also "forgiving titles"
(a title carries no identity: masking "Mr" adds nothing).

``attrs`` carries ``gender`` (m/f/u, from the name list or the title) and
``culture`` (a Faker locale) when known. Known misses: lowercase names (except a
known first name after "my name is" / "call me"), names in scripts without case,
surnames alone without a title, organizations named after people unless listed in
:data:`~veil.detect.gazetteer.KNOWN_ORGS` or followed by an organization word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Any

from ..types import Span
from ._native import compiled
from .base import Context, register_literals
from .gazetteer import (
    AMBIGUOUS_FIRST,
    GREETINGS,
    KNOWN_ORGS,
    NON_NAMES,
    NOT_LAST,
    OFFICES,
    ORG_WORDS_MORE,
    TITLES,
    Gazetteer,
    gazetteer,
)

__all__ = ["PersonRecognizer"]

_C = compiled()


def _upper_class() -> str:
    """A regex class of upper-case letters: Latin (with extensions), Greek, Cyrillic."""
    ranges = (range(0x41, 0x5B), range(0xC0, 0x250), range(0x370, 0x530))
    codes = [i for r in ranges for i in r if chr(i).isupper()]
    parts: list[str] = []
    i = 0
    while i < len(codes):  # collapse runs into "A-Z" ranges: a shorter class compiles faster
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(parts)


_UP = _upper_class()
_PARTICLE = (
    r"(?:van|von|de|der|den|da|di|du|del|della|des|le|la|bin|ibn|al|el|dos|das|ter|ten|zu|y)"
)
# Sentence starters that never begin a name: rejected inside the regex (a lookahead
# keyed by the first letter), so they cost no Python work. Greetings and titles are
# not here: they give context to the next word.
_STARTERS = """The This That These Those There Then They Their Them We Our Ours It Its If In
On At As An And But Or So Not No Yes My Your You He She His Her Him Me What When Where
Why How Which Who Whom Is Are Was Were I Be Been Do Does Did Done Can Could Would Should
Shall Must Might Let Please Also Just Only Some Any All Each Every Many Much More Most
Other Another After Before During Since Until While Because Although Though However
Here Today Tomorrow Yesterday Now Maybe Perhaps Still Yet Once Both Either Neither
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July
September October November December Following Thanks Thank Ok Okay Sorry Great Good
Well Sure Note See Ticket Slides Hope For From To With By Of Off Out Up Over Under Into
About Above Across Along Among Around Via Per Hi Hey Hello Dear Yours Best Regards Kind
Warm Cheers Sincerely Subject Re Fwd Cc Bcc Attached Attachment Please Kindly Happy
Merry New Old First Last Next Previous Last Total Step Version Release Update Error
Warning Info Debug Todo True False None Null""".split()


def _starter_guard() -> str:
    by_first: dict[str, list[str]] = {}
    for w in _STARTERS:
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    alts = [
        f"(?<={c})(?:{'|'.join(sorted(rests, key=len, reverse=True))})(?![^\\W\\d_'’-])"
        for c, rests in sorted(by_first.items())
    ]
    return "(?!" + "|".join(alts) + ")"


def _run_body(up: str, letter: str, joiner: str, apostrophe: str) -> str:
    r"""A run after its first capital, given the classes of an upper-case letter, a
    letter, a word joiner (apostrophe, hyphen) and an apostrophe (for "O'Connor").

    Written so that ``re`` leaves the common case (one word, then a lowercase word or
    punctuation) early: every branch starts with a literal or a one-character test,
    and the loop over further tokens is entered only when a capital, or a particle
    and a capital, follows. (Same matches as the plain form
    ``(?:(?:\.U){0,6}\.(?=[ \t]U)|W)(?:[ \t](?:T|U(?=[ \t]U)|P(?=[ \t]U)))*``: nothing
    follows the loop, so no match ever backtracks into it.)"""
    word = rf"{letter}+(?:{joiner}{letter}+)*"
    # the joined parts of a word ("O'Neil", "Jean-Luc") only looked at after a joiner
    quick_word = rf"{letter}+(?:{joiner}{word}|)"
    # a capital, an apostrophe and a capitalized word: "O'Connor", "D'Angelo"
    elided = rf"{apostrophe}(?={up}){word}"
    token = rf"{up}(?:\.(?:{up}\.)*(?=[ \t]{up})|{quick_word}|{elided})"
    # inside a run a lone capital is an initial too ("Shane M Culp")
    inner = rf"{token}|{up}(?=[ \t]{up})"
    more = rf"(?:[ \t](?:{inner}|{_PARTICLE}(?=[ \t]{up})))*"
    # gate of the loop: the next token after a blank is a capital, or a particle (a
    # few lowercase ASCII letters) then a blank and a capital
    longest = max(map(len, _PARTICLE[3:-1].split("|")))
    return (
        rf"(?:\.(?:{up}\.){{0,6}}(?=[ \t]{up})|{quick_word}|{elided})"
        rf"(?:(?=[ \t](?:{up}|[a-z]{{1,{longest}}}[ \t]{up})){more}|)"
    )


_RUN_BODY = _run_body(f"[{_UP}]", r"[^\W\d_]", "['’-]", "['’]")
# The exact pattern: sentence starters rejected in the regex (used on short spans).
_RUN = re.compile(rf"[{_UP}]{_starter_guard()}" + _RUN_BODY)
# The scanning pattern: the same without the starter guard (a lookahead at every
# capital costs more than looking starters up in Python); ``analyze`` drops leading
# starters itself ("The Smith family" -> "Smith").
_SCAN = re.compile(rf"[{_UP}]" + _RUN_BODY)
# ASCII texts (most) are scanned on their *case skeleton* instead: the text as bytes
# with every capital A-Z turned into "A". On ASCII, ``[{_UP}]`` is exactly [A-Z]
# (-> "A"), ``[^\W\d_]`` exactly [A-Za-z] (-> [Aa-z]) and ``['’-]`` exactly ['-], and
# every other character (particles, dots, blanks) is kept, so this pattern finds the
# same runs at the same offsets as ``_SCAN`` on the text. It starts with a literal,
# which ``re`` skips to at C speed instead of testing a class at every character.
_CASE_SKELETON = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"A" * 26)
_SCAN_ASCII = re.compile(("A" + _run_body("A", "[Aa-z]", "['-]", "'")).encode())
_STARTER_SET = frozenset(_STARTERS)
_LOWER_INTRO = re.compile(
    r"(?<![a-z])(?:my name is|name is|call me|calls me) "
    r"([a-zà-öø-ÿāăąćčďęěğīıłńňőřśşšťūůűźżž'-]{2,}(?: [a-zà-öø-ÿāăąćčďęěğīıłńňőřśşšťūůűźżž'-]{2,})?)"
    r"(?![\w@])"
)
_PARTICLE_WORDS = tuple(_PARTICLE[3:-1].split("|"))
_PARTICLES = frozenset(_PARTICLE_WORDS)
# Particles that are also everyday words in a language of the name lists (German "ich
# bin", Spanish "el", "al", "y"): inside a name only ("Mohammed bin Salman", "Ramón y
# Cajal"), never its first word.
_INNER_PARTICLES = frozenset({"bin", "el", "al", "y"})
# The last four characters of " particle " (" de ", "van ", "lla "): a cheap first test
# for a particle right before a run.
_PARTICLE_ENDS = frozenset((" " + w + " ")[-4:] for w in _PARTICLES if len(w) > 1)

# Lowercase phrases that introduce a name (checked just before a run). Strong ones
# may introduce a word that is in no name list; weak ones only a known name.
_STRONG_INTROS = (
    "my name is ", "name is ", "name: ", "names: ", "signed, ", "signed ", "call me ",
    "from: ", "to: ", "cc: ", "attn: ", "attn. ", "attention: ", "contact: ", "author: ",
    "patient: ", "customer: ", "client: ", "employee: ", "named ", "called ",
    "je m'appelle ", "ich heiße ", "me llamo ", "mi chiamo ", "dear ", "hi ", "hello ",
    "hey ", "mr ", "mrs ", "ms ", "dr ", "name? ", "name?\n", "calls me ", "call me ",
    "named him ", "named her ", "her name is ", "his name is ",
)  # fmt: skip
_WEAK_INTROS = (
    "i'm ", "i am ", "im ", "this is ", "it's ", "thanks ", "thank you ", "ask ", "with ",
    "and ", "by ", "for ", "from ", "to ", "cc ", "met ", "meet ", "told ", "tell ",
    "ping ", "per ", "ich bin ", "ik ben ", "@", "says ", "said ", "asked ", "at ",
    "name ", "named ", "change it to ", "kid ", "son ", "daughter ", "wife ", "husband ",
    "brother ", "sister ", "mother ", "father ", "mom ", "dad ", "friend ", "boss ",
    "colleague ", "manager ", "partner ",
)  # fmt: skip
_STREET_WORDS = frozenset(
    "rue via calle rua avenida piazza viale corso vicolo strada ulica ul út utca ronda "
    "rotonda urbanización camino carrer paseo plaza travessa praça largo callejón acceso "
    "alameda rambla cite cité glorieta pasadizo travesía avinguda passeig".split()
)
_CONTRACTIONS = frozenset(
    "i'm i've i'll i'd it's that's let's don't can't won't didn't there's here's what's "
    "he's she's we're you're they're we'll we've you'll isn't aren't i’m it’s don’t "
    "where's who's how's when's why's there’s here’s what’s that’s where’s who’s".split()
)
_VERBS = (
    " said", " says", " wrote", " writes", " told", " asked", " replied", " explained",
    " mentioned", " suggested", " added", " noted", " confirmed", " thinks", " thought",
    " agreed", " called", " emailed", " texted", " is ", " was ", " has ", " had ",
    " will ", " lives", " lived", " spent", " began", " shouted", " went", " gave",
    " and i", " and me", "'s ", "’s ",
)  # fmt: skip
_SIGN_OFFS = frozenset(
    """regards, best, thanks, thanks!, thank you, cheers, cheers!, sincerely, best regards,
    kind regards, warm regards, many thanks, yours, yours sincerely, yours truly, love,
    br, rgds, ciao, cordialement, saludos, grüße, gruß, viele grüße, mfg, -- , --, ---,
    best wishes, all the best, take care, talk soon, thx, tia""".replace(", ", ",").split(",")
)
_SIGN_OFFS = frozenset(s.strip() for s in _SIGN_OFFS) | frozenset(
    s.strip().rstrip(",") for s in _SIGN_OFFS
)


def _runs(text: str, get: Callable[[str, int], int]) -> Iterator[tuple[int, int, str, int]]:
    """``(start, end, run, kind)`` of the capitalized runs of ``text`` whose kind
    (:func:`_singles`) is not ``_SKIP`` (most runs: one common word or a stop word).
    The reference of ``_scan_c.PersonScanner.runs``, which gives the same runs for
    ASCII texts less the ones ``analyze`` would drop at once."""
    runs: Iterator[re.Match[bytes]] | Iterator[re.Match[str]]
    if text.isascii():
        runs = _SCAN_ASCII.finditer(text.encode("ascii").translate(_CASE_SKELETON))
    else:
        runs = _SCAN.finditer(text)
    for m in runs:
        s, e = m.span()
        run = text[s:e]
        kind = _kind(run, get)
        if kind != _SKIP:
            yield s, e, run, kind


def _kind(run: str, get: Callable[[str, int], int]) -> int:
    """What a run is (:func:`_singles`); a one-word run with an elision ("O'Neill",
    "D'Angelo", "O'Clock") is what the word after it is."""
    kind = get(run, _UNKNOWN)
    if kind == _UNKNOWN and len(run) > 3 and run[1] in "'’" and " " not in run and "\t" not in run:
        return get(run[2:], _UNKNOWN)
    return kind


register_literals("name is ", "call me ", "calls me ")


class PersonRecognizer:
    """PERSON from capitalized runs, name lists and context."""

    name = "person"
    labels = ("PERSON",)

    def __init__(self) -> None:
        self._g: Gazetteer | None = None

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        g = self._g
        if g is None:
            g = self._g = gazetteer()
        get = _singles().get
        scanner = _scanner()
        if scanner is not None and text.isascii():  # (a flag check, not a scan)
            runs = scanner.runs(text)
        else:
            runs = _runs(text, get)
        for s, e, run, kind in runs:
            if kind == _UNKNOWN:
                if " " in run or "\t" in run:
                    if run.split(None, 1)[0] in _STARTER_SET:
                        x = _RUN.search(text, s, e)  # "The Smith family" -> "Smith"
                        if x is None:
                            continue
                        run, s = x[0], x.start()
                        if _rejected(text, s, run, _kind(run, get)):
                            continue
                elif (run.isupper() and "." not in run) or not _maybe_intro(text, s):
                    # one unknown word: a name only after an intro ("is ", "Dr. ",
                    # "Regards,\n"); a lone all-caps word never ("WARN", "CBC")
                    continue
            elif kind == _NEEDS_CONTEXT and not (  # "Mark said", "Hi Mark"
                _maybe_intro(text, s) or text.startswith(_VERBS, s + len(run))
            ):
                continue
            yield from self._run(text, ctx, g, s, run)
        if ctx.find("name is ") >= 0 or ctx.find("call me ") >= 0 or ctx.find("calls me ") >= 0:
            yield from self._lowercase(text, ctx.lower, g)

    def _lowercase(self, text: str, low: str, g: Gazetteer) -> Iterator[Span]:
        """``my name is lena andersson``, ``call me priya``: lowercase words after
        a strong introduction, when the first is a known first name (not one that
        is also a word: "call me will") and the text writes it in lowercase."""
        for m in _LOWER_INTRO.finditer(low):
            s = m.start(1)
            if not text[s].islower():
                continue  # capitalized: the main scan has seen it
            words = m[1].split(" ")
            fn = g.first.get(words[0].capitalize())
            if fn is None or fn.common or words[0] in NON_NAMES:
                continue
            if len(words) > 1 and not _known(words[1].capitalize(), g):
                words = words[:1]  # "my name is lena and ..."
            e = s + len(" ".join(words))
            attrs = {"culture": fn.culture, "gender": fn.gender}
            yield Span(s, e, "PERSON", 0.75, self.name, text[s:e], attrs)

    # -------------------------------------------------------------------------

    def _run(self, text: str, ctx: Context, g: Gazetteer, start: int, run: str) -> Iterator[Span]:
        tokens = run.replace("\t", " ").split(" ")
        end = start + len(run)
        # "Alison Hill", "Raymond Hall": a first name and a surname that is also a place
        # word, kept when the text introduces a person there ("thanks to", "with")
        surname = (
            len(tokens) == 2
            and tokens[1] in _PLACE_SURNAMES
            and tokens[0] in g.first
            and _person_cue(text, ctx, start, end)
        )
        if _is_org(tokens, text, start, end, surname) or _not_a_person(tokens, text, g, start):
            return
        # title (with a dot) just before the run: "Dr. Smith", "Mme. Curie"
        before = _title_before(text, start)
        context = 0.0 if before is None else 0.9
        gender = TITLES.get(before or "", "u") if before else None
        pos = start
        seg: list[str] = []
        seg_start = start
        for i, tok in enumerate(tokens):
            bare = tok.rstrip(".")
            low = bare.lower()
            if (bare in TITLES and (tok.endswith(".") or len(bare) > 1)) and not seg:
                context, gender = 0.9, TITLES[bare]
            elif bare in OFFICES:
                # "Prime Minister Cameron", "Texas Governor Rick Perry"
                if seg:
                    yield from self._segment(text, ctx, g, seg_start, seg, context, gender)
                    seg = []
                context, gender = 0.75, "u"  # a weak cue: a known name must follow
            elif low in GREETINGS and not seg:
                context = max(context, 0.85)
            elif not seg and tok in _INNER_PARTICLES:
                pass  # "Ich bin Anna", "Es el Sr. Gómez": a word there, no name's start
            elif (
                tok == "y"
                and seg
                and i + 1 < len(tokens)
                and _norm(seg[-1]) in g.first
                and _norm(tokens[i + 1]) in g.first
            ):
                # "Juan y Pedro García": "and" between two first names, two people
                yield from self._segment(text, ctx, g, seg_start, seg, context, gender)
                seg = []
            elif (seg and (low in _PARTICLES or len(bare) == 1)) or _initial(tok):
                if not seg:
                    seg_start = pos
                seg.append(tok)  # "van", initials ("John A. Smith", "Ms E. Belliard")
            elif low in _STREET_WORDS:
                return  # "Rua Cyro Schmutzer Franco", "Via Roma"
            elif (
                low in NON_NAMES
                or low in _CONTRACTIONS
                or (low in g.words and not _known(_norm(bare), g))
            ) and not ((surname and i == 1) or _month_first_name(tok, i, tokens, g)):
                if seg:
                    yield from self._segment(text, ctx, g, seg_start, seg, context, gender)
                    seg = []
                context, gender = 0.0, None
            else:
                if not seg:
                    seg_start = pos
                seg.append(tok)
            pos += len(tok) + 1
        if seg:
            yield from self._segment(text, ctx, g, seg_start, seg, context, gender)

    def _segment(
        self,
        text: str,
        ctx: Context,
        g: Gazetteer,
        start: int,
        seg: list[str],
        context: float,
        gender: str | None,
    ) -> Iterator[Span]:
        # trailing particles never end a name; possessive 's is not part of it
        while seg and seg[-1].lower() in _PARTICLES:
            seg.pop()
        if not seg or seg[0].lower() in _PLACE_FIRST:
            return
        last = seg[-1]
        if last.endswith(("'s", "’s")):
            seg[-1] = last = last[:-2]
            if not last:
                return
        end = start + len(" ".join(seg))
        if (
            len(seg) >= 3
            and not context
            and not _known(_norm(seg[0]), g)
            and not _initial(seg[0])
            and _known(_norm(seg[-1]), g)
        ):
            # "Scientologist Tom Cruise", "Governor Dave Lawrence", "RIP Etta James":
            # the name starts at the first known first name
            for k in range(1, len(seg) - 1):
                if (
                    _norm(seg[k]) in g.first
                    and _norm(seg[k]) not in AMBIGUOUS_FIRST
                    and seg[k - 1].lower() not in _STREET_WORDS
                ):
                    start += len(" ".join(seg[:k])) + 1
                    seg = seg[k:]
                    break
        if len(seg) > 4:
            return
        moved = _particle_before(text, start)  # "Sr. da Luz", "Thanks to de Alemán"
        if moved != start:
            start = moved
            title = _title_before(text, start)
            if title is not None:
                context, gender = 0.9, TITLES[title]
        first_tok = _norm(seg[0])
        fn = g.first.get(first_tok) or (
            g.first.get(first_tok.split("-")[0]) if "-" in first_tok else None
        )
        last_tok = _norm(last.rstrip("."))
        ln = len(seg) > 1 and _surname(last_tok, g)
        known = fn is not None or ln or (len(seg) == 1 and _known(first_tok, g))
        n = len(seg)
        if not context:
            context = _context(text, ctx, start, end)
            if not context and n > 1 and _in_email(ctx.lower, seg):
                context = 0.85  # "Jane Doe ... jane.doe@mail.com": the address names her
            if context and context < 0.85 and not known:
                # weak context ("with X", "X said") and no known name: only a
                # two-or-more word run of plain capitalized words
                plain = n > 1 and all(_plain(t, g) or _initial(t) for t in seg)
                context = 0.45 if plain else 0.0
        if context:
            if context < 0.9 and not known and n == 1 and first_tok.lower() in g.words:
                return  # "Dear Customer" (but "Mr Brown" is fine)
            if context < 0.9 and _role_after(text, end, first_tok, g):
                return  # "Dear Hiring Manager", "Hi Support Team"
            if (
                context < 0.9
                and n == 1
                and (first_tok in AMBIGUOUS_FIRST or (seg[0].isupper() and not known))
            ):
                return  # "Senator Georgia", "Deputy NSW": a place, an acronym
            if context < 0.85 and n == 1:
                if first_tok in AMBIGUOUS_FIRST or _digit_after(text, end):
                    return  # "flew to Paris", "and Helm 3.14": a place, a product
                if fn is None and (not _surname(first_tok, g) or first_tok.lower() in g.words):
                    return  # "to Black Friday": a weak cue and a word-like surname
            score = context
        elif n == 1:
            if fn is None or fn.common or first_tok in AMBIGUOUS_FIRST or _initial(seg[0]):
                return
            # a lone name that is also a surname (Johnson, Jordan) stays under 0.5
            score = 0.5 if first_tok in g.last or first_tok in g.last_common else 0.55
        else:
            inner_ok = all(
                _initial(t) or t in _PARTICLES or _known(_norm(t), g) or _plain(t, g)
                for t in seg[1:-1]
            )
            if not inner_ok:
                return
            if fn is not None and ln:
                score = 0.7 if fn.common else 0.85
            elif fn is not None and not fn.common and _plain(last, g):
                score = 0.7
            elif (
                n == 2
                and ln
                and _plain(seg[0], g)
                and not seg[0].endswith("ly")  # "(But Secretly Love)": an adverb
                and not _initial(seg[0])
                and seg[0] not in AMBIGUOUS_FIRST
            ):
                score = 0.6
            elif (
                n >= 3
                and any(_initial(t) or t in _PARTICLES for t in seg[1:-1])
                and all(_plain(t, g) or _known(_norm(t), g) for t in (seg[0], last))
                and not _initial(last)
            ):
                score = 0.65  # name shape: "Mohmad R. Vizirov", "Dyan van Gijn"
            else:
                return
        if score <= 0 or _place_or_org(text, ctx.lower, start, end, fn is not None and n == 1):
            return
        attrs: dict[str, str] = {}
        if fn is not None:
            attrs["culture"] = fn.culture
            attrs["gender"] = gender if gender in ("m", "f") else fn.gender
        elif gender:
            attrs["gender"] = gender
        yield Span(start, end, "PERSON", score, self.name, text[start:end], attrs)


NON_NAMES_CAP: frozenset[str] = frozenset(w.capitalize() for w in NON_NAMES)


_ROLE_WORDS = frozenset(
    """manager managers team teams customer customers client clients colleague colleagues
    sir madam madame friend friends all everyone everybody folks members member user users
    reader readers applicant applicants candidate candidates committee board parents
    students support admin admins recruiter recruiters department desk staff owner owners
    partner partners diary valued""".split()
)


def _role_after(text: str, end: int, first: str, g: Gazetteer) -> bool:
    """The greeting addresses a role, not a person: a role word follows ("Dear Hiring
    Manager", "Hi Support Team") or is the word itself ("Dear Diary")."""
    if first.lower() in _ROLE_WORDS or (first.endswith("ing") and first not in g.first):
        return True
    if not text.startswith(" ", end):
        return False
    j = end + 1
    k = j
    while k < len(text) and k - j < 12 and text[k].isalpha():
        k += 1
    return text[j:k].lower() in _ROLE_WORDS and text[j : j + 1].isupper()


# Starts only where a token starts (leading digits and separators skipped): linear on
# long tokens such as hex strings, where starting at every letter was quadratic.
_LOCAL_PART = re.compile(
    r"(?<![a-z0-9._-])[0-9._-]*([a-z][a-z0-9]*(?:[._-][a-z0-9]+)*)@[a-z0-9-]+\."
)


@lru_cache(maxsize=4)
def _local_parts(low: str) -> frozenset[str]:
    """The email local parts of a text, found once per text (not once per name)."""
    return frozenset(m[1].rstrip("0123456789") for m in _LOCAL_PART.finditer(low))


def _in_email(low: str, seg: list[str]) -> bool:
    """Whether an email address in the text is made of this name's first and last
    words ("jane.doe@", "doe.jane@", "jdoe@", "janedoe@")."""
    if "@" not in low:
        return False
    first, last = seg[0].lower().rstrip("."), seg[-1].lower()
    if len(first) < 2 or len(last) < 2:
        return False
    forms = {first + last, last + first, first[0] + last, first + "." + last,
             last + "." + first, first + "_" + last, first + "-" + last}  # fmt: skip
    return not forms.isdisjoint(_local_parts(low))


def _digit_after(text: str, end: int) -> bool:
    """A number right after the name: a product and its version ("Helm 3.14")."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].isdigit()


def _norm(tok: str) -> str:
    """``SMITH`` -> ``Smith`` for lookups (all-caps names in forms and signatures)."""
    if len(tok) > 1 and tok.isupper():
        return tok.capitalize()
    return tok


def _known(tok: str, g: Gazetteer) -> bool:
    return tok in g.first or _surname(tok, g)


def _surname(tok: str, g: Gazetteer) -> bool:
    """A listed surname, also after an elision ("O'Neill", "D'Angelo")."""
    if tok in g.last or tok in g.last_common:
        return True
    return len(tok) > 3 and tok[1] in "'’" and (tok[2:] in g.last or tok[2:] in g.last_common)


def _initial(tok: str) -> bool:
    """``A.``, ``G.C.``, or a lone capital ``M`` (inside a run)."""
    if len(tok) == 1:
        return tok.isupper()
    return tok[-1] == "." and all(c == "." for c in tok[1::2]) and tok[::2].isupper()


def _plain(tok: str, g: Gazetteer) -> bool:
    """A capitalized word that is not a common English word or a stop word."""
    low = tok.lower()
    return low not in g.words and low not in NON_NAMES and len(tok) > 1


def _is_org(tokens: list[str], text: str, start: int, end: int, surname: bool = False) -> bool:
    """Whether a run names an organization or a place (``surname``: its last word is a
    surname here, not a place word)."""
    if len(tokens) == 1:
        return text[max(0, start - 2) : start] in ("& ", "&") or text.startswith((" & ", "&"), end)
    if any(t.lower().rstrip(".,") in ORG_WORDS_MORE for t in (tokens[:-1] if surname else tokens)):
        return True
    if tokens[-1].lower().rstrip(".,") in NOT_LAST and not surname:
        return True
    if len(tokens) >= 2 and " ".join(t.lower() for t in tokens[-2:]) in KNOWN_ORGS:
        return True
    if text[max(0, start - 2) : start] in ("& ", "&"):
        return True
    nxt = text[end : end + 3]
    return nxt.startswith((" & ", "&", " + ")) or nxt.startswith((" Co", " In", " Lt", " LL"))


# Place words of NOT_LAST that are common surnames too ("Alison Hill", "Glenn Close").
_PLACE_SURNAMES = frozenset("Hall Hill Hills Lane Mills Park Ridge Day Close Pike Meadows".split())
# Words of legal instruments and bodies ("Constitutional Law", "Brussels I
# Regulation", "Civil Rights Act", "RELEVANT LAW AND PRACTICE"): none is a surname but
# "Law", kept after a known first name ("Jude Law").
_LEGAL_LAST = frozenset(
    """law laws act acts code codes regulation regulations directive directives treaty
    treaties statute statutes decree decrees ordinance ordinances courts tribunals
    constitution convention conventions charter""".split()
)
# Nouns after a lone name that make it a people, not a person ("the Sami villages",
# "Roma communities", "Maori culture").
_GROUP_AFTER = (
    " villages", " village", " people", " peoples", " community", " communities",
    " culture", " herders", " tribe", " tribes", " minority", " minorities",
)  # fmt: skip


def _not_a_person(tokens: list[str], text: str, g: Gazetteer, start: int) -> bool:
    """A run that names a law or a court, or a lone name used for a people."""
    if len(tokens) == 1:
        return text.startswith(_GROUP_AFTER, start + len(tokens[0]))
    for i, tok in enumerate(tokens):
        word = tok.rstrip(".,")
        if word.lower() in _LEGAL_LAST and (
            word != "Law" or i == 0 or tokens[i - 1] not in g.first
        ):
            return True
    return False


_PLACE_FIRST = frozenset(
    "fort san santa saint sainte st port lake mount mt new los las el cape isla "
    "porto puerto villa ciudad bad".split()
)


# Month words that are also first names ("Jan Nowak", "June Carter"): a name when a
# known surname follows in the same run (a date's month is followed by a number).
_MONTH_FIRSTS = frozenset({"Jan", "June", "April", "August", "May"})


def _month_first_name(tok: str, i: int, tokens: list[str], g: Gazetteer) -> bool:
    """Whether ``tok`` (``tokens[i]``) is a month word used as a first name."""
    if tok not in _MONTH_FIRSTS or i + 1 >= len(tokens):
        return False
    nxt = _norm(tokens[i + 1].rstrip(".,"))
    return nxt in g.last or nxt in g.last_common


def _particle_before(text: str, start: int) -> int:
    """``start`` moved back over the lowercase particles glued to the name ("da Luz",
    "van der Ploeg", "de la Cruz"; three at most)."""
    for _ in range(3):
        if start < 3 or text[start - 1] != " " or not text[start - 2].islower():
            return start
        word, i = _prev_word(text, start)
        if word not in _PARTICLES or word in _INNER_PARTICLES:
            return start
        start = i
    return start


def _prev_word(text: str, start: int) -> tuple[str, int]:
    """The word that ends just before the space at ``start - 1``, and its start."""
    j = start - 1
    lo = max(0, j - 16)
    i = max(text.rfind(" ", lo, j), text.rfind("\n", lo, j), text.rfind("(", lo, j)) + 1
    return text[i:j], i


_ORG_INTROS = (
    "work at ", "works at ", "worked at ", "working at ", "employer: ", "employer ",
    "company: ", "company ", "firm ", "joined ", "referred by ", "hired by ",
)  # fmt: skip
_PLACE_BEFORE = frozenset(
    """rue avenue av boulevard bd chemin allée impasse quai place cours calle via viale
    piazza corso rua avenida glorieta pasadizo paseo plaza ronda carrer camino west east
    north south new port saint sainte st san santa fort lake mount upper lower great
    little old de du des la le los las el""".split()
)
_TRAVEL = re.compile(
    r"(?:flew|fly|flying|flies|moved|moving|returned|returning|travell?ed|drove|driving|"
    r"went|headed|relocated|emigrated|originally|based|located|born) (?:back )?"
    r"(?:to|from|in|into|at|for) $"
)
_ORG_LIST = re.compile(
    r"(?i:work at|works at|worked at|employer:|referred by|company:|hired by) "
    r"(?:[A-Z][\w'’-]*(?:, | and | & ))+$"
)
_FIRM = re.compile(r"(?:, [A-Z][\w'-]+)* (?:and|&|e|et|und|y|i) [A-Z]")


def _place_or_org(text: str, low: str, start: int, end: int, first: bool = False) -> bool:
    """A place ("avenue Camille Riou", "West Andrew") or a firm ("I work at X",
    "Jacobson, Anderson and Anderson": only the first name of such a list is checked)
    rather than a person."""
    left = low[max(0, start - 14) : start]
    if left.endswith(_ORG_INTROS):
        return True
    if end - start < 25 and _TRAVEL.search(low, max(0, start - 30), start) is not None:
        return True  # "flew to Coles", "originally from Dolores": a place
    if text[start - 2 : start] == ", " or text[start - 5 : start] in (" and ", "  & "):
        # a later member of a firm's name: "I work at Jacobson, Anderson and Anderson"
        if _ORG_LIST.search(text, max(0, start - 60), start):
            return True
    if start > 1 and low[start - 1] == " " and _prev_word(low, start)[0] in _PLACE_BEFORE:
        return True
    # "Jacobson, Anderson and Anderson": a firm named after people
    # (a first name starts a list of people: "Janet, Nicholas, Kevin and Terri")
    return not first and text.startswith(", ", end) and _FIRM.match(text, end) is not None


_TITLE_DOT = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,12}(?=\. )")


def _title_before(text: str, start: int) -> str | None:
    """A title with a dot right before ``start`` ("Dr. ", "Mme. ", "Sig.ra "), or None."""
    if start < 3 or text[start - 1] != " ":
        return None
    if text[start - 2] != ".":
        if text[start - 2] == "a":  # "Sig.ra ", "Dott.ssa ": the dot inside
            for title in _INNER_DOT_TITLES:
                b = start - 1 - len(title)
                if b >= 0 and text.startswith(title, b) and (b == 0 or not text[b - 1].isalnum()):
                    return title
        return None
    j = start - 2
    # the word after the last blank or newline among the 13 characters before the dot
    # (two partitions: cheaper here than two bounded rfind calls); with neither, the
    # word runs from the start of the text
    lo = j - 13 if j > 13 else 0
    word = text[lo:j].rpartition(" ")[2].rpartition("\n")[2]
    if lo and len(word) == j - lo:
        word = text[:j]
    if word in TITLES:
        return word
    if word and not word.isalpha():  # "(Dr. Smith", "[Mme. Curie"
        m = _TITLE_DOT.search(text, max(0, start - 15), start)
        while m is not None and m.end() != j:
            m = _TITLE_DOT.search(text, m.end(), start)
        if m is not None and m[0] in TITLES:
            return m[0]
    return None


_SKIP, _NAME, _NEEDS_CONTEXT, _UNKNOWN = 0, 1, 2, -1
_INTRO_TAILS = frozenset(
    ["is ", "am ", "'m ", "’m ", "me ", "d, ", "ed ", ": ", "hi ", "lo ", "ey ", "ar ", "mr ",
     "rs ", "ms ", "dr ", "ra ", "na ", "sa "]
)  # fmt: skip


@cache
def _singles() -> dict[str, int]:
    """What a one-token run is: a name (look closer), a stop word (skip), or a word
    that is a name only in context (May, Will, Long)."""
    g = gazetteer()
    out: dict[str, int] = {}
    for w in g.words:
        out[w.capitalize()] = _SKIP
    for w in NON_NAMES:
        out[w.capitalize()] = _SKIP
        out[w.upper()] = _SKIP
    for w in g.last_common:
        out[w] = _NEEDS_CONTEXT
    for w in g.last:
        out.setdefault(w, _NAME)
    for w, entry in g.first.items():
        if entry.common or w.lower() in NON_NAMES:
            out[w] = _NEEDS_CONTEXT
        elif out.get(w) != _NEEDS_CONTEXT:
            out[w] = _NAME
    for w in TITLES:
        out[w] = _NAME
    for w in _STARTERS:
        out[w] = _SKIP  # never a run on its own (see _RUN)
    return out


# titles with a dot inside ("Sig.ra"): _title_before looks for them before a space,
# and their endings are intro tails ("ra ", "sa "), so their names reach it
_INNER_DOT_TITLES = tuple(t for t in TITLES if "." in t[:-1])
_TITLE_ENDS = frozenset(t[-2:] for t in TITLES if len(t) > 1 and t not in _INNER_DOT_TITLES)
_TITLE_ONE = frozenset(t for t in TITLES if len(t) == 1)


@cache
def _scanner() -> Any:
    """The compiled run scanner (``_scan_c.PersonScanner``, given the word lists it
    needs), or None: then :func:`_runs`, its reference, is used."""
    if _C is None:
        return None
    return _C.PersonScanner(
        _singles(), _SKIP, _UNKNOWN, _PARTICLE_WORDS, tuple(sorted(_INTRO_TAILS)),
        tuple(sorted(_PARTICLE_ENDS)), tuple(sorted(_TITLE_ENDS | _TITLE_ONE)),
    )  # fmt: skip


def _rejected(text: str, start: int, run: str, kind: int) -> bool:
    """Whether a run of this kind is dropped before a closer look (the checks of
    ``analyze``, for a run trimmed of its leading sentence starters)."""
    if kind == _SKIP:
        return True
    if kind == _UNKNOWN:
        if " " in run or "\t" in run:
            return False
        return (run.isupper() and "." not in run) or not _maybe_intro(text, start)
    if kind == _NEEDS_CONTEXT:
        return not (_maybe_intro(text, start) or text.startswith(_VERBS, start + len(run)))
    return False


def _maybe_intro(text: str, start: int) -> bool:
    """Cheap test for a one-token run that needs context: a title with a dot, an
    intro ("is ", ": ", "hi "), or a sign-off line just before it?"""
    if start < 2:
        return False
    c = text[start - 1]
    if text[start - 2] == ".":
        # _title_before needs ". " and a title that ends right before the dot, so the
        # text there ends with its last two letters (or is the one-letter "M"): most
        # sentence ends ("attached. Unfortunately") fail this slice lookup cheaply
        if c != " " or (
            text[start - 4 : start - 2] not in _TITLE_ENDS and text[start - 3] not in _TITLE_ONE
        ):
            return False
        return _title_before(text, start) is not None
    if c == " ":  # every intro tail ends with a space (and lowering makes no space)
        if text[start - 3 : start].lower() in _INTRO_TAILS:
            return True
        if text[start - 4 : start] in _PARTICLE_ENDS:  # "Dr. van der Ploeg", "Mr. de Graaf"
            p = _particle_before(text, start)
            return p != start and _maybe_intro(text, p)
        return False
    if c == "\n":
        prev_start = text.rfind("\n", max(0, start - 40), start - 1) + 1
        return text[prev_start : start - 1].strip().lower().rstrip(",!") in _SIGN_OFFS
    return False


def _person_cue(text: str, ctx: Context, start: int, end: int) -> bool:
    """A person context around ``[start, end)`` (see :func:`_context`) other than a
    bare preposition that also leads to places ("at Albert Hall", "to Beverly Hills";
    "thanks to" counts)."""
    score = _context(text, ctx, start, end)
    if score != 0.75:
        return score > 0
    left = ctx.lower[max(0, start - 16) : start]
    return not left.endswith(_PLACE_PREPS) or left.endswith("thanks to ")


_PLACE_PREPS = ("at ", "to ", "from ")


def _word_start(left: str, phrases: tuple[str, ...]) -> bool:
    """The phrase that ``left`` ends with starts a word ("552ms " is not "ms ")."""
    for p in phrases:
        if left.endswith(p):
            i = len(left) - len(p)
            if i == 0 or not left[i - 1].isalnum() or not p[0].isalnum():
                return True
    return False


def _context(text: str, ctx: Context, start: int, end: int) -> float:
    """Score of the name context around ``[start, end)``: 0.85 strong (an intro,
    a sign-off line), 0.75 a weak intro, 0.7 a verb after it, 0 none."""
    low = ctx.lower
    left = low[max(0, start - 16) : start]
    if left.endswith(_STRONG_INTROS) and _word_start(left, _STRONG_INTROS):
        return 0.85
    if start > 0 and text[start - 1] == "\n":
        prev_end = start - 1
        prev_start = low.rfind("\n", max(0, prev_end - 40), prev_end) + 1
        prev = low[prev_start:prev_end].strip().rstrip(",!")
        if prev in _SIGN_OFFS:
            return 0.85
    if left.endswith(_WEAK_INTROS) and _word_start(left, _WEAK_INTROS):
        return 0.75
    if low.startswith(_VERBS, end):
        return 0.7
    return 0.0
