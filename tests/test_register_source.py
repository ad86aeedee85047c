"""partnerships.yaml: validation with located messages, its JSON Schema, and the status and review logic at fixed dates."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import PROJECT
from test_schema import as_editor_sees

from handbook.problems import Problems
from handbook.model.partnerships import ACTIVE, DUE_SOON, ENDED, OVERDUE, PLANNED, Register
from handbook.register.source import json_schema, json_schema_text, read_register
from handbook.sources.yaml_source import load_yaml

SHIPPED_SCHEMA = PROJECT / "schema" / "partnerships.schema.json"
DAY = datetime.date(2026, 12, 1)

GOALS = """\
goals:
  - code: READING
    name:
      da: Læselyst
      en: Reading
  - code: DIGITAL
    name:
      da: Digital dannelse
      en: Digital literacy
"""


def partnership(code: str = "READ-1", *, coordinator: str | None = "    coordinator:\n      name: Anna\n",
                start: str = "2026-01-01", review: str = "2027-01-01", end: str | None = None,
                goals: str = "[READING]", extra: str = "") -> str:
    text = f"""\
  - code: {code}
    name:
      da: Navn {code}
      en: Name {code}
    purpose:
      da: Formål
      en: Purpose
    announcement:
      da: Nyhed
      en: News
    partners:
      - Skolen
{coordinator or ''}    start: {start}
    review: {review}
{f'    end: {end}' + chr(10) if end else ''}    goals: {goals}
    target_groups:
      - da: Børn
        en: Children
{extra}"""
    return text


def read(text: str, tmp_path: Path, today: datetime.date = DAY) -> tuple[Register | None, Problems]:
    path = tmp_path / "partnerships.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir(exist_ok=True)
    problems = Problems()
    register = read_register(load_yaml(path, "partnerships.yaml", problems), "partnerships.yaml", tmp_path / "content",
                             today, problems)
    return register, problems


def errors(text: str, tmp_path: Path) -> list[str]:
    register, problems = read(text, tmp_path)
    assert register is None or not problems.errors
    return [str(p) for p in problems.errors]


def test_a_valid_file_becomes_the_register(tmp_path: Path) -> None:
    register, problems = read(GOALS + "partnerships:\n" + partnership(), tmp_path)
    assert register is not None and not problems.items
    (p,) = register.partnerships
    assert (p.code, p.coordinator.name, p.goals, p.status, p.slug) == ("READ-1", "Anna", ("READING",), ACTIVE,
                                                                        "partnership-read-1")


def test_no_coordinator_is_an_error_that_says_one_is_needed(tmp_path: Path) -> None:
    (message,) = errors(GOALS + "partnerships:\n" + partnership(coordinator=None), tmp_path)
    assert message.startswith("partnerships.yaml:11: error: partnership READ-1: 'coordinator' is missing.")
    assert "exactly one partnership coordinator" in message


def test_two_coordinators_are_an_error(tmp_path: Path) -> None:
    two = "    coordinator:\n      - name: Anna\n      - name: Bo\n"
    (message,) = errors(GOALS + "partnerships:\n" + partnership(coordinator=two), tmp_path)
    assert message.startswith("partnerships.yaml:23: error: partnership READ-1: 'coordinator' lists 2 people")
    assert "exactly one partnership coordinator" in message and "Keep one" in message


def test_a_coordinator_without_a_name_is_an_error(tmp_path: Path) -> None:
    (message,) = errors(GOALS + "partnerships:\n" + partnership(coordinator="    coordinator:\n      contact: a@b.dk\n"),
                        tmp_path)
    assert "'coordinator' has no 'name'" in message


def test_an_unknown_goal_is_an_error_naming_the_declared_ones(tmp_path: Path) -> None:
    (message,) = errors(GOALS + "partnerships:\n" + partnership(goals="[READING, HEALTH]"), tmp_path)
    assert message == ("partnerships.yaml:11: error: partnership READ-1: the goal HEALTH is not declared under 'goals:'. "
                       "Use one of READING, DIGITAL, or declare it there with its name in Danish and English.")


@pytest.mark.parametrize("start, review, end, expected", [
    ("2026-05-01", "2026-09-01", "2026-04-01", "ends (2026-04-01) before it starts (2026-05-01)"),
    ("2026-05-01", "2026-04-01", None, "is to be reviewed (2026-04-01) before it starts (2026-05-01)"),
    ("2026-05-01", "2027-01-01", "2026-12-01", "is to be reviewed (2027-01-01) after it ends (2026-12-01)"),
    ("2026-05-01", "1 May 2027", None, "'review' should be a date written YYYY-MM-DD"),
    ("2026-02-30", "2027-01-01", None, "2026-02-30"),
])
def test_bad_dates_are_errors(tmp_path: Path, start: str, review: str, end: str | None, expected: str) -> None:
    found = errors(GOALS + "partnerships:\n" + partnership(start=start, review=review, end=end), tmp_path)
    assert found and expected in found[0], found


def test_a_partnership_code_used_twice_is_an_error_with_both_lines(tmp_path: Path) -> None:
    text = GOALS + "partnerships:\n" + partnership() + "examples:\n" + partnership()
    assert errors(text, tmp_path) == ["partnerships.yaml:32: error: the partnership code READ-1 is used twice (first on "
                                      "line 11). Give each partnership its own code."]


def test_a_goal_code_used_twice_is_an_error(tmp_path: Path) -> None:
    text = GOALS.replace("code: DIGITAL", "code: READING") + "partnerships:\n" + partnership()
    assert errors(text, tmp_path) == ["partnerships.yaml:6: error: the goal code READING is used twice (first on line 2). "
                                      "Give each goal its own code."]


def test_a_misspelt_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    text = GOALS + "partnerships:\n" + partnership().replace("    purpose:", "    purpse:")
    found = errors(text, tmp_path)
    assert any("unknown key 'purpse' in this partnership. Did you mean 'purpose'?" in m for m in found)


def test_a_duplicate_key_is_refused_by_the_yaml_reader(tmp_path: Path) -> None:
    text = GOALS + "partnerships:\n" + partnership().replace("    start: 2026-01-01\n", "    start: 2026-01-01\n    start: 2026-02-01\n")
    found = errors(text, tmp_path)
    assert found and "start" in found[0] and "twice" in found[0]


@pytest.mark.parametrize("agreement, content, expected", [
    ("../profiles.yaml", None, "lies outside the content/ folder"),
    ("agreements/a.pdf", None, "is not a PDF file in content/"),
    ("agreements/a.pdf", b"<html>not a pdf</html>", "is not a PDF inside"),
])
def test_the_signed_agreement_must_be_a_pdf_inside_content(tmp_path: Path, agreement: str, content: bytes | None,
                                                           expected: str) -> None:
    if content is not None:
        (tmp_path / "content" / "agreements").mkdir(parents=True)
        (tmp_path / "content" / agreement).write_bytes(content)
    (message,) = errors(GOALS + "partnerships:\n" + partnership(extra=f"    agreement: {agreement}\n"), tmp_path)
    assert expected in message


def test_a_real_pdf_agreement_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "content" / "agreements").mkdir(parents=True)
    (tmp_path / "content" / "agreements" / "a.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    register, problems = read(GOALS + "partnerships:\n" + partnership(extra="    agreement: agreements/a.pdf\n"), tmp_path)
    assert register is not None and register.partnerships[0].agreement == "agreements/a.pdf"


# --- status and reviews, judged at fixed dates ------------------------------------------------------

@pytest.mark.parametrize("today, status, review_state", [
    ("2025-12-31", PLANNED, ""),  # the day before the start
    ("2026-01-01", ACTIVE, ""),  # the start
    ("2026-10-02", ACTIVE, ""),  # 91 days before the review
    ("2026-10-03", ACTIVE, DUE_SOON),  # 90 days before
    ("2027-01-01", ACTIVE, DUE_SOON),  # the review's own day
    ("2027-01-02", ACTIVE, OVERDUE),  # the day after
    ("2027-06-30", ACTIVE, OVERDUE),  # the end's own day: still active
    ("2027-07-01", ENDED, ""),  # the day after the end: an ended partnership has no review due
])
def test_status_and_review_state_follow_the_dates(tmp_path: Path, today: str, status: str, review_state: str) -> None:
    text = GOALS + "partnerships:\n" + partnership(review="2027-01-01", end="2027-06-30")
    register, _ = read(text, tmp_path, datetime.date.fromisoformat(today))
    assert register is not None
    p = register.partnerships[0]
    assert (p.status, p.review_state) == (status, review_state)


def test_an_overdue_review_is_a_warning_naming_the_partnership_and_its_coordinator(tmp_path: Path) -> None:
    register, problems = read(GOALS + "partnerships:\n" + partnership(review="2026-06-01"), tmp_path)
    assert register is not None and not problems.errors
    (warning,) = problems.warnings
    assert str(warning) == ("partnerships.yaml:11: warning: partnership READ-1 (Navn READ-1): its review was due on "
                            "2026-06-01 and is overdue; its partnership coordinator is Anna. Hold the review, then set "
                            "'review:' to the date of the next one.")


def test_examples_are_marked_and_warned_about(tmp_path: Path) -> None:
    register, problems = read(GOALS + "partnerships: []\nexamples:\n" + partnership(), tmp_path)
    assert register is not None and register.has_examples and register.partnerships[0].example
    (warning,) = problems.warnings
    assert str(warning).startswith("partnerships.yaml:11: warning: holds 1 fictional example partnership(s)")
    assert "Delete the whole 'examples:' block" in str(warning)


def test_the_overview_figures_at_a_fixed_date(tmp_path: Path) -> None:
    coordinator_bo = "    coordinator:\n      name: Bo\n"
    text = GOALS + "partnerships:\n" + "".join([
        partnership("A-1", review="2026-11-01"),  # active, overdue, Anna
        partnership("A-2", review="2027-01-15", goals="[READING, DIGITAL]"),  # active, due soon, Anna
        partnership("B-1", coordinator=coordinator_bo, start="2027-03-01", review="2027-09-01"),  # planned, Bo
        partnership("B-2", coordinator=coordinator_bo, start="2025-01-01", review="2025-06-01", end="2026-01-10"),
        partnership("B-3", coordinator=coordinator_bo, start="2024-01-01", review="2024-06-01", end="2025-11-30"),
    ])
    register, _ = read(text, tmp_path)
    assert register is not None
    assert [(s, [p.code for p in ps]) for s, ps in register.by_status()] == [
        (ACTIVE, ["A-1", "A-2"]), (PLANNED, ["B-1"]), (ENDED, ["B-2", "B-3"])]
    assert [(load.coordinator.name, [p.code for p in load.partnerships]) for load in register.coordinators()] == [
        ("Anna", ["A-1", "A-2"]), ("Bo", ["B-1"])]
    assert [p.code for p in register.reviews(OVERDUE)] == ["A-1"]
    assert [p.code for p in register.reviews(DUE_SOON)] == ["A-2"]
    assert [(g.goal.code, [p.code for p in g.partnerships]) for g in register.per_goal()] == [
        ("READING", ["A-1", "A-2", "B-1"]), ("DIGITAL", ["A-2"])]
    assert [p.code for p in register.ended_recently()] == ["B-2"]  # B-3 ended 366 days before
    assert [p.code for p in register.newest()] == ["A-1", "A-2"]  # the same start: by code


# --- the JSON Schema --------------------------------------------------------------------------------

def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == json_schema_text(), "run: python build.py schema"
    jsonschema.Draft7Validator.check_schema(json_schema())


def test_the_shipped_partnerships_yaml_is_valid_for_the_schema_and_the_build(tmp_path: Path) -> None:
    text = (PROJECT / "partnerships.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema/partnerships.schema.json"
    validator = jsonschema.Draft7Validator(json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(as_editor_sees(text))] == []
    register, problems = read(text, tmp_path)
    assert register is not None and not problems.errors
    assert len(register.partnerships) == 3 and all(p.example for p in register.partnerships)


@pytest.mark.parametrize("old, new", [
    ("    coordinator:\n      name: Anna\n", ""),
    ("    coordinator:\n      name: Anna\n", "    coordinator:\n      - name: Anna\n      - name: Bo\n"),
    ("code: READ-1", "code: read 1"),
    ("    purpose:", "    purpse:"),
])
def test_the_schema_refuses_what_the_build_refuses(tmp_path: Path, old: str, new: str) -> None:
    text = (GOALS + "partnerships:\n" + partnership()).replace(old, new, 1)
    validator = jsonschema.Draft7Validator(json_schema())
    assert list(validator.iter_errors(as_editor_sees(text)))
    assert errors(text, tmp_path)
