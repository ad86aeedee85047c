"""partnerships.yaml: its shape, declared once, and its validation into the register.

The file is optional and sits beside profiles.yaml. It is read with the project's
YAML reader (line numbers, duplicate keys refused) and validated with the same field
declarations as profiles.yaml (`sources/schema.py`), so its messages name the file and
line, say what is wrong and how to fix it, and its JSON Schema
(schema/partnerships.schema.json) comes from the same declarations. The rules no
schema can say (unique codes, declared goals, dates in order, the agreement file) are
checked here. Partnerships under 'examples:' are the shipped, fictional ones.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..i18n import _, in_language
from ..model import Text
from ..problems import Problems
from ..sources.folder import PARTNERSHIPS_FILE
from ..sources.content import load_strings
from ..sources.history import DATED_SOURCES, source_date
from ..sources.schema import TODO, Bilingual, Code, Context, Date, Field, ListOf, Record, Spec, Str
from ..sources.yaml_source import YamlList, YamlMap, has_lines, load_yaml
from ..model.partnerships import Coordinator, Goal, Partnership, Register

SCHEMA_FILE = "schema/partnerships.schema.json"
TEXTS_FILE = "content/partnership-documents.yaml"  # the printed agreement's and evaluation form's texts
AGREEMENT_SIGNATURE = b"%PDF-"
MAX_AGREEMENT_BYTES = 20_000_000
# Codes appear in file names and addresses (partnership-laes-2026.html): capitals and digits, hyphen-separated.
PARTNERSHIP_CODE = r"(?=.{2,24}$)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
GOAL_CODE = r"[A-Z][A-Z0-9]{1,11}"


@dataclass
class OneCoordinator(Spec):
    """Exactly one partnership coordinator: a block with 'name:' and an optional 'contact:'."""

    description: Any = _("exactly one partnership coordinator (the source advises one per partnership): a block with "
                         "'name:' and, if you like, 'contact:' (a work e-mail or phone)")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> Coordinator | None:
        if isinstance(value, YamlList):
            ctx.error(line, _("'{name}' lists {count} people, but a partnership has exactly one partnership coordinator, "
                              "as the source advises: one person who answers for it. Keep one block with 'name:' under "
                              "'coordinator:'; others who take part can be named in the purpose.", name=name,
                              count=len(value)))
            return None
        if not isinstance(value, YamlMap):
            ctx.error(line, _("'{name}' should be a block with 'name:' and, if you like, 'contact:' indented below it.",
                              name=name))
            return None
        for key in value:
            if key not in ("name", "contact"):
                ctx.error(value.line_of(key), _("unknown key '{key}' in 'coordinator'. Allowed: name, contact.", key=key))
        if "name" not in value:
            ctx.error(line, "'coordinator' has no 'name'. Add a line 'name: …' with the partnership coordinator's name.")
            return None
        person = Str("the partnership coordinator's name").read(value["name"], value.line_of("name"), f"{name}.name", ctx)
        contact = None
        if "contact" in value:
            contact = Str("a work e-mail address or phone number").read(value["contact"], value.line_of("contact"),
                                                                          f"{name}.contact", ctx)
            if contact is None:
                return None
        return None if person is None else Coordinator(person, contact)

    def skeleton(self, code: str) -> dict[str, str]:
        """The block `python build.py new partnership` writes: one coordinator to name."""
        return {"name": TODO, "contact": TODO}

    def json_schema(self) -> dict[str, Any]:
        text = Str().json_schema()
        return {"type": "object", "description": self.description,
                "properties": {"name": {**text, "description": "The partnership coordinator's name."},
                               "contact": {**text, "description": "A work e-mail address or phone number (optional)."}},
                "required": ["name"], "additionalProperties": False}


GOAL = Record(
    build=Goal,
    label=_("goal"),
    here=_("this goal"),
    description=_("goal blocks, each starting '- code: …'"),
    fields=(
        Field("code", Code(pattern=GOAL_CODE, example="READING", description=_("a goal code")),
              doc="Stable code the partnerships name the goal by."),
        Field("name", Bilingual(), doc="The strategic goal as the library's strategy words it."),
    ),
)

PARTNERSHIP = Record(
    build=Partnership,
    label=_("partnership"),
    here=_("this partnership"),
    description=_("partnership blocks, each starting '- code: …'"),
    fields=(
        Field("code", Code(pattern=PARTNERSHIP_CODE, example="READ-2026", description=_("a partnership code")),
              doc="Stable code used in the partnership's address and its PDFs; never reuse one."),
        Field("name", Bilingual(), doc="The partnership's name."),
        Field("purpose", Bilingual(), doc="What the partnership is for, in a few sentences."),
        Field("announcement", Bilingual(), doc="The news item that celebrates the new partnership."),
        Field("partners", ListOf(Str("the name of a partner organisation"), min_items=1),
              doc="The partner organisations, besides the library."),
        Field("coordinator", OneCoordinator(), doc="The one partnership coordinator."),
        Field("start", Date(), doc="The day the partnership starts, YYYY-MM-DD."),
        Field("review", Date(), doc="The day of its next review, YYYY-MM-DD."),
        Field("end", Date(), required=False, doc="The day it ends, YYYY-MM-DD (optional)."),
        Field("goals", ListOf(Code(pattern=GOAL_CODE, example="READING", description=_("a goal code")), min_items=1),
              doc="The codes of the strategic goals it serves, from 'goals:'."),
        Field("target_groups", ListOf(Bilingual(), min_items=1), doc="Who the partnership is for."),
        Field("agreement", Str("a PDF file under content/, such as agreements/read-2026.pdf"), required=False,
              doc="The signed agreement: a PDF under content/ (optional)."),
    ),
)

PARTNERSHIPS_SPEC = Record(
    build=dict,
    label="",
    description=_("The competence handbook's partnerships.yaml: the library's partnerships and the strategic goals they serve."),
    fields=(
        Field("goals", ListOf(GOAL, min_items=1), doc="The library's strategic goals, declared once."),
        Field("partnerships", ListOf(PARTNERSHIP), doc="The library's partnerships."),
        Field("examples", ListOf(PARTNERSHIP), required=False, default=(),
              doc="Fictional example partnerships, marked 'Example' wherever they show. Delete the whole block before publishing."),
    ),
)


def json_schema() -> dict[str, Any]:
    with in_language("en"):  # the shipped file is the same whatever language the build speaks
        return {"$schema": "http://json-schema.org/draft-07/schema#", "title": PARTNERSHIPS_FILE,
                **PARTNERSHIPS_SPEC.json_schema()}


def json_schema_text() -> str:
    """The schema as shipped in schema/partnerships.schema.json: stable bytes, so a test can compare them."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def load_register(root: Path, content_dir: Path, today: datetime.date, problems: Problems) -> Register | None:
    """partnerships.yaml as the register as of `today`; None when the file is absent or has errors.

    Read quickly without line numbers, and again with them when there is a problem to point at.
    """
    path = root / PARTNERSHIPS_FILE
    found = Problems()
    document = load_yaml(path, PARTNERSHIPS_FILE, found, lines=False)
    register = read_register(document, PARTNERSHIPS_FILE, content_dir, today, found)
    if found.items and not has_lines(document):
        found = Problems()
        register = read_register(load_yaml(path, PARTNERSHIPS_FILE, found), PARTNERSHIPS_FILE, content_dir, today, found)
    problems.extend(found.items)
    return register


