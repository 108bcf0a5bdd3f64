"""Column profiling: which columns identify people, and how.

Each column gets one role:

* ``direct``: a direct identifier (name, email, phone, user or record id, SSN...);
  it is dropped, pseudonymized or hashed, never generalized. ``label`` is the text
  label its values get (``EMAIL``, ``USERNAME``, ...), so that the same value is
  replaced the same way in a table and in a chat log;
* ``quasi``: a quasi-identifier (age, sex, postcode, date of birth, occupation...):
  generalized until the privacy models hold;
* ``sensitive``: a sensitive attribute (diagnosis, salary, religion...): kept, and
  protected by l-diversity / t-closeness when the policy asks for them;
* ``text``: free text (comments, messages): each cell goes through the text engine;
* ``other``: kept as is.

The decision uses three signals, strongest first: sampled values run through the
text recognizers (a column whose cells are mostly whole emails, phones, names...
is a direct identifier with that label; dates, ages, places are quasi-identifiers),
the column name (tokens such as ``email``, ``zip``, ``dob``, ``diagnosis``,
``user_id``), and cardinality (a column unique on almost every row is an
identifier; long multi-word cells are free text; a constant column is ``other``).
A column that none of these signals catches is ``other``: list it under
``quasi_identifiers`` when an attacker could know it. The policy overrides any
decision (``columns: {zip: quasi, notes: text, user_id: {role: direct, label:
USERNAME}}``). Profiles hold counts, shares and reasons, never values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from veil.tabular.encode import column_values, factorize
from veil.tabular.errors import TabularConfigError
from veil.tabular.hierarchies import MISSING

__all__ = ["ROLES", "ColumnProfile", "Profile", "profile"]

ROLES = ("direct", "quasi", "sensitive", "text", "other")
_ALIASES = {
    "direct_identifier": "direct",
    "identifier": "direct",
    "id": "direct",
    "quasi_identifier": "quasi",
    "qi": "quasi",
    "sensitive_attribute": "sensitive",
    "free_text": "text",
    "keep": "other",
    "insensitive": "other",
}

# Labels whose values identify a person on their own.
DIRECT_LABELS = frozenset(
    {
        "PERSON",
        "EMAIL",
        "PHONE",
        "CREDIT_CARD",
        "IBAN",
        "US_SSN",
        "NATIONAL_ID",
        "PASSPORT",
        "DRIVER_LICENSE",
        "MEDICAL_RECORD_NUMBER",
        "IP_ADDRESS",
        "MAC_ADDRESS",
        "URL",
        "USERNAME",
        "SECRET",
        "CRYPTO_WALLET",
        "VEHICLE_ID",
        "STREET_ADDRESS",
        "COORDINATES",
    }
)
# Labels whose values narrow people down in combination.
QUASI_LABELS = frozenset({"DATE", "DATE_OF_BIRTH", "AGE", "LOCATION", "DEMOGRAPHIC"})

# Column-name vocabulary: token sequences (joined by "_") -> (role, label).
_NAME_RULES: list[tuple[tuple[str, ...], str, str | None]] = [
    (("email",), "direct", "EMAIL"),
    (("e", "mail"), "direct", "EMAIL"),
    (("mail",), "direct", "EMAIL"),
    (("phone",), "direct", "PHONE"),
    (("telephone",), "direct", "PHONE"),
    (("tel",), "direct", "PHONE"),
    (("mobile",), "direct", "PHONE"),
    (("cell",), "direct", "PHONE"),
    (("fax",), "direct", "PHONE"),
    (("msisdn",), "direct", "PHONE"),
    (("ssn",), "direct", "US_SSN"),
    (("social", "security"), "direct", "US_SSN"),
    (("national", "id"), "direct", "NATIONAL_ID"),
    (("nino",), "direct", "NATIONAL_ID"),
    (("nhs",), "direct", "NATIONAL_ID"),
    (("tax", "id"), "direct", "NATIONAL_ID"),
    (("passport",), "direct", "PASSPORT"),
    (("license",), "direct", "DRIVER_LICENSE"),
    (("licence",), "direct", "DRIVER_LICENSE"),
    (("mrn",), "direct", "MEDICAL_RECORD_NUMBER"),
    (("iban",), "direct", "IBAN"),
    (("card",), "direct", "CREDIT_CARD"),
    (("ip",), "direct", "IP_ADDRESS"),
    (("mac",), "direct", "MAC_ADDRESS"),
    (("url",), "direct", "URL"),
    (("vin",), "direct", "VEHICLE_ID"),
    (("password",), "direct", "SECRET"),
    (("token",), "direct", "SECRET"),
    (("street",), "direct", "STREET_ADDRESS"),
    (("address",), "direct", "STREET_ADDRESS"),
    (("username",), "direct", "USERNAME"),
    (("user", "name"), "direct", "USERNAME"),
    (("login",), "direct", "USERNAME"),
    (("handle",), "direct", "USERNAME"),
    (("user", "id"), "direct", "USERNAME"),
    (("userid",), "direct", "USERNAME"),
    (("user",), "direct", "USERNAME"),
    (("account",), "direct", "USERNAME"),
    (("name",), "direct", "PERSON"),
    (("firstname",), "direct", "PERSON"),
    (("lastname",), "direct", "PERSON"),
    (("surname",), "direct", "PERSON"),
    (("fullname",), "direct", "PERSON"),
    (("customer",), "direct", "PERSON"),
    (("patient",), "direct", "PERSON"),
    (("uuid",), "direct", "ID"),
    (("guid",), "direct", "ID"),
    (("id",), "direct", "ID"),
    # quasi-identifiers
    (("dob",), "quasi", None),
    (("birth",), "quasi", None),
    (("birthdate",), "quasi", None),
    (("birthday",), "quasi", None),
    (("age",), "quasi", None),
    (("sex",), "quasi", None),
    (("gender",), "quasi", None),
    (("zip",), "quasi", None),
    (("zipcode",), "quasi", None),
    (("postcode",), "quasi", None),
    (("postal",), "quasi", None),
    (("plz",), "quasi", None),
    (("race",), "quasi", None),
    (("ethnicity",), "quasi", None),
    (("nationality",), "quasi", None),
    (("country",), "quasi", None),
    (("city",), "quasi", None),
    (("town",), "quasi", None),
    (("state",), "quasi", None),
    (("region",), "quasi", None),
    (("county",), "quasi", None),
    (("marital",), "quasi", None),
    (("education",), "quasi", None),
    (("occupation",), "quasi", None),
    (("job",), "quasi", None),
    (("profession",), "quasi", None),
    (("workclass",), "quasi", None),
    (("employer",), "quasi", None),
    (("language",), "quasi", None),
    (("height",), "quasi", None),
    (("weight",), "quasi", None),
    # sensitive attributes
    (("salary",), "sensitive", None),
    (("income",), "sensitive", None),
    (("wage",), "sensitive", None),
    (("disease",), "sensitive", None),
    (("diagnosis",), "sensitive", None),
    (("illness",), "sensitive", None),
    (("condition",), "sensitive", None),
    (("treatment",), "sensitive", None),
    (("medication",), "sensitive", None),
    (("religion",), "sensitive", None),
    (("sexual",), "sensitive", None),
    (("political",), "sensitive", None),
    (("criminal",), "sensitive", None),
    (("health",), "sensitive", None),
    (("credit", "score"), "sensitive", None),
    # free text
    (("text",), "text", None),
    (("body",), "text", None),
    (("comment",), "text", None),
    (("comments",), "text", None),
    (("note",), "text", None),
    (("notes",), "text", None),
    (("message",), "text", None),
    (("description",), "text", None),
    (("bio",), "text", None),
    (("review",), "text", None),
    (("feedback",), "text", None),
    (("content",), "text", None),
]

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")


def _tokens(name: str) -> list[str]:
    return [t for t in _SPLIT.split(_CAMEL.sub("_", name).lower()) if t]


def classify_name(name: str) -> tuple[str, str | None] | None:
    """(role, label) suggested by a column name, or None. The last matching token
    sequence wins (``customer_email`` is EMAIL, ``birth_date`` quasi)."""
    toks = _tokens(name)
    best: tuple[tuple[int, int, int], str, str | None] | None = None
    for rank, (seq, role, label) in enumerate(_NAME_RULES):
        n = len(seq)
        for i in range(len(toks) - n + 1):
            if tuple(toks[i : i + n]) == seq:
                # later end wins; then the longer sequence; then the earlier rule
                score = (i + n, n, -rank)
                if best is None or score > best[0]:
                    best = (score, role, label)
    return None if best is None else (best[1], best[2])


@dataclass(frozen=True)
class ColumnProfile:
    """What profiling decided for one column (counts and reasons, never values)."""

    name: str
    role: str
    label: str | None
    reason: str
    rows: int
    missing: int
    distinct: int
    detected: Mapping[str, float] = field(default_factory=dict)
    overridden: bool = False

    @property
    def distinct_ratio(self) -> float:
        present = self.rows - self.missing
        return self.distinct / present if present else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "label": self.label,
            "reason": self.reason,
            "rows": self.rows,
            "missing": self.missing,
            "distinct": self.distinct,
            "detected": dict(self.detected),
            "overridden": self.overridden,
        }


@dataclass(frozen=True)
class Profile:
    """Roles of every column of a table, in column order."""

    columns: Mapping[str, ColumnProfile]

    def of(self, role: str) -> list[str]:
        return [c.name for c in self.columns.values() if c.role == role]

    @property
    def direct(self) -> list[str]:
        return self.of("direct")

    @property
    def quasi_identifiers(self) -> list[str]:
        return self.of("quasi")

    @property
    def sensitive(self) -> list[str]:
        return self.of("sensitive")

    @property
    def text(self) -> list[str]:
        return self.of("text")

    @property
    def other(self) -> list[str]:
        return self.of("other")

    def __getitem__(self, name: str) -> ColumnProfile:
        return self.columns[name]

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {n: c.to_dict() for n, c in self.columns.items()}

    def table(self) -> str:
        """A plain-text table for the terminal."""
        head = ("column", "role", "label", "distinct", "missing", "reason")
        rows = [
            (
                c.name,
                c.role + (" (policy)" if c.overridden else ""),
                c.label or "-",
                str(c.distinct),
                str(c.missing),
                c.reason,
            )
            for c in self.columns.values()
        ]
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
        lines = []
        for r in [head, *rows]:
            lines.append("  ".join(r[i].ljust(widths[i]) for i in range(5)) + "  " + r[5])
        return "\n".join(lines)

    def __repr__(self) -> str:
        parts = ", ".join(f"{r}={len(self.of(r))}" for r in ROLES)
        return f"Profile({len(self.columns)} columns: {parts})"


def normalize_role(role: Any, where: str) -> str:
    r = str(role).strip().lower().replace("-", "_").replace(" ", "_")
    r = _ALIASES.get(r, r)
    if r not in ROLES:
        raise TabularConfigError(f"{where}: unknown role {role!r} (one of {', '.join(ROLES)})")
    return r


def _override(spec: Any, name: str) -> tuple[str, str | None]:
    where = f"columns.{name}"
    if isinstance(spec, str):
        return normalize_role(spec, where), None
    if isinstance(spec, Mapping):
        unknown = set(spec) - {"role", "label", "action"}
        if unknown:
            raise TabularConfigError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        if "role" not in spec:
            raise TabularConfigError(f"{where}: needs a 'role'")
        label = spec.get("label")
        if label is not None and (not isinstance(label, str) or not label.isupper()):
            raise TabularConfigError(f"{where}.label: must be an upper-case label such as EMAIL")
        return normalize_role(spec["role"], where), label
    raise TabularConfigError(f"{where}: must be a role or a mapping with 'role'")


def _column_names(data: Any) -> list[str]:
    cols = data.columns if hasattr(data, "columns") else list(data)
    return [str(c) for c in cols]


def _is_number(t: str) -> bool:
    try:
        float(t)
    except ValueError:
        return False
    return True


def _looks_like_text(values: list[str]) -> bool:
    """Free text: most sampled cells hold several words and the mean is long."""
    if not values:
        return False
    multi = sum(1 for v in values if len(v.split()) >= 4)
    mean_len = sum(len(v) for v in values) / len(values)
    return multi >= 0.5 * len(values) and mean_len >= 25


def _detect(values: list[str], analyzer: Any) -> dict[str, float]:
    """Share of sampled values that one detected span covers (almost) whole, by label."""
    counts: dict[str, int] = {}
    for v in values:
        s = v.strip()
        if not s:
            continue
        for sp in analyzer.analyze(s):
            if (sp.end - sp.start) >= 0.8 * len(s):
                counts[sp.label] = counts.get(sp.label, 0) + 1
                break
    return {k: round(c / len(values), 3) for k, c in sorted(counts.items())}


def _sample(texts: list[str], size: int, seed: int) -> list[str]:
    uniq = list(dict.fromkeys(t for t in texts if t != MISSING))
    if len(uniq) <= size:
        return uniq
    import random

    return random.Random(seed).sample(uniq, size)


def profile(
    data: Any,
    columns: Mapping[str, Any] | None = None,
    *,
    quasi_identifiers: list[str] | None = None,
    sensitive: list[str] | str | None = None,
    anonymizer: Any = None,
    sample: int = 200,
    seed: int = 0,
    min_share: float = 0.5,
) -> Profile:
    """Profile every column of ``data`` (pandas, polars, or a dict of columns).

    ``columns`` ({column: role or {role, label}}), ``quasi_identifiers`` and
    ``sensitive`` are the policy's decisions: they win over the profile (a column
    given two roles is a configuration error). A non-empty ``quasi_identifiers``
    (or ``sensitive``) list is complete: other columns the profile would make
    quasi-identifiers (sensitive) become ``other``, with the reason saying so. ``anonymizer`` is the
    :class:`veil.Anonymizer` (or a function making it, called when first needed)
    whose recognizers look at up to ``sample`` distinct values per column
    (default: a rules-only Anonymizer with the default policy).
    A label found on at least ``min_share`` of the sampled values decides.
    """
    names = _column_names(data)
    forced: dict[str, tuple[str, str | None]] = {}
    for name, spec in (columns or {}).items():
        forced[str(name)] = _override(spec, str(name))
    sens = [sensitive] if isinstance(sensitive, str) else list(sensitive or [])
    for role, listed in (("quasi", quasi_identifiers or []), ("sensitive", sens)):
        for name in listed:
            if name in forced and forced[name][0] != role:
                raise TabularConfigError(
                    f"column {name!r} is given two roles ({forced[name][0]} and {role})"
                )
            forced.setdefault(name, (role, None))
    missing_cols = [n for n in forced if n not in names]
    if missing_cols:
        raise TabularConfigError(f"column {missing_cols[0]!r} is not in the table")
    get_anonymizer = _lazy(anonymizer)
    out: dict[str, ColumnProfile] = {}
    for name in names:
        codes, texts = factorize(column_values(data, name))
        n = len(codes)
        n_missing = int((codes == texts.index(MISSING)).sum()) if MISSING in texts else 0
        distinct = len(texts) - (MISSING in texts)
        values = _sample(texts, sample, seed)
        need_detect = name not in forced or (forced[name][0] == "direct" and not forced[name][1])
        detected = _detect(values, get_anonymizer()) if need_detect and values else {}
        role, label, reason = _decide(name, values, detected, n - n_missing, distinct, min_share)
        overridden = False
        if role == "quasi" and quasi_identifiers and name not in forced:
            role, reason = "other", f"{reason}; not in the policy's quasi_identifiers"
        if role == "sensitive" and sens and name not in forced:
            role, reason = "other", f"{reason}; not in the policy's sensitive list"
        if name in forced:
            f_role, f_label = forced[name]
            overridden = True
            if f_role == "direct":
                label = f_label or (label if role == "direct" else None) or _fallback_label(name)
            else:
                label = None
            role, reason = f_role, "set by the policy"
        out[name] = ColumnProfile(
            name, role, label, reason, n, n_missing, distinct, detected, overridden
        )
    return Profile(out)


def _lazy(anonymizer: Any) -> Any:
    from veil.tabular.pipeline import _lazy as lazy

    return lazy(anonymizer)


def _fallback_label(name: str) -> str:
    hint = classify_name(name)
    return hint[1] if hint and hint[0] == "direct" and hint[1] else "ID"


def _decide(
    name: str,
    values: list[str],
    detected: dict[str, float],
    present: int,
    distinct: int,
    min_share: float,
) -> tuple[str, str | None, str]:
    hint = classify_name(name)
    if present == 0:
        return "other", None, "no values"
    if _looks_like_text(values):
        return "text", None, "multi-word cells (free text)"
    top = max(detected.items(), key=lambda kv: kv[1]) if detected else None
    if top and top[1] >= min_share:
        lab, share = top
        if lab in DIRECT_LABELS:
            return "direct", lab, f"{share:.0%} of sampled values are {lab}"
        if lab in QUASI_LABELS and not (hint and hint[0] == "sensitive"):
            return "quasi", None, f"{share:.0%} of sampled values are {lab}"
    if hint is not None:
        role, label = hint
        if role == "direct" and label == "ID" and distinct < 0.5 * present:
            # an "id" column that repeats a lot is a foreign key / category
            return "other", None, "name says id, but values repeat (not unique per person)"
        if role != "text":
            return role, label, "column name"
        if values and sum(len(v) for v in values) / len(values) >= 10:
            return "text", None, "column name and long cells (free text)"
    ratio = distinct / present
    numeric = all(_is_number(v) for v in values)
    if distinct == 1:
        return "other", None, "constant"
    if ratio >= 0.95 and present >= 20:
        if numeric and any("." in v for v in values):
            return "other", None, "continuous numbers (unique, not an id)"
        return "direct", "ID", f"unique on {ratio:.0%} of rows"
    return "other", None, "no identifying name or value (list it as quasi-identifier if known)"
