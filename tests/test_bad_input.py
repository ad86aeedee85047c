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
            "Did you mean 'description'? Allowed: code, title, description, questions, interview_levels, levels, "
            "onboarding, index, review_note.")


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
    return (f"profiles.yaml:{line}: error: competence ../x: 'code' is '../x', which is not a valid code. Write the "
            "profile's code, a hyphen and a number from 1 to 999, like 'NET-3' (codes appear in links and file names).")


def _bad_choice(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "owner: buddy", "owner: budy")
    return (f"profiles.yaml:{line}: error: onboarding task on line {line - 3}: 'owner' is 'budy'; it must be one of: "
            "manager, hr, buddy, employee. Did you mean 'buddy'?")


DUE_FORMS = ("a day or week counted from the first day, such as 'day 1' (the first day), 'day 60' or 'week 2'; "
             "before the first day the number is negative, such as 'day -14'.")


def _bad_due(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "due: day 60", "due: dag 60")
    return (f"profiles.yaml:{line}: error: onboarding task on line {line - 4}: 'due' is 'dag 60', which is not a due "
            f"point. Write {DUE_FORMS}")


def _due_as_a_bare_number(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "due: day 60", "due: 60")
    return (f"profiles.yaml:{line}: error: onboarding task on line {line - 4}: 'due' is the number 60, which does not "
            "say whether it counts days or weeks. Write 'day 60' or 'week 60', counted from the first day (day 1).")


def _due_day_zero(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "due: day 60", "due: day 0")
    return (f"profiles.yaml:{line}: error: onboarding task on line {line - 4}: 'due' is 'day 0', but there is no day 0: "
            "day 1 is the first, and day -1 the one before the first day. Write day 1 or day -1.")


def _due_after_three_months(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "due: day 60", "due: week 14")
    return (f"profiles.yaml:{line}: error: onboarding task on line {line - 4}: 'due' is 'week 14', after the three "
            "months the onboarding plan covers. Use day 91 (week 13) at the latest; later steps belong in the "
            "development review.")


def _phase_instead_of_due(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "due: day 60", "phase: first-three-months")
    return (f"profiles.yaml:{line}: error: onboarding task on line {line - 4}: unknown key 'phase' in this onboarding "
            "task. Allowed: task, owner, due.")


def _due_text_without_its_number(root: Path) -> str:
    line = replace_once(root / "content" / "checklists.yaml", "  en: by day {n}", "  en: by the day") - 2
    return (f"content/checklists.yaml:{line}: error: 'due_by_day' in 'en' has no '{{n}}', so the plan would print no "
            "number. Write '{n}' where the day or week goes.")


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
            "Did you mean 'recruitment'? Pages: 404, a-z, about, all, all-self-assessment, checklists, downloads, index, "
            "net, net-self-assessment, overview, prt, prt-self-assessment, recruitment, search, team.")


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


def _own_templates(root: Path) -> Path:
    """The project's templates copied into the handbook, to break one of them."""
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", root / "templates")
    return root / "templates"


def _outside_file(root: Path, name: str, data: bytes) -> Path:
    """A file next to the handbook folder, not in it: what a symbolic link might point to."""
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / name).write_bytes(data)
    return outside / name


def _add_to_about(root: Path, markdown: str) -> int:
    """Add a paragraph under the about page's first heading; the line it starts on."""
    return replace_once(root / "content" / "about.da.md", "## Kilde\n", f"## Kilde\n\n{markdown}\n") + 2


def _code_with_space(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "  - code: NET\n", "  - code: NET 2\n")
    return (f"profiles.yaml:{line}: error: profile NET 2: 'code' is 'NET 2', which is not a valid code. Write two "
            "to ten capital letters or digits, starting with a letter, like 'NET' (codes appear in links and file names).")


def _code_with_slash(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "code: NET-3", "code: NET/3")
    return (f"profiles.yaml:{line}: error: competence NET/3: 'code' is 'NET/3', which is not a valid code. Write the "
            "profile's code, a hyphen and a number from 1 to 999, like 'NET-3' (codes appear in links and file names).")


