"""Document-level name evidence for the embedded NER model (after CRF decoding).

Two cheap corrections over the decoded entities (token spans ``(first, end, type,
probability)``, types ``PER``/``LOC``/``ORG``):

* :func:`coordinated_names` -- members of a coordinated list of single words
  ("Kónya, Becker and Vasquez", "Lamovec and Morales were ...") share a type: when
  the model finds persons among them and at least as many persons as places or
  organizations, the other members become persons too. Lists that end a line
  without punctuation ("Employer: Jones, Williamson and Woodward") are left
  alone: that is how firm names look, and a list of three or more after "at" or
  "Employer:" ("I work at Hobbs, Mitchell and Gill") becomes one organization.
* :func:`person_shaped` -- a place or organization of two or three capitalized
  words that the model also gave real person mass ("Asya Godina", "Zargan
  Vedzizhev from ..."), none of them a place, organization or common word, is a
  person.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["coordinated_names", "person_shaped"]

Entity = tuple[int, int, str, float]

_JOIN = frozenset({"and", "&", "or", "und", "et", "y", "e"})
_AFTER_OK = frozenset(".,;:!?)")
#: words right before a list of three surnames that make it a firm's name
_FIRM_CUES = frozenset({"at", "employer", "firm", "partners"})
#: share of a span's (weighted) type mass that PERSON needs to retype it
PERSON_SHARE = 0.25


def _member(w: str, lower: bool) -> bool:
    if not w[0].isalpha() or len(w) < 2:
        return False
    if lower:
        return w.islower()
    return w[0].isupper() and not w.isupper()


def _lists(words: Sequence[str], gaps: Sequence[str]) -> list[list[int]]:
    """Token indexes of the members of each coordinated list "A, B and C".

    ``gaps[i]`` is the text between token ``i - 1`` and token ``i``."""
    out: list[list[int]] = []
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if not _member(w, False):
            i += 1
            continue
        members = [i]
        j = i + 1
        closed = False
        while j + 1 < n and "\n" not in gaps[j] and "\n" not in gaps[j + 1]:
            sep = words[j]
            if sep == "," and _member(words[j + 1], False):
                members.append(j + 1)
                j += 2
                continue
            if sep.lower() in _JOIN and _member(words[j + 1], False):
                members.append(j + 1)
                j += 2
                closed = True
                break
            if sep == "," and j + 2 < n and words[j + 1].lower() in _JOIN:
                if _member(words[j + 2], False):
                    members.append(j + 2)
                    j += 3
                    closed = True
                break
            break
        if closed and len(members) >= 2:
            out.append(members)
            i = j
        else:
            i = members[-1] + 1 if len(members) > 1 else i + 1
    return out


def coordinated_names(
    words: Sequence[str],
    gaps: Sequence[str],
    entities: list[Entity],
    floor: float,
    common: Callable[[str], bool],
    known: Callable[[str], bool],
) -> list[Entity]:
    """``entities`` with the members of person lists made persons (see the module
    docstring). ``common(word)``: a title, greeting or common word, never added;
    ``known(word)``: a first name or surname of the gazetteer (evidence of a person)."""
    lists = _lists(words, gaps)
    if not lists:
        return entities
    at: dict[int, int] = {}  # token -> index of the single-token entity on it
    covered: set[int] = set()
    for k, (a, b, _lab, _p) in enumerate(entities):
        covered.update(range(a, b))
        if b - a == 1:
            at[a] = k
    out = list(entities)
    firms: list[Entity] = []
    for members in lists:
        last = members[-1]
        first = members[0]
        cue = words[first - 2] if first >= 2 and words[first - 1] == ":" else words[first - 1]
        if first >= 1 and cue.lower() in _FIRM_CUES and len(members) >= 3:
            # "I work at Hobbs, Mitchell and Gill", "Employer: Jones, Lee and Park": a firm
            inside = [k for k, (a, b, _l, _p) in enumerate(out) if a >= first and b <= last + 1]
            if len(inside) == len(
                [k for k, (a, b, _l, _p) in enumerate(out) if a <= last and b > first]
            ):
                p = max((out[k][3] for k in inside), default=floor)
                for k in sorted(inside, reverse=True):
                    del out[k]
                firms.append((first, last + 1, "ORG", max(p, floor)))
            continue
        nxt = words[last + 1] if last + 1 < len(words) else ""
        ends_line = not nxt or "\n" in gaps[last + 1]
        if ends_line or not (nxt in _AFTER_OK or nxt[0].islower()):
            continue
        if any(m in covered and m not in at for m in members):
            continue  # a member is part of a longer entity
        kinds = [entities[at[m]][2] if m in at else None for m in members]
        people = sum(
            1 for m, k in zip(members, kinds, strict=True) if k == "PER" or known(words[m])
        )
        others = sum(
            1
            for m, k in zip(members, kinds, strict=True)
            if k in ("LOC", "ORG") and not known(words[m])
        )
        if people == 0 or people < others:
            continue
        probs = [entities[at[m]][3] for m in members if m in at and entities[at[m]][2] == "PER"]
        p = max(max(probs, default=0.0) * 0.9, floor)
        for m, kind in zip(members, kinds, strict=True):
            if kind == "PER":
                continue
            if kind is not None:
                a, b, _lab, q = out[at[m]]
                out[at[m]] = (a, b, "PER", max(q, p))
            elif not common(words[m]):
                out.append((m, m + 1, "PER", p))
    return out + firms


def person_shaped(
    words: Sequence[str],
    entity: Entity,
    person_share: float,
    is_other: Callable[[str], bool],
) -> bool:
    """Whether a LOC/ORG ``entity`` should be a person (see the module docstring).
    ``person_share``: PERSON's share of the span's type mass; ``is_other(word)``:
    the word is a place, organization word or common word."""
    a, b, lab, _p = entity
    if lab == "PER" or not 2 <= b - a <= 3 or person_share < PERSON_SHARE:
        return False
    toks = words[a:b]
    if len(toks[0]) < 2 or len(toks[-1]) < 2:
        return False
    for w in toks:
        if not w[0].isupper() or w.isupper() or not w.replace("-", "").isalpha():
            if not (len(w) == 1 and w.isupper()):
                return False
        elif is_other(w):
            return False
    return True