def read_register(document: Any, file: str, content_dir: Path, today: datetime.date,
                  problems: Problems) -> Register | None:
    """Validate the whole of partnerships.yaml and build the register; None if anything is an error
    (`problems` holds this file's problems only, its reading's included)."""
    ctx = Context(file, problems)
    if document is None:
        return None  # unreadable: load_yaml has said why
    if not isinstance(document, YamlMap):
        ctx.error(getattr(document, "line", 1), "should be a block of 'key: value' lines at the top level: 'goals:', "
                  "'partnerships:' and, while the examples are kept, 'examples:'.")
        return None
    values = PARTNERSHIPS_SPEC.read(document, document.line, file, ctx)
    _check_unique_codes(document, ctx)
    if values is None or problems.errors:
        return None
    examples = tuple(replace(p, example=True) for p in values["examples"])
    partnerships = tuple(p.judged(today) for p in (*values["partnerships"], *examples))
    register = Register(goals=values["goals"], partnerships=partnerships, today=today,
                        examples_line=document.line_of("examples") if examples else 0)
    for partnership in partnerships:
        _check_partnership(partnership, register, content_dir, ctx)
    if problems.errors:
        return None
    _warn(register, ctx)
    return register


def _check_unique_codes(document: YamlMap, ctx: Context) -> None:
    """Each goal's and each partnership's code is used once (examples included): it is their address."""
    for what, lists in (("goal", ("goals",)), ("partnership", ("partnerships", "examples"))):
        seen: dict[str, int] = {}
        for key in lists:
            entries = document.get(key)
            for entry in entries if isinstance(entries, YamlList) else []:
                code = entry.get("code") if isinstance(entry, YamlMap) else None
                if not isinstance(code, str):
                    continue
                line = entry.line_of("code")
                if code in seen:
                    if what == "goal":
                        ctx.error(line, _("the goal code {code} is used twice (first on line {first}). Give each goal "
                                          "its own code.", code=code, first=seen[code]))
                    else:
                        ctx.error(line, _("the partnership code {code} is used twice (first on line {first}). Give each "
                                          "partnership its own code.", code=code, first=seen[code]))
                else:
                    seen[code] = line


