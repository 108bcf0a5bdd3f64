"""IP, MAC, URL and USERNAME recognizers (veil.detect.network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from veil.detect.allowlist import AllowList
from veil.detect.base import Context
from veil.detect.network import (
    IpAddressRecognizer,
    MacAddressRecognizer,
    UrlRecognizer,
    UsernameRecognizer,
)

IP = IpAddressRecognizer()
MAC = MacAddressRecognizer()
URL = UrlRecognizer()
USER = UsernameRecognizer()


def found(rec, text: str, ctx: Context | None = None) -> list[str]:
    spans = list(rec.analyze(text, ctx or Context(text)))
    for s in spans:
        assert s.text == text[s.start : s.end]
        assert s.label in rec.labels
    return [s.text for s in spans]


# ----------------------------------------------------------------------- IP

IP_POSITIVES = [
    ("from 8.8.8.8 today", "8.8.8.8"),
    ("host 10.0.0.12:8080", "10.0.0.12"),
    ("IP: 172.16.254.1/24", "172.16.254.1"),
    ("(192.168.1.20)", "192.168.1.20"),
    ("ip:10.9.8.7", "10.9.8.7"),
    ("2001:4860:4860::8888", "2001:4860:4860::8888"),
    ("fe80::1%eth0", "fe80::1"),
    ("::ffff:8.8.4.4", "::ffff:8.8.4.4"),
    ("2a00:1450:4007:80c:0:0:0:200e", "2a00:1450:4007:80c:0:0:0:200e"),
    ("via 2a00:1450:4007:80c::200e.", "2a00:1450:4007:80c::200e"),
    ("fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
    ("[2606:4700::6810:84e5]:443", "2606:4700::6810:84e5"),
    ("peer 2606:4700:4700::1111:", "2606:4700:4700::1111"),
]

IP_NEGATIVES = [
    "127.0.0.1",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "0.0.0.0",
    "255.255.255.255",
    "2001:db8::1",
    "::1",
    "::",
    "version 1.2.3.4",
    "Version: 1.2.3.4",
    "v1.2.3.4",
    "build 10.0.19041.1",
    "release 2.10.4.1",
    "1.3.6.1.4.1.311",
    "at 12:30:45",
    "std::vector<int>",
    "Foo::Bar::baz",
    "a::b",
    "999.1.1.1",
    "1.2.3",
    "00:1A:2B:3C:4D:5E",
    "1.2.3.4a",
    "x1.2.3.4",
    "Chapter 12.3.4.5 of the standard",
    "see section 4.1.2.3",
]


@pytest.mark.parametrize(("text", "expected"), IP_POSITIVES)
def test_ip_positives(text, expected):
    assert found(IP, text) == [expected]


@pytest.mark.parametrize("text", IP_NEGATIVES)
def test_ip_negatives(text):
    assert found(IP, text) == []


def test_ip_version_attr_and_mapped_v4_is_one_span():
    text = "a 8.8.8.8 b ::ffff:8.8.4.4"
    spans = list(IP.analyze(text, Context(text)))
    assert [(s.text, s.attrs["version"]) for s in spans] == [
        ("8.8.8.8", "4"),
        ("::ffff:8.8.4.4", "6"),
    ]


def test_ip_allow_list_is_configurable():
    text = "127.0.0.1 and 8.8.8.8"
    assert found(IP, text) == ["8.8.8.8"]
    nothing_allowed = AllowList.build(defaults=False)
    assert found(IP, text, Context(text, allow=nothing_allowed)) == ["127.0.0.1", "8.8.8.8"]
    user = AllowList.build(values=["8.8.8.8"])
    assert found(IP, text, Context(text, allow=user)) == []


# ---------------------------------------------------------------------- MAC

MAC_POSITIVES = [
    ("mac 00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E"),
    ("00-1a-2b-3c-4d-5e", "00-1a-2b-3c-4d-5e"),
    ("001A.2B3C.4D5E", "001A.2B3C.4D5E"),
    ("hw=de:ad:be:ef:00:01,", "de:ad:be:ef:00:01"),
]

MAC_NEGATIVES = [
    "00:00:00:00:00:00",
    "ff:ff:ff:ff:ff:ff",
    "FF-FF-FF-FF-FF-FF",
    "00:1A:2B:3C:4D:5E:6F",
    "00:1A:2B:3C:4D",
    "00:1A-2B:3C-4D:5E",
    "12:30:45",
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "dead.beef.cafe",
    "x00:1A:2B:3C:4D:5E",
]


@pytest.mark.parametrize(("text", "expected"), MAC_POSITIVES)
def test_mac_positives(text, expected):
    assert found(MAC, text) == [expected]


@pytest.mark.parametrize("text", MAC_NEGATIVES)
def test_mac_negatives(text):
    assert found(MAC, text) == []


# ---------------------------------------------------------------------- URL

URL_POSITIVES = [
    ("https://twitter.com/jane_doe", "jane_doe", "profile"),
    ("see github.com/octocat/hello-world", "octocat", "profile"),
    ("https://www.linkedin.com/in/jane-doe-123/", "jane-doe-123", "profile"),
    ("x.com/JaneDoe", "JaneDoe", "profile"),
    ("https://www.tiktok.com/@janedoe", "janedoe", "profile"),
    ("reddit.com/u/spez", "spez", "profile"),
    ("https://medium.com/@jdoe/post-1", "jdoe", "profile"),
    ("https://mastodon.social/@Gargron", "Gargron", "profile"),
    ("https://fosstodon.org/@jane", "jane", "profile"),
    ("https://www.facebook.com/jane.doe.5", "jane.doe.5", "profile"),
    ("https://youtube.com/@creator", "creator", "profile"),
    ("https://instagram.com/jane.doe/", "jane.doe", "profile"),
    ("https://gitlab.com/jdoe/project", "jdoe", "profile"),
    ("t.me/jdoe_42", "jdoe_42", "profile"),
    ("https://uk.linkedin.com/in/jane", "jane", "profile"),
    ("https://youtube.com/channel/UC123abc", "UC123abc", "profile"),
    ("https://a.com/p?email=jane%40x.com&x=1", "jane%40x.com", "query"),
    ("https://shop.io/cb?user_id=839201", "839201", "query"),
    ("https://shop.io/cb?a=1&UserName=jdoe#top", "jdoe", "query"),
    ("ftp://jdoe:secret@files.acme.org/x", "jdoe", "userinfo"),
    ("https://jdoe@git.corp.io/repo", "jdoe", "userinfo"),
    (
        "My website is http://www.ScrapbookInsider.com.pt/",
        "http://www.ScrapbookInsider.com.pt/",
        "homepage",
    ),
    ("Visit my blog at https://jdoe.dev.", "https://jdoe.dev", "homepage"),
    ("my homepage: www.jdoe.net, thanks", "www.jdoe.net", "homepage"),
    ("my personal site is\nhttps://jane-doe.me/cv", "https://jane-doe.me/cv", "homepage"),
    (
        "E-mail: jane@cuvox.de  Website: https://www.UEarly.se/",
        "https://www.UEarly.se/",
        "homepage",
    ),
    ("Phone:\n555 0142\n\nWebsite:\nhttp://Smellology.be/\n", "http://Smellology.be/", "homepage"),
]

URL_NEGATIVES = [
    "https://docs.python.org/3/library/re.html",
    "https://github.com/features",
    "https://github.com/orgs",
    "https://example.com/?email=a",
    "https://twitter.com/search?q=x",
    "https://linkedin.com/company/acme",
    "https://x.com/home",
    "https://a.com/?email={email}",
    "https://a.com/?email=$EMAIL",
    "notgithub.com/jane",
    "https://gist.github.com/abc123",
    "https://user@example.com/",
    "?email=jane@x.com",
    "https://a.com/?id=123&page=2",
    "a/b = c",
    "https://unpkg.com/@babel/core",
    "http://fb.me/A71ANpmd",
    "http://t.co/UIXutYAb",
    "https://github.io/jane",
    "https://www.npmjs.com/package/@types/node",
    "https://social.example/@jane",
    # a site not introduced as the writer's own, or a "Website:" line outside a
    # contact block, or an example domain
    "Website: https://python.org",
    "website:https://docs.rs/regex",
    "See the website: https://www.gnu.org/licenses/",
    "my website is https://example.com/",
    "my site is down, see https://status.io",
    "Just posted a photo https://www.ArtistMovie.se/",
    "Email support@acme.io; docs: https://acme.io/docs",
    "visit mywebsite: https://a.io",
]


@pytest.mark.parametrize(("text", "expected", "kind"), URL_POSITIVES)
def test_url_positives(text, expected, kind):
    spans = list(URL.analyze(text, Context(text)))
    assert [s.text for s in spans] == [expected]
    assert spans[0].label == "URL"
    assert spans[0].attrs["kind"] == kind


@pytest.mark.parametrize("text", URL_NEGATIVES)
def test_url_negatives(text):
    assert found(URL, text) == []


def test_url_homepage_keeps_a_profile_inside_it_as_the_span():
    # "my blog is <profile URL>": the handle is the personal part, once
    text = "my blog is https://medium.com/@jdoe"
    assert found(URL, text) == ["jdoe"]


def test_url_spans_only_the_personal_parts():
    text = "links: https://github.com/jdoe/x?user_id=42 and https://ann@host.io/"
    assert found(URL, text) == ["jdoe", "42", "ann"]


# ----------------------------------------------------------------- USERNAME

USER_POSITIVES = [
    ("ping @jane_doe please", "@jane_doe"),
    ("@jane.doe thanks", "@jane.doe"),
    ("@jane can you check", "@jane"),
    ("follow @jane@mastodon.social", "@jane@mastodon.social"),
    ("u/spez posted", "u/spez"),
    ("thanks /u/spez!", "u/spez"),
    ("user=jdoe", "jdoe"),
    ("username: jdoe", "jdoe"),
    ('"login": "j.smith"', "j.smith"),
    ("user jdoe logged in", "jdoe"),
    ("Failed password for invalid user jsmith from 1.2.3.4", "jsmith"),
    ("nickname = JD_99", "JD_99"),
    ("User: jdoe\nRole: admin", "jdoe"),
    ("user: Jane_D, id 4", "Jane_D"),
    ("Username: JaneDoe", "JaneDoe"),
    # prose and config forms
    ("my username is reedjac", "reedjac"),
    ("my username is reedjac.", "reedjac"),
    ("My login is jdoe42 but it fails", "jdoe42"),
    ("the account jason.blan704 is locked", "jason.blan704"),
    ("WARN  account pamela_n locked after 5 attempts", "pamela_n"),
    ("login: sweeneyjas Has anyone else seen this?", "sweeneyjas"),
    ('ssh_user = "deploy_jd"', "deploy_jd"),
    ("DB_USER=mkowalski", "mkowalski"),
]

USER_NEGATIVES = [
    "jane@mail.com",
    "@ 5pm",
    "meet @5pm",
    "see you @10:30",
    "@property\ndef x(self):",
    "    @pytest.fixture\n",
    "@dataclass(frozen=True)",
    "@app.route('/')",
    "npm i @types/node",
    "@media screen",
    "@here please",
    "@Override\npublic void x()",
    "/**\n * @param x the x\n */",
    "@gmail.com",
    "user: root",
    "user=admin",
    "the user then logged in",
    "reddit.com/u/spez",
    "superuser: jdoe",
    "User: How do I sort a list?",
    "User: hi, I'm new here and I need help.",  # a chat turn's first word
    "User: thanks!",
    "User: hello\nAssistant: hi",
    "User: Thanks!\nAssistant: You're welcome.",
    "user: hi there, can you help",
    "Login: failed",
    "login: successful (3 attempts)",
    "Ticket #20427: Login problem",
    "POST /login 302 client=1.2.3.4",
    "My username is also the same",
    "my username is case sensitive",
    "the account owner is locked out",
    "your account has been locked",
    "Username is required",
    "Login: Please enter your password",
    "login: please Contact support",
    "the user interface disabled the button",
    "user account locked after 5 attempts",
    "Username: see Settings",
]


@pytest.mark.parametrize(("text", "expected"), USER_POSITIVES)
def test_username_positives(text, expected):
    spans = list(USER.analyze(text, Context(text)))
    assert [s.text for s in spans] == [expected]
    assert spans[0].label == "USERNAME"


@pytest.mark.parametrize("text", USER_NEGATIVES)
def test_username_negatives(text):
    assert found(USER, text) == []


def test_fediverse_attr():
    (span,) = USER.analyze("hi @ann@hachyderm.io", Context("hi @ann@hachyderm.io"))
    assert span.attrs == {"fediverse": "1"}


# ------------------------------------------------------------ ordinary prose

PROSE = """Hi team, version 4.12.1 of the client is required; Ticket #48213 is fixed in
build 2024.11.3. Lunch at 12:30, 40 seats. Error rate dropped from 2.1% to 0.3%.
Use numpy 1.26.4 with python 3.11.7 on kernel 5.15.0-91-generic. See RFC 7231 6.5.1.
std::map<int, std::string> m; a::b::c(); ports 8080 8443; 1,234,567 users.
"""


@pytest.mark.parametrize("rec", [IP, MAC, URL, USER], ids=lambda r: r.name)
def test_ordinary_prose_has_nothing(rec):
    assert found(rec, PROSE) == []


@pytest.mark.parametrize("rec", [IP, MAC, URL, USER], ids=lambda r: r.name)
def test_bench_sample_has_nothing(rec):
    sample = Path(__file__).resolve().parents[2] / "bench" / "sample_1kb.txt"
    if not sample.is_file():
        pytest.skip("bench sample not available")
    assert found(rec, sample.read_text(encoding="utf-8")) == []


# ------------------------------------------------------------- adversarial

ADVERSARIAL = {
    "ip": (
        IP,
        [
            "1." * 50_000,
            "1:" * 50_000,
            "a:" * 50_000,
            ":" * 100_000,
            "ffff:" * 20_000,
            "1.1.1.1." * 12_000,
            "::ffff:1." * 10_000,
        ],
    ),
    "mac": (
        MAC,
        ["00:" * 33_000, "00-" * 33_000, "0000." * 20_000, "0a:0b-" * 16_000, "a" * 100_000],
    ),
    "url": (
        URL,
        [
            "github.com/" * 9_000,
            "?email=" * 14_000,
            "&user_id=&" * 10_000,
            "://" * 33_000 + "@",
            "://a" * 25_000 + "@",
            "/@" * 50_000,
            "=" * 100_000,
            "https://x.com/" + "a" * 100_000,
        ],
    ),
    "username": (
        USER,
        [
            "@" * 100_000,
            "@a" * 50_000,
            "@a." * 33_000,
            "user=" * 20_000,
            "user " * 20_000,
            "u/" * 50_000,
            ":" * 100_000,
            "@a@" + "b." * 50_000,
        ],
    ),
}
CASES = [(k, i) for k, (_, texts) in ADVERSARIAL.items() for i in range(len(texts))]


@pytest.mark.parametrize(("family", "i"), CASES)
def test_adversarial_inputs_complete(family, i):
    rec, texts = ADVERSARIAL[family]
    text = texts[i]
    for s in rec.analyze(text, Context(text)):
        assert s.text == text[s.start : s.end]
