"""SecretRecognizer: provider tokens, private keys, config assignments, URL passwords."""

from __future__ import annotations

import base64
import json
import random
import string

import pytest

from veil.detect.base import Context
from veil.detect.secrets import SecretRecognizer, shannon_entropy

REC = SecretRecognizer()
ALNUM = string.ascii_letters + string.digits


def find(text: str) -> list[tuple[str, str]]:
    """(value, kind) of every span, in the order found."""
    return [(s.text, s.attrs["kind"]) for s in REC.analyze(text, Context(text))]


def values(text: str) -> list[str]:
    return sorted(v for v, _ in find(text))


def rand(n: int, alphabet: str = ALNUM, seed: int = 0) -> str:
    rng = random.Random(seed * 1000 + n)
    while True:
        s = "".join(rng.choice(alphabet) for _ in range(n))
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s):
            return s


def b64url(obj: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
    "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)  # the jwt.io example
GHP = "ghp_" + rand(36, seed=1)
STRIPE = "sk_live_" + rand(24, seed=2)
OPENAI = "sk-proj-" + rand(48, ALNUM + "_-", seed=3)
ANTHROPIC = "sk-ant-api03-" + rand(80, ALNUM + "_-", seed=4)
HF = "hf_" + rand(34, seed=5)
NPM = "npm_" + rand(36, seed=6)
GOOGLE = "AIza" + rand(35, ALNUM + "_-", seed=7)
SLACK = "xoxb-123456789012-1234567890123-" + rand(24, seed=8)
GITLAB = "glpat-" + rand(20, ALNUM + "_-", seed=9)
FINE_GRAINED = "github_pat_" + rand(22, seed=10) + "_" + rand(59, seed=11)
HOOK = "https://hooks.slack.com/services/T0A1B2C3D/B0E4F5G6H/" + rand(24, seed=12)
AWS_SECRET = rand(40, ALNUM + "/+", seed=13)

TOKENS = [
    ("AWS key AKIAIOSFODNN7EXAMPLE in the docs", "AKIAIOSFODNN7EXAMPLE", "aws_access_key_id"),
    ("session ASIAZ3MSJV4WFQTVPQ7B", "ASIAZ3MSJV4WFQTVPQ7B", "aws_access_key_id"),
    (f"git push https with {GHP}.", GHP, "github_token"),
    (f"token={FINE_GRAINED}", FINE_GRAINED, "github_token"),
    (f"CI_TOKEN: {GITLAB}", GITLAB, "gitlab_token"),
    (f"bot {SLACK} posted", SLACK, "slack_token"),
    ("user xoxp-123456789012-1234567890123-AbCdEfGhIjKlMn", None, "slack_token"),
    ("app xapp-1-A0123456789-1234567890123-abcdef0123456789", None, "slack_token"),
    ("legacy xoxa-2-1234567890-AbCdEfGhIjKl9", None, "slack_token"),
    (f"Stripe: {STRIPE}", STRIPE, "stripe_key"),
    (f"maps key {GOOGLE} end", GOOGLE, "google_api_key"),
    (f"OPENAI_API_KEY={OPENAI}", OPENAI, "openai_key"),
    (f"claude {ANTHROPIC}", ANTHROPIC, "anthropic_key"),
    (f"login {HF} ok", HF, "huggingface_token"),
    (f"//registry.npmjs.org/:_authToken={NPM}", NPM, "npm_token"),
    (f"Authorization: Bearer {JWT}", JWT, "jwt"),
    (f"cookie session={JWT}.", JWT, "jwt"),
    (f"post to {HOOK} now", HOOK, "slack_webhook"),
]


@pytest.mark.parametrize(("text", "value", "kind"), TOKENS)
def test_tokens(text, value, kind):
    value = value or text.split(" ", 1)[1]
    assert find(text) == [(value, kind)]


def test_token_scores_are_high():
    for text, _, _ in TOKENS:
        for span in REC.analyze(text, Context(text)):
            assert span.score >= 0.9, span
            assert span.label == "SECRET"


def test_test_mode_stripe_key_is_still_a_secret():
    key = "sk_test_" + rand(24, seed=20)
    (span,) = REC.analyze(key, Context(key))
    assert 0.5 < span.score < 0.99


def test_jwt_header_must_be_json_with_alg():
    no_alg = b64url({"typ": "JWT"}) + "." + b64url({"sub": "1"}) + ".c2lnbmF0dXJl"
    with_alg = b64url({"alg": "RS256"}) + "." + b64url({"sub": "1"}) + ".c2lnbmF0dXJl"
    assert find(no_alg) == []
    assert find(with_alg) == [(with_alg, "jwt")]
    assert find("eyJub3QganNvbg.eyJzdWIiOiIxIn0.sig") == []  # header is not JSON


PEM_BODY = "\n".join(rand(64, ALNUM + "+/", seed=30 + i) for i in range(5))


@pytest.mark.parametrize("kind", ["", "RSA ", "EC ", "OPENSSH ", "DSA ", "ENCRYPTED ", "PGP "])
def test_private_key_block_is_one_span(kind):
    block = (
        f"-----BEGIN {kind}PRIVATE KEY{' BLOCK' if kind == 'PGP ' else ''}-----\n"
        f"{PEM_BODY}\n-----END {kind}PRIVATE KEY{' BLOCK' if kind == 'PGP ' else ''}-----"
    )
    text = f"key file:\n{block}\nthanks"
    assert find(text) == [(block, "private_key")]


def test_private_key_in_json_string_and_truncated():
    escaped = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"
    text = '{"private_key": "' + escaped + '"}'
    ((value, kind),) = find(text)
    assert kind == "private_key" and value.endswith("-----END PRIVATE KEY-----")
    truncated = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA" + PEM_BODY
    ((value, _),) = find(truncated + "\n\nrest of the mail")
    assert value == truncated
    assert find("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQ\n-----END PUBLIC KEY-----") == []


CONFIG_POSITIVES = [
    ("DB_PASSWORD=S3cr3t!pass", "S3cr3t!pass", "password"),
    ("password=!6Knm4mWlzC%hngRa", "!6Knm4mWlzC%hngRa", "password"),  # "!" first: no YAML tag
    ("Authorization: Bearer bT%bxz3%X9N!5S", "bT%bxz3%X9N!5S", "bearer_token"),
    ("export DB_PASS='Tr0ub4dor&3'", "Tr0ub4dor&3", "password"),
    ("  password: hunter42x", "hunter42x", "password"),
    ("db_password: !!str hunter2secret", "hunter2secret", "password"),  # YAML scalar tag
    ("https://zoom.us/j/98765432109?pwd=Zk5yQ3RxV2Zp&from=addon", "Zk5yQ3RxV2Zp", "password"),
    ("password: !!binary aHVudGVyMnNlY3JldA==", "aHVudGVyMnNlY3JldA==", "password"),
    ('{"password": "correct horse battery staple"}', "correct horse battery staple", "password"),
    ("[db]\npassword = Zq8!mLp2", "Zq8!mLp2", "password"),
    ("mysqldump --password Zq8mLp2x db", "Zq8mLp2x", "password"),
    ("run --password=Zq8mLp2x --verbose", "Zq8mLp2x", "password"),
    ("<password>Tr0ub4dor</password>", "Tr0ub4dor", "password"),
    ("Server=db;Database=app;User Id=sa;Password=Pa$$w0rd;", "Pa$$w0rd", "password"),
    ("jdbc:mysql://h/db?user=app&password=Zz9yy8xx&ssl=true", "Zz9yy8xx", "password"),
    ("$dbPassword = 'Lq3#xv9!';", "Lq3#xv9!", "password"),
    ("spring.datasource.password=Qm4nV8rT", "Qm4nV8rT", "password"),
    ("PGPASSWORD=Qm4nV8rT psql", "Qm4nV8rT", "password"),
    ("my password: Fluffy2020!", "Fluffy2020!", "password"),
    (
        "SECRET_KEY = 'django-insecure-8f#k2!x@v0q9w3e7r'",
        "django-insecure-8f#k2!x@v0q9w3e7r",
        "secret",
    ),
    ('{"client_secret": "a8F3kq92LmZx0pQw"}', "a8F3kq92LmZx0pQw", "secret"),
    ("API_KEY=4f9a2c71e8b34d0f9a1c2e3b4d5f6a7b", "4f9a2c71e8b34d0f9a1c2e3b4d5f6a7b", "api_key"),
    ("x-api-key: 9Fq2LmZx0pQw8a3K", "9Fq2LmZx0pQw8a3K", "api_key"),
    ("apiKey: 'Zx0pQw8a3K9Fq2Lm'", "Zx0pQw8a3K9Fq2Lm", "api_key"),
    ("access_token: ya29.a0AfH6SMBx8Q2kLm", "ya29.a0AfH6SMBx8Q2kLm", "token"),
    ("--token abcdEFGH1234ijkl", "abcdEFGH1234ijkl", "token"),
    (
        "auth_token=550e8400-e29b-41d4-a716-446655440000",
        "550e8400-e29b-41d4-a716-446655440000",
        "token",
    ),
    (f"aws_secret_access_key = {AWS_SECRET}", AWS_SECRET, "aws_secret_access_key"),
    ('"password" => "s3cr3tPa55"', "s3cr3tPa55", "password"),
    ('config = "{\\"password\\": \\"Zq8mLp2x\\"}"', "Zq8mLp2x", "password"),
    ("if password == 'Zq8mLp2xQ':", "Zq8mLp2xQ", "password"),
    ("my wifi password: sunshine123", "sunshine123", "password"),
    ("UPDATE users SET password = 'Qm4nV8rTz' WHERE id = 1", "Qm4nV8rTz", "password"),
    ("key: 9Fq2LmZx0pQw8a3KzR7t", "9Fq2LmZx0pQw8a3KzR7t", "api_key"),
    # loose forms (logs, chat): a key, a space, a value that cannot be a word
    ("DEBUG using api key ZtY26AFN0erlMJZO78tF", "ZtY26AFN0erlMJZO78tF", "api_key"),
    ("DEBUG using api key zbwBYjJVCWAXe\n", "zbwBYjJVCWAXe", "api_key"),
    ("ERROR invalid token YnwFzfBSVmoSj*%i rejected", "YnwFzfBSVmoSj*%i", "token"),
    ("my password is Summer2024! ok?", "Summer2024!", "password"),
]


@pytest.mark.parametrize(("text", "value", "kind"), CONFIG_POSITIVES)
def test_config_assignments(text, value, kind):
    assert find(text) == [(value, kind)]


def test_only_the_value_is_covered():
    text = 'db:\n  user: app\n  password: "Zq8!mLp2"\n  host: db.internal\n'
    (span,) = REC.analyze(text, Context(text))
    assert text[span.start : span.end] == "Zq8!mLp2"
    assert text[: span.start].endswith('password: "')


URL_POSITIVES = [
    ("postgres://admin:S3cr3t!x@db.internal:5432/app", "S3cr3t!x"),
    ("mongodb+srv://app:Qm4nV8rTz@cluster0.abcd.mongodb.net/test", "Qm4nV8rTz"),
    ("redis://:s3cretpw9@cache:6379/0", "s3cretpw9"),
    ("DATABASE_URL=mysql://root:Pa55w0rd@127.0.0.1/db", "Pa55w0rd"),
    ("git clone https://jdoe:ghtok3n99x@git.internal/repo.git", "ghtok3n99x"),
    ("curl -u admin:Xk9pw2zz https://api.internal/", "Xk9pw2zz"),
]


@pytest.mark.parametrize(("text", "value"), URL_POSITIVES)
def test_url_passwords(text, value):
    found = find(text)
    assert [v for v, _ in found] == [value]
    start = text.index(value)
    assert text[:start].endswith(":")  # the user name and host survive


def test_authorization_headers():
    assert find("Authorization: Bearer abcDEF123456ghiJKL789") == [
        ("abcDEF123456ghiJKL789", "bearer_token")
    ]
    basic = base64.b64encode(b"jdoe:Zq8mLp2x").decode()
    assert find(f"Authorization: Basic {basic}") == [(basic, "basic_auth")]
    assert find("Authorization: Bearer <token>") == []


def test_aws_secret_after_key_id():
    text = f"Access key ID,Secret access key\nAKIAZ3MSJV4WFQTVPQ7B,{AWS_SECRET}\n"
    assert sorted(find(text)) == sorted(
        [("AKIAZ3MSJV4WFQTVPQ7B", "aws_access_key_id"), (AWS_SECRET, "aws_secret_access_key")]
    )


NEGATIVES = [
    # placeholders and references
    'password: ""',
    "password=",
    "password: changeme",
    "PASSWORD=${DB_PASSWORD}",
    "password: $DB_PASSWORD",
    "token: <your-token-here>",
    "api_key: YOUR_API_KEY",
    "password: xxxxxxxx",
    "password: '****'",
    "password: REDACTED",
    "password: [REDACTED]",
    "password: null",
    "password: None",
    "password: true",
    "password: false",
    "password = {{ vault_db_password }}",
    "password: !vault |",
    "Password: !Ref DBPassword",
    "password: !!str",
    "MasterUserPassword: !Sub '{{resolve:ssm:pw}}'",
    "token: !ENV ${TOKEN}",
    "password = os.environ['DB_PASSWORD']",
    "password = os.getenv('DB_PASSWORD')",
    "password = get_password()",
    "password = self.password",
    "password = user_password",
    "token = request.headers.get('X-Token')",
    "postgres://user:password@localhost/db",
    "postgres://user:${PGPASSWORD}@localhost/db",
    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    # names about secrets, not secrets
    "password_min_length: 12",
    "password_reset_url: https://example.com/reset",
    "max_tokens: 4096",
    '"eos_token": "</s>", "pad_token": "<pad>"',
    "num_tokens=12345678",
    "token_type: Bearer",
    "primary_key: id",
    "public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq",
    "passport: X1234567",
    "bypass: true",
    "secret_name: db-credentials",
    "token: hello",
    "key: value",
    "key: app.kubernetes.io/name",
    "secretName: tls-secret",
    "passwordSecretRef: {name: db}",
    "echo $PW | docker login --password-stdin registry.io",
    "def check_password(password: str) -> bool:",
    "password: Optional[str] = None",
    "password: string;",
    "const token = req.headers.authorization;",
    "token: this.token,",
    "secret = secrets.token_hex(16)",
    "token = get_token(settings)",
    "cache_key = f'user:{user_id}'",
    "POSTGRES_PASSWORD: example",
    "token: ${{ secrets.GITHUB_TOKEN }}",
    "API_KEY=your-api-key-here",
    "Login failed for user bob: invalid password.",
    # code seen in the wild (site-packages scan)
    "if pass_zero == 'bandpass':",
    "'pass': 'bandpass',",
    "gpass : float",
    '"passwd:uid", "passwd:gecos",',
    "token = Punctuation",
    "if token == Punctuation and value == '.':",
    "Token.Comment: 'italic #A3AAB2',",
    "password: SecretStr",
    "def __init__(self, password: bytes):",
    "private_key: CertificateIssuerPrivateKeyTypes,",
    "key: PKCS12PrivateKeyTypes | None,",
    "MLKEM768X25519PrivateKey = rust_openssl.hpke.MLKEM768X25519PrivateKey",
    "access_key='test_dataset_limited_user',",
    "client_secret='fake-client-secret'",
    "key = 'arrow-datasets/nyc-taxi/year=2019/month=6/part-0.parquet'",
    'f"s3://{access_key}:{secret_key}@mybucket/data.parquet"',
    '"""An example implementation of HTTP basic authentication."""',
    ":param password: The password to authenticate with.",
    "def extract(self, member, path=None, pwd=None):",
    "username, password = value",
    "oauth_token=OAUTH_TOKEN",
    "PWD=/home/jdoe/projects",
    "pwd=abcDEF123",  # bare "pwd" outside a URL query: the shell's working directory
    'AttributeOID.CHALLENGE_PASSWORD: "challengePassword",',
    '"client.session-token": "s3.session-token",',
    "password: _PasswordType | None = None,",
    "username, password = auth",
    # prose
    "Password: must be at least 8 characters long",
    "Forgot your password? Reset it from the login page.",
    "The key takeaway: ship it.",
    "Your password is stored securely.",
    "the api key Authorization header is required",
    "your password is incorrect, try again",
    "token expired at 12:30",
    "the key question is resolved",
    # hashes and ids that are not credentials
    "commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    "id 550e8400-e29b-41d4-a716-446655440000",
    "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    '"integrity": "sha512-Zq8mLp2xQm4nV8rTz9Fq2LmZx0pQw8a3K=="',
    "resolved https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
    # look-alikes
    "task-management-overview-and-planning-notes",
    "risk-assessment-for-the-quarterly-planning",
    "AKIAIOSFODNN7EXAMPLEX",  # 17 characters after AKIA
    "xAKIAIOSFODNN7EXAMPLE",
    "hf_model_name_or_path",
    "eyJhbGciOiJIUzI1NiJ9",  # a JWT header alone
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text):
    assert find(text) == []


def test_entropy():
    assert shannon_entropy("") == 0
    assert shannon_entropy("aaaa") == 0
    assert shannon_entropy("abcd") == pytest.approx(2.0)
    assert shannon_entropy(rand(40, seed=1)) > 4.5


def test_span_repr_hides_the_secret():
    (span,) = REC.analyze(GHP, Context(GHP))
    assert GHP not in repr(span) and "ghp_" not in str(span)


def test_config_file_with_several_hits():
    text = (
        "# app settings\n"
        "DEBUG=false\n"
        "DB_HOST=db.internal\n"
        "DB_USER=app\n"
        "DB_PASSWORD=Zq8!mLp2x\n"
        f"STRIPE_KEY={STRIPE}\n"
        "MAX_TOKENS=2048\n"
        "REDIS_URL=redis://:s3cretpw9@cache:6379/0\n"
        "SECRET_KEY=${SECRET_KEY}\n"
    )
    assert values(text) == sorted(["Zq8!mLp2x", STRIPE, "s3cretpw9"])


@pytest.mark.parametrize(
    "text",
    [
        "ghp_" * 25_000,
        "g" * 100_000,
        "sk-" * 33_000,
        "sk-" + "a" * 100_000,
        "eyJ" * 33_000,
        "eyJ" + "A" * 100_000,
        "eyJhbGciOiJIUzI1NiJ9." * 5_000,
        "AKIA" * 25_000,
        "AIza" + "-" * 100_000,
        "-----BEGIN PRIVATE KEY-----" * 3_600,
        "-----BEGIN PRIVATE KEY-----\n" + "A" * 100_000,
        "-" * 100_000,
        "_" * 100_000,
        "password=" * 11_000,
        "password: " + "x" * 100_000,
        "pass" * 25_000,
        "key " * 25_000,
        "token: " * 14_000,
        "://a:" * 20_000,
        "://" + "a" * 100_000 + ":",
        "redis://:" + "p" * 100_000 + "@",
        " -u a:" * 16_000,
        "Authorization: Bearer " * 4_500,
        "bearer " + "A" * 100_000,
        "https://hooks.slack.com/services/" * 3_000,
        '"password": "' + "a" * 100_000,
        "<password>" * 10_000,
    ],
)
def test_adversarial_inputs_complete(text):
    find(text)
