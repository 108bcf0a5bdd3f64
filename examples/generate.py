"""Regenerate the example data in this folder (all PII is synthetic, from Faker).

    python examples/generate.py

The output is deterministic (fixed seed); the committed files were made with it.
"""

from __future__ import annotations

import csv
import json
import random
import string
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent
SEED = 20261128


def main() -> None:
    rnd = random.Random(SEED)
    Faker.seed(SEED)
    fk = Faker("en_US")
    gb = Faker("en_GB")
    de = Faker("de_DE")
    fr = Faker("fr_FR")

    def phone() -> str:
        return rnd.choice(
            [
                f"+1 {rnd.randint(201, 989)} {rnd.randint(200, 999)} {rnd.randint(1000, 9999)}",
                f"({rnd.randint(201, 989)}) {rnd.randint(200, 999)}-{rnd.randint(1000, 9999)}",
                f"+44 7{rnd.randint(100, 999)} {rnd.randint(100000, 999999)}",
                f"+49 30 {rnd.randint(1000000, 9999999)}",
                f"+33 6 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}",
            ]
        )

    def ssn() -> str:
        return f"{rnd.randint(100, 665)}-{rnd.randint(10, 99)}-{rnd.randint(1000, 9999)}"

    def secret() -> str:
        # generic shapes only: no real provider prefix, so no secret scanner is tripped
        body = "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(32))
        pw = "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(14))
        return rnd.choice(
            [
                f"api_key={body}",
                f"postgres://admin:{pw}@db.internal:5432/prod",
                f"password: {pw}",
            ]
        )

    def dob() -> str:
        return fk.date_of_birth(minimum_age=18, maximum_age=85).strftime(
            rnd.choice(["%Y-%m-%d", "%B %d, %Y", "%m/%d/%Y"])
        )

    def iban() -> str:
        return rnd.choice([de, fr, gb]).iban()

    users = [
        lambda: (
            f"Hi, I'm {fk.name()} and my email is {fk.free_email()}. Can you update my account?"
        ),
        lambda: f"My phone number changed to {phone()}, please call me there.",
        lambda: (
            f"The card ending in the number {fk.credit_card_number(card_type='visa16')} was charged twice."
        ),
        lambda: f"Please send the refund to IBAN {iban()} (account holder {de.name()}).",
        lambda: f"For the background check: SSN {ssn()}, date of birth {dob()}.",
        lambda: f"I moved to {fk.street_address()}, {fk.city()}, {fk.state_abbr()} {fk.zipcode()}.",
        lambda: f"Our server at {fk.ipv4_public()} keeps rejecting logins from {fk.ipv4_public()}.",
        lambda: f"Oops, I pasted our credentials {secret()} in the last ticket, can you delete it?",
        lambda: f"Contact my colleague {gb.name()} at {gb.free_email()} or {phone()}.",
        lambda: (
            f"I was born on {dob()} and I'm {rnd.randint(19, 80)} years old, why does the form say otherwise?"
        ),
        lambda: f"Ship it to {fr.name()}, {fr.street_address()}, {fr.postcode()} {fr.city()}.",
        lambda: f"My username is @{fk.user_name()} and my password is {fk.password(length=12)}",
        lambda: f"The VPN assigned me {fk.ipv6()} and my laptop MAC is {fk.mac_address()}.",
    ]
    assistants = [
        "Thanks, I have updated your details. Is there anything else?",
        "I'm sorry for the trouble. I've escalated this to our billing team.",
        "For your security, please never share full card numbers or passwords in chat.",
        "Got it. A confirmation will be sent to the address on file.",
        "I can help with that. Could you confirm the last four digits instead?",
    ]
    system = "You are a helpful support assistant for Contoso Bank."
    with open(HERE / "chats.jsonl", "w", encoding="utf-8") as f:
        for i in range(1, 37):
            msgs = []
            if i % 3 == 0:
                msgs.append({"role": "system", "content": system})
            for _ in range(rnd.randint(1, 2)):
                msgs.append({"role": "user", "content": rnd.choice(users)()})
                msgs.append({"role": "assistant", "content": rnd.choice(assistants)})
            if i % 12 == 0:  # the content-parts form of the chat format
                msgs.append(
                    {"role": "user", "content": [{"type": "text", "text": rnd.choice(users)()}]}
                )
            rec = {
                "id": f"chat-{i:03d}",
                "messages": msgs,
                "meta": {"lang": "en", "turns": len(msgs)},
            }
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    with open(HERE / "tickets.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ticket_id", "created", "customer", "email", "subject", "body", "priority"])
        for i in range(1, 21):
            name = fk.name()
            body = rnd.choice(
                [
                    f'Customer says: "call me back on {phone()}", prefers mornings.',
                    f"Refund to {iban()}.\nVerified by phone, DOB {dob()}.",
                    f"Billing address {fk.street_address()}, {fk.city()}; card {fk.credit_card_number(card_type='mastercard')}",
                    f"Login attempts from {fk.ipv4_public()}, user reset password, SSN on file {ssn()}.",
                    "No personal data in this one, just a question about pricing, tiers and limits.",
                ]
            )
            w.writerow(
                [
                    f"T-{1000 + i}",
                    fk.date_between("-1y", "today").isoformat(),
                    name,
                    fk.free_email(),
                    rnd.choice(["Refund", "Login issue", "Address change", "Billing, again"]),
                    body,
                    rnd.randint(1, 4),
                ]
            )

    paras = [
        f"Meeting notes, {fk.date_this_year().isoformat()}.\nAttendees: {fk.name()}, {fk.name()} and {gb.name()}.",
        f"Action item: {fk.first_name()} to email the contract to {fk.free_email()} by Friday.\n"
        f"Their office line is {phone()}.",
        f"New hire paperwork:\nName: {fk.name()}\nDate of birth: {dob()}\nSSN: {ssn()}\n"
        f"Home address: {fk.street_address()}\n{fk.city()}, {fk.state_abbr()} {fk.zipcode()}",
        f"Payroll: salary goes to {iban()}; the corporate card is {fk.credit_card_number(card_type='visa16')}.",
        f"Incident: the staging box {fk.ipv4_public()} leaked {secret()} in its logs.\n"
        "Rotate it and tell security.",
        "Nothing sensitive in this paragraph: the quarterly plan is to ship the importer\n"
        "and to fix the flaky tests before the release.",
    ]
    (HERE / "notes.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
