"""`python build.py new KIND CODE`: a complete new block, with TODO texts, added at its place in a source file.

The block is made from the schema's own declarations (`sources/schema.py`, and
`register/source.py` for partnerships), so every key a block has, including keys added
later, is in it, each text in Danish and English. It is inserted as text after the last
block of its list (or as the first, under its key): the rest of the file, its comments
and its layout stay exactly as they were. The TODO texts are valid, so the handbook
still builds; `--strict` refuses them until they are written.

A new kind of block is one row in `KINDS`: the declaration of the block, the file and
the list it goes in, and the codes it may have.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from .i18n import Text, _
from .problems import Problems, UsageError
from .register.source import PARTNERSHIP
from .sources.folder import PARTNERSHIPS_FILE, PROFILES_FILE
from .sources.schema import (
    COMPETENCE,
    PROFILE,
    TODO,
    Bilingual,
    Choice,
    Code,
    Levels,
    ListOf,
    Record,
    Spec,
)
from .sources.yaml_source import YamlList, YamlMap, load_yaml

INDENT = "  "


@dataclass(frozen=True)
class Place:
    """Where a new block goes: at the end of the list under `key` in `parent`, whose blocks are `items`
    (none yet when the key is empty, `[]`, or not there)."""

    parent: YamlMap
    key: str
    items: YamlList | None
    owner: Text  # what the list belongs to, for messages
    at_top: bool = False  # a list at the top of the file, which may be added when it is not there


@dataclass(frozen=True)
class Kind:
    """A kind of block `new` can add."""

    spec: Record  # the declaration the block is made from
    name: Text  # 'profile', as messages name it
    file: str  # where it goes, relative to the handbook's folder
    example: str  # a code, for messages
    # Given the file's parsed document and the new code: where the block goes, or a UsageError saying
    # why the code cannot be added.
    find_place: Callable[[YamlMap, str], Place]
    next_code: Callable[[YamlMap, str], str] | None = None  # a full code for a code that names only where
    # Values for keys whose TODO would not be valid (dates, codes declared elsewhere), given the document
    # and today's date; None leaves an optional key out.
    values: Callable[[YamlMap, datetime.date], dict[str, Any]] | None = None
    new_file: str | None = None  # the file's text when the handbook has none yet (it is optional)
    check: Text = ""  # what else the editor should look at in the new block


def _profiles(document: YamlMap) -> YamlList:
    profiles = document.get("profiles")
    if not isinstance(profiles, YamlList) or not profiles:
        raise UsageError(_("{file} has no 'profiles:' list to add to.", file=PROFILES_FILE))
    return profiles


def _profile_list(document: YamlMap, code: str) -> Place:
    return Place(document, "profiles", _profiles(document), "'profiles:'", at_top=True)


def _competence_list(document: YamlMap, code: str) -> Place:
    prefix = code.rpartition("-")[0]
    for profile in _profiles(document):
        if isinstance(profile, YamlMap) and profile.get("code") == prefix:
            competences = profile.get("competences")
            return Place(profile, "competences", competences if isinstance(competences, YamlList) else None,
                         _("profile {code}", code=prefix))
    codes = [p.get("code") for p in _profiles(document) if isinstance(p, YamlMap)]
    raise UsageError(_("there is no profile {profile} to add {code} to. A competence's code starts with its profile's "
                       "code: {codes}.", profile=prefix, code=code,
                       codes=", ".join(f"{c}-…" for c in codes if isinstance(c, str))))


def _next_competence_code(document: YamlMap, code: str) -> str:
    """'NET' → the next free 'NET-n'."""
    if "-" in code:
        return code
    used = {c for c in _codes(document)}
    number = 1
    while f"{code}-{number}" in used:
        number += 1
    return f"{code}-{number}"


def _partnership_list(document: YamlMap, code: str) -> Place:
    partnerships = document.get("partnerships")
    return Place(document, "partnerships", partnerships if isinstance(partnerships, YamlList) else None,
                 "'partnerships:'", at_top=True)


def _partnership_values(document: YamlMap, today: datetime.date) -> dict[str, Any]:
    """Starting today, reviewed in a year, serving the first declared goal; no end and no signed agreement yet."""
    goals = document.get("goals")
    codes = [g["code"] for g in goals if isinstance(g, YamlMap) and isinstance(g.get("code"), str)] \
        if isinstance(goals, YamlList) else []
    return {"start": today.isoformat(), "review": _a_year_after(today).isoformat(), "end": None,
            "goals": codes[:1] or [TODO], "agreement": None}


def _a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# A handbook's first partnerships.yaml: one goal to write, and the list the new partnership goes in.
_NEW_PARTNERSHIPS_FILE = """\
# yaml-language-server: $schema=schema/partnerships.schema.json
# The library's partnerships: the register, the network coordinator's overview, news and review dates.
# Every text has a Danish (da) and an English (en) version. See README.md, "The partnership register".