def _code_too_long(root: Path) -> str:
    code = "N" * 300
    line = replace_once(root / "profiles.yaml", "  - code: NET\n", f"  - code: {code}\n")
    return (f"profiles.yaml:{line}: error: profile {code}: 'code' is '{code}', which is not a valid code. Write two "
            "to ten capital letters or digits, starting with a letter, like 'NET' (codes appear in links and file names).")


def _page_name_with_space(root: Path) -> str:
    (root / "content" / "om os.da.md").write_text("# Om os\n", encoding="utf-8")
    return ("content/om os.da.md: error: is not named like a page. Name pages NAME.da.md and NAME.en.md, with NAME in "
            "small letters, digits and hyphens, for example 'about.da.md'.")


def _page_name_too_long(root: Path) -> str:
    name = "a" * 200
    (root / "content" / f"{name}.da.md").write_text("# Lang\n", encoding="utf-8")
    return f"content/{name}.da.md: error: is not named like a page."


def _duplicate_profile_code(root: Path) -> str:
    path = root / "profiles.yaml"
    first = line_of(path, "  - code: NET")
    line = replace_once(path, "  - code: PRT\n", "  - code: NET\n")
    return f"profiles.yaml:{line}: error: the code NET is used twice (first on line {first}). Give each one its own code."


def _billion_laughs(root: Path) -> str:
    path = root / "profiles.yaml"
    lines = ['lol0: &lol0 "lol"'] + [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 10)}]" for n in range(1, 10)]
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    return (f"profiles.yaml:{line}: error: YAML syntax error: the anchor '&lol0' is not allowed in the handbook. "
            "Write the text out in full instead of referring to it.")


def _deep_nesting(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", 'version: "2026.1"', "version: " + "[" * 500 + "]" * 500)
    return (f"profiles.yaml:{line}: error: YAML syntax error: the blocks and lists are nested more than 40 levels deep. "
            "Check the indentation and the brackets: the handbook needs only a few levels.")


def _very_large_yaml(root: Path) -> str:
    path = root / "profiles.yaml"
    with path.open("a", encoding="utf-8") as file:
        file.write(("# " + "x" * 98 + "\n") * 640_000)
    size = path.stat().st_size
    return f"profiles.yaml: error: is {size:,} bytes, more than the 64,000,000 allowed. Split or shorten it."


def _very_large_page(root: Path) -> str:
    path = root / "content" / "about.da.md"
    with path.open("a", encoding="utf-8") as file:
        file.write(("Lorem ipsum dolor sit amet. " * 4 + "\n") * 20_000)
    size = path.stat().st_size
    return f"content/about.da.md: error: is {size:,} bytes, more than the 2,000,000 allowed. Split or shorten it."


def _list_for_mapping(root: Path) -> str:
    path = root / "profiles.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\nrecruitment:\n"), text.index("\nonboarding:\n")
    path.write_text(text[:start] + "\nrecruitment:\n  - Nysgerrighed\n  - Samarbejde\n" + text[end:], encoding="utf-8")
    line = line_of(path, "recruitment:")
    return f"profiles.yaml:{line}: error: each entry in 'recruitment' should be a block of 'key: value' lines, not a list."


def _top_level_list(root: Path) -> str:
    (root / "profiles.yaml").write_text("- NET\n- PRT\n", encoding="utf-8")
    return "profiles.yaml:1: error: should be a block of 'key: value' lines at the top level, not a list."


def _ui_strings_as_list(root: Path) -> str:
    (root / "content" / "ui.yaml").write_text("- Forside\n- Om håndbogen\n", encoding="utf-8")
    return "content/ui.yaml:1: error: should be a list of 'key:' blocks, each with a 'da:' and an 'en:' line."


