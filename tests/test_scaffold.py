"""`python build.py new profile|competence|partnership CODE`: a complete block at its place, the rest of the file
untouched."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import yaml
from conftest import PROJECT, run_cli

from handbook.register.source import PARTNERSHIP
from handbook.sources.schema import COMPETENCE, ListOf, Record


def _keys(record: Record) -> set[str]:
    """The keys of `record` and of the blocks listed in it."""
    keys = set()
    for field in record.fields:
        keys.add(field.name)
        item = field.spec.item if isinstance(field.spec, ListOf) else field.spec
        if isinstance(item, Record):
            keys |= _keys(item)
    return keys


def test_new_blocks_build_and_strict_refuses_them_until_written(handbook: Path, tmp_path: Path) -> None:
    profiles = handbook / "profiles.yaml"
    original = profiles.read_text(encoding="utf-8").splitlines()

    added = run_cli("new", "competence", "NET", "--root", str(handbook))
    assert added.returncode == 0, added.stderr
    match = re.fullmatch(r"Added competence NET-7 to profiles\.yaml, lines (\d+)–(\d+) \(after NET-6 in profile NET\)\. "
                         r"Replace every TODO with the text in Danish and English; python build.py --strict refuses "
                         r"the handbook while any is left\.\n", added.stdout)
    assert match, added.stdout
    first, last = int(match[1]), int(match[2])
    lines = profiles.read_text(encoding="utf-8").splitlines()
    assert lines[first - 1] == "      - code: NET-7"
    assert lines[:first - 1] + lines[last:] == original  # every other line, comments and blank lines included, as it was
    assert lines[last].strip() == "" and lines[last + 1] == "  - code: PRT"  # at the end of NET's list, before PRT
    block = "\n".join(lines[first - 1:last])
    for key in _keys(COMPETENCE):  # every key a competence can have, as the schema declares them
        assert f"{key}:" in block, key
    assert block.count("da: TODO") == block.count("en: TODO") >= 8

    added = run_cli("new", "profile", "EVT", "--root", str(handbook))
    assert added.returncode == 0, added.stderr
    assert "Added profile EVT to profiles.yaml, lines" in added.stdout and "(after ALL in 'profiles:')" in added.stdout
    assert "      - code: EVT-1" in profiles.read_text(encoding="utf-8")

    out = tmp_path / "out"
    built = run_cli("--no-pdfs", "--root", str(handbook), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert (out / "da" / "evt.html").is_file() and 'id="NET-7"' in (out / "da" / "net.html").read_text(encoding="utf-8")
    assert "competence NET-7: 'title.da' is still 'TODO'" in built.stderr

    strict = run_cli("check", "--strict", "--root", str(handbook))
    assert strict.returncode == 1 and "is still 'TODO'" in strict.stderr

    written = profiles.read_text(encoding="utf-8")
    profiles.write_text(written.replace(": TODO", ": Skrevet"), encoding="utf-8")
    assert run_cli("check", "--strict", "--root", str(handbook)).returncode == 0


def test_new_refuses_codes_that_cannot_be_added(handbook: Path) -> None:
    before = (handbook / "profiles.yaml").read_bytes()
    for args, message in ((("competence", "NET-1"), "already has a block with the code NET-1"),
                          (("competence", "XYZ-1"), "there is no profile XYZ to add XYZ-1 to"),
                          (("profile", "evt"), "'evt' is not a valid code for a profile"),
                          (("goal", "READING"), "'new goal': there is no such kind of block"),
                          (("profile",), "'new' needs a kind and a code")):
        result = run_cli("new", *args, "--root", str(handbook))
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert (handbook / "profiles.yaml").read_bytes() == before


def _added_lines(result_stdout: str, kind: str, code: str, file: str) -> tuple[int, int, str]:
    match = re.match(rf"Added {kind} {code} to {re.escape(file)}, lines (\d+)–(\d+) \(([^)]*)\)\.", result_stdout)
    assert match, result_stdout
    return int(match[1]), int(match[2]), match[3]


def test_new_partnership_goes_under_the_empty_list_and_builds(handbook: Path, tmp_path: Path) -> None:
    register = handbook / "partnerships.yaml"
    shutil.copy(PROJECT / "partnerships.yaml", register)
    original = register.read_text(encoding="utf-8").splitlines()
    assert "partnerships: []" in original  # the shipped file: no partnerships of the library's own yet

    added = run_cli("new", "partnership", "LAES-2027", "--root", str(handbook))
    assert added.returncode == 0, added.stderr
    first, last, where = _added_lines(added.stdout, "partnership", "LAES-2027", "partnerships.yaml")
    assert where == "as the first in 'partnerships:'"
    assert "change the dates and goals as agreed" in added.stdout
    lines = register.read_text(encoding="utf-8").splitlines()
    key = original.index("partnerships: []")
    assert lines[first - 2] == "partnerships:" and lines[first - 1] == "  - code: LAES-2027"
    assert lines[:first - 2] + lines[last:] == original[:key] + original[key + 1:]  # the rest as it was
    block = yaml.safe_load("\n".join(lines[first - 1:last]))[0]
    assert set(block) == {f.name for f in PARTNERSHIP.fields} - {"end", "agreement"}  # no end or agreement yet
    assert block["coordinator"] == {"name": "TODO", "contact": "TODO"}
    assert block["goals"] == ["READING"]  # the first goal the file declares
    start, review = block["start"], block["review"]
    assert abs((start - datetime.date.today()).days) <= 1 and (review - start).days in (365, 366)

    second = run_cli("new", "partnership", "BOG-2027", "--root", str(handbook))
    assert second.returncode == 0, second.stderr
    first, _last, where = _added_lines(second.stdout, "partnership", "BOG-2027", "partnerships.yaml")
    assert where == "after LAES-2027 in 'partnerships:'"
    assert register.read_text(encoding="utf-8").splitlines()[first - 1] == "  - code: BOG-2027"

    out = tmp_path / "out"
    built = run_cli("--no-pdfs", "--root", str(handbook), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert "partnership LAES-2027: 'name.da' is still 'TODO'" in built.stderr
    assert "partnership BOG-2027: 'coordinator.name' is still 'TODO'" in built.stderr
    for lang in ("da", "en"):
        assert (out / lang / "partnership-laes-2027.html").is_file() and (out / lang / "partnership-bog-2027.html").is_file()
    strict = run_cli("check", "--strict", "--root", str(handbook))
    assert strict.returncode == 1 and "is still 'TODO'" in strict.stderr

    again = run_cli("new", "partnership", "EKS-DIGITAL", "--root", str(handbook))  # an example's code is taken
    assert again.returncode == 2 and "already has a block with the code EKS-DIGITAL" in again.stderr


def test_new_partnership_starts_the_register_when_there_is_none(handbook: Path, tmp_path: Path) -> None:
    register = handbook / "partnerships.yaml"
    refused = run_cli("new", "partnership", "laes", "--root", str(handbook))
    assert refused.returncode == 2 and "'laes' is not a valid code for a partnership" in refused.stderr
    assert not register.exists()  # a refused block leaves no file behind

    added = run_cli("new", "partnership", "LAES-2027", "--root", str(handbook))
    assert added.returncode == 0, added.stderr
    _first, _last, where = _added_lines(added.stdout, "partnership", "LAES-2027", "partnerships.yaml")
    assert where == "as the first in 'partnerships:'; partnerships.yaml is new, with one goal to write"
    document = yaml.safe_load(register.read_text(encoding="utf-8"))
    assert [g["code"] for g in document["goals"]] == ["GOAL"] and document["partnerships"][0]["goals"] == ["GOAL"]

    out = tmp_path / "out"
    built = run_cli("--no-pdfs", "--root", str(handbook), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert "goal GOAL: 'name.da' is still 'TODO'" in built.stderr
    assert (out / "da" / "partnerships.html").is_file() and (out / "en" / "partnership-laes-2027.html").is_file()


def test_new_partnership_refuses_a_list_in_brackets_and_says_how_to_write_it(handbook: Path) -> None:
    register = handbook / "partnerships.yaml"
    register.write_text("goals:\n  - code: READING\n    name: {da: Læsning, en: Reading}\n"
                        "partnerships: [{code: A-1}]\n", encoding="utf-8")
    before = register.read_bytes()
    result = run_cli("new", "partnership", "B-2", "--root", str(handbook))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert ("line 4 of partnerships.yaml writes the blocks of 'partnerships:' in brackets. Write each block on lines "
            "of its own, starting '- ' under 'partnerships:'") in result.stderr
    assert register.read_bytes() == before
