"""Seeded generator of a benchmark corpus with gold spans, plus look-alike negatives.

    python bench/corpus.py --docs 2000 --out bench/data/corpus.jsonl \
        --negatives bench/data/negatives.jsonl
    python bench/corpus.py --prose --docs 5000 --out bench/data/prose.jsonl

Documents (~1 KB each) come in seven genres: chat, ticket, email (with a
signature block), web (forum posts), code (config files and snippets), logs and
medical notes. Every identifier is synthetic (Faker with a fixed seed, several
locales; checksums are valid: Luhn cards, mod-97 IBANs, NHS mod 11, Verhoeff
Aadhaar, VIN check digits, base58check and bech32 wallets...). Each line is
``{"id", "genre", "text", "spans": [{"start", "end", "label"}]}`` (Veil labels).

* default mode: every document plants 3 to 7 identifiers, covering every Veil label.
* ``--prose``: realistic prose with a realistic density: most documents carry 0 to
  3 identifiers (for throughput runs).
* ``--negatives``: documents full of non-personal look-alikes and no gold spans:
  anything flagged there is a false positive. Each negative has a genre (chat,
  ticket, email, web, docs, code, logs, medical) and its layout: lines, bullets,
  headings on their own line, greetings and sign-offs without names ("Dear Hiring
  Manager,", "Thanks,\nBilling Department"), the positives' filler, and two
  families of look-alikes: machine ones (documentation IPs, example.com mail,
  versions, order numbers, UUIDs, commit hashes, test cards, ISBNs, SKUs...) and
  ones built against the name/date/age/address rules (sentence-initial and UI
  words, first names that are words: "Max connections", "Grace period", "Frank
  feedback"; products and versions: "Helm 3.14", "Adobe Acrobat Reader"; ratios,
  times and versions that look like dates; ages of things: "the laptop is 6 years
  old", "max_age: 30"; numbered non-streets: "Route 53", "Departure Gate 12").

Gold conventions: AGE marks the number only; USERNAME marks the handle without
``@``; URL marks the whole profile URL; SECRET marks the token or password value;
log timestamps are not gold dates (they are not personal).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from veil.synthetic import MAKERS, NATIONAL_ID_T, Pii, T

GENRE_LABELS: dict[str, list[str]] = {
    "chat": ["PERSON", "PHONE", "EMAIL", "USERNAME", "URL", "DATE", "AGE", "LOCATION",
             "COORDINATES", "CRYPTO_WALLET", "STREET_ADDRESS", "DEMOGRAPHIC"],
    "ticket": ["PERSON", "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "STREET_ADDRESS",
               "DATE", "USERNAME", "VEHICLE_ID", "PASSPORT", "DRIVER_LICENSE", "MAC_ADDRESS",
               "US_SSN"],
    "email": ["PERSON", "EMAIL", "PHONE", "ORGANIZATION", "STREET_ADDRESS", "URL", "DATE", "IBAN",
              "NATIONAL_ID", "CRYPTO_WALLET", "CASE_NUMBER"],
    "web": ["USERNAME", "URL", "LOCATION", "AGE", "DEMOGRAPHIC", "PERSON", "EMAIL", "DATE",
            "ORGANIZATION", "COORDINATES"],
    "code": ["SECRET", "EMAIL", "IP_ADDRESS", "MAC_ADDRESS", "USERNAME", "URL"],
    "logs": ["IP_ADDRESS", "MAC_ADDRESS", "EMAIL", "USERNAME", "SECRET"],
    "medical": ["PERSON", "DATE_OF_BIRTH", "AGE", "MEDICAL_RECORD_NUMBER", "NATIONAL_ID", "US_SSN",
                "PHONE", "STREET_ADDRESS", "ORGANIZATION", "DATE", "DEMOGRAPHIC"],
}  # fmt: skip

FILLER: dict[str, list[str]] = {
    "chat": [
        "lol yeah that's what I thought too", "ok sounds good, see you later",
        "did you see the game last night? unreal ending", "brb grabbing coffee",
        "can you send me the slides again, the link expired", "haha no way",
        "the wifi here is terrible, messages might be delayed", "honestly I'd rather stay in tonight",
        "traffic was insane this morning, took me an hour", "sure, whatever works for you",
        "I'll check and get back to you", "my phone is at 3% so keep it short",
        "that recipe was great btw, thanks for sharing", "we should plan something for the long weekend",
        "ugh, the printer jammed again", "nvm found it", "is the meeting still on?",
    ],
    "ticket": [
        "The export job fails with a timeout after about ten minutes.",
        "Steps to reproduce: open the dashboard, click refresh twice, wait.",
        "Expected behaviour: the report loads. Actual behaviour: a blank page.",
        "This started after the latest update; it worked fine before.",
        "Priority: high. Affects the whole billing team.",
        "I already cleared the cache and tried another browser.",
        "Please advise on a workaround until the fix is deployed.",
        "The customer was charged twice for the same order and wants a refund.",
        "Attached are two screenshots of the error dialog.",
        "Status changed from open to pending by the support agent.",
        "Escalating because the SLA for this account is four hours.",
        "The delivery was marked as completed but nothing arrived.",
    ],
    "email": [
        "I hope this message finds you well.", "Following up on our conversation from last week.",
        "Please find the signed contract attached.", "Let me know if you have any questions.",
        "We would be happy to schedule a call to go through the proposal.",
        "Unfortunately the shipment has been delayed by customs.",
        "The budget for the next quarter has been approved by finance.",
        "Could you confirm the details below at your earliest convenience?",
        "Thanks again for your patience while we sorted this out.",
        "The updated terms apply from the start of the next billing cycle.",
        "I am out of the office with limited access to email.",
    ],
    "web": [
        "Long time lurker, first post.", "Has anyone else had this problem with the new firmware?",
        "Edit: fixed a typo.", "Not sure if this is the right subforum, mods feel free to move it.",
        "I've tried everything in the FAQ and nothing works.", "Upvoted, this saved me hours.",
        "Honestly the old version was better in every way.",
        "Here's my setup in case it helps: stock cooler, two fans, nothing fancy.",
        "Any recommendations for a beginner-friendly hiking trail?",
        "Thanks in advance for any help!", "This thread is gold.",
        "The review undersells how loud the fan gets under load.",
    ],
    "medical": [
        "Chief complaint: intermittent chest pain for two weeks.",
        "Vitals stable. No acute distress.", "Allergies: penicillin (rash).",
        "Plan: continue current medication and follow up in four weeks.",
        "History of hypertension, well controlled.", "Denies fever, chills or weight loss.",
        "Lungs clear to auscultation bilaterally.", "Labs ordered: CBC, BMP, lipid panel.",
        "Patient counselled on diet and exercise.", "Discharged home in good condition.",
        "Family history notable for type 2 diabetes.",
    ],
}  # fmt: skip

CODE_LINES = [
    "import os", "import logging", "from pathlib import Path", "",
    "logger = logging.getLogger(__name__)", "TIMEOUT_S = 30", "MAX_RETRIES = 5",
    "def load_config(path):", "    with open(path) as f:", "        return yaml.safe_load(f)",
    "# TODO: move this into the settings module", "DEBUG = False", "workers: 4",
    "log_level: info", "cache_ttl: 3600", "[server]", "port = 8443", "region = eu-west-1",
    "retry_backoff: exponential", "    for item in items:", "        process(item)",
]  # fmt: skip
CODE_SLOTS = {
    "SECRET": ["AWS_SECRET_ACCESS_KEY = \"{}\"", "api_key: {}", "password = \"{}\"",
               "export GITHUB_TOKEN={}", "STRIPE_KEY='{}'", "Authorization: Bearer {}"],
    "EMAIL": ["ADMIN_EMAIL = \"{}\"", "maintainer: {}", "# contact {} for access"],
    "IP_ADDRESS": ["host = \"{}\"", "allowed_hosts: [{}]", "DB_HOST={}"],
    "MAC_ADDRESS": ["hwaddr: {}", "mac = \"{}\""],
    "USERNAME": ["user: {}", "DB_USER={}", "ssh_user = \"{}\""],
    "URL": ["homepage = \"{}\"", "# author profile: {}"],
}  # fmt: skip
LOG_FILLER = [
    "INFO  worker-3 job completed in 812ms", "DEBUG cache miss for key session:index",
    "WARN  slow query took 2.4s", "INFO  GET /api/v2/items 200 14ms",
    "INFO  healthcheck ok", "ERROR upstream timeout after 30000ms, retrying (2/5)",
    "INFO  scheduler tick", "DEBUG connection pool size=20 idle=17",
]  # fmt: skip
LOG_SLOTS = {
    "IP_ADDRESS": ["INFO  accepted connection from {}", "WARN  failed login from {}",
                   "INFO  POST /login 302 client={}"],
    "MAC_ADDRESS": ["INFO  dhcp lease renewed for {}", "DEBUG arp entry {} added"],
    "EMAIL": ["INFO  password reset requested for {}", "INFO  sent receipt to {}"],
    "USERNAME": ["INFO  user={} logged in", "WARN  account {} locked after 5 attempts"],
    "SECRET": ["DEBUG using api key {}", "ERROR invalid token {} rejected"],
}  # fmt: skip


class Builder:
    """Appends text and records gold spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.spans: list[dict] = []

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    def slot(self, template: str, label: str, value: str) -> None:
        before, _, after = template.partition("{}")
        self.add(before)
        self.spans.append({"start": self.n, "end": self.n + len(value), "label": label})
        self.add(value)
        self.add(after)

    def text(self) -> str:
        return "".join(self.parts)


