"""Raw identifiers planted in the report tests' input: none may reach a report."""

PII = [
    "jane.doe@gmail.com",
    "Marguerite Okonkwo",
    "+44 20 7946 0018",
    "DE89 3704 0044 0532 0130 00",
    "4929 3813 3266 4295",
    "536-80-4398",
    "81.2.69.142",
]
# one text per line of input, holding every value of PII
TEXTS = [
    "Hi, my name is Marguerite Okonkwo and my email is jane.doe@gmail.com.",
    "Call me on +44 20 7946 0018 or wire it to DE89 3704 0044 0532 0130 00 please.",
    "The charge went to card 4929 3813 3266 4295. SSN: 536-80-4398",
    "Requests came from 81.2.69.142 all night.",
]
