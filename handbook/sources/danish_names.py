"""The English names profiles.yaml uses, for the Danish words an editor writes instead.

A Danish librarian who writes `titel:` or `owner: makker` has not misspelt anything:
they wrote the right thing in their own language. Spelling suggestions cannot see
that (`makker` looks most like `manager`), so the build looks these words up first.
"""

from __future__ import annotations

from typing import Iterable

# Danish key → the English keys it can stand for; the one allowed where it was written is suggested.
KEYS: dict[str, tuple[str, ...]] = {
    "kode": ("code",),
    "titel": ("title",),
    "overskrift": ("title",),
    "beskrivelse": ("description",),
    "spørgsmål": ("questions", "question"),
    "interviewspørgsmål": ("questions",),
    "opfølgning": ("probes",),
    "opfølgningsspørgsmål": ("probes",),
    "uddybende spørgsmål": ("probes",),
    "niveauer": ("levels",),
    "niveau": ("levels",),
    "vurdering": ("levels",),
    "opgaver": ("onboarding",),
    "introduktion": ("onboarding",),
    "opgave": ("task",),
    "ansvarlig": ("owner",),
    "ejer": ("owner",),
    "fase": ("due",),
    "tidspunkt": ("due",),
    "frist": ("due",),
    "deadline": ("due",),
    "navn": ("name",),
    "resumé": ("summary",),
    "sammenfatning": ("summary",),
    "opsummering": ("summary",),
    "indledning": ("lead",),
    "intro": ("lead",),
    "kompetencer": ("competences",),
    "rekruttering": ("recruitment",),
    "punkter": ("points",),
    "dato": ("date",),
    "adresse": ("base_url",),
    "dansk": ("da",),
    "dk": ("da",),
    "engelsk": ("en",),
    "uk": ("en",),
    "gb": ("en",),
}

# Danish value → the allowed value it means (the owners of onboarding tasks).
VALUES: dict[str, str] = {
    "leder": "manager",
    "lederen": "manager",
    "chef": "manager",
    "chefen": "manager",
    "nærmeste leder": "manager",
    "personaleafdeling": "hr",
    "personaleafdelingen": "hr",
    "makker": "buddy",
    "makkeren": "buddy",
    "mentor": "buddy",
    "kollega": "buddy",
    "medarbejder": "employee",
    "medarbejderen": "employee",
    "nyansat": "employee",
    "den nyansatte": "employee",
}


def english_key(word: str, allowed: Iterable[str]) -> str | None:
    """The allowed key a Danish key name stands for, if it is one we know."""
    candidates = KEYS.get(word.strip().lower(), ())
    return next((key for key in candidates if key in allowed), None)


def english_value(word: str, allowed: Iterable[str]) -> str | None:
    """The allowed value a Danish word means, if it is one we know."""
    value = VALUES.get(" ".join(word.lower().split()))
    return value if value in allowed else None
