"""The shape of profiles.yaml, declared once: it validates the file and builds the model.

Each `Spec` knows how to check a located YAML value, report what is wrong with the
file and line and how to fix it, and turn a good value into model objects. Every
problem in the file is collected; nothing stops at the first one. Each `Spec` also
describes itself as JSON Schema, so the schema that editors check the file with
(schema/profiles.schema.json, written by `python build.py schema`) is generated
from these same declarations.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import (
    FIRST_DUE_DAY,
    LANGUAGE_NAMES,
    LANGUAGES,
    PHASE_ENDS,
    PRIMARY_LANGUAGE,
    Competence,
    Due,
    Level,
    Profile,
    Profiles,
    Question,
    Recruitment,
    Task,
    Text,
)
from ..i18n import Text as Message
from ..i18n import _, in_language, n_, render
from ..problems import Problems, character_name, closest, did_you_mean, invisible_characters
from .danish_names import english_key, english_value
from .yaml_source import YamlList, YamlMap

# A value must be this alike to an allowed one to be called a misspelling of it: 'manger' is 'manager',
# but 'makker' (Danish for buddy) is another word, and suggesting 'manager' for it would mislead.
VALUE_SPELLING_CUTOFF = 0.75
# The text of a new block's texts ('python build.py new'): valid, so the handbook builds, but warned about.
TODO = "TODO"
# '[text](target)': a Markdown link, which a YAML text cannot be (texts are shown as written, never as markup).
_MARKDOWN_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)")


@dataclass
class Context:
    """Where a value is: the file for messages, and a label such as 'competence NET-3'."""

    file: str
    problems: Problems
    label: Message = ""

    def at(self, label: Message) -> "Context":
        return Context(self.file, self.problems, label)

    def error(self, line: int, message: Message) -> None:
        self.problems.error(self.file, line, self._labelled(message))

    def warning(self, line: int, message: Message) -> None:
        self.problems.warning(self.file, line, self._labelled(message))

    def _labelled(self, message: Message) -> Message:
        return _("{label}: {message}", label=self.label, message=message) if self.label else message


def _kind(value: Any) -> Message:
    """How an editor would name what they wrote."""
    if isinstance(value, YamlMap):
        return _("a block of 'key: value' lines")
    if isinstance(value, YamlList):
        return _("a list")
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return _("the yes/no value {value}", value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("the number {value}", value=value)
    if isinstance(value, datetime.date):
        return _("the date {value}", value=str(value))
    return _("a text")


class Spec:
    """A kind of value in profiles.yaml."""

    description: Message = ""  # what an editor should write, for messages and the JSON Schema (in English)

    def read(self, value: Any, line: int, name: str, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """This kind of value as JSON Schema (draft-07), with `description` as its hover text."""
        raise NotImplementedError


@dataclass
class Str(Spec):
    description: Message = _("a text")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> str | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            ctx.error(line, _("'{name}' should be {description}, not {kind}. Put the text in quotes.", name=name,
                              description=self.description, kind=_kind(value)))
            return None
        if not value.strip():
            ctx.error(line, _("'{name}' is empty. Write {description}.", name=name, description=self.description))
            return None
        if value.strip() == TODO:
            ctx.warning(line, _("'{name}' is still '{todo}', as 'python build.py new' wrote it. Write the text; "
                                "until then --strict refuses the handbook.", name=name, todo=TODO))
        link = _MARKDOWN_LINK.search(value)
        if link:
            ctx.warning(line, _("'{name}' holds the link '{link}', but texts in this file are shown as written, not as "
                                "links: readers see the brackets. Name the page or competence in words (such as NET-3), "
                                "or put the link on a page in content/.", name=name, link=link.group(0)))
        return value.strip()

    def json_schema(self) -> dict[str, Any]:
        # Numbers are read as texts (version: 2026.1); an empty or blank text is refused.
        return {"type": ["string", "number"], "pattern": r"\S", "description": render(self.description)}


@dataclass
class Url(Str):
    """The web address a site is published at: http(s), no query or fragment; kept with a final '/'."""

    description: Message = _("a web address starting with https://, such as https://intranet.example.dk/handbook/")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> str | None:
        text = super().read(value, line, name, ctx)
        if text is None:
            return None
        if not re.fullmatch(r"https?://[^\s/?#<>\"'\\]+(/[^\s?#<>\"'\\]*)?", text):
            ctx.error(line, _("'{name}' is '{text}', which is not a web address. Write {description}.", name=name, text=text,
                              description=self.description))
            return None
        return text if text.endswith("/") else text + "/"


@dataclass
class Code(Spec):
    """A stable code used in file names, anchors and form fields: safe in any URL."""

    pattern: str = r"[A-Z][A-Z0-9]{1,9}"
    example: str = "NET"
    description: Message = _("a code")
    shape: Message = _("two to ten capital letters or digits, starting with a letter")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> str | None:
        if isinstance(value, str) and re.fullmatch(self.pattern, value):
            return value
        shown = value if isinstance(value, str) else _kind(value)
        invisible = invisible_characters(shown) if isinstance(value, str) else []
        cleaned = "".join(char for char in shown if char not in invisible)
        if invisible and re.fullmatch(self.pattern, cleaned):
            ctx.error(line, _("'{name}' is '{shown}', which holds the invisible character {character}, often pasted in "
                              "with the text. Delete it, so that the code is '{cleaned}'.", name=name, shown=shown,
                              character=character_name(invisible[0]), cleaned=cleaned))
        else:
            ctx.error(line, _("'{name}' is '{shown}', which is not a valid code. Write {shape}, like '{example}' (codes "
                              "appear in links and file names).", name=name, shown=shown, shape=self.shape,
                              example=self.example))
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^(?:{self.pattern})$", "examples": [self.example],
                "description": render(self.description)}


@dataclass
class Date(Spec):
    description: Message = _("a date written YYYY-MM-DD")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> datetime.date | None:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        ctx.error(line, _("'{name}' should be a date written YYYY-MM-DD, for example 2026-11-25, not {kind}.", name=name,
                          kind=_kind(value)))
        return None

    def json_schema(self) -> dict[str, Any]:
        # Editors read YAML 1.2, where an unquoted 2026-11-25 is a text.
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": render(self.description)}


@dataclass
class Choice(Spec):
    choices: tuple[str, ...] = ()

    @property
    def description(self) -> Message:  # type: ignore[override]
        return _("one of {choices}", choices=", ".join(self.choices))

    def read(self, value: Any, line: int, name: str, ctx: Context) -> str | None:
        if isinstance(value, str) and value in self.choices:
            return value
        shown = value if isinstance(value, str) else _kind(value)
        hint = self._hint(value) if isinstance(value, str) else ""
        ctx.error(line, _("'{name}' is '{shown}'; it must be one of: {choices}.{hint}", name=name, shown=shown,
                          choices=", ".join(self.choices), hint=hint))
        return None

    def _hint(self, value: str) -> Message:
        """The allowed value a Danish word means, else a near-spelling; nothing for an unrelated word."""
        meant = english_value(value, self.choices)
        if meant:
            return _(" For '{value}', write '{meant}'.", value=value, meant=meant)
        return did_you_mean(value, self.choices, cutoff=VALUE_SPELLING_CUTOFF)

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices), "description": render(self.description)}


@dataclass
class Bilingual(Spec):
    """A text in every language: a block with a 'da:' and an 'en:' line."""

    description: Message = _("a text in Danish (da) and English (en)")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> Text | None:
        if not isinstance(value, YamlMap):
            ctx.error(line, _("'{name}' should have a Danish and an English text, on lines 'da:' and 'en:' indented below "
                              "it, not {kind}.", name=name, kind=_kind(value)))
            return None
        _unknown_keys(value, LANGUAGES, f"'{name}'", ctx, what="language")
        texts: dict[str, str | None] = {}
        for lang in LANGUAGES:
            if lang not in value:
                texts[lang] = None
                continue
            texts[lang] = self._language(lang).read(value[lang], value.line_of(lang), f"{name}.{lang}", ctx)
        if texts[PRIMARY_LANGUAGE] is None:
            if PRIMARY_LANGUAGE not in value:
                ctx.error(line, _("'{name}' has no Danish text. Add a line 'da: …' under '{name}'.", name=name))
            return None
        for lang in LANGUAGES:
            if lang not in value:
                ctx.warning(line, _("'{name}' is not yet translated into {language}. Add a line '{lang}: …' under '{name}'; "
                                    "until then the {language} pages show the Danish text.", name=name,
                                    language=LANGUAGE_NAMES[lang], lang=lang))
        return Text(**texts, line=line)  # type: ignore[arg-type]

    @staticmethod
    def _language(lang: str) -> Str:
        return Str(_("the {language} text", language=LANGUAGE_NAMES[lang]))

    def json_schema(self) -> dict[str, Any]:
        # Only Danish is required: a missing translation is a warning, not an error.
        return {
            "type": "object",
            "description": render(self.description),
            "properties": {lang: self._language(lang).json_schema() for lang in LANGUAGES},
            "required": [PRIMARY_LANGUAGE],
            "additionalProperties": False,
        }


@dataclass
class DuePoint(Spec):
    """When an onboarding task is due: 'day N' or 'week N' from the first day, negative before it."""

    description: Message = _("a day or week counted from the first day, such as 'day 1' (the first day), 'day 60' or "
                             "'week 2'; before the first day the number is negative, such as 'day -14'")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> Due | None:
        if isinstance(value, int) and not isinstance(value, bool):
            ctx.error(line, _("'{name}' is the number {value}, which does not say whether it counts days or weeks. "
                              "Write 'day {value}' or 'week {value}', counted from the first day (day 1).", name=name,
                              value=value))
            return None
        shown = value if isinstance(value, str) else _kind(value)
        match = re.fullmatch(r"(day|week) ([+-]?\d{1,4})", " ".join(value.split())) if isinstance(value, str) else None
        if match is None:
            ctx.error(line, _("'{name}' is '{shown}', which is not a due point. Write {description}.", name=name,
                              shown=shown, description=self.description))
            return None
        due = Due(match[1], int(match[2]))
        last_day = PHASE_ENDS[-1][1]
        if due.number == 0:
            ctx.error(line, _("'{name}' is '{shown}', but there is no {unit} 0: {unit} 1 is the first, and {unit} -1 "
                              "the one before the first day. Write {unit} 1 or {unit} -1.", name=name, shown=shown,
                              unit=due.unit))
        elif due.day > last_day:
            ctx.error(line, _("'{name}' is '{shown}', after the three months the onboarding plan covers. Use day {day} "
                              "(week {week}) at the latest; later steps belong in the development review.", name=name,
                              shown=shown, day=last_day, week=last_day // 7))
        elif due.day < FIRST_DUE_DAY:
            ctx.error(line, _("'{name}' is '{shown}', more than a year before the first day. Use day {day} (week {week}) "
                              "at the earliest.", name=name, shown=shown, day=FIRST_DUE_DAY, week=-(-FIRST_DUE_DAY // 7)))
        else:
            return due
        return None

    def skeleton(self, code: str) -> str:
        """What `python build.py new` writes: the first day, valid, for the editor to change."""
        return "day 1"

    def json_schema(self) -> dict[str, Any]:
        # The range (day -365 to day 91, never day 0) is the build's to check.
        return {"type": "string", "pattern": r"^(day|week) [+-]?[1-9][0-9]{0,3}$",
                "examples": ["day -14", "day 1", "week 2", "day 60"], "description": render(self.description)}


@dataclass
class ListOf(Spec):
    item: Spec = field(default_factory=Str)
    min_items: int = 0

    @property
    def description(self) -> Message:  # type: ignore[override]
        return _("a list of {items}", items=self.item.description)

    def read(self, value: Any, line: int, name: str, ctx: Context) -> tuple | None:
        if not isinstance(value, YamlList):
            ctx.error(line, _("'{name}' should be a list (one '- ' line per item), not {kind}.", name=name, kind=_kind(value)))
            return None
        if len(value) < self.min_items:
            ctx.error(line, n_("'{name}' needs at least {count} item; it has {has}.",
                               "'{name}' needs at least {count} items; it has {has}.", self.min_items, name=name,
                               has=len(value)))
        items = [self.item.read(v, l, name, ctx) for v, l in zip(value, value.item_lines)]
        return tuple(i for i in items if i is not None)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "description": render(self.description), "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass
class Levels(Spec):
    """Rating-scale anchors: scores 1, 3 and 5, each a bilingual text."""

    scores: tuple[int, ...] = (1, 3, 5)
    description: Message = _("descriptions of ratings 1, 3 and 5")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> tuple[Level, ...] | None:
        if not isinstance(value, YamlMap):
            ctx.error(line, _("'{name}' should have lines '1:', '3:' and '5:' indented below it, not {kind}.", name=name,
                              kind=_kind(value)))
            return None
        allowed = tuple(str(s) for s in self.scores)
        _unknown_keys(value, allowed, f"'{name}'", ctx, what="rating")
        levels = []
        for score in allowed:
            if score not in value:
                ctx.error(value.line, _("'{name}' has no description for rating {score}. Add a line '{score}:' under it.",
                                        name=name, score=score))
                continue
            text = Bilingual().read(value[score], value.line_of(score), f"{name}.{score}", ctx)
            if text is not None:
                levels.append(Level(int(score), text))
        return tuple(levels)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "description": render(self.description),
            "properties": {str(score): {**Bilingual().json_schema(), "description": f"What a rating of {score} looks like."}
                           for score in self.scores},
            "required": [str(score) for score in self.scores],
            "additionalProperties": False,
        }


@dataclass(frozen=True)
class Field:
    name: str
    spec: Spec
    required: bool = True
    default: Any = None
    doc: str = ""


@dataclass
class Record(Spec):
    """A block of named fields that becomes one model object."""

    build: Callable[..., Any] = dict
    fields: tuple[Field, ...] = ()
    label: Message = ""  # 'competence', shown with the code: 'competence NET-3'
    here: Message = ""  # 'this competence', where an unknown key is
    description: Message = _("a block of 'key: value' lines")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> Any:
        if not isinstance(value, YamlMap):
            ctx.error(line, _("each entry in '{name}' should be a block of 'key: value' lines, not {kind}.", name=name,
                              kind=_kind(value)))
            return None
        inner = ctx
        if self.label:
            code = value.get("code")
            inner = ctx.at(_("{label} {code}", label=self.label, code=code) if isinstance(code, str)
                           else _("{label} on line {line}", label=self.label, line=value.line))
        names = [f.name for f in self.fields]
        misspelt = _unknown_keys(value, names, self.here or _("the top level"), inner)
        values: dict[str, Any] = {}
        ok = True
        for spec_field in self.fields:
            if spec_field.name not in value:
                if spec_field.required:
                    ok = False
                    if spec_field.name not in misspelt:  # else 'did you mean' has already said it
                        inner.error(value.line, _("'{name}' is missing. Add a line '{name}:' with {description}.",
                                                  name=spec_field.name, description=spec_field.spec.description))
                values[spec_field.name] = spec_field.default
                continue
            result = spec_field.spec.read(value[spec_field.name], value.line_of(spec_field.name), spec_field.name, inner)
            if result is None:
                ok = False
            values[spec_field.name] = result
        if not ok:
            return None
        if "line" in getattr(self.build, "__dataclass_fields__", {}):
            values["line"] = value.line
        return self.build(**values)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "description": render(self.description),
            "properties": {f.name: {**f.spec.json_schema(), "description": f.doc} for f in self.fields},
            "required": [f.name for f in self.fields if f.required],
            "additionalProperties": False,
        }


def _unknown_keys(value: YamlMap, allowed: Any, where: Message, ctx: Context, what: str = "key") -> set[str]:
    """Report keys that are not allowed; return the allowed keys they look like misspellings of."""
    suggested = set()
    for key in value:
        if key not in allowed:
            match = english_key(str(key), allowed) or closest(str(key), allowed)
            hint = _(" Did you mean '{match}'?", match=match) if match else ""
            values = {"key": key, "where": where, "hint": hint, "allowed": ", ".join(allowed)}
            if what == "language":
                message = _("unknown language '{key}' in {where}.{hint} Allowed: {allowed}.", **values)
            elif what == "rating":
                message = _("unknown rating '{key}' in {where}.{hint} Allowed: {allowed}.", **values)
            else:
                message = _("unknown key '{key}' in {where}.{hint} Allowed: {allowed}.", **values)
            ctx.error(value.line_of(key), message)
            if match:
                suggested.add(match)
    return suggested


OWNERS = ("manager", "hr", "buddy", "employee")

TASK = Record(
    build=Task,
    label=_("onboarding task"),
    here=_("this onboarding task"),
    description=_("tasks, each starting '- task:'"),
    fields=(
        Field("task", Bilingual(), doc="What to do, written to its owner (or neutrally), naming the new employee 'den nyansatte' / 'the new employee'."),
        Field("owner", Choice(choices=OWNERS), doc="Who makes sure it happens."),
        Field("due", DuePoint(), doc="When it is due, counted from the first day (day 1); before it negative: 'day -14'. "
              "It also places the task in its phase: before the first day, first day, first week (to day 7), "
              "first month (to day 30) or first three months (to day 91)."),
    ),
)

QUESTION = Record(
    build=lambda question, probes: Question(question, probes),
    label=_("question"),
    here=_("this question"),
    description=_("questions, each starting '- question:'"),
    fields=(
        Field("question", Bilingual(), doc="A behavioural question: 'Tell me about a time when …'."),
        Field("probes", ListOf(Bilingual()), required=False, default=(), doc="Follow-up probes."),
    ),
)


def _competence_fields(code: Code, in_review: bool) -> tuple[Field, ...]:
    fields = (
        Field("code", code, doc="Stable code used in links and checklists."),
        Field("title", Bilingual(), doc="The competence as the source names it."),
        Field("description", Bilingual(), doc="What it means in practice."),
        Field("questions", ListOf(QUESTION), required=False, default=(), doc="Interview questions: the first is the main one, any others are alternatives."),
        Field("interview_levels", Levels(description="interview anchors: what ratings 1, 3 and 5 look like in the candidate's example"),
              required=False, default=(),
              doc="Interview anchors: what the behaviour in a candidate's example looks like at ratings 1, 3 and 5, "
                  "written so that an outside candidate can reach 5 (not about knowing this library)."),
        Field("levels", Levels(), required=False, default=(), doc="What ratings 1, 3 and 5 look like for a member of staff, in the development review."),
        Field("onboarding", ListOf(TASK), required=False, default=(), doc="Onboarding tasks that build it."),
        Field("index", Bilingual(), required=False, default=None,
              doc="The words the A–Z index lists it under, where its title starts otherwise: 'Åbenhed om partnerskaber' "
                  "for 'At skabe åbenhed om partnerskaber'. Without it the index leaves out first words such as "
                  "'At', 'Have', 'Kunne'."),
    )
    # Recruitment points are not in the development review, so they take no note for it.
    review_note = Field("review_note", Bilingual(), required=False, doc="A note printed with the competence in the "
                        "development review, such as what management must provide for it.")
    return fields + (review_note,) if in_review else fields


COMPETENCE = Record(build=Competence, label=_("competence"), here=_("this competence"), description=_("competence blocks, each starting '- code: …'"), fields=_competence_fields(
    Code(r"[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,2}", "NET-3", shape=_("the profile's code, a hyphen and a number from 1 to 999")),
    in_review=True))
RECRUITMENT_POINT = Record(build=Competence, label=_("recruitment point"), here=_("this recruitment point"), description=_("point blocks, each starting '- code: REC-…'"), fields=_competence_fields(
    Code(r"REC-[1-9][0-9]{0,2}", "REC-2", shape=_("'REC-' and a number from 1 to 999")), in_review=False))

PROFILE = Record(
    build=Profile,
    label=_("profile"),
    here=_("this profile"),
    description=_("profile blocks, each starting '- code: …'"),
    fields=(
        Field("code", Code(), doc="Stable code of capital letters, e.g. NET; used in file names."),
        Field("name", Bilingual(), doc="The role's name."),
        Field("summary", Bilingual(), doc="The profile's place in the library."),
        Field("lead", Bilingual(), doc="The line before the list of competences."),
        Field("competences", ListOf(COMPETENCE, min_items=1), doc="The profile's competences."),
    ),
)

RECRUITMENT = Record(
    build=Recruitment,
    label=_("recruitment"),
    here=_("the recruitment block"),
    description=_("a block with 'lead:' and 'points:'"),
    fields=(
        Field("lead", Bilingual(), doc="The line before the recruitment points."),
        Field("points", ListOf(RECRUITMENT_POINT, min_items=1), doc="What to look for in every new hire."),
    ),
)

PROFILES_FILE = Record(
    build=Profiles,
    label="",
    description=_("The competence handbook's profiles.yaml: staff profiles, their competences and the recruitment advice."),
    fields=(
        Field("version", Str(_("the handbook's version, e.g. \"2026.1\"")), doc="The handbook's version."),
        Field("date", Date(), doc="The date of this version, YYYY-MM-DD."),
        Field("profiles", ListOf(PROFILE, min_items=1), doc="The staff profiles."),
        Field("recruitment", RECRUITMENT, doc="Advice for recruiting."),
        Field("onboarding", ListOf(TASK), required=False, default=(), doc="Onboarding tasks for every new hire."),
        Field("base_url", Url(), required=False, doc="Where the site is published; makes sitemap.xml's addresses absolute."),
    ),
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of profiles.yaml; the rules that no schema can say (unique codes) stay in the build."""
    with in_language("en"):  # the shipped file is the same whatever language the build speaks
        return {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "profiles.yaml",
            **PROFILES_FILE.json_schema(),
        }


