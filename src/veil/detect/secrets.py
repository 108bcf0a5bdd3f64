"""Credentials: API tokens, private keys, passwords and connection-string passwords.

Three families, each behind a cheap substring gate:

* **Distinctive tokens** (AWS, GitHub, GitLab, Slack, Stripe, Google, OpenAI,
  Anthropic, Hugging Face, npm, JWT, PEM private keys): the whole token is the
  span, scored 0.9-1.0. One literal-prefixed pass per separator (``_``, ``-``,
  ``A``) tells which token kinds can occur; only their regexes run. Each token
  regex starts with its literal prefix and checks the left boundary right after
  it, so a run of token characters is scanned once (linear time).
* **Assignments** in config files and code (``.env``, YAML, JSON, INI, XML, command
  line flags, connection strings with ``Password=``): found from a keyword
  (``pass``, ``pw``, ``secret``, ``token``, ``key``) in ``ctx.lower`` followed by
  a separator; the key name is classified (``password_min_length`` or
  ``max_tokens`` are not secrets), the value is parsed, and placeholders
  (``""``, ``${DB_PASSWORD}``, ``<your-token-here>``, ``****``, ``changeme``,
  ``null``...) and code references (``os.environ[...]``, ``get_password()``) are
  dropped. Password values only need to be non-trivial; other values need an
  entropy check. The span is the value only, so the rest of the line survives.
* **URL credentials** ``scheme://user:pass@host``, ``curl -u user:pass`` and HTTP
  ``Authorization: Bearer/Basic`` values: the password or token part only.

The kind of credential is in ``attrs["kind"]``.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..types import Span
from ._native import fast_or_reference
from .base import Context, register_literals

__all__ = ["SecretRecognizer", "shannon_entropy"]

_LABEL = "SECRET"
# characters that continue a token: a match glued to one of them is part of something longer
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_DIGIT = re.compile(r"[0-9]")
_C_LOG_C = tuple(c * math.log2(c) if c else 0.0 for c in range(1025))


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value`` (0 for an empty string)."""
    n = len(value)
    if not n:
        return 0.0
    if n > 1024:
        return -sum(c / n * math.log2(c / n) for c in Counter(value).values())
    # H = log2(n) - sum(c * log2(c)) / n, with c * log2(c) from a table
    return math.log2(n) - sum(map(_C_LOG_C.__getitem__, Counter(value).values())) / n


def _classes(value: str) -> int:
    """How many of lower, upper, digit, other appear in ``value`` (C-speed checks)."""
    return (
        (value.upper() != value)
        + (value.lower() != value)
        + (_DIGIT.search(value) is not None)
        + (not value.isalnum())
    )


def _has_digit(value: str) -> bool:
    return _DIGIT.search(value) is not None


# ----------------------------------------------------------- distinctive tokens


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    gate: str  # the group of _GATES that must fire
    regex: re.Pattern[str]
    score: float
    check: Callable[[str], float | None] | None = None  # returns a score or None to drop


def _rx(prefix: str, rest: str) -> re.Pattern[str]:
    """A token regex: the literal prefix (fast scan), a left-boundary check, the rest."""
    lit = re.escape(prefix)
    return re.compile(f"{lit}(?<![A-Za-z0-9_]{lit}){rest}")


# One pass per separator ("_", "-", "A") finds which token kinds can occur: each regex
# starts with a literal (fast scan) and names the kind with an empty group.
_GATES = (
    (
        "_",
        re.compile(
            r"_(?:(?<=gh[pousr]_)(?P<gh>)|(?<=github_pat_)(?P<ghpat>)|(?<=[rs]k_live_)(?P<stripe>)"
            r"|(?<=[rs]k_test_)(?P<stripe_test>)|(?<=whsec_)(?P<whsec>)|(?<=hf_)(?P<hf>)"
            r"|(?<=npm_)(?P<npm>))"
        ),
    ),
    (
        "-",
        re.compile(
            # token prefixes end in a letter: one look back rejects "2024-12", "well-known"
            r"-(?:(?<=[kabposert]-)(?:(?<=sk-)(?P<sk>)|(?<=xox[abposer]-)(?P<slack>)"
            r"|(?<=xapp-)(?P<xapp>)|(?<=glpat-)(?P<gitlab>)|(?<=glptt-)(?P<glptt>)"
            r"|(?<=gl[dr]t-)(?P<gldt>))"
            r"|(?=----BEGIN)(?P<pem>)|(?<=[ \t]-)(?=u[ =]|-user[ =])(?P<curl>))"
        ),
    ),
    ("A", re.compile(r"A(?:(?:KIA|SIA)(?P<aws>)|Iza(?P<google>))")),
)
# gate groups that stand for the same token regexes
_GATE_ALIASES = {"stripe_test": "stripe", "xapp": "slack", "glptt": "gitlab", "gldt": "gitlab"}