class Corpus:
    def __init__(self, seed: int) -> None:
        self.pii = Pii(seed)
        self.rng = self.pii.rng

    def value(self, label: str) -> str:
        return getattr(self.pii, MAKERS[label])()

    def render(self, label: str) -> tuple[str, str]:
        """(sentence template, value) for one identifier in prose."""
        value = self.value(label)
        if label == "NATIONAL_ID" and self.rng.random() < 0.7:
            return self.rng.choice(NATIONAL_ID_T[self.pii.last_kind]), value
        return self.rng.choice(T[label]), value

    def _timestamp(self) -> str:
        r = self.rng
        return f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z"

    def _labels(self, genre: str, count: int) -> list[str]:
        pool = GENRE_LABELS[genre]
        return [self.rng.choice(pool) for _ in range(count)]

    def document(self, genre: str, count: int, size: int = 1000) -> tuple[str, list[dict]]:
        b = Builder()
        labels = self._labels(genre, count)
        rng = self.rng
        if genre in ("code", "logs"):
            lines = CODE_LINES if genre == "code" else LOG_FILLER
            slots = CODE_SLOTS if genre == "code" else LOG_SLOTS
            items: list[tuple[str, str] | str] = [(lab, rng.choice(slots[lab])) for lab in labels]
            body: list[tuple[str, str] | str] = []
            per_line = 22 if genre == "logs" else 1  # timestamp + newline
            used = 60 * len(items)
            while used < size:
                line = rng.choice(lines)
                body.append(line)
                used += len(line) + per_line
            for it in items:
                body.insert(rng.randint(0, len(body)), it)
            for x in body:
                if genre == "logs":
                    b.add(self._timestamp() + " ")
                if isinstance(x, str):
                    b.add(x)
                else:
                    b.slot(x[1], x[0], self.value(x[0]))
                b.add("\n")
            return b.text(), b.spans
        filler = FILLER[genre if genre in FILLER else "chat"]
        sep = "\n" if genre == "chat" else " "
        if genre == "email":
            b.add(rng.choice(["Hi,", "Hello,", "Dear team,", "Good morning,"]) + "\n\n")
        if genre == "ticket":
            b.add(
                f"Ticket #{rng.randint(10000, 99999)}: {rng.choice(['Refund request', 'Login problem', 'Delivery issue', 'Billing question'])}\n"
            )
        sig = None
        if genre == "email" and "PERSON" in labels:
            labels.remove("PERSON")
            sig = [("PERSON", self.value("PERSON"))]
            if "PHONE" in labels:
                labels.remove("PHONE")
                sig.append(("PHONE", self.value("PHONE")))
            if "ORGANIZATION" in labels:
                labels.remove("ORGANIZATION")
                sig.append(("ORGANIZATION", self.value("ORGANIZATION")))
        budget = size - (60 * len(labels)) - (80 if sig else 0)
        fill: list[str] = []
        pool: list[str] = []
        while sum(len(f) + 1 for f in fill) < budget:
            if not pool:
                pool = rng.sample(filler, len(filler))
            fill.append(pool.pop())
        order: list[str | tuple[str]] = list(fill)
        for lab in labels:
            order.insert(rng.randint(0, len(order)), (lab,))
        for i, x in enumerate(order):
            if i:
                b.add(sep)
            if genre == "chat":
                b.add(rng.choice(["[me] ", "[them] "]))
            if isinstance(x, str):
                b.add(x)
            else:
                template, value = self.render(x[0])
                b.slot(template, x[0], value)
        if sig:
            b.add(
                "\n\n" + rng.choice(["Best regards,", "Kind regards,", "Thanks,", "Cheers,"]) + "\n"
            )
            for lab, val in sig:
                b.slot("{}\n" if lab != "PHONE" else "Tel. {}\n", lab, val)
        return b.text(), b.spans

    def negative(self, size: int = 1000, genre: str | None = None) -> str:
        """A document of one genre made of filler and look-alikes, laid out like the
        positives (lines, greetings, sign-offs without names, headings, bullets)."""
        r = self.rng
        genre = genre or r.choice(NEG_GENRES)
        lines: list[str] = []
        n = 0
        if genre == "email":
            lines.append(r.choice(NEG_GREETINGS) + "\n")
        elif genre == "ticket":
            lines.append(f"Ticket #{r.randint(10000, 99999)}: {r.choice(NEG_TITLES)}")
        elif genre == "docs":
            lines.append(f"# {r.choice(NEG_TITLES)}")
        while n < size:
            x = r.random()
            if x < 0.35:
                s = self._lookalike()
            elif x < 0.75:
                s = self._hard_lookalike()
            elif genre in ("code", "logs"):
                s = r.choice(CODE_LINES if genre == "code" else LOG_FILLER)
            else:
                s = r.choice(FILLER.get(genre, FILLER["web"]))
            if genre == "logs":
                level = "" if s in LOG_FILLER else r.choice(["INFO  ", "WARN  ", "DEBUG "])
                s = f"{self._timestamp()} {level}{s}"
            elif genre == "chat":
                s = r.choice(["[me] ", "[them] ", ""]) + s
            elif genre == "docs" and r.random() < 0.3:
                s = r.choice(["- ", "* ", "1. ", "## "]) + s
            lines.append(s)
            n += len(s) + 1
        if genre == "email":
            lines.append("\n" + r.choice(NEG_SIGNOFFS))
        sep = "\n" if genre in ("chat", "code", "logs", "docs") else " "
        out = []
        for i, line in enumerate(lines):
            prev = lines[i - 1] if i else ""
            if prev and prev[-1] not in ".!?:\n":
                out.append("\n")  # a heading or title ends its line
            elif i and not prev.endswith("\n"):
                out.append(sep if r.random() < 0.8 else "\n")
            out.append(line)
        return "".join(out)

    def _hard_lookalike(self) -> str:
        """Sentences built to trip name, date, age and address rules: capitalized
        sentence starters and UI words, first names that are words (Max, Grace,
        Frank), products, versions and ratios, ages of things, numbered non-streets."""
        r = self.rng
        n = r.randint
        choices: list[Callable[[], str]] = [
            lambda: r.choice(NEG_STARTERS),
            lambda: r.choice(NEG_STARTERS),
            lambda: r.choice(NEG_PRODUCTS),
            lambda: f"Max connections: {n(10, 500)}, max_age: {n(5, 90)}.",
            lambda: f"Grace period: {n(3, 30)} days.",
            lambda: f"Set {n(2, 9)} replicas and retry.",
            lambda: f"Set timeout to {n(5, 120)} seconds.",
            lambda: f"Use Python 3.{n(9, 13)} on Ubuntu {r.choice(['20.04', '22.04', '24.04'])}.",
            lambda: f"Upgrade from Android {n(10, 13)} to {n(14, 15)}.",
            lambda: f"Q{n(1, 4)} {n(2019, 2025)} numbers are in.",
            lambda: f"Sprint {n(1, 60)} starts after the holidays.",
            lambda: "Open 24/7, phone support 9-5 on weekdays.",
            lambda: f"Add 3/4 cup of sugar and 1/{n(2, 4)} tsp salt.",
            lambda: f"The final score was {n(0, 5)}-{n(0, 5)}.",
            lambda: f"Read pages {n(1, 20)}-{n(21, 40)} before the session.",
            lambda: "Aspect ratio 16:9 at 30 fps.",
            lambda: f"Stand-up at {n(8, 11)}:{r.choice(['00', '15', '30'])}, retro at 16:00.",
            lambda: (
                f"Pinned requests=={n(2, 3)}.{n(0, 32)}.{n(0, 9)} and urllib3>=1.26.{n(1, 18)}."
            ),
            lambda: f"Node {n(16, 22)}.{n(1, 20)}.{n(0, 9)} LTS is required.",
            lambda: f"Patch 1.{n(1, 12)}.{n(1, 28)} fixes the crash.",
            lambda: "Timestamps follow ISO 8601 and RFC 3339.",
            lambda: f"Kubernetes 1.{n(20, 31)} and Helm 3.{n(1, 16)} are supported.",
            lambda: f"Delivery takes {n(2, 4)}-{n(5, 9)} business days.",
            lambda: f"Backups are kept {n(7, 90)} days, logs {n(3, 30)} days.",
            lambda: f"The laptop is {n(2, 9)} years old and still fine.",
            lambda: f"The repo is {n(2, 12)} years old, so expect some cruft.",
            lambda: f"Start a {n(7, 30)}-day trial, then ${n(5, 49)} per month.",
            lambda: f"Warranty: {n(1, 5)} years parts and labour.",
            lambda: f"I'm {n(2, 20)} minutes away.",
            lambda: f"I'm {n(2, 9)} commits behind main.",
            lambda: f"I'm {r.choice([90, 99, 100])}% sure it's the cache.",
            lambda: f"A {n(100, 400)}-year-old oak shades the car park.",
            lambda: (
                f"Windows {n(10, 11)} Pro and Office {r.choice([2019, 2021, 365])} Home are installed."
            ),
            lambda: f"The Xbox {r.choice([360, 'One'])} Controller pairs over Bluetooth.",
            lambda: (
                f"iPhone {n(11, 16)} Pro Max, Galaxy S{n(21, 25)} Ultra and Pixel {n(6, 9)} Pro."
            ),
            lambda: f"Top {r.choice([5, 10, 20])} Hiking Trails for Beginners",
            lambda: "Point the domain at Route 53 and wait for DNS.",
            lambda: f"Reached via {n(2, 9)} hops, latency {n(5, 90)} ms.",
            lambda: f"Departure Gate {n(1, 60)} closes {n(10, 30)} minutes before.",
            lambda: f"Version {n(2, 5)} Drive Mode is still in beta.",
            lambda: f"Platform {n(1, 12)} for trains to the airport.",
            lambda: f"Chapter {n(1, 30)} Summary and Review Questions",
            lambda: f"Line {n(1, 900)}, Column {n(1, 80)}: unexpected token.",
            lambda: f"Sterling Silver, Rose Gold or Space Gray, {n(64, 512)} GB.",
            lambda: f"Level {n(1, 3)} Support handles it within {n(2, 8)} hours.",
        ]
        return r.choice(choices)()

    def _lookalike(self) -> str:
        r = self.rng
        hexd = "0123456789abcdef"
        choices: list[Callable[[], str]] = [
            lambda: f"Server listening on 127.0.0.1:{r.randint(1024, 65535)}.",
            lambda: f"Example host: 192.0.2.{r.randint(1, 254)} (documentation range).",
            lambda: f"Set the gateway to 198.51.100.{r.randint(1, 254)} in the sample config.",
            lambda: f"The test server is 203.0.113.{r.randint(1, 254)}.",
            lambda: f"IPv6 sample: 2001:db8::{r.randint(1, 0xFFFF):x} and loopback ::1.",
            lambda: (
                f"Send a test message to {r.choice(['user', 'test', 'noreply', 'support'])}@example.com."
            ),
            lambda: f"Docs live at https://docs.example.org/v{r.randint(1, 9)}/guide.",
            lambda: (
                f"Upgrade to version {r.randint(1, 20)}.{r.randint(0, 40)}.{r.randint(0, 99)} before release."
            ),
            lambda: f"Order #{r.randint(100000, 9999999)} was shipped.",
            lambda: f"Invoice INV-{r.randint(2019, 2025)}-{r.randint(1, 99999):05d} is attached.",
            lambda: f"Ticket #{r.randint(1000, 99999)} is closed.",
            lambda: f"Object id {uuid.UUID(int=r.getrandbits(128), version=4)} was updated.",
            lambda: f"Fixed in commit {''.join(r.choice(hexd) for _ in range(40))}.",
            lambda: f"See {''.join(r.choice(hexd) for _ in range(7))} for the revert.",
            lambda: f"{self._timestamp()} INFO request handled in {r.randint(2, 900)}ms",
            lambda: (
                f"Use test card {r.choice(['4242 4242 4242 4242', '4111 1111 1111 1111', '5555 5555 5555 4444', '3782 822463 10005'])} in the sandbox."
            ),
            lambda: (
                f"ISBN {r.choice(['978-0-306-40615-7', '978-3-16-148410-0', '0-306-40615-2', '978-1-4028-9462-6'])}"
            ),
            lambda: (
                f"Price: ${r.randint(1, 2999)}.{r.randint(0, 99):02d} (was €{r.randint(1, 999)},{r.randint(0, 99):02d})."
            ),
            lambda: f"Conversion went up {r.randint(1, 99)}.{r.randint(0, 9)}% this quarter.",
            lambda: (
                f"Build {r.randint(2019, 2025)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}.{r.randint(1, 30)} passed."
            ),
            lambda: (
                f"The API returned HTTP {r.choice([200, 201, 301, 400, 403, 404, 429, 500, 503])}."
            ),
            lambda: (
                f"Primary colour #{''.join(r.choice(hexd) for _ in range(6))}, accent #{''.join(r.choice(hexd) for _ in range(3))}."
            ),
            lambda: (
                f"The archive is {r.randint(1, 999)}.{r.randint(0, 9)} MB ({r.randint(1000, 999999)} bytes)."
            ),
            lambda: (
                f"Resolution {r.choice(['1920x1080', '2560x1440', '3840x2160'])} at {r.choice([60, 120, 144])} Hz."
            ),
            lambda: (
                f"Listen on port {r.randint(1024, 65535)} and set timeout={r.randint(1, 120)}s."
            ),
            lambda: f"Step {r.randint(1, 20)} of {r.randint(20, 40)}: run the migration.",
            lambda: f"Tracking number {r.randint(10**11, 10**12 - 1)} (parcel).",
            lambda: f"SKU {r.randint(10**7, 10**8 - 1)}-{r.choice('ABCDEFG')} restocked.",
            lambda: f"Chapter {r.randint(1, 30)}, page {r.randint(1, 400)}.",
            lambda: (
                f"Temperature {r.randint(-10, 40)}.{r.randint(0, 9)} °C, humidity {r.randint(10, 99)}%."
            ),
            lambda: f"Release notes for 20{r.randint(10, 25)}.{r.randint(1, 12)} are out.",
            lambda: f"The scale is 1:{r.choice([50, 100, 25000, 50000])}.",
            lambda: f"Room {r.randint(100, 999)}, floor {r.randint(1, 30)}.",
            lambda: f"Error code 0x{''.join(r.choice(hexd) for _ in range(8))}.",
            lambda: (
                f"Run pytest -k test_{r.randint(1, 99)} -x and check line {r.randint(1, 2000)}."
            ),
        ]
        return r.choice(choices)()


