"""`python build.py new KIND CODE`: a complete new block, with TODO texts, added at its place in a source file.

The block is made from the schema's own declarations (`sources/schema.py`), so every
key a competence or a profile has, including keys added later, is in it, each text in
Danish and English. It is inserted as text after the last block of its list: the rest
of the file, its comments and its layout stay exactly as they were. The TODO texts are
valid, so the handbook still builds; `--strict` refuses them until they are written.

A new kind of block is one row in `KINDS`: the declaration of the block, the file and
the list it goes in, and the codes it may have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .i18n import Text, _
from .problems import Problems, UsageError
from .sources.folder import PROFILES_FILE
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
class Kind:
    """A kind of block `new` can add."""

    spec: Record  # the declaration the block is made from
    name: Text  # 'profile', as messages name it
    file: str  # where it goes, relative to the handbook's folder
    example: str  # a code, for messages
    # Given the file's parsed document and the new code: the list the block goes at the end of, and
    # what that list belongs to (for messages), or a UsageError saying why the code cannot be added.
    find_list: Callable[[YamlMap, str], tuple[YamlList, Text]]
    next_code: Callable[[YamlMap, str], str] | None = None  # a full code for a code that names only where


def _profiles(document: YamlMap) -> YamlList:
    profiles = document.get("profiles")
    if not isinstance(profiles, YamlList):
        raise UsageError(_("{file} has no 'profiles:' list to add to.", file=PROFILES_FILE))
    return profiles


def _profile_list(document: YamlMap, code: str) -> tuple[YamlList, Text]:
    return _profiles(document), "'profiles:'"


def _competence_list(document: YamlMap, code: str) -> tuple[YamlList, Text]:
    prefix = code.rpartition("-")[0]
    for profile in _profiles(document):
        if isinstance(profile, YamlMap) and profile.get("code") == prefix:
            competences = profile.get("competences")
            if isinstance(competences, YamlList):
                return competences, _("profile {code}", code=prefix)
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


KINDS: dict[str, Kind] = {
    "profile": Kind(PROFILE, _("profile"), PROFILES_FILE, "EVT", _profile_list),
    "competence": Kind(COMPETENCE, _("competence"), PROFILES_FILE, "NET-7", _competence_list, _next_competence_code),
}


@dataclass(frozen=True)
class Added:
    kind: Text
    code: str
    file: str
    first_line: int
    last_line: int
    after: Text  # what it follows, for the message


def add_block(root: Path, kind_name: str, code: str) -> Added:
    """Insert a new block of `kind_name` with `code` into its file under `root`; where it went."""
    kind = KINDS.get(kind_name)
    if kind is None:
        raise UsageError(_("'new {kind}': there is no such kind of block. Kinds: {kinds}.", kind=kind_name,
                           kinds=", ".join(KINDS)))
    path = root / kind.file
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
    target, owner = kind.find_list(document, code)
    text = path.read_text(encoding="utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    last_item = target.item_lines[-1]
    column = len(lines[last_item - 1]) - len(lines[last_item - 1].lstrip(" "))
    end = _block_end(lines, last_item, column)
    spaced = last_item >= 2 and not lines[last_item - 2].strip()  # the file leaves a blank line between blocks
    block = _emit([skeleton(kind.spec, code)], column)
    insert = ([""] if spaced else []) + block
    new_lines = lines[:end] + insert + lines[end:]
    path.write_text(newline.join(new_lines) + (newline if text.endswith(("\n", "\r")) else ""), encoding="utf-8")
    first = end + len(insert) - len(block) + 1
    previous = target[-1].get("code") if isinstance(target[-1], YamlMap) else None
    return Added(kind.name, code, kind.file, first, first + len(block) - 1,
                 _("after {previous} in {owner}", previous=previous, owner=owner) if previous
                 else _("at the end of {owner}", owner=owner))


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
            inner = _emit(item, indent + len(INDENT))
            inner[0] = f"{pad}- {inner[0].lstrip(' ')}"
            lines.extend(inner)
    return lines