def _gate_groups_py(text: str) -> list[str]:
    """The group names of the _GATES matches (reference of ``_scan_c.secret_gates``)."""
    out: list[str] = []
    for sep, gate in _GATES:
        if sep in text:
            # (every gate alternative is a named group)
            out.extend(m.lastgroup or "" for m in gate.finditer(text))
    return out


def _fired(text: str) -> frozenset[str] | set[str]:
    """The token kinds whose gate fired in ``text``."""
    groups = fast_or_reference("secret_gates", _gate_groups_py, text)
    return {_GATE_ALIASES.get(g, g) for g in groups} if groups else _NONE_FIRED


_NONE_FIRED: frozenset[str] = frozenset()


def _jwt_check(value: str) -> float | None:
    header = value.split(".", 1)[0]
    try:
        raw = base64.urlsafe_b64decode(header + "=" * (-len(header) % 4))
        parsed = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    return 0.95 if isinstance(parsed, dict) and "alg" in parsed else None


def _sk_check(value: str) -> float | None:
    """OpenAI-style ``sk-`` keys: project/service keys are certain, bare ones need a
    random-looking body."""
    body = value[3:]
    if body.startswith(("proj-", "svcacct-", "admin-")) or "T3BlbkFJ" in body:
        return 0.98
    if _classes(body) >= 3 and shannon_entropy(body) >= 3.5:
        return 0.9
    return None


def _random_body(prefix_len: int, score: float) -> Callable[[str], float | None]:
    def check(value: str) -> float | None:
        body = value[prefix_len:]
        if _classes(body) >= 2 and shannon_entropy(body) >= 3.0 and "xxxx" not in body.lower():
            return score
        return None

    return check


def _stripe_check(value: str) -> float | None:
    return 0.99 if "_live_" in value or value.startswith("whsec_") else 0.9


_TOKENS: tuple[_Token, ...] = (
    _Token("aws_access_key_id", "aws", _rx("A", r"[KS]IA[A-Z0-9]{16}"), 0.98),
    _Token("google_api_key", "google", _rx("AIza", r"[0-9A-Za-z_\-]{35}"), 0.97),
    _Token("github_token", "gh", _rx("gh", r"[pousr]_[A-Za-z0-9]{36,251}"), 0.99),
    _Token("github_token", "ghpat", _rx("github_pat_", r"[A-Za-z0-9_]{22,255}"), 0.99),
    _Token(
        "stripe_key",
        "stripe",
        _rx("sk_", r"(?:live|test)_[0-9A-Za-z]{10,247}"),
        0.99,
        _stripe_check,
    ),
    _Token(
        "stripe_key",
        "stripe",
        _rx("rk_", r"(?:live|test)_[0-9A-Za-z]{10,247}"),
        0.99,
        _stripe_check,
    ),
    _Token("stripe_key", "whsec", _rx("whsec_", r"[0-9A-Za-z+/=]{24,128}"), 0.99),
    _Token(
        "huggingface_token", "hf", _rx("hf_", r"[A-Za-z0-9]{30,40}"), 0.97, _random_body(3, 0.97)
    ),
    _Token("npm_token", "npm", _rx("npm_", r"[A-Za-z0-9]{36}"), 0.97, _random_body(4, 0.97)),
    _Token("gitlab_token", "gitlab", _rx("gl", r"(?:pat|ptt|dt|rt)-[A-Za-z0-9_\-]{20,255}"), 0.99),
    _Token(
        "slack_token",
        "slack",
        _rx("x", r"(?:ox[abposer]|app)-[0-9A-Za-z\-]{10,250}"),
        0.97,
        _random_body(5, 0.97),
    ),
    _Token("anthropic_key", "sk", _rx("sk-ant-", r"[A-Za-z0-9_\-]{20,250}"), 0.99),
    _Token("openai_key", "sk", _rx("sk-", r"[A-Za-z0-9_\-]{20,250}"), 0.9, _sk_check),
)
_JWT = _rx("eyJ", r"[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*")

