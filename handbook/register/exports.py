"""The register as open data: a CSV file and schema.org JSON-LD, both with every language.

The CSV follows the competence export's rules (`data/exports.py`): UTF-8 with a BOM, RFC 4180
quoting, CRLF, and a ' before a text a spreadsheet would run as a formula. The JSON-LD
describes each partnership as a schema.org `Project` with its partners, its coordinator,
its dates, audiences and goals; its `@context` is inline and nothing is fetched to read it.
A text not yet translated has no English value: the data never passes Danish off as English.
The coordinators' contacts stay on the pages: the data files name the person only.
"""

from __future__ import annotations

import json
from typing import Any

from ..data.exports import PlainTexts, csv_line
from ..model import LANGUAGES, Handbook, Text
from .feeds import partnership_id
from ..model.partnerships import Partnership, Register
from .pages import CSV_PATH, JSON_LD_PATH

CSV_COLUMNS = ("code", "name_da", "name_en", "status", "start", "review", "end", "coordinator", "partners", "goals",
               "target_groups_da", "target_groups_en", "purpose_da", "purpose_en", "example")
LIST_SEPARATOR = "; "  # between partners, goals and target groups in one CSV cell


def register_data(handbook: Handbook, register: Register) -> dict[str, bytes]:
    """The register's data files by output path."""
    plain = PlainTexts()
    return {CSV_PATH: register_csv(register, plain), JSON_LD_PATH: register_json_ld(handbook, register, plain)}


def register_csv(register: Register, plain: PlainTexts) -> bytes:
    """One row per partnership, in the file's order."""
    lines = [",".join(CSV_COLUMNS)]
    for p in register.partnerships:
        groups = {lang: LIST_SEPARATOR.join(getattr(t, lang) or "" for t in p.target_groups) for lang in LANGUAGES}
        row = [p.code, p.name.da, p.name.en, p.status, p.start.isoformat(), p.review.isoformat(),
               p.end.isoformat() if p.end else "", p.coordinator.name, LIST_SEPARATOR.join(p.partners),
               LIST_SEPARATOR.join(p.goals), groups["da"] if all(t.da for t in p.target_groups) else "",
               groups["en"] if all(t.en for t in p.target_groups) else "", p.purpose.da, p.purpose.en,
               "yes" if p.example else "no"]
        lines.append(csv_line(row, plain))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _values(text: Text, plain: PlainTexts) -> list[dict[str, str]]:
    """A text as one language-tagged value per language it is written in."""
    return [{"@value": plain[value], "@language": lang} for lang in LANGUAGES if (value := getattr(text, lang))]


def _project(handbook: Handbook, register: Register, p: Partnership, plain: PlainTexts) -> dict[str, Any]:
    base_url = handbook.data.base_url
    node: dict[str, Any] = {
        "@id": partnership_id(handbook, p),
        "@type": "Project",
        "identifier": p.code,
        "name": _values(p.name, plain),
        "description": _values(p.purpose, plain),
        "foundingDate": p.start.isoformat(),
    }
    if p.end:
        node["dissolutionDate"] = p.end.isoformat()
    node["member"] = [{"@type": "Organization", "name": name} for name in p.partners]
    node["employee"] = {"@type": "Person", "name": p.coordinator.name,
                        "jobTitle": _values(handbook.ui["partnership_coordinator_label"], plain)}
    node["audience"] = [{"@type": "Audience", "audienceType": _values(group, plain)} for group in p.target_groups]
    node["keywords"] = [value for code in p.goals for value in _values(register.goal(code).name, plain)]
    node["additionalProperty"] = [
        {"@type": "PropertyValue", "name": "status", "value": p.status},
        {"@type": "PropertyValue", "name": "review", "value": p.review.isoformat()},
        {"@type": "PropertyValue", "name": "example", "value": p.example},
    ]
    if base_url:
        node["url"] = [f"{base_url}{lang}/{p.slug}.html" for lang in LANGUAGES]
    return node


def register_json_ld(handbook: Handbook, register: Register, plain: PlainTexts) -> bytes:
    """Every partnership as a schema.org Project, in the file's order; dated by the build date."""
    document = {
        "@context": {"@vocab": "https://schema.org/"},
        "@type": "ItemList",
        "name": _values(handbook.ui["nav_partnerships"], plain),
        "dateModified": register.today.isoformat(),
        "numberOfItems": len(register.partnerships),
        "itemListElement": [{"@type": "ListItem", "position": index, "item": _project(handbook, register, p, plain)}
                            for index, p in enumerate(register.partnerships, start=1)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