def json_schema_text() -> str:
    """The schema as shipped in schema/profiles.schema.json: stable bytes, so a test can compare them."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def read_profiles(document: Any, file: str, problems: Problems) -> Profiles | None:
    """Validate the whole of profiles.yaml and build the model; None if anything is wrong."""
    ctx = Context(file, problems)
    if document is None:
        return None  # unreadable: load_yaml has said why
    if not isinstance(document, YamlMap):
        ctx.error(getattr(document, "line", 1), _("should be a block of 'key: value' lines at the top level, not {kind}.",
                                                  kind=_kind(document)))
        return None
    profiles = PROFILES_FILE.read(document, document.line, file, ctx)
    _check_unique_codes(document, ctx)
    if profiles is not None:
        _check_code_prefixes(profiles, ctx)
        _warn_thin_competences(profiles, ctx)
    return profiles if not problems.errors else None


def _check_unique_codes(document: YamlMap, ctx: Context) -> None:
    """Every code in the file is unique; checked on the raw file so it is reported even when other parts are wrong."""
    seen: dict[str, int] = {}

    def visit(value: Any) -> None:
        if isinstance(value, YamlMap):
            code = value.get("code")
            if isinstance(code, str):
                line = value.line_of("code")
                if code in seen:
                    ctx.error(line, _("the code {code} is used twice (first on line {first}). Give each one its own code.",
                                      code=code, first=seen[code]))
                else:
                    seen[code] = line
            for child in value.values():
                visit(child)
        elif isinstance(value, YamlList):
            for child in value:
                visit(child)

    visit(document)


def _check_code_prefixes(profiles: Profiles, ctx: Context) -> None:
    for profile in profiles.profiles:
        for competence in profile.competences:
            if not competence.code.startswith(profile.code + "-"):
                ctx.error(competence.line, _("competence {code} belongs to profile {profile}, so its code must start with "
                                             "'{profile}-', for example {profile}-{number}.", code=competence.code,
                                             profile=profile.code, number=len(profile.competences)))


THIN_COMPETENCE_HINTS = {
    "questions": _("its block in the interview guide has no question. Add 'questions:' to it."),
    "interview_levels": _("the interview guide prints no anchors for rating the candidate's example. Add "
                          "'interview_levels:' after 'questions:', with lines '1:', '3:' and '5:', each with 'da:' and "
                          "'en:'."),
    "levels": _("the development review prints no anchors for it. Add 'levels:' to it."),
}


def _warn_thin_competences(profiles: Profiles, ctx: Context) -> None:
    """Checklists need questions and both sets of rating anchors; say which competences lack them."""
    competences = [c for p in profiles.profiles for c in p.competences] + list(profiles.recruitment.points)
    for competence in competences:
        for key, hint in THIN_COMPETENCE_HINTS.items():
            if not getattr(competence, key):
                ctx.at(_("{label} {code}", label=_("competence"), code=competence.code)).warning(
                    competence.line, _("has no '{key}'; {hint}", key=key, hint=hint))
