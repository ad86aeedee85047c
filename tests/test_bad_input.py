"""Bad input: each mistake an editor can make gets one clear, located message and exit 1.

Every case builds a mutated copy of the real handbook through the real command
line, into an output folder that already holds a good build, and checks that the
message names the file and line, that there is no traceback, and that the
previous output is untouched.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import copy_handbook, run_cli, tree_digest


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file by `new`; the line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
    return text[:index].count("\n") + 1


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


@dataclass
class Case:
    name: str
    mutate: Callable[[Path], str]  # changes the handbook, returns the expected message line


def _unclosed_quote(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", 'version: "2026.1"', 'version: "2026.1')
    return (f"profiles.yaml:{line}: error: YAML syntax error: the quoted text that starts on this line has no "
            "closing quote. Add the closing quote at the end of the text.")


def _unquoted_colon(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "en: Network coordinator", "en: Network coordinator: NET")
    return (f"profiles.yaml:{line}: error: YAML syntax error: mapping values are not allowed here. Put texts that "
            "contain ': ' in quotes, and check the indentation.")


def _tab(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "    name:\n", "\tname:\n")
    return f"profiles.yaml:{line}: error: is indented with a tab. YAML needs spaces: replace the tab with spaces."


def _duplicate_key(root: Path) -> str:
    path = root / "profiles.yaml"
    first = line_of(path, "version:")
    line = replace_once(path, "date: 2026-11-25\n", "date: 2026-11-25\nversion: \"2\"\n") + 1
    return (f"profiles.yaml:{line}: error: the key 'version' appears twice in the same block (first on line {first}). "
            "Remove or rename one of them.")


def _unknown_key(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "        description:\n", "        descripton:\n")
    return (f"profiles.yaml:{line}: error: competence NET-1: unknown key 'descripton' in this competence. "
            "Did you mean 'description'? Allowed: code, title, description, questions, levels, onboarding.")


def _missing_field(root: Path) -> str:
    path = root / "profiles.yaml"
    line = line_of(path, "- code: NET")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("    summary:\n")
    path.write_text("".join(lines[:start] + lines[start + 3:]), encoding="utf-8")  # the key and its da/en lines
    return (f"profiles.yaml:{line}: error: profile NET: 'summary' is missing. "
            "Add a line 'summary:' with a text in Danish (da) and English (en).")


def _wrong_type(root: Path) -> str:
    path = root / "profiles.yaml"
    line = line_of(path, "competences:")
    text = path.read_text(encoding="utf-8")
    start = text.index("    competences:\n")
    end = text.index("  - code: PRT")
    path.write_text(text[:start] + "    competences: Gode kommunikationsevner\n" + text[end:], encoding="utf-8")
    return (f"profiles.yaml:{line}: error: profile NET: 'competences' should be a list (one '- ' line per item), "
            "not a text.")


def _duplicate_code(root: Path) -> str:
    path = root / "profiles.yaml"
    first = line_of(path, "code: NET-1")
    line = replace_once(path, "code: NET-2", "code: NET-1")
    return f"profiles.yaml:{line}: error: the code NET-1 is used twice (first on line {first}). Give each one its own code."


def _unsafe_code(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "code: NET-3", "code: ../x")
    return (f"profiles.yaml:{line}: error: competence ../x: 'code' is '../x', which is not a valid code. Use capital "
            "letters, digits and hyphens like 'NET-3' (codes appear in links and file names).")


def _bad_choice(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "phase: first-month", "phase: first-mont")
    return (f"profiles.yaml:{line}: error: onboarding task on line {line - 4}: 'phase' is 'first-mont'; it must be one of: "
            "before-start, first-day, first-week, first-month, first-three-months. Did you mean 'first-month'?")


def _missing_danish(root: Path) -> str:
    path = root / "profiles.yaml"
    line = replace_once(path, "      da: Den netværksansvarlige\n", "") - 1  # the 'name:' line above
    return f"profiles.yaml:{line}: error: profile NET: 'name' has no Danish text. Add a line 'da: …' under 'name'."


def _bad_date(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "date: 2026-11-25", "date: 25-11-2026")
    return f"profiles.yaml:{line}: error: 'date' should be a date written YYYY-MM-DD, for example 2026-11-25, not a text."


def _alias(root: Path) -> str:
    path = root / "profiles.yaml"
    line = replace_once(path, 'version: "2026.1"', 'version: &v "2026.1"')
    return (f"profiles.yaml:{line}: error: YAML syntax error: the anchor '&v' is not allowed in the handbook. "
            "Write the text out in full instead of referring to it.")


def _bom(root: Path) -> str:
    path = root / "profiles.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return "profiles.yaml:1: error: starts with a byte-order mark (BOM). Save the file as UTF-8 without BOM."


def _not_utf8(root: Path) -> str:
    path = root / "profiles.yaml"
    line = replace_once(path, "Den netværksansvarlige\n", "Den netv\x00rksansvarlige\n")
    path.write_bytes(path.read_bytes().replace(b"\x00", b"\xe6"))
    return f"profiles.yaml:{line}: error: is not valid UTF-8 (byte 0xe6). Save the file as UTF-8."


def _orphan_translation(root: Path) -> str:
    (root / "content" / "contact.en.md").write_text("# Contact\n", encoding="utf-8")
    return ("content/contact.en.md: error: has no Danish original: content/contact.da.md is missing. Add it, or "
            "rename this file if its name is misspelt.")


def _broken_link(root: Path) -> str:
    path = root / "content" / "about.da.md"
    line = replace_once(path, "## Kilde\n", "## Kilde\n\nSe [rekruttering](recruitmnet.md).\n") + 2
    return (f"content/about.da.md:{line}: error: the link 'recruitmnet.md' points to a page that does not exist. "
            "Did you mean 'recruitment'? Pages: 404, a-z, about, all, checklists, downloads, index, net, overview, prt, recruitment, search.")


def _raw_script(root: Path) -> str:
    path = root / "content" / "index.da.md"
    line = replace_once(path, "\n\nKompetencer der", "\n\n<script>alert(1)</script>\n\nKompetencer der") + 2
    return (f"content/index.da.md:{line}: error: raw HTML (<script>) is not allowed in a page. Write it in Markdown "
            "instead; ask a developer if Markdown cannot express it.")


def _javascript_link(root: Path) -> str:
    path = root / "content" / "about.da.md"
    line = replace_once(path, "## Kilde\n", "## Kilde\n\n[klik](javascript:alert(1))\n") + 2
    return (f"content/about.da.md:{line}: error: the link 'javascript:alert(1)' uses 'javascript:', which is not "
            "allowed. Link to a page of the handbook or to an http(s) or mailto address.")


def _outside_image(root: Path) -> str:
    path = root / "content" / "about.da.md"
    line = replace_once(path, "## Kilde\n", "## Kilde\n\n![x](../../../etc/passwd.png)\n") + 2
    return (f"content/about.da.md:{line}: error: the image '../../../etc/passwd.png' lies outside the content/ folder. "
            "Copy it to content/images/ and refer to it as 'images/NAME.png'.")


def _remote_image(root: Path) -> str:
    path = root / "content" / "about.da.md"
    line = replace_once(path, "## Kilde\n", "## Kilde\n\n![logo](http://example.org/logo.png)\n") + 2
    return (f"content/about.da.md:{line}: error: the image 'http://example.org/logo.png' is not a file in the handbook. "
            "Nothing may be loaded from outside the site: save the image under content/images/ and refer to it as "
            "'images/NAME.png'.")


def _template_syntax(root: Path) -> str:
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", root / "templates")
    line = replace_once(root / "templates" / "page.html", "{% block main %}", "{% block main %}{% if %}")
    return f"templates/page.html:{line}: error: template syntax error: Expected an expression, got 'end of statement block'."


def _undefined_ui_string(root: Path) -> str:
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", root / "templates")
    line = replace_once(root / "templates" / "profile.html", "{{ ui.on_this_page }}", "{{ ui.on_this_pag }}")
    return (f"templates/profile.html:{line}: error: 'dict object' has no attribute 'on_this_pag'. Check the name in the "
            "template, or add the missing string to content/ui.yaml.")


def _empty_file(root: Path) -> str:
    (root / "profiles.yaml").write_text("", encoding="utf-8")
    return "profiles.yaml:1: error: is empty. Restore its content (see the README's editor's guide)."


CASES = [Case(f.__name__.strip("_"), f) for f in (
    _unclosed_quote, _unquoted_colon, _tab, _duplicate_key, _unknown_key, _missing_field, _wrong_type, _duplicate_code, _unsafe_code,
    _bad_choice, _missing_danish, _bad_date, _alias, _bom, _not_utf8, _orphan_translation, _broken_link, _raw_script,
    _javascript_link, _outside_image, _remote_image, _template_syntax, _undefined_ui_string, _empty_file,
)]


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "output"
    assert run_cli("--out", str(out)).returncode == 0
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_and_output_kept(case: Case, tmp_path: Path, good_output: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    expected = case.mutate(root)
    out = tmp_path / "output"
    shutil.copytree(good_output, out)
    before = tree_digest(out)

    result = run_cli("--root", str(root), "--out", str(out))

    assert result.returncode == 1, result.stderr
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.rstrip().endswith("was left as it was.")
    assert tree_digest(out) == before
