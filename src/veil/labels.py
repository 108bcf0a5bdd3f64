"""The labels Veil knows, with a one-line description each (used by the policy
validator, the CLI's help and reports)."""

from __future__ import annotations

__all__ = ["LABELS", "is_label"]

LABELS: dict[str, str] = {
    "PERSON": "a person's name",
    "EMAIL": "an email address, also obfuscated (jane dot doe at example dot org)",
    "PHONE": "a phone or fax number",
    "CREDIT_CARD": "a payment card number (Luhn-valid)",
    "IBAN": "an international bank account number (mod-97 valid)",
    "US_SSN": "a US social security number",
    "NATIONAL_ID": "a national identity or tax number (NINO, NHS, Steuer-ID, NIR, DNI/NIE, codice fiscale, BSN, Aadhaar, PAN)",
    "PASSPORT": "a passport number (near passport context)",
    "DRIVER_LICENSE": "a driving licence number (near licence context)",
    "MEDICAL_RECORD_NUMBER": "a medical record / patient number (near context)",
    "IP_ADDRESS": "an IPv4 or IPv6 address",
    "MAC_ADDRESS": "a hardware MAC address",
    "URL": (
        "the personal part of a URL (profile path, identifying query value, userinfo),"
        " or a whole URL given as the writer's own site"
    ),
    "USERNAME": "a user handle or login name",
    "SECRET": "a credential: API token, private key, password, connection string",
    "CRYPTO_WALLET": "a cryptocurrency wallet address",
    "COORDINATES": "a latitude/longitude pair",
    "VEHICLE_ID": "a vehicle identification number (VIN)",
    "CASE_NUMBER": "a court application or case number (after 'no.', 'application no', 'Az.')",
    "DATE": "a calendar date",
    "DATE_OF_BIRTH": "a date of birth",
    "AGE": "a person's age",
    "STREET_ADDRESS": "a postal address",
    "LOCATION": "a city, region, country or place",
    "ORGANIZATION": "an employer, school, hospital, court or other organization",
    "DEMOGRAPHIC": "nationality, religion or ethnicity",
}


def is_label(name: str) -> bool:
    return name in LABELS