NEG_GENRES = ("chat", "ticket", "email", "web", "docs", "code", "logs", "medical")
NEG_GREETINGS = ["Hi all,", "Hello team,", "Dear Customer,", "Dear Sir or Madam,",
                 "Dear Hiring Manager,", "Hi Support,", "Good morning everyone,", "Hello,"]  # fmt: skip
NEG_SIGNOFFS = ["Best regards,\nThe Support Team", "Thanks,\nBilling Department",
                "Kind regards,\nCustomer Service", "Cheers,\nThe Ops Desk",
                "Regards,\nIT Helpdesk", "Thank you,\nThe Events Committee",
                "Sincerely,\nHuman Resources"]  # fmt: skip
NEG_TITLES = ["Getting Started", "Known Issues", "Release Notes", "Frequently Asked Questions",
              "Login Problem", "Refund Request", "Build Fails On Windows", "Migration Guide",
              "Dark Mode Support", "Export To PDF Broken"]  # fmt: skip
NEG_STARTERS = [
    "Edit: fixed the link.", "Update: the patch is live.", "Server restarted after the deploy.",
    "Note: backups run nightly.", "Summary: the outage was caused by a full disk.",
    "Status: Resolved. Priority: Medium. Component: Billing Service.",
    "Assignee: Unassigned. Reporter: Support Bot.", "Open Settings > Privacy and click Save Changes.",
    "Press Ctrl+Shift+P and choose Reload Window.", "Grant read access to the Analytics group.",
    "Mark all notifications as read.", "Will do, thanks!", "Bill the customer at the end of the month.",
    "Chase the vendor about the missing invoice.", "Frank feedback is welcome.",
    "Happy Friday everyone!", "See you at the Monday standup.", "Known Issues and Workarounds",
    "Ray tracing is enabled by default.", "Amber warning on disk usage, Red on memory.",
    "Lane closures expected on the ring road.", "Make sure the Staging Cluster is green first.",
    "Run the Smoke Tests before merging.", "Check Logs, then Restart Service.",
    "Price Match Guarantee applies to Black Friday deals.", "Click Next, then Finish.",
    "Sign In With Apple is not enabled yet.", "Dear Diary entries are private by default.",
    "Thanks Everyone for the quick reviews.", "Best Practices for Incident Response",
    "Hope this helps!", "Works On My Machine", "Merge Request Guidelines",
]  # fmt: skip
NEG_PRODUCTS = [
    "Install Visual Studio Code and the Python extension.",
    "Works fine in Google Chrome but not in Mozilla Firefox.",
    "We moved the alerts from Microsoft Teams to Slack.",
    "The Jenkins pipeline failed at the Deploy stage.",
    "Apple Pay and Google Pay are both supported.",
    "Amazon Web Services bills arrive on the first of the month.",
    "Jupyter Notebook kernels restart after an hour idle.",
    "Ruby on Rails and Django both handle this out of the box.",
    "Word, Excel and PowerPoint files are accepted.",
    "Adobe Acrobat Reader cannot open the exported file.",
    "Open the Grafana Dashboard and filter by Service Name.",
    "Power BI reports refresh every morning.", "Sync it with Google Drive or Dropbox.",
]  # fmt: skip