# The library's strategic goals, declared once; each partnership names the goals it serves by code.
goals:
  - code: GOAL
    name:
      da: TODO
      en: TODO

# The library's own partnerships.
partnerships: []
"""

KINDS: dict[str, Kind] = {
    "profile": Kind(PROFILE, _("profile"), PROFILES_FILE, "EVT", _profile_list),
    "competence": Kind(COMPETENCE, _("competence"), PROFILES_FILE, "NET-7", _competence_list, _next_competence_code),
    "partnership": Kind(PARTNERSHIP, _("partnership"), PARTNERSHIPS_FILE, "READ-2026", _partnership_list,
                        values=_partnership_values, new_file=_NEW_PARTNERSHIPS_FILE,
                        check=_("It starts today and is reviewed in a year, for the first goal: change the dates and "
                                "goals as agreed, and add 'end:' or 'agreement:' once there is an end date or a signed agreement.")),
}


@dataclass(frozen=True)
class Added:
    kind: Text
    code: str
    file: str
    first_line: int
    last_line: int
    after: Text  # what it follows, for the message
    check: Text = ""  # what else to look at


def add_block(root: Path, kind_name: str, code: str, today: datetime.date | None = None) -> Added:
    """Insert a new block of `kind_name` with `code` into its file under `root`; where it went.

    `today` dates a block that has dates (a partnership's start); the default is the machine's date.
    A kind whose file is optional starts the file when the handbook has none.
    """
    kind = KINDS.get(kind_name)
    if kind is None:
        raise UsageError(_("'new {kind}': there is no such kind of block. Kinds: {kinds}.", kind=kind_name,
                           kinds=", ".join(KINDS)))
    path = root / kind.file
    if kind.new_file is None or path.exists() or path.is_symlink():
        return _insert(path, kind, code, today)
    path.write_text(kind.new_file, encoding="utf-8")
    try:
        added = _insert(path, kind, code, today)
    except UsageError:
        path.unlink()  # as it was: no file
        raise
    return replace(added, after=_("{where}; {file} is new, with one goal to write", where=added.after, file=kind.file))


def _insert(path: Path, kind: Kind, code: str, today: datetime.date | None) -> Added:
    problems = Problems()
    document = load_yaml(path, kind.file, problems) if path.is_file() else None
    if problems.errors or not isinstance(document, YamlMap):
        raise UsageError(_("{file} cannot be read as it is: run 'python build.py check', fix what it names, and add "
                           "the block then.", file=kind.file))
    if kind.next_code:
        code = kind.next_code(document, code)
    code_spec = next(f.spec for f in kind.spec.fields if f.name == "code")
    if not isinstance(code_spec, Code) or not re.fullmatch(code_spec.pattern, code):
        raise UsageError(_("'{code}' is not a valid code for a {kind}; write one like {example}.", code=code,
                           kind=kind.name, example=kind.example))
    if code in _codes(document):
        raise UsageError(_("{file} already has a block with the code {code}. Choose another code.", file=kind.file,
                           code=code))
    place = kind.find_place(document, code)
    values = skeleton(kind.spec, code)
    for key, value in (kind.values(document, today or datetime.date.today()) if kind.values else {}).items():
        if value is None:
            del values[key]
        else:
            values[key] = value
    text = path.read_text(encoding="utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    if place.items:
        lines, first, last = _after_last_block(text.splitlines(), place.items, place, values, kind.file)
        previous = place.items[-1].get("code") if isinstance(place.items[-1], YamlMap) else None
        after = (_("after {previous} in {owner}", previous=previous, owner=place.owner) if previous
                 else _("at the end of {owner}", owner=place.owner))
    else:
        lines, first, last = _first_block(text.splitlines(), place, values, kind.file)
        after = _("as the first in {owner}", owner=place.owner)
    path.write_text(newline.join(lines) + (newline if text.endswith(("\n", "\r")) else ""), encoding="utf-8")
    return Added(kind.name, code, kind.file, first, last, after, kind.check)


def _after_last_block(lines: list[str], items: YamlList, place: Place, values: Any,
                      file: str) -> tuple[list[str], int, int]:
    """`lines` with the block of `values` after the last of `items`, the blocks under `place.key`; the block's
    first and last line."""
    last_item = items.item_lines[-1]
    if not lines[last_item - 1].lstrip(" ").startswith("-"):  # a list in brackets: no '- ' line to follow
        raise UsageError(_("line {line} of {file} writes the blocks of '{key}:' in brackets. Write each block on lines "
                           "of its own, starting '- ' under '{key}:' (as in the README), then add the block again.",
                           line=place.parent.line_of(place.key), file=file, key=place.key))
    column = len(lines[last_item - 1]) - len(lines[last_item - 1].lstrip(" "))
    end = _block_end(lines, last_item, column)
    spaced = last_item >= 2 and not lines[last_item - 2].strip()  # the file leaves a blank line between blocks
    block = _emit([values], column)
    insert = ([""] if spaced else []) + block
    first = end + len(insert) - len(block) + 1
    return lines[:end] + insert + lines[end:], first, first + len(block) - 1


def _first_block(lines: list[str], place: Place, values: Any, file: str) -> tuple[list[str], int, int]:
    """`lines` with the block of `values` as the first under `place.key`, which is empty (`key:` or `key: []`)
    or, for a list at the top of the file, not there yet (then it is added at the end)."""
    if place.key not in place.parent:
        if not place.at_top:
            raise UsageError(_("{owner} has no '{key}:' list. Add a line '{key}:' to it, then add the block again.",
                               owner=place.owner, key=place.key))
        block = _emit([values], len(INDENT))
        head = ([""] if lines and lines[-1].strip() else []) + [f"{place.key}:"]
        return lines + head + block, len(lines) + len(head) + 1, len(lines) + len(head) + len(block)
    number = place.parent.line_of(place.key)
    line = lines[number - 1]
    empty = re.fullmatch(rf"( *{re.escape(place.key)}:)[ \t]*(?:\[[ \t]*\]|~|null)?([ \t]+#.*)?", line)
    if not empty:
        raise _cannot_follow(number, file, place.key)
    column = len(line) - len(line.lstrip(" ")) + len(INDENT)
    block = _emit([values], column)
    return lines[:number - 1] + [empty[1] + (empty[2] or "")] + block + lines[number:], number + 1, number + len(block)


def _cannot_follow(line: int, file: str, key: str) -> UsageError:
    return UsageError(_("line {line} of {file} has '{key}:' with something the new block cannot follow. Write it as "
                        "'{key}:' alone on its line, then add the block again.", line=line, file=file, key=key))


def _codes(document: Any) -> set[str]:
    """Every code anywhere in the document."""
    found: set[str] = set()
    if isinstance(document, YamlMap):
        if isinstance(document.get("code"), str):
            found.add(document["code"])
        for value in document.values():
            found |= _codes(value)
    elif isinstance(document, YamlList):
        for value in document:
            found |= _codes(value)
    return found


def _block_end(lines: list[str], first: int, column: int) -> int:
    """The number of the last line of the list item starting on line `first` (1-based) whose '-' is at
    `column`: up to the next line indented no deeper, without the blank and comment lines before it."""
    end = first
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(line) - len(line.lstrip(" ")) <= column:
            break
        end = number
    return end


def skeleton(spec: Spec, code: str) -> Any:
    """A valid value of `spec` with TODO for every text: the shape of a new block.

    A kind of value that knows its own skeleton says so with a `skeleton(code)` method;
    the kinds here are those of sources/schema.py.
    """
    own = getattr(spec, "skeleton", None)
    if callable(own):
        return own(code)
    if isinstance(spec, Record):
        return {f.name: code if isinstance(f.spec, Code) else skeleton(f.spec, code) for f in spec.fields}
    if isinstance(spec, Bilingual):
        return {"da": TODO, "en": TODO}
    if isinstance(spec, Levels):
        return {str(score): skeleton(Bilingual(), code) for score in spec.scores}
    if isinstance(spec, ListOf):
        item = spec.item
        child = f"{code}-1" if isinstance(item, Record) and any(f.name == "code" for f in item.fields) else code
        return [skeleton(item, child)]
    if isinstance(spec, Choice):
        return spec.choices[0]
    return TODO


def _emit(value: Any, indent: int) -> list[str]:
    """`value` as block YAML lines at `indent` spaces, lists indented under their key as in profiles.yaml."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}:")
                lines.extend(_emit(item, indent + len(INDENT)))
            else:
                lines.append(f"{pad}{key}: {item}")
    elif isinstance(value, list):
        for item in value:
            if not isinstance(item, (dict, list)):
                lines.append(f"{pad}- {item}")
                continue
            inner = _emit(item, indent + len(INDENT))
            inner[0] = f"{pad}- {inner[0].lstrip(' ')}"
            lines.extend(inner)
    return lines