def _yes_for_text(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", 'version: "2026.1"', "version: yes")
    return (f"profiles.yaml:{line}: error: 'version' should be the handbook's version, e.g. \"2026.1\", not the yes/no "
            "value true. Put the text in quotes.")


def _impossible_date(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "date: 2026-11-25", "date: 2026-13-45")
    return (f"profiles.yaml:{line}: error: '2026-13-45' is not a real date (month must be in 1..12). Write the date as "
            "YYYY-MM-DD, for example 2026-11-25, or put the value in quotes if it is meant as text.")


def _huge_number(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", 'version: "2026.1"', "version: " + "9" * 5000)
    return (f"profiles.yaml:{line}: error: '{'9' * 40}…' cannot be read as a whole number. Put it in quotes if it is "
            "meant as text.")


def _python_tag(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", 'version: "2026.1"', "version: !!python/name:os.system ''")
    return (f"profiles.yaml:{line}: error: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/name:os.system'. Put the value in quotes.")


def _empty_page(root: Path) -> str:
    (root / "content" / "about.da.md").write_text("", encoding="utf-8")
    return "content/about.da.md:1: error: has no title. Start the page with a heading line like '# Title'."


def _required_page_missing(root: Path) -> str:
    (root / "content" / "about.da.md").unlink()
    (root / "content" / "about.en.md").unlink()
    return "content/about.da.md: error: is missing; the handbook needs this page. Restore it from the project's history."


def _page_nested_too_deeply(root: Path) -> str:
    _add_to_about(root, "- " * 1000 + "dybt")
    return "content/about.da.md: error: has lists or quotes nested too deeply to convert. Use fewer levels."


def _raw_iframe(root: Path) -> str:
    line = _add_to_about(root, '<iframe src="https://example.org"></iframe>')
    return (f"content/about.da.md:{line}: error: raw HTML (<iframe>) is not allowed in a page. Write it in Markdown "
            "instead; ask a developer if Markdown cannot express it.")


def _inline_event_handler(root: Path) -> str:
    line = _add_to_about(root, 'Se <b onmouseover="alert(1)">her</b>.')
    return (f"content/about.da.md:{line}: error: raw HTML (<b>) is not allowed in a page. Write it in Markdown "
            "instead; ask a developer if Markdown cannot express it.")


def _onclick_attribute(root: Path) -> str:
    line = _add_to_about(root, "[Forsiden](index.md){onclick=alert(1)}")
    return (f"content/about.da.md:{line}: error: the attribute 'onclick' is not allowed: nothing in a page may run "
            "script. Remove 'onclick=…' from the braces.")


def _onerror_attribute_block(root: Path) -> str:
    line = _add_to_about(root, 'Et afsnit.\n{: onerror="alert(1)" }') + 1
    return (f"content/about.da.md:{line}: error: the attribute 'onerror' is not allowed: nothing in a page may run "
            "script. Remove 'onerror=…' from the braces.")


def _href_attribute_javascript(root: Path) -> str:
    line = _add_to_about(root, "[Forsiden](index.md){href='javascript:alert(1)'}")
    return (f"content/about.da.md:{line}: error: the link 'javascript:alert(1)' uses 'javascript:', which is not "
            "allowed. Link to a page of the handbook or to an http(s) or mailto address.")


def _reference_javascript_link(root: Path) -> str:
    line = _add_to_about(root, "[klik][mål]\n\n[mål]: javascript:alert(1)") + 2
    return (f"content/about.da.md:{line}: error: the link 'javascript:alert(1)' uses 'javascript:', which is not "
            "allowed. Link to a page of the handbook or to an http(s) or mailto address.")


def _entity_javascript_link(root: Path) -> str:
    line = _add_to_about(root, "[klik](java&#x73;cript:alert(1))")
    return (f"content/about.da.md:{line}: error: the link 'java&#x73;cript:alert(1)' uses 'javascript:', which is not "
            "allowed. Link to a page of the handbook or to an http(s) or mailto address.")


def _autolink_javascript(root: Path) -> str:
    line = _add_to_about(root, "<javascript:alert(1)>")
    return (f"content/about.da.md:{line}: error: raw HTML (<javascript>) is not allowed in a page. Write it in Markdown "
            "instead; ask a developer if Markdown cannot express it.")


def _data_link(root: Path) -> str:
    line = _add_to_about(root, "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")
    return (f"content/about.da.md:{line}: error: the link 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' "
            "uses 'data:', which is not allowed. Link to a page of the handbook or to an http(s) or mailto address.")


def _vbscript_link(root: Path) -> str:
    line = _add_to_about(root, "[klik](vbscript:msgbox(1))")
    return (f"content/about.da.md:{line}: error: the link 'vbscript:msgbox(1)' uses 'vbscript:', which is not "
            "allowed. Link to a page of the handbook or to an http(s) or mailto address.")


def _protocol_relative_link(root: Path) -> str:
    line = _add_to_about(root, "[klik](//example.org/side)")
    return (f"content/about.da.md:{line}: error: the link '//example.org/side' has no 'https:' in front. Write the "
            "whole address, like 'https://example.org'.")


def _data_image(root: Path) -> str:
    line = _add_to_about(root, "![logo](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")
    return (f"content/about.da.md:{line}: error: the image 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' is not a file in "
            "the handbook. Nothing may be loaded from outside the site: save the image under content/images/ and "
            "refer to it as 'images/NAME.png'.")


def _missing_image(root: Path) -> str:
    line = _add_to_about(root, "![logo](images/logo.png)")
    return (f"content/about.da.md:{line}: error: the image 'images/logo.png' does not exist as an image file in "
            "content/ (.png, .jpg, .jpeg, .gif, .webp). Check the name and the folder.")


def _page_linked_to_etc_passwd(root: Path) -> str:
    (root / "content" / "secret.da.md").symlink_to("/etc/passwd")
    return ("content/secret.da.md: error: is a link to something outside content/. The build reads only the "
            "handbook's own files: copy the file here instead of linking to it.")


def _page_linked_outside(root: Path) -> str:
    (root / "content" / "notes.da.md").symlink_to(_outside_file(root, "notes.md", b"# Hemmelig\n\nIkke til intranettet.\n"))
    return ("content/notes.da.md: error: is a link to something outside content/. The build reads only the "
            "handbook's own files: copy the file here instead of linking to it.")


def _image_linked_outside(root: Path) -> str:
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "logo.png").symlink_to(_outside_file(root, "logo.png", b"\x89PNG\r\n\x1a\n"))
    _add_to_about(root, "![logo](images/logo.png)")
    return ("content/images/logo.png: error: is a link to something outside content/. The build reads only the "
            "handbook's own files: copy the file here instead of linking to it.")


def _template_asset_linked_outside(root: Path) -> str:
    (_own_templates(root) / "assets" / "print.css").symlink_to(_outside_file(root, "print.css", b"body {}\n"))
    return ("templates/assets/print.css: error: is a link to something outside templates/. The build reads only the "
            "handbook's own files: copy the file here instead of linking to it.")


def _missing_template(root: Path) -> str:
    (_own_templates(root) / "page.html").unlink()
    return "templates/page.html: error: is missing. Restore the template from the project's history."


def _missing_base_template(root: Path) -> str:
    templates = _own_templates(root)
    (templates / "base.html").unlink()
    line = line_of(templates / "index.html", "{% extends")
    return (f"templates/index.html:{line}: error: uses the template 'base.html', which is not in templates/. Templates "
            "can use only files inside templates/: restore the missing file or correct the name.")


def _template_includes_etc_passwd(root: Path) -> str:
    line = replace_once(_own_templates(root) / "page.html", "{% block main %}", "{% block main %}{% include '/etc/passwd' %}")
    return (f"templates/page.html:{line}: error: uses the template '/etc/passwd', which is not in templates/. Templates "
            "can use only files inside templates/: restore the missing file or correct the name.")


def _template_includes_parent(root: Path) -> str:
    line = replace_once(_own_templates(root) / "page.html", "{% block main %}", "{% block main %}{% include '../profiles.yaml' %}")
    return (f"templates/page.html:{line}: error: uses the template '../profiles.yaml', which is not in templates/. "
            "Templates can use only files inside templates/: restore the missing file or correct the name.")


def _template_reaches_python(root: Path) -> str:
    line = replace_once(_own_templates(root) / "page.html", "{% block main %}",
                        "{% block main %}{{ url.__globals__['__builtins__']['open']('/etc/passwd').read() }}")
    return (f"templates/page.html:{line}: error: access to attribute '__globals__' of 'function' object is unsafe: "
            "templates may use the handbook's data and helpers, not Python's internals.")


def _navigation_template_error(root: Path) -> str:
    """The navigation is rendered once and reused by every page: its error must still be reported."""
    line = replace_once(_own_templates(root) / "_main_nav.html", "{{ item.label }}", "{{ item.label }}{{ no_such_name }}")
    return f"templates/_main_nav.html:{line}: error: 'no_such_name' is undefined."


def _template_reaches_python_through_data(root: Path) -> str:
    line = replace_once(_own_templates(root) / "page.html", "{% block main %}",
                        "{% block main %}{{ data.recruitment.lead.get.__func__.__globals__ }}")
    return (f"templates/page.html:{line}: error: access to attribute '__func__' of 'method' object is unsafe: "
            "templates may use the handbook's data and helpers, not Python's internals.")


def _template_reaches_a_data_objects_class(root: Path) -> str:
    line = replace_once(_own_templates(root) / "page.html", "{% block main %}",
                        "{% block main %}{{ data.__class__ }}")
    return (f"templates/page.html:{line}: error: access to attribute '__class__' of 'Profiles' object is unsafe: "
            "templates may use the handbook's data and helpers, not Python's internals.")


def _date_format_code(root: Path) -> str:
    replace_once(root / "content" / "ui.yaml", '  en: "{day} {month} {year}"', '  en: "{day.__class__.__mro__}"')
    return ("content/ui.yaml: error: 'date_format' in 'en' may use only {day}, {month} and {year}, for example "
            "\"{day}. {month} {year}\". Write other braces twice: {{ or }}.")


def _misspelt_code_key(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "  - code: NET\n", "  - cod: NET\n")
    return (f"profiles.yaml:{line}: error: profile on line {line}: unknown key 'cod' in this profile. Did you mean "
            "'code'? Allowed: code, name, summary, lead, competences.")


def _null_document(root: Path) -> str:
    (root / "profiles.yaml").write_text("~\n", encoding="utf-8")
    return "profiles.yaml:1: error: holds no data. Restore its content (see the README's editor's guide)."


def _control_character(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "Den netværksansvarlige\n", "Den netværks\x1bansvarlige\n")
    return (f"profiles.yaml:{line}: error: contains the invisible control character U+001B, which the handbook does "
            "not allow. Delete it; it often comes with text copied from another program.")


def _empty_tagged_number(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", 'version: "2026.1"', "version: !!int")
    return f"profiles.yaml:{line}: error: '' cannot be read as a whole number. Put it in quotes if it is meant as text."


def _image_file(root: Path, name: str, data: bytes = b"", size: int = 0) -> None:
    images = root / "content" / "images"
    images.mkdir(exist_ok=True)
    with (images / name).open("wb") as file:
        file.write(data)
        file.truncate(max(size, len(data)))  # sparse: a large file that takes no room


def _svg_image(root: Path) -> str:
    _image_file(root, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    line = _add_to_about(root, "![logo](images/logo.svg)")
    return (f"content/about.da.md:{line}: error: the image 'images/logo.svg' is an SVG file, which can carry script. "
            "Save the image as PNG or JPEG and refer to that file.")


def _page_disguised_as_image(root: Path) -> str:
    _image_file(root, "logo.png", b"<!doctype html><script>alert(1)</script>")
    line = _add_to_about(root, "![logo](images/logo.png)")
    return (f"content/about.da.md:{line}: error: the image 'images/logo.png' is not a PNG file inside, whatever its "
            "name says. Open it in an image program and save it as PNG.")


def _very_large_image(root: Path) -> str:
    _image_file(root, "poster.jpg", b"\xff\xd8\xff\xe0", size=10_000_001)
    line = _add_to_about(root, "![plakat](images/poster.jpg)")
    return (f"content/about.da.md:{line}: error: the image 'images/poster.jpg' is 10,000,001 bytes, more than the "
            "10,000,000 allowed. Save it smaller.")


# Pasted and odd text (issue 15, classes 6 and 7): each gets its line, shown as the editor can find it.

def _deep_block_sequences(root: Path) -> str:
    with (root / "profiles.yaml").open("a", encoding="utf-8") as file:
        file.write("deep:\n  " + "- " * 5_000 + "x\n")
    line = len((root / "profiles.yaml").read_text(encoding="utf-8").splitlines())
    return (f"profiles.yaml:{line}: error: YAML syntax error: the blocks and lists are nested more than 40 levels deep. "
            "Check the indentation and the brackets: the handbook needs only a few levels.")


def _hundred_thousand_nested_items(root: Path) -> str:
    """Once a segfault: the fast parsers recursed before anything was checked."""
    with (root / "profiles.yaml").open("a", encoding="utf-8") as file:
        file.write("deep:\n  " + "- " * 100_000 + "x\n")
    line = len((root / "profiles.yaml").read_text(encoding="utf-8").splitlines())
    return f"profiles.yaml:{line}: error: YAML syntax error: the blocks and lists are nested more than 40 levels deep."


def _staircase_of_keys(root: Path) -> str:
    """Nesting by indentation, one column a level: a key under a key, a thousand times."""
    with (root / "profiles.yaml").open("a", encoding="utf-8") as file:
        file.write("".join(" " * level + f"k{level}:\n" for level in range(1_000)) + " " * 1_000 + "x\n")
    text = (root / "profiles.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index(" " * 39 + "k39:") + 1  # the 41st level: the file's top level is the first
    return f"profiles.yaml:{line}: error: YAML syntax error: the blocks and lists are nested more than 40 levels deep."


def _image_address_with_nul(root: Path) -> str:
    _image_file(root, "logo.png", b"\x89PNG\r\n\x1a\n")
    line = _add_to_about(root, "![logo](images/logo.png%00)")
    return (f"content/about.da.md:{line}: error: the image 'images/logo.png%00' has the control character U+0000 in "
            "its name, which no file name holds. Remove it from the address.")


def _image_path_too_long_for_the_disk(root: Path) -> str:
    address = "/".join(["mappe" * 50] * 20) + "/logo.png"  # each name past the file system's 255 bytes
    line = _add_to_about(root, f"![logo]({address})")
    return (f"content/about.da.md:{line}: error: the image '{address}' cannot be read (File name too long). Check the "
            "name and the folder.")


def _link_to_network_share(root: Path) -> str:
    line = _add_to_about(root, r"Se [skabelonen](\\server\share\file.docx).")
    return (f"content/about.da.md:{line}: error: the link '\\\\server\\share\\file.docx' is a file on a computer or "
            "network drive, which readers of the site cannot open. Put the file on the intranet and link to its "
            "https:// address.")


def _link_to_drive_letter(root: Path) -> str:
    line = _add_to_about(root, r"Se [notatet](C:\Users\anne\Dokumenter\notat.docx).")
    return (f"content/about.da.md:{line}: error: the link 'C:\\Users\\anne\\Dokumenter\\notat.docx' is a file on a "
            "computer or network drive, which readers of the site cannot open.")


def _profile_coded_like(code: str, what: str) -> Callable[[Path], str]:
    def mutate(root: Path) -> str:
        path = root / "profiles.yaml"
        replace_once(path, "  - code: PRT\n", f"  - code: {code}\n")
        path.write_text(path.read_text(encoding="utf-8").replace("code: PRT-", f"code: {code}-"), encoding="utf-8")
        line = line_of(path, f"  - code: {code}")
        return (f"profiles.yaml:{line}: error: profile {code}: its page would be {code.lower()}.html, the name of {what}. "
                "Give the profile another code.")
    mutate.__name__ = f"_profile_coded_{code.lower()}"
    return mutate


def _line_separator_pasted(root: Path) -> str:
    """U+2028 from a web page: reported where it is, and the real error below it keeps its line."""
    path = root / "profiles.yaml"
    line = replace_once(path, "Den netværksansvarlige\n", "Den netværks\u2028ansvarlige\n")
    replace_once(path, "owner: manager", "owner: managr")
    return (f"profiles.yaml:{line}: error: contains the invisible line break U+2028 (line separator), which comes "
            "with text copied from web pages and other programs; editors do not show it, and it would shift every "
            "later line number. Delete it, and press Enter where a new line is meant.")


def _next_line_character_pasted(root: Path) -> str:
    path = root / "content" / "about.da.md"
    line = replace_once(path, "## Kilde\n", "## Kilde\n\nFørste linje\x85anden linje.\n") + 2
    return f"content/about.da.md:{line}: error: contains the invisible line break U+0085 (next line, NEL)"


def _page_saved_as_utf16_without_bom(root: Path) -> str:
    path = root / "content" / "about.da.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    return ("content/about.da.md:1: error: is saved as UTF-16 (\"Unicode\" in Notepad and Word), not UTF-8. Save it "
            "again with the encoding UTF-8.")


def _profiles_saved_as_utf16(root: Path) -> str:
    path = root / "profiles.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))  # with its byte-order mark
    return "profiles.yaml:1: error: is saved as UTF-16 (\"Unicode\" in Notepad and Word), not UTF-8."


def _powerpoint_line_break_in_page(root: Path) -> str:
    line = _add_to_about(root, "Fra præsentationen:\x0bnæste punkt.")
    return (f"content/about.da.md:{line}: error: contains the invisible control character U+000B, which the handbook "
            "does not allow. Delete it; it often comes with text copied from another program.")


def _nul_in_ui_strings(root: Path) -> str:
    line = replace_once(root / "content" / "ui.yaml", "da: Forside", "da: For\x00side")
    return f"content/ui.yaml:{line}: error: contains the invisible control character U+0000, which the handbook"


def _zero_width_space_in_code(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "code: NET-3\n", "code: NET-3\u200b\n")
    return (f"profiles.yaml:{line}: error: competence NET-3[U+200B]: 'code' is 'NET-3[U+200B]', which holds the "
            "invisible character U+200B (zero width space), often pasted in with the text. Delete it, so that the "
            "code is 'NET-3'.")


def _no_break_space_in_code(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "  - code: NET\n", "  - code: NET\u00a0\n")
    return (f"profiles.yaml:{line}: error: profile NET[U+00A0]: 'code' is 'NET[U+00A0]', which holds the invisible "
            "character U+00A0 (no-break space), often pasted in with the text. Delete it, so that the code is 'NET'.")


def _no_break_space_in_key(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "        description:\n", "        description\u00a0:\n")
    return (f"profiles.yaml:{line}: error: competence NET-1: unknown key 'description[U+00A0]' in this competence. "
            "Did you mean 'description'?")


def _competence_code_past_999(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "code: NET-3\n", "code: NET-1000\n")
    return (f"profiles.yaml:{line}: error: competence NET-1000: 'code' is 'NET-1000', which is not a valid code. Write "
            "the profile's code, a hyphen and a number from 1 to 999, like 'NET-3' (codes appear in links and file names).")


def _curly_quotes_from_word(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", "en: Network coordinator", "en: \u201cNetwork coordinator: NET\u201d")
    return (f"profiles.yaml:{line}: error: YAML syntax error: mapping values are not allowed here. The text starts "
            "with the curly quote \u201c (as Word writes it), which YAML does not read as a quote: put the text in "
            "straight quotes, \"like this\".")


def _curly_closing_quote(root: Path) -> str:
    line = replace_once(root / "profiles.yaml", 'version: "2026.1"', 'version: "2026.1\u201d')
    return (f"profiles.yaml:{line}: error: YAML syntax error: the quoted text that starts on this line has no closing "
            "quote. It ends with the curly quote \u201d (as Word writes it), which YAML does not read as a quote: type "
            "a straight quote \" there.")


def _second_tab(root: Path) -> str:
    """One tab no longer hides the rest: the second tab-indented line is reported too."""
    path = root / "profiles.yaml"
    replace_once(path, "    name:\n", "\tname:\n")
    line = replace_once(path, "    summary:\n", "\tsummary:\n")
    return f"profiles.yaml:{line}: error: is indented with a tab. YAML needs spaces: replace the tab with spaces."

CASES = [Case(f.__name__.strip("_"), f) for f in (
    _unclosed_quote, _unquoted_colon, _tab, _duplicate_key, _unknown_key, _missing_field, _wrong_type, _duplicate_code, _unsafe_code,
    _bad_choice, _missing_danish, _bad_date, _alias, _not_utf8, _orphan_translation, _broken_link, _raw_script,
    _javascript_link, _outside_image, _remote_image, _template_syntax, _undefined_ui_string, _empty_file,
    _code_with_space, _code_with_slash, _code_too_long, _page_name_with_space, _page_name_too_long, _duplicate_profile_code,
    _billion_laughs, _deep_nesting, _very_large_yaml, _very_large_page, _list_for_mapping, _top_level_list,
    _ui_strings_as_list, _yes_for_text, _impossible_date, _huge_number, _python_tag, _empty_page,
    _required_page_missing, _page_nested_too_deeply, _raw_iframe, _inline_event_handler, _onclick_attribute,
    _onerror_attribute_block, _href_attribute_javascript, _reference_javascript_link, _entity_javascript_link,
    _autolink_javascript, _data_link, _vbscript_link, _protocol_relative_link, _data_image, _missing_image,
    _page_linked_to_etc_passwd, _page_linked_outside, _image_linked_outside, _template_asset_linked_outside,
    _missing_template, _missing_base_template, _template_includes_etc_passwd, _template_includes_parent,
    _template_reaches_python, _navigation_template_error, _template_reaches_python_through_data, _template_reaches_a_data_objects_class,
    _date_format_code, _misspelt_code_key, _null_document, _control_character,
    _empty_tagged_number, _svg_image, _page_disguised_as_image, _very_large_image,
    _deep_block_sequences, _hundred_thousand_nested_items, _staircase_of_keys, _image_address_with_nul,
    _image_path_too_long_for_the_disk,
    _link_to_network_share, _link_to_drive_letter,
    _profile_coded_like("SEARCH", "the built-in search"), _profile_coded_like("OVERVIEW", "the built-in competence overview"),
    _profile_coded_like("CHECKLISTS", "the built-in list of checklists"),
    _profile_coded_like("DOWNLOADS", "the built-in list of downloads"), _profile_coded_like("INDEX", "the front page"),
    _profile_coded_like("ABOUT", "the about page, which the handbook needs"),
    _profile_coded_like("TEAM", "the built-in team competence picture"),
    _line_separator_pasted, _next_line_character_pasted, _page_saved_as_utf16_without_bom, _profiles_saved_as_utf16,
    _powerpoint_line_break_in_page, _nul_in_ui_strings, _zero_width_space_in_code, _no_break_space_in_code,
    _no_break_space_in_key, _competence_code_past_999, _curly_quotes_from_word, _curly_closing_quote, _second_tab,
    _bad_due, _due_as_a_bare_number, _due_day_zero, _due_after_three_months, _phase_instead_of_due,
    _due_text_without_its_number,
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