def _check_partnership(p: Partnership, register: Register, content_dir: Path, ctx: Context) -> None:
    inner = ctx.at(_("partnership {code}", code=p.code))
    declared = [g.code for g in register.goals]
    for code in p.goals:
        if code not in declared:
            inner.error(p.line, _("the goal {code} is not declared under 'goals:'. Use one of {declared}, or declare it "
                                  "there with its name in Danish and English.", code=code, declared=", ".join(declared)))
    if p.end is not None and p.end < p.start:
        inner.error(p.line, _("ends ({end}) before it starts ({start}). Correct 'end:' or 'start:'.", end=str(p.end),
                              start=str(p.start)))
    if p.review < p.start:
        inner.error(p.line, _("is to be reviewed ({review}) before it starts ({start}). Set 'review:' to a day after the "
                              "start.", review=str(p.review), start=str(p.start)))
    if p.end is not None and p.review > p.end:
        inner.error(p.line, _("is to be reviewed ({review}) after it ends ({end}). Set 'review:' to a day before the "
                              "end, when there is still time to act on it.", review=str(p.review), end=str(p.end)))
    if p.agreement is not None:
        _check_agreement(p.agreement, p.line, content_dir, inner)


def _check_agreement(relative: str, line: int, content_dir: Path, ctx: Context) -> None:
    """The signed agreement is a PDF inside content/, published as images are; nothing outside is read."""
    target = (content_dir / relative).resolve()
    if relative.startswith(("/", "..")) or "\\" in relative or not target.is_relative_to(content_dir.resolve()):
        ctx.error(line, _("the agreement '{file}' lies outside the content/ folder. Copy the PDF to content/agreements/ "
                          "and write 'agreement: agreements/NAME.pdf'.", file=relative))
        return
    if target.suffix.lower() != ".pdf" or not target.is_file():
        ctx.error(line, _("the agreement '{file}' is not a PDF file in content/. Check the name and the folder (it should "
                          "end in .pdf).", file=relative))
        return
    if target.stat().st_size > MAX_AGREEMENT_BYTES:
        ctx.error(line, _("the agreement '{file}' is more than {limit} bytes. Save a smaller PDF.", file=relative,
                          limit=f"{MAX_AGREEMENT_BYTES:,}"))
        return
    with target.open("rb") as file:
        if not file.read(len(AGREEMENT_SIGNATURE)) == AGREEMENT_SIGNATURE:
            ctx.error(line, _("the agreement '{file}' is not a PDF inside, whatever its name says. Save or scan it again "
                              "as PDF.", file=relative))


def _warn(register: Register, ctx: Context) -> None:
    """What the network coordinator should act on: overdue reviews, and examples left in before publishing."""
    for p in register.reviews("overdue"):
        ctx.warning(p.line, _("partnership {code} ({name}): its review was due on {review} and is overdue; its "
                              "partnership coordinator is {coordinator}. Hold the review, then set 'review:' to the date "
                              "of the next one.", code=p.code, name=p.name.da, review=p.review.isoformat(),
                              coordinator=p.coordinator.name))
    if register.has_examples:
        count = sum(1 for p in register.partnerships if p.example)
        ctx.warning(register.examples_line, _("holds {count} fictional example partnership(s), shown marked 'Example'. "
                                              "Delete the whole 'examples:' block before publishing.", count=count))


def agreement_files(register: Register) -> tuple[str, ...]:
    """The signed agreements the site publishes, relative to content/."""
    return tuple(sorted({p.agreement for p in register.partnerships if p.agreement}))


# Interface texts the register's Python code uses (the templates' are checked as they render).
REQUIRED_STRINGS = ("nav_partnerships", "nav_partnerships_overview", "a_to_z_partnership", "partnership_feed_title",
                    "partnership_calendar_name", "partnership_review_event", "example_mark")


def read_partnerships(root: Path, content_dir: Path, fallback_date: datetime.date, problems: Problems) -> Register | None:
    """The register, when the handbook has a partnerships.yaml; judged as of the date the sources last
    changed (SOURCE_DATE_EPOCH, else their last commit), or `fallback_date` outside git."""
    if not (root / PARTNERSHIPS_FILE).is_file():
        return None
    today = source_date(root, (*DATED_SOURCES, PARTNERSHIPS_FILE)) or fallback_date
    texts = load_strings(root / TEXTS_FILE, TEXTS_FILE, problems)
    register = load_register(root, content_dir, today, problems)
    return None if register is None else replace(register, texts=texts)


def check_register_strings(ui: dict[str, Text], rel: str, problems: Problems) -> None:
    """The interface texts the register's code needs are in content/ui.yaml."""
    for key in REQUIRED_STRINGS:
        if key not in ui:
            problems.error(rel, 0, _("has no '{key}' string, which the partnership register needs. Add '{key}:' with "
                                     "'da:' and 'en:' lines.", key=key))
