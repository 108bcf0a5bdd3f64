"""Synthetic multi-genre, multi-culture documents with PERSON / LOCATION / ORGANIZATION
gold spans, for training the embedded NER model.

    python training/synth.py --docs 6000 --seed 7 --out /tmp/synth.jsonl

Every document is built from a template of its genre (chat, email with signature,
support ticket, court-case prose, news, medical note, forum post, CV/bio) whose
slots are filled with Faker values from many locales (and hand lists of romanized
Arabic and Chinese names). Hard cases are generated on purpose:

* lowercase chats ("hey priya, did ravi call?");
* first names that are common words (Rose, Hope, Bill, Will, Mark, May, Grace,
  Faith, Joy, Frank) in name contexts, and the same words used as words;
* initials ("J. Smith", "J.R. Okafor"), titles ("Mr", "Dr."), surnames alone;
* organizations named after people ("Williams, Kennedy and Nolan").

The output is deterministic for a seed. Lines: ``{"id", "genre", "text", "spans":
[{"start", "end", "label"}]}``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from faker import Faker

LOCALES = [
    "en_US", "en_GB", "en_IN", "en_NG", "yo_NG", "ig_NG", "ha_NG", "pl_PL", "pt_BR", "de_DE",
    "fr_FR", "es_ES", "es_MX", "it_IT", "nl_NL", "tr_TR", "en_PK", "en_KE", "sv_SE", "cs_CZ",
    "en_IE", "en_AU", "id_ID", "ro_RO", "hu_HU", "vi_VN", "fil_PH", "da_DK", "fi_FI",
    "hr_HR", "sl_SI", "is_IS", "sk_SK", "no_NO", "de_AT", "de_CH", "fr_CA", "es_AR", "es_CO",
    "es_CL", "pt_PT", "az_AZ", "zu_ZA", "et_EE", "lt_LT", "lv_LV",
]  # fmt: skip
# Cyrillic-script locales whose names are romanized with CYRILLIC_LATIN ("Dmitriy Kuznetsov")
CYRILLIC = ["ru_RU", "uk_UA", "bg_BG"]
CYRILLIC_LATIN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi",
     "ye", "g"],
    strict=True,
))  # fmt: skip


def romanize(name: str) -> str:
    """A Cyrillic name in Latin letters (simple BGN-like transliteration)."""
    out = []
    for c in name:
        low = c.lower()
        lat = CYRILLIC_LATIN.get(low, c)
        out.append(lat.capitalize() if c != low else lat)
    return "".join(out)


ROMANIZED = ["ja_JP", "zh_CN", "zh_TW"]  # Faker has first/last_romanized_name
ARABIC_FIRST = """Mohammed Muhammad Ahmed Ahmad Omar Ali Hassan Hussein Khalid Youssef Yusuf Ibrahim
Abdullah Abdulrahman Tariq Karim Samir Walid Rami Faisal Nasser Hamza Bilal Mustafa Fatima Aisha
Mariam Layla Leila Noor Nour Huda Amira Yasmin Salma Rania Zainab Hana Dalia Samira Farah Reem""".split()
ARABIC_LAST = """Al-Farsi Al-Sayed El-Sayed Haddad Khoury Nasser Mansour Hamdan Abdallah Saleh Aziz
Rahman Hassan Karam Qureshi Al-Masri Al-Amin Bakr Darwish Farouk Ghanem Habib Jaber Khalil Najjar
Obeid Rashid Sabbagh Shami Tamimi Yassin Zayed Al-Hashimi Bin-Laden Ibrahim Mahmoud Suleiman""".split()
WORD_NAMES = ["Rose", "Hope", "Bill", "Will", "Mark", "May", "Grace", "Faith", "Joy", "Frank",
              "Rich", "Sunny", "Dawn", "Summer", "Ray", "Jack", "Pat", "Drew", "Chase", "Lily"]  # fmt: skip
WORD_USES = [
    "I will {will} the report tomorrow.", "Please mark the invoice as paid.", "We hope to finish by Friday.",
    "The bill was higher than expected.", "Will you send the file?", "May I ask a question?",
    "Mark this thread as resolved.", "There is still hope for the project.", "Bill me for the extra hours.",
    "Prices rose by 5% in May.", "She picked a red rose from the garden.", "It was pure joy to work with the team.",
    "Say grace before dinner.", "We need to chase the supplier.", "Frank feedback is welcome.",
    "Hope you are well!", "Will do.", "Thanks, will check.", "the bill is due next week",
    "i will call u later", "hope ur ok", "mark it done pls", "may be late today", "joy of coding lol",
    "Dawn broke over the hills.", "The summer was hot.", "Grace period ends on Monday.",
    "Draw a ray from the origin.", "We drew the line there.", "Pat the dough flat.",
]  # fmt: skip
FILLER = [
    "# TODO: clean this up before release", "// FIXME: handle the timeout", "NOTE: values are in UTC.",
    "Subject: Re: quarterly numbers", "CC: the whole team", "Reply-To: support desk", "Fwd: updated agenda",
    "Labs ordered: CBC, BMP.", "Vitals stable.", "Assessment: viral infection.", "Plan: rest and fluids.",
    "Allergies: none known.", "Meds reviewed.", "Follow up in two weeks.", "Diagnosis: sprained ankle.",
    "SLA breached for priority tickets.", "Status: resolved.", "Priority: high.", "Steps to reproduce:",
    "Expected result: the page loads.", "Actual result: a blank screen.", "Workaround: restart the app.",
    "Portfolio: see the link below.", "Meet at the usual place.", "Summary: all tests pass.",
    "DEBUG cache miss for key user_profile", "INFO worker started", "WARN retrying request",
    "ERROR connection reset by peer", "def load_config(path):", "return None", "import os",
    "Timeout = 30", "Build passed on main.", "Release notes: minor fixes.", "Agenda: budget, hiring, roadmap.",
    "Action items: update the docs.", "Minutes approved.", "Budget approved.", "Invoice attached.",
    "Great article, thanks for sharing.", "Edit: fixed a typo.", "Update: it works now.",
    "Update the README.", "Check the logs.", "Read the docs first.", "Happy New Year!", "Merry Christmas!",
    "Good morning team.", "Kind of a long story.", "Quick question about the API.", "Any news?",
    "Welcome aboard!", "Congrats on the launch!", "Thanks in advance.", "Sorry for the delay.",
    "The Court notes that the complaint is admissible.", "The Government contested that argument.",
    "The Commission declared the application admissible.", "Article 6 of the Convention applies.",
    "The Chamber held a hearing.", "Judgment was delivered in writing.", "Costs and expenses were awarded.",
    "Frequently Asked Questions", "Terms and Conditions", "Privacy Policy", "Table of Contents",
    "Chapter Two", "Section 4.2", "Figure 3 shows the results.", "Appendix A lists the data.",
]  # fmt: skip
# contexts where a lone first name or surname is a person (generic English constructions)
NAME_FRAMES = [
    "{F} spent the summer in {L}.", "{S} wrote the first draft.", "{F} is very patient with clients.",
    "She introduced me to {F}.", "Don't forget, {F}!", "says {S}.", "according to {S}.",
    "{S} argued that the plan was too risky.", "{F} and {F} arrived late.", "I asked {F} for help.",
    "We were joined by {S}, {S} and {S}.", "{F}'s laptop is broken.", "{S}'s report was excellent.",
    "the {S} family moved away.", "{F}: \"Where are you?\"", "written by {F} {S}.",
    "{F} {S} was appointed director.", "{S}, the new accountant, starts Monday.", "call me {f}.",
    "Unlike {S}, I prefer tea.", "{F} has been promoted.", "Did {F} reply?", "{F} won't be able to come.",
    "Talk to {F} or {F}.", "{F} told {F} about it.", "Early {S} paintings are rare.",
    "my name is {f}", "My name is {F} {S}.", "i'm {f} btw", "this is {f} {s}", "Name: {F} {S}",
    "Contact person: {F} {S}", "{F} {S} ({L})", "Maybe ask {F} {S}", "It's under {F} {S}.",
    "Have you met {F} {S}?", "I'm so happy for {F}!", "{F} {I}. {S} will attend.", "{F} shouted at {F}.",
    "{F} lives in {L}.", "{F} had lent {F} the keys.", "We had three guests: {F}, {F} and {F}.",
    "the {S} report", "Signed, {F} {S}", "by {F} {S} and {F} {S}", "\"No,\" {S} said.", "— {F} {S}",
    "cc {f} {s}", "{I}. {S} (ed.)", "{S} et al. showed that", "Photo: {F} {S}", "{F} {S}, 42, a nurse",
    "Interview with {F} {S}", "{F}, can you check this?", "ping {f}", "{F} {S} is from {L}.",
    "{F} {S}, the project manager, said the work was done.", "Have you heard {f} {s} sing?",
    # neutral constructions where only the sentence says the word is a person
    "\"Not again,\" sighed {F} to {F}.", "{F} is from {O}.", "{F} {S} works for {O} now.",
    "{S} started painting at the age of ten.", "The {S} biography sold well.",
    "We listened to an old {S} record.", "a typical {S} melody", "I prefer the later {S} essays.",
    "our son {F} starts school in September", "They called the baby {F}.",
    "My daughter {F} wants a dog.", "Why is {F} always late?", "Where did {F} go?",
    "The company was started by {S}, {S} and {S}.", "{S} and {S} wrote the grant proposal.",
    "Partners: {S}, {S}, {S}", "{S} and {S} were the first to arrive.",
    "The team ({F}, {F}, {F} and {F}) met on Friday.", "Invited: {f}, {f}, {f} and {f}.",
    "{f} {s} will join the call", "talked to {f} {s} today", "{f} {I} {s} signed the lease.",
    "{F} {I} {S}", "{F} {I} {S} has left the company.", "send it to {F} {I} {S}",
    "Have you read anything by {F} {S}?", "{F} {S}'s new album is out.",
    "The award went to {F} {S} of {O}.", "{F}: Thanks! {F}: You're welcome.",
    "{F}: see you at 8", "good luck, {F}!", "{S} scored twice in the second half.",
    "{F} {S} from {O} will give the keynote.", "Ask {F} {S}, she was at {O} before.",
    "a letter from {S} to {S}", "{F} {S} and {F} {S} from {L}", "{S} ({O}) disagreed.",
    "{S} began her career in {L}.", "{S} moved to {L} in 1998.", "Meet {F}, our new intern.",
    "{F} and I went to {L}.", "{F} gave {F} the key.", "Ms. {S} called about the invoice.",
]  # fmt: skip
REAL_CITIES = """London Paris Berlin Madrid Rome Lisbon Dublin Amsterdam Brussels Vienna Warsaw Krakow
Prague Budapest Athens Istanbul Ankara Moscow Kyiv Stockholm Oslo Helsinki Copenhagen Zurich Geneva
Munich Hamburg Frankfurt Cologne Milan Naples Barcelona Seville Valencia Porto Lyon Marseille Toulouse
Manchester Birmingham Leeds Glasgow Edinburgh Cardiff Belfast Bristol Liverpool Oxford Cambridge
New_York Los_Angeles Chicago Houston Phoenix Philadelphia San_Antonio San_Diego Dallas Seattle Denver
Boston Atlanta Miami Detroit Portland Austin Toronto Montreal Vancouver Ottawa Calgary Mexico_City
Guadalajara Bogota Lima Santiago Buenos_Aires Sao_Paulo Rio_de_Janeiro Brasilia Salvador Recife
Lagos Abuja Ibadan Kano Accra Nairobi Mombasa Kampala Addis_Ababa Cairo Alexandria Casablanca Tunis
Johannesburg Cape_Town Durban Dubai Abu_Dhabi Riyadh Jeddah Doha Amman Beirut Baghdad Tehran Karachi
Lahore Islamabad Delhi New_Delhi Mumbai Bangalore Bengaluru Chennai Kolkata Hyderabad Pune Ahmedabad
Dhaka Colombo Kathmandu Beijing Shanghai Shenzhen Guangzhou Chengdu Wuhan Hong_Kong Taipei Seoul Busan
Tokyo Osaka Kyoto Yokohama Nagoya Sapporo Manila Jakarta Bangkok Hanoi Singapore Kuala_Lumpur Sydney
Melbourne Brisbane Perth Auckland Wellington Strasbourg Luxembourg Gdansk Wroclaw Poznan Lodz Diyarbakir
Izmir Bursa Antalya Thessaloniki Nicosia Limassol Bucharest Sofia Belgrade Zagreb Ljubljana Riga Vilnius
Tallinn Minsk Tbilisi Yerevan Baku Almaty Tashkent"""
REAL_CITIES = [c.replace("_", " ") for c in REAL_CITIES.split()]
COUNTRY_ADJ = """American British English Scottish Irish French German Polish Italian Spanish Portuguese Dutch
Belgian Swiss Austrian Swedish Norwegian Danish Finnish Russian Ukrainian Turkish Greek Cypriot Kurdish
Indian Pakistani Chinese Japanese Korean Vietnamese Filipino Indonesian Nigerian Kenyan Ghanaian
Egyptian Moroccan Brazilian Mexican Argentinian Colombian Canadian Australian Jewish Muslim Christian
Catholic Hindu Buddhist Sikh Roma""".split()
ORG_FORMS = [
    "University of {city}", "{city} University", "{city} General Hospital", "St {first}'s Hospital",
    "{last} & Partners", "{last} Consulting", "{city} City Council", "Ministry of Health",
    "Ministry of the Interior", "{city} Regional Court", "Court of Appeal", "Supreme Court",
    "{city} District Court", "{last} Law Firm", "{last} Bank", "Bank of {country}",
    "National Police", "{city} Police Department", "Red Cross", "{last} Foundation",
    "{city} Institute of Technology", "{last} Ltd", "{last} GmbH", "{last} Inc.", "{city} Airlines",
    "{country} Telecom", "{city} FC", "{city} Public Schools", "{last} Medical Centre",
]  # fmt: skip
BRANDS = """Google Microsoft Amazon Apple Facebook Meta Netflix Spotify Uber Airbnb IBM Oracle Intel Siemens
Bosch Nestle Unilever Samsung Sony Toyota Honda Volkswagen BMW Tesla Walmart Tesco Sainsbury's Deloitte
KPMG PwC Accenture Infosys Wipro Tata HSBC Barclays Citibank Vodafone Orange Telefonica Airbus Boeing
Pfizer Novartis Roche NHS UNICEF UNESCO NATO Interpol Europol Reuters BBC CNN Twitter Reddit GitHub
Slack Zoom Stripe PayPal Shopify Salesforce SAP Adobe Nvidia AMD Huawei Alibaba Tencent Baidu Jumia
Safaricom MTN Dangote Petrobras Embraer Itau Bradesco Reliance Flipkart Zomato Paytm""".split()


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in LOCALES + ROMANIZED + CYRILLIC}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 1000 + i)
        self.us = self.fakers["en_US"]

    # -- values --------------------------------------------------------------
    def first_last(self) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.08:
            return self.rng.choice(ARABIC_FIRST), self.rng.choice(ARABIC_LAST)
        if r < 0.16:
            f = self.fakers[self.rng.choice(ROMANIZED)]
            return f.first_romanized_name(), f.last_romanized_name()
        if r < 0.22:
            return self.rng.choice(WORD_NAMES), self.fakers["en_US"].last_name()
        if r < 0.3:
            f = self.fakers[self.rng.choice(CYRILLIC)]
            return romanize(f.first_name()), romanize(f.last_name())
        f = self.fakers[self.rng.choice(LOCALES)]
        return f.first_name(), f.last_name()

    def person(self) -> tuple[str, str, str]:
        """(full form, first, last) in one of many surface forms."""
        first, last = self.first_last()
        r = self.rng.random()
        if r < 0.45:
            form = f"{first} {last}"
        elif r < 0.55:
            form = f"{first[0]}. {last}"
        elif r < 0.6:
            mid = self.first_last()[0]
            form = f"{first} {mid[0]}. {last}"
        elif r < 0.72:
            form = first
        elif r < 0.8:
            form = last
        elif r < 0.85:
            form = f"{first[0]}.{self.first_last()[0][0]}. {last}"
        else:
            mid = self.first_last()[0]
            form = f"{first} {mid} {last}"
        return form, first, last

    def place(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(REAL_CITIES).strip()
        if r < 0.65:
            return self.us.country()
        if r < 0.75:
            return self.us.state()
        return self.fakers[self.rng.choice(LOCALES)].city()

    def org(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            return self.rng.choice(BRANDS)
        if r < 0.55:
            return self.fakers[self.rng.choice(LOCALES)].company()
        first, last = self.first_last()
        return self.rng.choice(ORG_FORMS).format(
            city=self.rng.choice(REAL_CITIES).strip(),
            first=first,
            last=last,
            country=self.us.country(),
        )


Slot = tuple[str, str | None]  # (text, label or None)

TITLES = ["Mr", "Mrs", "Ms", "Dr", "Dr.", "Mr.", "Mrs.", "Prof.", "Judge", "Nurse"]


def _templates(g: Gen) -> dict[str, Callable[[], list[Slot]]]:
    rng = g.rng

    def P() -> Slot:
        return (g.person()[0], "PERSON")

    def F() -> Slot:
        return (g.first_last()[0], "PERSON")

    def FL() -> Slot:
        a, b = g.first_last()
        return (f"{a} {b}", "PERSON")

    def TL() -> list[Slot]:
        return [(rng.choice(TITLES) + " ", None), (g.first_last()[1], "PERSON")]

    def L() -> Slot:
        return (g.place(), "LOCATION")

    def Og() -> Slot:
        return (g.org(), "ORGANIZATION")

    def W() -> Slot:
        return (
            rng.choice(WORD_USES).replace("{will}", rng.choice(["send", "check", "finish"])),
            None,
        )

    def t(s: str) -> Slot:
        return (s, None)

    def chat() -> list[Slot]:
        opts = [
            [t("hey "), F(), t(", did "), F(), t(" call you back?")],
            [t("lol "), F(), t(" said the same thing yesterday")],
            [t("ok i'll ask "), F(), t(" tomorrow")],
            [t("Hi "), F(), t("! are you coming to "), L(), t(" this weekend?")],
            [t("just landed in "), L(), t(", tell "), F(), t(" i said hi")],
            [F(), t(": can u send me the slides")],
            [t("me and "), F(), t(" are at the "), Og(), t(" office")],
            [t("thanks "), F(), t(" :)")],
            [t("did you see what "), FL(), t(" posted??")],
            [t("i work at "), Og(), t(" now, moved from "), L()],
            [t("@"), (g.first_last()[0].lower(), None), t(" where are you")],
            [W()],
            [t("omg "), F(), t(" and "), F(), t(" got engaged")],
            [t("my sister "), F(), t(" lives in "), L()],
            [t("ask "), F(), t(" about it, she knows")],
        ]
        return rng.choice(opts)

    def email() -> list[Slot]:
        a = g.first_last()
        b = g.first_last()
        body = rng.choice(
            [
                [t("Dear "), (rng.choice(TITLES[:4]) + " ", None), (b[1], "PERSON"), t(",\n\n")],
                [t("Hi "), (b[0], "PERSON"), t(",\n\n")],
                [t("Hello "), (f"{b[0]} {b[1]}", "PERSON"), t(",\n")],
            ]
        )
        mid = rng.choice(
            [
                [t("Following our call, I attach the contract from "), Og(), t(". "), W()],
                [t("I will be in "), L(), t(" next week for the meeting with "), P(), t(".")],
                [t("Please find the invoice attached. "), W()],
                [t("As discussed with "), P(), t(", the "), Og(), t(" team will handle it.")],
            ]
        )
        sig = rng.choice(
            [
                [
                    t("\n\nBest regards,\n"),
                    (f"{a[0]} {a[1]}", "PERSON"),
                    t("\n"),
                    Og(),
                    t("\n"),
                    L(),
                ],
                [t("\n\nThanks,\n"), (a[0], "PERSON")],
                [
                    t("\n\nKind regards,\n"),
                    (f"{a[0][0]}. {a[1]}", "PERSON"),
                    t("\nSenior Analyst, "),
                    Og(),
                ],
                [t("\n\nCheers\n"), (f"{a[0]}", "PERSON"), t(" | "), Og()],
            ]
        )
        return body + mid + sig

    def ticket() -> list[Slot]:
        return rng.choice(
            [
                [
                    t("Ticket #"),
                    t(str(rng.randint(1000, 99999))),
                    t(": customer "),
                    P(),
                    t(" reports login failure from "),
                    L(),
                    t("."),
                ],
                [t("Assigned to "), FL(), t(". Escalated by "), F(), t(" on Monday.")],
                [
                    t("Reporter: "),
                    FL(),
                    t("\nCompany: "),
                    Og(),
                    t("\nIssue: cannot reset password"),
                ],
                [t("User "), F(), t(" says the app crashes. "), W()],
                [t("Please contact "), *TL(), t(" at the "), L(), t(" branch.")],
            ]
        )

    def court() -> list[Slot]:
        return rng.choice(
            [
                [
                    t("The applicant, "),
                    *TL(),
                    t(", was born in "),
                    t(str(rng.randint(1940, 2000))),
                    t(" and lives in "),
                    L(),
                    t("."),
                ],
                [
                    t("On 3 May 2004 the "),
                    Og(),
                    t(" dismissed the appeal lodged by "),
                    FL(),
                    t("."),
                ],
                [
                    t("The applicant was represented by "),
                    *TL(),
                    t(", a lawyer practising in "),
                    L(),
                    t("."),
                ],
                [
                    t("The Government were represented by their Agent, "),
                    *TL(),
                    t(", of the "),
                    Og(),
                    t("."),
                ],
                [
                    t("In "),
                    t(str(rng.randint(1990, 2015))),
                    t(" the applicant's brother, "),
                    P(),
                    t(", was arrested by officers of the "),
                    Og(),
                    t("."),
                ],
                [
                    t("The witness "),
                    FL(),
                    t(" stated that she had seen the applicant in "),
                    L(),
                    t("."),
                ],
                [t("The "), Og(), t(" held a hearing on the matter.")],
            ]
        )

    def news() -> list[Slot]:
        return rng.choice(
            [
                [
                    FL(),
                    t(", chief executive of "),
                    Og(),
                    t(", said the company would expand to "),
                    L(),
                    t("."),
                ],
                [t("Police in "), L(), t(" arrested "), FL(), t(" on Tuesday.")],
                [
                    t("According to "),
                    Og(),
                    t(", "),
                    FL(),
                    t(" will lead the new team in "),
                    L(),
                    t("."),
                ],
                [t("Speaking in "), L(), t(", "), P(), t(" criticised the plan.")],
                [W()],
            ]
        )

    def medical() -> list[Slot]:
        return rng.choice(
            [
                [
                    t("Patient "),
                    FL(),
                    t(" was seen by "),
                    (rng.choice(["Dr. ", "Dr "]), None),
                    (g.first_last()[1], "PERSON"),
                    t(" at "),
                    Og(),
                    t("."),
                ],
                [t("Referred from "), Og(), t(", "), L(), t(". Next of kin: "), FL(), t(".")],
                [
                    t("pt "),
                    (g.first_last()[0].lower(), "PERSON"),
                    t(" c/o headache, hx of migraine"),
                ],
            ]
        )

    def forum() -> list[Slot]:
        return rng.choice(
            [
                [
                    t("Thanks "),
                    F(),
                    t(", that fixed it! I'm in "),
                    L(),
                    t(" if anyone wants to meet."),
                ],
                [t("As "), FL(), t(" wrote in the docs, "), W()],
                [t("Posted by "), F(), t(" from "), L()],
                [W()],
                [t("Has anyone worked at "), Og(), t("? "), W()],
            ]
        )

    def bio() -> list[Slot]:
        return rng.choice(
            [
                [FL(), t(" is a software engineer at "), Og(), t(" based in "), L(), t(".")],
                [t("Born in "), L(), t(", "), F(), t(" studied at the "), Og(), t(".")],
                [t("Contact: "), FL(), t(", "), Og(), t(", "), L()],
            ]
        )

    return {"chat": chat, "email": email, "ticket": ticket, "court": court, "news": news,
            "medical": medical, "forum": forum, "bio": bio}  # fmt: skip


def _render(parts: list[Slot]) -> tuple[str, list[dict[str, object]]]:
    text = ""
    spans: list[dict[str, object]] = []
    for s, label in parts:
        if label is not None and s:
            spans.append({"start": len(text), "end": len(text) + len(s), "label": label})
        text += s
    return text, spans


def frame(g: Gen) -> list[Slot]:
    """A NAME_FRAMES sentence: {F} first name, {S} surname, {f}/{s} lowercase first
    name/surname, {I} an initial, {L} a place, {O} an organization."""
    parts: list[Slot] = []
    tpl = g.rng.choice(NAME_FRAMES)
    lower = "{f}" in tpl or "{s}" in tpl
    for piece in re.split(r"(\{[FSfsILO]\})", tpl):
        if piece == "{F}":
            parts.append((g.first_last()[0], "PERSON"))
        elif piece == "{S}":
            parts.append((g.first_last()[1], "PERSON"))
        elif piece == "{f}":
            parts.append((g.first_last()[0].lower(), "PERSON"))
        elif piece == "{s}":
            parts.append((g.first_last()[1].lower(), "PERSON"))
        elif piece == "{I}":
            initial = g.first_last()[0][0]
            parts.append((initial.lower() if lower else initial, "PERSON"))
        elif piece == "{L}":
            parts.append((g.place(), "LOCATION"))
        elif piece == "{O}":
            parts.append((g.org(), "ORGANIZATION"))
        elif piece:
            parts.append((piece, None))
    # adjacent name slots ("{F} {S}") form one mention
    merged: list[Slot] = []
    for text, label in parts:
        if (
            label == "PERSON"
            and len(merged) >= 2
            and merged[-1][0] in (" ", ". ")
            and merged[-1][1] is None
            and merged[-2][1] == "PERSON"
        ):
            sep = merged.pop()[0]
            merged[-1] = (merged[-1][0] + sep + text, "PERSON")
        else:
            merged.append((text, label))
    return merged


def generate(docs: int, seed: int) -> list[dict[str, object]]:
    g = Gen(seed)
    tpl = _templates(g)
    genres = list(tpl)
    out = []
    for i in range(docs):
        genre = genres[i % len(genres)]
        parts: list[Slot] = []
        for k in range(g.rng.randint(1, 4)):
            if k:
                parts.append(
                    ({"chat": "\n", "ticket": "\n", "email": "\n\n---\n\n"}.get(genre, " "), None)
                )
            r = g.rng.random()
            if r < 0.25:
                parts.append((g.rng.choice(FILLER), None))
            elif r < 0.55:
                parts.extend(frame(g))
            else:
                parts.extend(tpl[genre]())
        text, spans = _render(parts)
        if genre in ("chat", "forum") and g.rng.random() < 0.4:
            text = text.lower()
        elif g.rng.random() < 0.03:
            text = text.upper()
        out.append({"id": f"synth-{i}", "genre": genre, "text": text, "spans": spans})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    with a.out.open("w", encoding="utf-8") as f:
        for rec in generate(a.docs, a.seed):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