_SLACK_HOOK = re.compile(
    r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_\-]{4,40}/[A-Za-z0-9_/\-]{8,200}"
)
_PEM_BEGIN = re.compile(r"-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----")
# base64 lines (and RFC 1421 headers) each after one line break, real or escaped as \\n
_PEM_BODY = re.compile(
    r"(?:(?:\r?\n|\\r?\\n)(?:[A-Za-z0-9+/=]{1,128}|[A-Za-z\-]{1,20}: [^\n\\]{1,128}))*"
)
_AWS_SECRET = re.compile(r"[A-Za-z0-9/+]{40}")
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+=")

# ------------------------------------------------------- URL and header credentials

_URL_CRED = re.compile(r"://(?P<user>[^\s:/@?#\"'<>]{0,128}):(?P<pw>[^\s@/?#\"'<>]{1,256})@")
_CURL_USER = re.compile(
    r" -(?:u|-user)[ =][\"']?(?P<user>[^\s:\"'@]{1,128}):(?P<pw>[^\s\"']{1,256})"
)
_AUTH_HEADER = re.compile(r"(?P<scheme>bearer|basic)[ \t]+(?P<v>[a-z0-9\-._~+/%!]{8,4096}=*)")

# ------------------------------------------------------------------ assignments

_KEYWORDS = ("pass", "pw", "secret", "token", "key")
register_literals(*_KEYWORDS, "://", "auth")
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")
_KEY_TAIL = re.compile(r"[A-Za-z0-9_.\-]{0,64}")
_AFTER_KEY_FIRST = frozenset(":=\"'`]> \t\\")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SEGMENT_SPLIT = re.compile(r"[^a-z0-9]+")
_AFTER_KEY = re.compile(
    r"(?:\\?[\"'`])?\]?[ \t]{0,4}(?P<sep>:=|=>|==|[:=])[ \t]{0,4}|(?P<ws>[ \t]{1,4})"
)
_VALUE = re.compile(
    r"\"(?P<dq>(?:[^\"\\\n]|\\[^\n]){0,512})\""
    r"|\\\"(?P<eq>[^\"\\\n]{0,512})\\\""
    r"|'(?P<sq>[^'\n]{0,512})'"
    r"|`(?P<bq>[^`\n]{0,512})`"
    r"|(?P<bare>[^\s\"'`<>]{1,512})"
)
# YAML's scalar tags before a literal value ("password: !!str hunter2"); other tags
# ("!Ref DbPassword", "!vault |") name or wrap the value instead, see _YAML_TAG.
_YAML_SCALAR_TAG = re.compile(r"!!(?:str|binary)[ \t]+")
_XML_VALUE = re.compile(r"(?P<bare>[^<\n]{1,512})</")

