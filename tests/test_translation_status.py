"""`python build.py check` reports how complete each translation is, item by item."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli
from test_bad_input import replace_once

STATUS = re.compile(r"English \(en\): (\d+) of (\d+) items translated \((\d+\.\d) %\): (\d+) of (\d+) texts, (\d) of (\d) pages")


def status_counts(stdout: str) -> tuple[int, ...]:
    match = STATUS.search(stdout)
    assert match, stdout
    return tuple(int(group) if "." not in group else float(group) for group in match.groups())  # type: ignore[misc]


def untranslate(root: Path) -> list[str]:
    """Take four English items away; the lines `check` must list for them, in file order."""
    profiles = root / "profiles.yaml"
    title = replace_once(profiles, "          en: Good communication skills\n", "") - 2
    probe = replace_once(profiles, "                en: Who was the audience, and what did they need to take away?\n", "") - 1
    ui = replace_once(root / "content" / "ui.yaml", "  en: Skip to content\n", "") - 2
    (root / "content" / "about.en.md").unlink()
    return [
        "  content/about.da.md: page 'about' has no translation: content/about.en.md is missing",
        f"  content/ui.yaml:{ui}: 'skip_link' is not translated",
        f"  profiles.yaml:{title}: competence NET-1 › title is not translated",
        f"  profiles.yaml:{probe}: competence NET-1 › question 1 › probe 1 is not translated",
    ]


def test_the_real_handbook_is_completely_translated(handbook: Path) -> None:
    result = run_cli("check", "--root", str(handbook))
    assert result.returncode == 0, result.stderr
    translated, total, percent, texts_done, texts, pages_done, pages = status_counts(result.stdout)
    assert translated == total == texts + pages and percent == 100.0
    assert texts > 200 and pages == pages_done == 3 and texts_done == texts


def test_check_lists_every_missing_item_with_file_and_line(handbook: Path) -> None:
    complete = status_counts(run_cli("check", "--root", str(handbook)).stdout)
    expected = untranslate(handbook)
    result = run_cli("check", "--root", str(handbook))
    assert result.returncode == 0, result.stderr
    translated, total, percent, texts_done, texts, pages_done, pages = status_counts(result.stdout)
    assert (total, texts, pages) == complete[1:2] + complete[4:5] + complete[6:7]
    assert (translated, texts_done, pages_done) == (total - 4, texts - 3, pages - 1)
    assert percent == int(1000 * translated / total) / 10 < 100
    lines = result.stdout.splitlines()
    start = next(number for number, line in enumerate(lines) if STATUS.fullmatch(line)) + 1
    assert lines[start:start + 4] == expected
    assert lines[start + 4].startswith("Checked 33 pages")


def test_strict_check_fails_on_a_missing_item(handbook: Path) -> None:
    replace_once(handbook / "content" / "ui.yaml", "  en: Skip to content\n", "")
    result = run_cli("check", "--root", str(handbook), "--strict")
    assert result.returncode == 1
    assert "'skip_link' is not translated" in result.stdout
    assert "content/ui.yaml:" in result.stderr and "'skip_link' is not yet translated into English" in result.stderr
    assert result.stderr.splitlines()[-1] == ("Build failed: 0 errors and 1 warning (--strict makes warnings "
                                              "errors); nothing was written.")


def test_strict_quiet_check_still_prints_what_fails(handbook: Path) -> None:
    replace_once(handbook / "content" / "ui.yaml", "  en: Skip to content\n", "")
    result = run_cli("check", "--root", str(handbook), "--strict", "--quiet")
    assert result.returncode == 1 and result.stdout == ""
    assert "'skip_link' is not yet translated into English" in result.stderr