def _density(rng: random.Random) -> int:
    x = rng.random()
    return 0 if x < 0.4 else 1 if x < 0.7 else 2 if x < 0.9 else 3


def generate(n: int, seed: int, prose: bool = False) -> list[dict]:
    c = Corpus(seed)
    genres = list(GENRE_LABELS)
    out = []
    for i in range(n):
        genre = genres[i % len(genres)]
        count = _density(c.rng) if prose else c.rng.randint(3, 7)
        text, spans = c.document(genre, count)
        out.append(
            {"id": f"{'p' if prose else 'c'}{i:06d}", "genre": genre, "text": text, "spans": spans}
        )
    return out


def generate_negatives(n: int, seed: int) -> list[dict]:
    c = Corpus(seed + 7919)
    return [
        {"id": f"n{i:06d}", "genre": "negative", "text": c.negative(), "spans": []}
        for i in range(n)
    ]


def write_jsonl(path: str, rows: list[dict]) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", default="bench/data/corpus.jsonl")
    ap.add_argument("--negatives", default=None, help="also write N look-alike negatives here")
    ap.add_argument("--negatives-docs", type=int, default=None, help="default: --docs / 2")
    ap.add_argument("--prose", action="store_true", help="realistic density (0-3 ids per doc)")
    args = ap.parse_args(argv)
    rows = generate(args.docs, args.seed, args.prose)
    write_jsonl(args.out, rows)
    labels = Counter(s["label"] for r in rows for s in r["spans"])
    size = sum(len(r["text"].encode()) for r in rows)
    print(
        f"{args.out}: {len(rows)} docs, {size / len(rows):.0f} bytes/doc, {sum(labels.values())} spans"
    )
    print("  " + ", ".join(f"{k}={v}" for k, v in sorted(labels.items())))
    if args.negatives:
        neg = generate_negatives(args.negatives_docs or max(1, args.docs // 2), args.seed)
        write_jsonl(args.negatives, neg)
        print(f"{args.negatives}: {len(neg)} negative docs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