_PASSWORD_SEGS = frozenset(
    {
        "password", "passwd", "pword", "passphrase", "passwort",
        "contrasena", "motdepasse", "senha", "wachtwoord", "haslo", "parola", "salasana",
    }
)  # fmt: skip
_SHORT_PASSWORD_SEGS = frozenset({"pass", "pw", "pwd", "psw"})
_JOINED_PASS = frozenset(
    {
        "dbpass", "dbpwd", "dbpw", "userpass", "adminpass", "rootpass", "mypass", "sqlpass",
        "mysqlpass", "pgpass", "ftppass", "smtppass", "mailpass", "wifipass", "rpcpass",
        "apipass", "userpwd", "adminpwd", "rootpwd", "mysqlpwd",
    }
)  # fmt: skip
_KEY_PREFIXES = frozenset(
    {
        "api", "secret", "private", "access", "auth", "encryption", "enc", "signing", "sign",
        "master", "app", "client", "license", "licence", "service", "account", "subscription",
        "ssh", "gpg", "pgp", "session", "jwt", "hmac", "webhook", "stripe", "openai",
        "anthropic", "sendgrid", "mailgun", "twilio", "google", "maps", "firebase", "aws",
        "azure", "storage", "shared", "consumer", "developer", "dev", "admin", "root",
        "crypt", "cipher", "aes", "x", "write", "read", "deploy", "bot", "slack", "github",
        "gitlab", "openrouter", "mistral", "cohere", "groq", "hf", "huggingface",
    }
)  # fmt: skip
_KEY_WORDS = frozenset(
    {
        "apikey", "apikeys", "secretkey", "privatekey", "accesskey", "authkey", "signingkey",
        "encryptionkey", "masterkey", "appkey", "clientkey", "licensekey", "sessionkey",
        "xapikey",
    }
)  # fmt: skip
# a key with one of these segments names something about a secret, not the secret
_DENY_SEGS = frozenset(
    {
        "length", "len", "min", "max", "policy", "policies", "expiry", "expires", "expiration",
        "expire", "reset", "hint", "field", "fields", "label", "prompt", "placeholder",
        "required", "file", "filename", "files", "path", "dir", "url", "uri", "endpoint",
        "enabled", "enable", "disabled", "type", "types", "name", "names", "id", "ids",
        "count", "limit", "limits", "version", "ttl", "timeout", "lifetime", "header",
        "prefix", "format", "usage", "size", "strength", "complexity", "rules", "regex",
        "pattern", "mode", "method", "algorithm", "algo", "store", "manager", "validator",
        "validation", "changed", "updated", "at", "date", "time", "last", "flag", "question",
        "ref", "arn", "location", "provider", "env", "var", "variable", "tokenizer",
        "tokens", "spent", "used", "index", "idx", "position", "pos", "kind", "class",
        "style", "icon", "button", "btn", "link", "text", "title", "msg", "message", "error",
        "errors", "description", "desc", "help", "tooltip", "visible", "visibility", "show",
        "toggle", "meter", "reveal", "input", "output", "public", "pub", "fingerprint",
        "encoding", "source", "mount", "volume", "cmd", "command", "helper", "protected",
        "stdin", "generator",
    }
)  # fmt: skip
# tokenizer / pagination tokens in ML and API code: not credentials
_TOKEN_DENY = frozenset(
    {
        "num", "n", "total", "prompt", "completion", "special", "eos", "bos", "pad", "unk",
        "sep", "cls", "mask", "start", "end", "next", "prev", "previous", "page",
        "continuation", "cursor", "csrf", "xsrf", "sync", "pagination", "first", "lexer",
        "parser", "image", "audio", "vision", "default", "added", "additional", "stop",
        "eot", "user", "assistant", "system", "think", "tool", "split", "cancel",
        "cancellation", "deletion", "bad", "unknown", "new", "line",
    }
)  # fmt: skip
_PLACEHOLDERS = frozenset(
    {
        "", "null", "none", "nil", "true", "false", "yes", "no", "on", "off", "undefined",
        "changeme", "change_me", "change-me", "changeit", "password", "passwd", "pass",
        "pwd", "secret", "token", "apikey", "api_key", "api-key", "key", "your_password",
        "yourpassword", "your-password", "mypassword", "my_password", "my-password",
        "example", "sample", "dummy", "placeholder", "redacted", "removed", "hidden",
        "masked", "todo", "tbd", "fixme", "required", "optional", "string", "str", "env",
        "default", "empty", "n/a", "na", "-", "...", "…", "secret_key", "secretkey",
        "test", "testing", "foo", "bar", "baz", "foobar", "qwerty", "abc", "abc123", "1234",
        "12345", "123456", "none.", "omitted", "hunter2", "s3cr3t", "secret123",
        "password123", "int", "bool", "bytes", "any", "object", "number", "uid", "gid",
        "dir", "name", "shell", "user", "username", "login", "email", "value", "values",
        "val", "text", "type", "field", "input", "secretstr", "secretbytes", "float",
        "boolean", "char", "varchar", "integer", "list", "dict", "optional[str]", "my_secret",
        "mysecret", "auth", "credentials", "options",
    }
)  # fmt: skip
_PLACEHOLDER_PARTS = (
    "xxxx", "****", "••••", "####", "redacted", "your_", "your-", "yourapi", "your ",
    "placeholder", "<", "${", "$(", "{{", "%(", "#{", "<%", "@{", "vault:",
    "secretref", "secretkeyref", "os.environ", "process.env", "getenv", "env(", "env[",
    "env.", "settings.", "config.", "secrets.", "...", "…",
)  # fmt: skip
_PLACEHOLDER_RX = re.compile("|".join(map(re.escape, _PLACEHOLDER_PARTS)))
_MASK_ONLY = re.compile(r"[*xX•#.\-_=]+")
_CODE_REF = re.compile(r"[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*(?:\(|\[)?")
_CODE_CALL = re.compile(r"[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*[(\[]")
_IDENT = re.compile(r"[a-z_][a-z0-9_]*_[a-z0-9_]*|[a-z]+(?:[A-Z][a-z]*)+")
_ENV_REF = re.compile(r"\$[A-Za-z_]\w*|\$\{[^}]*\}|%[A-Za-z_]\w*%")


