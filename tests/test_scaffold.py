"""`python build.py new profile|competence CODE`: a complete block at its place, the rest of the file untouched."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli

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
                          (("partnership", "P1"), "'new partnership': there is no such kind of block"),
                          (("profile",), "'new' needs a kind and a code")):
        result = run_cli("new", *args, "--root", str(handbook))
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert (handbook / "profiles.yaml").read_bytes() == before
