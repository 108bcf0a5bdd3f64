import pytest

from veil.errors import PolicyError
from veil.policy import Policy


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_default_policy_tags_everything_without_key():
    p = Policy.default_policy()
    assert p.default.name == "tag"
    assert not p.needs_key
    assert p.operator_for("EMAIL").name == "tag"


def test_yaml_and_toml_load_the_same(tmp_path):
    y = write(
        tmp_path,
        "p.yaml",
        """
default: redact
operators:
  EMAIL: mask
  PHONE: {type: mask, keep_last: 2, char: "#"}
thresholds: {PERSON: 0.7}
labels: [EMAIL, PHONE, PERSON]
allow: {values: ["help@corp.com"]}
deny: {PERSON: ["Falcon"]}
region: gb
""",
    )
    t = write(
        tmp_path,
        "p.toml",
        """
default = "redact"
thresholds = {PERSON = 0.7}
labels = ["EMAIL", "PHONE", "PERSON"]
region = "gb"
[operators]
EMAIL = "mask"
PHONE = {type = "mask", keep_last = 2, char = "#"}
[allow]
values = ["help@corp.com"]
[deny]
PERSON = ["Falcon"]
""",
    )
    a, b = Policy.load(y), Policy.load(t)
    for p in (a, b):
        assert p.default.name == "redact"
        assert p.operator_for("PHONE").keep_last == 2
        assert p.operator_for("PHONE").char == "#"
        assert p.thresholds == {"PERSON": 0.7}
        assert p.labels == {"EMAIL", "PHONE", "PERSON"}
        assert p.allow.allows("HELP@corp.com")
        assert p.deny == {"PERSON": ("Falcon",)}
        assert p.region == "GB"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("bogus: 1", "bogus"),
        ("operators: {EMAILS: tag}", "operators.EMAILS"),
        ("operators: {PHONE: {type: mask, keep_last: many}}", "operators.PHONE"),
        ("operators: {PHONE: {type: nope}}", "operators.PHONE"),
        ("threshold: 2", "threshold"),
        ("thresholds: {PERSON: high}", "thresholds.PERSON"),
        ("labels: [EMAIL, NOPE]", "labels[1]"),
        ("allow: {valuez: []}", "allow.valuez"),
        ("allow: {networks: ['not a net']}", "allow.networks"),
        ("key: {value: abc}", "key"),
        ("rules_only: maybe", "rules_only"),
        ("region: USA", "region"),
        ("recognizers: {disable: [nope]}", "recognizers.disable"),
        ("version: 2", "version"),
        ("- a list", "top level"),
    ],
)
def test_errors_name_file_and_field(tmp_path, text, field):
    p = write(tmp_path, "bad.yaml", text)
    with pytest.raises(PolicyError) as e:
        Policy.load(p)
    msg = str(e.value)
    assert "bad.yaml" in msg and field in msg


def test_invalid_yaml_names_line(tmp_path):
    p = write(tmp_path, "broken.yaml", "default: tag\noperators: {EMAIL: [\n")
    with pytest.raises(PolicyError) as e:
        Policy.load(p)
    assert "broken.yaml" in str(e.value) and "line" in str(e.value)


def test_missing_file():
    with pytest.raises(PolicyError, match="cannot read"):
        Policy.load("/nonexistent/policy.yaml")


def test_keyed_operators_need_key():
    assert Policy.from_dict({"operators": {"EMAIL": "pseudonymize"}}).needs_key
    assert Policy.from_dict({"default": "hash"}).needs_key
    assert Policy.from_dict({"default": "encrypt"}).needs_key
    assert not Policy.from_dict({"default": "mask"}).needs_key


def test_relative_key_file_is_relative_to_policy(tmp_path):
    p = write(tmp_path, "p.yaml", "key: {file: secrets/veil.key}")
    assert Policy.load(p).key.file == str(tmp_path / "secrets" / "veil.key")
