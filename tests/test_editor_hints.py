"""Hints that fit the mistake: Danish key names get the English key, Danish values the allowed value,
and a word that is not a misspelling gets the allowed values, not a near-spelling of another word.

Every mistake is made in one copy of the real handbook and checked in one run of the real command line.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from test_bad_input import replace_once

OWNERS = "manager, hr, buddy, employee"


def _mistakes(root: Path) -> dict[int, str]:
    """Danish keys and values in several places of profiles.yaml: the line each is on, and the message it must get."""
    path = root / "profiles.yaml"
    expected = {}
    line = replace_once(path, "      - code: NET-1\n        title:", "      - code: NET-1\n        titel:") + 1
    expected[line] = "competence NET-1: unknown key 'titel' in this competence. Did you mean 'title'? Allowed: code, title,"
    line = replace_once(path, "        description:\n          da: Den netværksansvarlige ser",
                        "        beskrivelse:\n          da: Den netværksansvarlige ser")
    expected[line] = "competence NET-2: unknown key 'beskrivelse' in this competence. Did you mean 'description'?"
    line = replace_once(path, "        levels:\n", "        niveauer:\n")
    expected[line] = "unknown key 'niveauer' in this competence. Did you mean 'levels'?"
    line = replace_once(path, "            owner: manager\n", "            ansvarlig: manager\n")
    expected[line] = "unknown key 'ansvarlig' in this onboarding task. Did you mean 'owner'?"
    line = replace_once(path, "            due: week 8\n", "            frist: week 8\n")
    expected[line] = "unknown key 'frist' in this onboarding task. Did you mean 'due'?"
    line = replace_once(path, "            owner: employee\n", "            owner: makker\n")
    expected[line] = f"'owner' is 'makker'; it must be one of: {OWNERS}. For 'makker', write 'buddy'."
    line = replace_once(path, "            owner: manager\n", "            owner: bossen\n")
    expected[line] = f"'owner' is 'bossen'; it must be one of: {OWNERS}."
    line = replace_once(path, "            owner: manager\n", "            owner: manger\n")
    expected[line] = f"'owner' is 'manger'; it must be one of: {OWNERS}. Did you mean 'manager'?"
    return expected


def test_danish_keys_and_values_get_the_english_ones(handbook: Path) -> None:
    expected = _mistakes(handbook)
    result = run_cli("check", "--root", str(handbook))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for line, message in expected.items():
        at = f"profiles.yaml:{line}: error: "
        assert any(l.startswith(at) and message in l for l in lines), (line, message, result.stderr)
    # A Danish key is one mistake with one message: not also "'description' is missing".
    assert "'description' is missing" not in result.stderr
    # 'makker' and 'bossen' are not misspellings of 'manager', and nothing suggests it for them.
    for word in ("makker", "bossen"):
        said = next(l for l in lines if f"is '{word}'" in l)
        assert "Did you mean" not in said, said
