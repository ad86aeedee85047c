"""Text as editors paste it, built through the real command line: nothing is lost, misplaced or hidden.

Decomposed letters (from PDFs and macOS), byte-order marks (Notepad), flag emoji, pasted line separators,
tabs and invisible characters: each either builds as the editor meant, or is reported at the line an
editor's program shows, without hiding the other mistakes in the file.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from conftest import run_cli, tree_digest
from handbook.assess.pages import assessment_pages
from handbook.site.plan import GENERATED_PAGES
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS
from test_bad_input import replace_once

SCOTLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"  # a flag: tag characters
INVISIBLE_IN_MESSAGES = ("\u00a0", "\u200b", "\ufeff", "\t", "\x00", "\u2028")


def build(root: Path, out: Path, *more: str):
    return run_cli("--root", str(root), "--out", str(out), "--no-pdfs", *more)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_title_pasted_with_a_decomposed_å_sorts_under_å_and_links_as_å(handbook: Path, tmp_path: Path) -> None:
    replace_once(handbook / "profiles.yaml", "da: Gode kommunikationsevner", "da: " + nfd("Åbne kommunikationsevner"))
    replace_once(handbook / "content" / "about.da.md", "## Kilde\n", "## Kilde\n\n## " + nfd("Årsplan") + "\n")
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    a_to_z = (tmp_path / "out" / "da" / "a-z.html").read_text(encoding="utf-8")
    å_group = a_to_z.index('id="letter-å"')
    assert a_to_z.index("Åbne kommunikationsevner") > å_group  # listed under Å, after Z: not under A
    assert 'id="årsplan"' in (tmp_path / "out" / "da" / "about.html").read_text(encoding="utf-8")
    for path in (tmp_path / "out").rglob("*"):
        if path.suffix in (".html", ".ttl", ".jsonld", ".csv"):
            assert "A\u030a" not in path.read_text(encoding="utf-8"), path


def test_files_saved_as_utf8_with_bom_build_the_same_site(handbook: Path, tmp_path: Path) -> None:
    assert build(handbook, tmp_path / "plain").returncode == 0
    for name in ("profiles.yaml", "content/ui.yaml", "content/checklists.yaml", "content/about.da.md",
                 "content/index.en.md"):
        path = handbook / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as Notepad's "UTF-8 with BOM" saves
    result = build(handbook, tmp_path / "bom")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert tree_digest(tmp_path / "bom") == tree_digest(tmp_path / "plain")


def test_windows_and_old_mac_line_endings_build_the_same_site(handbook: Path, tmp_path: Path) -> None:
    assert build(handbook, tmp_path / "plain").returncode == 0
    path = handbook / "profiles.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))  # classic Mac OS: CR alone ends a line
    page = handbook / "content" / "about.da.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    result = build(handbook, tmp_path / "cr")
    assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path / "cr") == tree_digest(tmp_path / "plain")


def test_a_flag_emoji_reads_the_same_in_turtle_and_json_ld(handbook: Path, tmp_path: Path) -> None:
    replace_once(handbook / "profiles.yaml", "en: Good communication skills", f"en: Good communication skills {SCOTLAND}")
    assert build(handbook, tmp_path / "out").returncode == 0
    downloads = tmp_path / "out" / "downloads"
    turtle = Graph().parse(downloads / "competences.ttl", format="turtle")
    json_ld = Graph().parse(downloads / "competences.jsonld", format="json-ld")
    assert isomorphic(turtle, json_ld)
    net_1 = next(turtle.subjects(SKOS.notation, Literal("NET-1")))
    assert Literal(f"Good communication skills {SCOTLAND}", lang="en") in set(turtle.objects(net_1, SKOS.prefLabel))


def test_a_pasted_line_separator_leaves_later_errors_at_their_own_line(handbook: Path, tmp_path: Path) -> None:
    path = handbook / "profiles.yaml"
    pasted = replace_once(path, "Den netværksansvarlige\n", "Den netværks\u2028ansvarlige\u0085\n")
    wrong = replace_once(path, "owner: manager", "owner: managr")
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 1
    assert f"profiles.yaml:{pasted}: error: contains the invisible line break U+2028 (line separator)" in result.stderr
    assert f"profiles.yaml:{wrong}: error: onboarding task on line {wrong - 3}: 'owner' is 'managr'" in result.stderr


def test_control_characters_in_a_page_never_reach_the_html(handbook: Path, tmp_path: Path) -> None:
    page = handbook / "content" / "about.da.md"
    line = replace_once(page, "## Kilde\n", "## Kilde\n\nFra slides:\x0bpunkt\x07 et.\n") + 2
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.count(f"content/about.da.md:{line}: error: contains the invisible control character") == 1
    assert not (tmp_path / "out").exists()


def test_one_tab_no_longer_hides_the_other_mistakes(handbook: Path, tmp_path: Path) -> None:
    path = handbook / "profiles.yaml"
    first = replace_once(path, "    name:\n", "\tname:\n")
    second = replace_once(path, "        description:\n", "\t    description:\n")
    misspelt = replace_once(path, "owner: manager", "owner: managr")
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors[:2] == [f"profiles.yaml:{n}: error: is indented with a tab. YAML needs spaces: replace the tab "
                          "with spaces." for n in (first, second)]
    assert any(line.startswith(f"profiles.yaml:{misspelt}: error: ") and "'managr'" in line for line in errors)
    assert len(errors) == 3, result.stderr  # read on as the editor meant it: no errors that follow from the tabs


def test_every_message_shows_the_invisible_characters_it_quotes(handbook: Path, tmp_path: Path) -> None:
    path = handbook / "profiles.yaml"
    replace_once(path, "        description:\n", "        description\u00a0:\n")
    replace_once(path, "code: NET-3\n", "code: NET-3\u200b\n")
    replace_once(path, "owner: manager", "owner: mana\ufeffger")
    replace_once(handbook / "content" / "ui.yaml", "da: Forside", "da: For\x00side")
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 1
    for shown in ("'description[U+00A0]'", "'NET-3[U+200B]'", "'mana[U+FEFF]ger'", "U+0000"):
        assert shown in result.stderr
    assert not any(char in result.stderr for char in INVISIBLE_IN_MESSAGES), repr(result.stderr)


def test_competence_codes_past_99_build(handbook: Path, tmp_path: Path) -> None:
    path = handbook / "profiles.yaml"
    replace_once(path, "code: NET-3\n", "code: NET-100\n")
    replace_once(path, "code: REC-2\n", "code: REC-999\n")
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert 'id="NET-100"' in (tmp_path / "out" / "da" / "net.html").read_text(encoding="utf-8")
    assert 'id="REC-999"' in (tmp_path / "out" / "da" / "recruitment.html").read_text(encoding="utf-8")


def test_every_built_in_page_name_is_refused_as_a_profile_code(handbook: Path, tmp_path: Path) -> None:
    """Derived from the pages the build makes: a new built-in page is covered without a new rule."""
    path = handbook / "profiles.yaml"
    built_in = [*GENERATED_PAGES, *assessment_pages(())]  # the team's page came later: covered without a new rule
    codes = [name.upper() for name in built_in if name.isalpha()]  # 'a-z' and '404' are no codes
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - code: PRT\n"):text.index("  - code: ALL\n")]
    path.write_text(text.replace(block, block + "".join(block.replace("PRT", code) for code in codes)), encoding="utf-8")
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    for code in codes:
        line = lines.index(f"  - code: {code}") + 1
        assert f"profiles.yaml:{line}: error: profile {code}: its page would be {code.lower()}.html" in result.stderr


def test_a_date_written_in_quotes_is_a_text_however_the_file_is_read(handbook: Path, tmp_path: Path) -> None:
    """yaml-rs, the quick reader, took '2026-11-25' in quotes for a date; PyYAML, as YAML says, for a text."""
    line = replace_once(handbook / "profiles.yaml", "date: 2026-11-25", "date: '2026-11-25'")
    result = build(handbook, tmp_path / "out")
    assert result.returncode == 1
    assert (f"profiles.yaml:{line}: error: 'date' should be a date written YYYY-MM-DD, for example 2026-11-25, not a "
            "text.") in result.stderr