def _segments(key: str) -> list[str]:
    key = _CAMEL.sub(r"\1_\2", key.lstrip("-")).lower()
    return [s for s in _SEGMENT_SPLIT.split(key) if s]


@lru_cache(maxsize=8192)
def _key_kind(key: str) -> str | None:
    """What a key name says its value is: password, secret, token, api_key, key or None."""
    segs = _segments(key)
    if not segs or any(s in _DENY_SEGS for s in segs):
        return None
    joined = "_".join(segs)
    if "aws_secret" in joined or "secret_access_key" in joined:
        return "aws_secret_access_key"
    for i, s in enumerate(segs):
        if s in _SHORT_PASSWORD_SEGS:
            # "pass", "pw", "pwd" alone are ambiguous (pass_zero, $PWD): only DB_PASS style
            if i == len(segs) - 1 and i > 0:
                return "password"
        elif s in _PASSWORD_SEGS or s.endswith(("password", "passwd", "passwort")):
            return "password"
        elif s in _JOINED_PASS:
            return "password"
    if any(
        s.endswith("secret") or s in {"secrets", "credential", "credentials", "creds"} for s in segs
    ):
        return "secret"
    for i, s in enumerate(segs):
        if s == "token" or (s.endswith("token") and len(s) > 5):
            if any(p in _TOKEN_DENY for p in segs[:i]) or s[:-5] in _TOKEN_DENY:
                return None
            return "token"
    for i, s in enumerate(segs):
        if s in _KEY_WORDS or (s == "key" and i > 0 and segs[i - 1] in _KEY_PREFIXES):
            return "api_key"
    if segs == ["key"]:
        return "key"
    return None


def _is_placeholder(value: str) -> bool:
    low = value.lower().strip()
    if low in _PLACEHOLDERS or _MASK_ONLY.fullmatch(low):
        return True
    if _PLACEHOLDER_RX.search(low) or _ENV_REF.fullmatch(value):
        return True
    if low[:1] == "{" and low[-1:] == "}":
        return True  # f-string / format field: {secret_key}
    return len(set(low)) == 1  # "aaaaaaaa", "00000000"


def _strong(value: str, min_len: int = 8) -> bool:
    """A random-looking value: long enough, two character classes, enough entropy."""
    n = len(value)
    if n < min_len or _classes(value) < 2:
        return False
    return shannon_entropy(value) >= min(3.0, 0.8 * math.log2(n))


