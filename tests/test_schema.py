"""The JSON Schema that editors check profiles.yaml with agrees with the build's own validation."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import PROJECT, copy_handbook, run_cli

from handbook.problems import Problems
from handbook.sources.schema import json_schema, json_schema_text, read_profiles
from handbook.sources.yaml_source import load_yaml

SHIPPED = PROJECT / "schema" / "profiles.schema.json"
PROFILES = (PROJECT / "profiles.yaml").read_text(encoding="utf-8")


def as_editor_sees(text: str) -> Any:
    """The YAML as JSON, the way the YAML language server reads it (YAML 1.2: dates and numeric keys are texts)."""
    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(key): convert(item) for key, item in value.items()}
        if isinstance(value, list):
            return [convert(item) for item in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value
    return convert(yaml.safe_load(text))


def schema_errors(text: str) -> list[str]:
    validator = jsonschema.Draft7Validator(json.loads(SHIPPED.read_text(encoding="utf-8")))
    return [error.message for error in validator.iter_errors(as_editor_sees(text))]


def build_errors(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "profiles.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    read_profiles(load_yaml(path, "profiles.yaml", problems), "profiles.yaml", problems)
    return [str(problem) for problem in problems.errors]


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == json_schema_text(), "run: python build.py schema"
    jsonschema.Draft7Validator.check_schema(json_schema())


def test_the_schema_command_writes_it(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    result = run_cli("schema", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert (root / "schema" / "profiles.schema.json").read_bytes() == SHIPPED.read_bytes()


def test_profiles_yaml_names_the_schema_for_editors() -> None:
    assert PROFILES.splitlines()[0] == "# yaml-language-server: $schema=schema/profiles.schema.json"


def test_the_real_profiles_yaml_is_valid(tmp_path: Path) -> None:
    assert schema_errors(PROFILES) == []
    assert build_errors(PROFILES, tmp_path) == []


def test_the_schema_carries_the_docs_and_choices() -> None:
    competence = json_schema()["properties"]["profiles"]["items"]["properties"]["competences"]["items"]
    assert competence["properties"]["title"]["description"] == "The competence as the source names it."
    assert competence["required"] == ["code", "title", "description"]
    task = competence["properties"]["onboarding"]["items"]
    assert task["properties"]["owner"]["enum"] == ["manager", "hr", "buddy", "employee"]
    assert task["required"] == ["task", "owner", "due"] and "day 60" in task["properties"]["due"]["examples"]


@pytest.mark.parametrize("old, new", [
    pytest.param("        description:\n", "        descripton:\n", id="unknown key"),
    pytest.param('version: "2026.1"\n', "", id="missing field"),
    pytest.param("owner: buddy", "owner: budy", id="not a choice"),
    pytest.param("due: day 60", "due: dag 60", id="bad due point"),
    pytest.param("due: day 60", "due: day 0", id="due on day 0"),
    pytest.param("due: day 60", "due: 60", id="due without a unit"),
    pytest.param("code: NET-3", "code: net-3", id="bad code"),
    pytest.param("          3:\n", "          4:\n", id="rating 3 missing"),
    pytest.param("      da: Den netværksansvarlige\n", "", id="no Danish text"),
    pytest.param("date: 2026-11-25", "date: 25-11-2026", id="bad date"),
    pytest.param("owner: hr", "owner: [hr]", id="wrong type"),
])
def test_a_bad_document_is_rejected_by_both(old: str, new: str, tmp_path: Path) -> None:
    assert old in PROFILES
    text = PROFILES.replace(old, new, 1)
    assert schema_errors(text), "the JSON Schema accepted it"
    assert build_errors(text, tmp_path), "the build accepted it"


def test_a_missing_translation_is_accepted_by_both(tmp_path: Path) -> None:
    """Only a warning in the build, so the editor must not show it as an error either."""
    text = PROFILES.replace("          en: Good communication skills\n", "", 1)
    assert schema_errors(text) == []
    assert build_errors(text, tmp_path) == []
