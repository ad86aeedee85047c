"""The edit every timed rebuild makes: one word in front of one competence's Danish description."""

from __future__ import annotations

import re

import yaml
from generate import ALL_STAFF_CODE


def edit_description(profiles_yaml: str, code: str, marker: str) -> str:
    """profiles.yaml with `marker` put in front of competence `code`'s Danish description; all else unchanged."""
    lines = profiles_yaml.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.fullmatch(rf"\s*(- )?code: {re.escape(code)}\s*", line))
    described = next(i for i in range(start, len(lines)) if re.fullmatch(r"\s*description:\s*", lines[i]))
    match = re.fullmatch(r"(\s*da: ['\"]?)(.*\n?)", lines[described + 1], re.DOTALL)
    if match is None:
        raise ValueError(f"no 'da:' line under {code}'s description")
    lines[described + 1] = f"{match[1]}{marker} {match[2]}"
    return "".join(lines)


def first_competence(profiles_yaml: str) -> tuple[str, str]:
    """The code of the first role's first competence, and that role's page name: the one the edit goes to."""
    data = yaml.load(profiles_yaml, Loader=yaml.CSafeLoader)
    profile = next(p for p in data["profiles"] if p["code"] != ALL_STAFF_CODE)
    return profile["competences"][0]["code"], profile["code"].lower()