class _Taken:
    """Non-overlapping ranges already emitted, sorted by start (bisect lookups)."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos)
        return i > 0 and self.ends[i - 1] > pos

    def add(self, start: int, end: int) -> bool:
        """Record ``[start, end)`` unless it overlaps a recorded range."""
        i = bisect_right(self.starts, start)
        if (i > 0 and self.ends[i - 1] > start) or (i < len(self.starts) and self.starts[i] < end):
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


def _basic_credentials(value: str) -> bool:
    """True if ``value`` is base64 of printable ``user:password``."""
    try:
        raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        decoded = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return False
    return ":" in decoded and decoded.isprintable() and not _is_placeholder(decoded)


_YAML_TAG = re.compile(r"!!?[A-Za-z][\w.:/-]*")
_KEY_ONLY_VALUE = re.compile(r"[A-Za-z0-9+/=_\-]{16,512}")
_PASCAL = re.compile(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+")


def _looks_like_code_or_prose(text: str, value: str, end: int) -> bool:
    """An unquoted value that is a code reference, a type, or the start of a sentence."""
    if value[0] in "{[(" or _YAML_TAG.fullmatch(value):
        return True  # a structure or a YAML tag ("!Ref", "!vault"; not "!6Knm4mW...")
    if _CODE_CALL.match(value):
        return True  # get_token(settings), os.environ["X"]: a call or an index
    if _CODE_REF.fullmatch(value):
        if value[-1] in "([" or text.startswith(("(", "["), end):
            return True
        if "." in value or "::" in value or "->" in value:
            if not _has_digit(value) or _KEYWORDISH.search(value.lower()):
                return True  # self.password, rust_openssl.hpke.X25519PrivateKey
    if _IDENT.fullmatch(value):
        return True  # a variable name (user_password, newToken)
    nxt = text[end : end + 3].lstrip(" ")[:1]
    if nxt and (value[0].isalpha() or value[0] == "_") and value.replace("_", "").isalnum():
        # a type in a signature or a union: key: PKCS12KeyTypes | None, password: SecretStr,
        if nxt in ")|]=" or (nxt == "," and _PASCAL.fullmatch(value)):
            return True
    after = text[end : end + 2]
    # "password: must be at least 8 characters", "password: The password to use"
    return value.isalpha() and len(after) == 2 and after[0] == " " and after[1].isalpha()


_LOOSE_VALUE = re.compile(r"(?:(?:is|was|of)[ \t]+)?(?P<v>[^\s\"'`<>]{6,256})")


def _random_looking(value: str) -> bool:
    """Long, no dictionary shape: three character classes, or two with the case
    changing inside the word several times (zbwBYjJVCWAXe)."""
    if len(value) < 12:
        return False
    classes = _classes(value)
    if classes < 2 or (classes == 2 and len(_CASE_FLIP.findall(value)) < 3):
        return False
    return shannon_entropy(value) >= (3.0 if classes >= 3 else 3.3)


_CASE_FLIP = re.compile(r"[a-z][A-Z]|[A-Z][a-z]")
_KEYWORDISH = re.compile(r"pass|secret|token|key|pw")
_NAMING_WORDS = re.compile(r"secret|token|passw")


class SecretRecognizer:
    """Finds API tokens, private keys, passwords and other credentials."""

    name = "SecretRecognizer"
    labels = (_LABEL,)

    def analyze(self, text: str, ctx: Context) -> Iterator[Span]:
        taken = _Taken()
        for start, end, score, kind in self._find(text, ctx, taken):
            value = text[start:end]
            if ctx.allow.allows(value):
                continue
            yield Span(start, end, _LABEL, score, self.name, value, {"kind": kind})

    def _find(
        self, text: str, ctx: Context, taken: _Taken
    ) -> Iterator[tuple[int, int, float, str]]:
        def emit(start: int, end: int, score: float, kind: str):
            if start < end and taken.add(start, end):
                return ((start, end, score, kind),)
            return ()

        fired = _fired(text)
        if "pem" in fired and "PRIVATE KEY" in text:
            for hit in self._pem(text):
                yield from emit(*hit)
        for tok in _TOKENS if fired else ():  # no gate fired (most texts): no token
            if tok.gate in fired:
                for m in tok.regex.finditer(text):
                    got = self._token(text, m.start(), m.end(), tok.kind, tok.score, tok.check)
                    if got is not None:
                        yield from emit(*got)
                        if tok.kind == "aws_access_key_id":
                            yield from self._aws_secret_near(text, got[1], emit)
        for m in _JWT.finditer(text) if "J" in text else ():
            end = m.start() + len(m.group().rstrip("."))
            got = self._token(text, m.start(), end, "jwt", 0.95, _jwt_check)
            if got is not None:
                yield from emit(*got)
        if "curl" in fired:
            for m in _CURL_USER.finditer(text):
                if not _is_placeholder(m.group("pw")):
                    yield from emit(*m.span("pw"), 0.9, "password")
        if "/" in text and ctx.find("://") >= 0:
            if "hooks.slack.com" in text:
                for m in _SLACK_HOOK.finditer(text):
                    start = m.start()
                    for scheme in ("https://", "http://"):
                        if text.startswith(scheme, start - len(scheme)):
                            start -= len(scheme)
                    if "xxxx" not in m.group().lower():
                        yield from emit(start, m.end(), 0.97, "slack_webhook")
            if "@" in text:
                for m in _URL_CRED.finditer(text):
                    pw = m.group("pw")
                    if not _is_placeholder(pw) and pw != m.group("user"):
                        yield from emit(*m.span("pw"), 0.95, "connection_password")
        low = ctx.lower
        if ":" in text and ctx.find("auth") >= 0:
            for m in _AUTH_HEADER.finditer(low):
                start, end = m.span("v")
                value = text[start:end]
                if m.group("scheme") == "basic":
                    if _basic_credentials(value):
                        yield from emit(start, end, 0.9, "basic_auth")
                elif _has_digit(value) and _strong(value, 12) and not _is_placeholder(value):
                    yield from emit(start, end, 0.9, "bearer_token")
        for hit in self._assignments(text, ctx, taken):
            yield from emit(*hit)

    @staticmethod
    def _token(
        text: str, start: int, end: int, kind: str, score: float, check
    ) -> tuple[int, int, float, str] | None:
        if end < len(text) and text[end] in _TOKEN_CHARS:
            return None  # part of a longer token
        value = text[start:end]
        if "xxxx" in value.lower() or len(set(value)) < 10:
            return None  # ghp_xxxxxxxx..., sk-0000000...: documentation placeholders
        if check is not None:
            checked = check(value)
            if checked is None:
                return None
            score = checked
        return start, end, score, kind

    # -- private keys ---------------------------------------------------------

    def _pem(self, text: str) -> Iterator[tuple[int, int, float, str]]:
        pos = 0
        while True:
            m = _PEM_BEGIN.search(text, pos)
            if m is None:
                return
            end_at = text.find("-----END", m.end())
            e = _PEM_END.match(text, end_at) if end_at >= 0 else None
            if e is not None and "-----BEGIN" in text[m.end() : end_at]:
                e = None  # that END closes a later block
            if e is not None:
                end = e.end()
            else:  # truncated key: the header and the base64 body
                body = _PEM_BODY.match(text, m.end())  # (matches, if only empty)
                end = m.end() + (len(body.group().rstrip()) if body is not None else 0)
            yield m.start(), end, 1.0, "private_key"
            pos = end

    def _aws_secret_near(self, text: str, end: int, emit) -> Iterator[tuple[int, int, float, str]]:
        """A 40-character secret access key shortly after an access key id (CSV, config)."""
        m = _AWS_SECRET.search(text, end, end + 120)
        if m is None:
            return
        s, e = m.span()
        if (s > 0 and text[s - 1] in _B64_CHARS) or (e < len(text) and text[e] in _B64_CHARS):
            return
        value = m.group()
        if _classes(value) >= 3 and shannon_entropy(value) >= 4.0:
            yield from emit(s, e, 0.9, "aws_secret_access_key")

    # -- assignments ------------------------------------------------------------

    def _assignments(
        self, text: str, ctx: Context, taken: _Taken
    ) -> Iterator[tuple[int, int, float, str]]:
        seen: set[int] = set()
        low = ctx.lower
        for kw in _KEYWORDS:
            i = ctx.find(kw)
            while i != -1:
                tail = _KEY_TAIL.match(text, i + len(kw))  # (matches, if only empty)
                ke = tail.end() if tail is not None else i + len(kw)
                # a key reached through two keywords (SECRET_KEY) is judged once, and only
                # if something that can follow a key does
                if ke not in seen and text[ke : ke + 1] in _AFTER_KEY_FIRST:
                    seen.add(ke)
                    ks = i
                    while ks > 0 and i - ks < 64 and text[ks - 1] in _KEY_CHARS:
                        ks -= 1
                    hit = self._assignment(text, ks, ke, taken)
                    if hit is not None:
                        yield hit
                i = low.find(kw, ke)

    def _assignment(
        self, text: str, ks: int, ke: int, taken: _Taken
    ) -> tuple[int, int, float, str] | None:
        key = text[ks:ke].rstrip(".-")
        before = text[ks - 1] if ks > 0 else ""
        kind = _key_kind(key)
        if kind is None and before in ("?", "&") and key.lower() in _SHORT_PASSWORD_SEGS:
            kind = "password"  # a URL's "?pwd=..." (meeting links), not $PWD
        if kind is None:
            return None
        ke = ks + len(key)
        if before == "<" and text.startswith(">", ke):  # <password>value</password>
            vm = _XML_VALUE.match(text, ke + 1)
            if vm is None:
                return None
            start, end = vm.span("bare")
            return self._judge(text, start, end, kind, quoted=False)
        am = _AFTER_KEY.match(text, ke)
        if am is None:
            return None
        if am.group("ws") is not None and not key.startswith("-"):
            return self._loose(text, am.end(), kind)
        vpos = am.end()
        if text.startswith("!", vpos) and am.group("sep") == ":":
            tag = _YAML_SCALAR_TAG.match(text, vpos)
            if tag is not None:
                vpos = tag.end()
        vm = _VALUE.match(text, vpos)
        if vm is None or taken.covers(vm.start() + 1):
            return None  # no value, or a token already found there
        for group in ("dq", "eq", "sq", "bq"):
            if vm.group(group) is not None:
                start, end = vm.span(group)
                return self._judge(text, start, end, kind, quoted=True)
        if am.group("sep") == "==":
            return None  # token == Punctuation: a comparison with a name, not a literal
        start, end = vm.span("bare")
        if before and before in "\"'" and text.startswith(before, end) and am.end() == ke + 1:
            return None  # one string literal such as "passwd:uid"
        value = text[start:end]
        if before and before in "?&":
            value = value.split("&", 1)[0]
        value = value.split(";", 1)[0].rstrip(",)]}:")
        return self._judge(text, start, start + len(value), kind, quoted=False)

    def _loose(self, text: str, pos: int, kind: str) -> tuple[int, int, float, str] | None:
        """A value after a key and a space, as in logs and chat: "using api key X",
        "the password is X". Only values that cannot be ordinary words are taken."""
        m = _LOOSE_VALUE.match(text, pos)
        if m is None:
            return None
        start = m.start("v")
        value = m.group("v").rstrip(".,;:)]}\"'")
        if len(value) < 6:
            return None
        if kind == "password":
            ok = not value.isalpha() and _classes(value) >= 2 and not _CODE_CALL.match(value)
            if not ok or _IDENT.fullmatch(value):
                return None
        elif not _random_looking(value):
            return None
        if _is_placeholder(value):
            return None
        kind = "api_key" if kind == "key" else kind
        return start, start + len(value), 0.75, kind

    def _judge(
        self, text: str, start: int, end: int, kind: str, quoted: bool
    ) -> tuple[int, int, float, str] | None:
        value = text[start:end]
        if not value.strip() or _is_placeholder(value):
            return None
        if not quoted and _looks_like_code_or_prose(text, value, end):
            return None
        if kind == "password":
            if len(value) < 3 or (quoted and _IDENT.fullmatch(value) and "pass" in value.lower()):
                return None  # too short, or "challengePassword": a name, not a password
            return start, end, 0.9 if _strong(value) else 0.8, "password"
        # API keys, tokens and secrets: random-looking, with a digit, no spaces, not
        # naming themselves ("s3.session-token", "my-secret-1")
        if not _has_digit(value) or any(c.isspace() for c in value):
            return None
        if kind != "aws_secret_access_key" and _NAMING_WORDS.search(value.lower()):
            return None
        if kind == "aws_secret_access_key":
            if len(value) == 40 and _strong(value, 40):
                return start, end, 0.98, kind
            return (start, end, 0.85, "secret") if _strong(value) else None
        if kind == "key":  # a bare "key:" needs a long mixed-case alphanumeric value
            ok = _KEY_ONLY_VALUE.fullmatch(value) and _classes(value) >= 3
            return (start, end, 0.8, "api_key") if ok and shannon_entropy(value) >= 3.5 else None
        return (start, end, 0.85, kind) if _strong(value) else None
