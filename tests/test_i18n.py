"""The build's messages in Danish and English: complete catalogues, compiled, chosen as the editor expects.

Every message in the code (`_()`, `n_()`) is extracted with Babel, as a translator would,
and must be translated in every catalogue, with the same placeholders; every `.mo` file
must be what Babel compiles from its `.po`. Then the real command line is run in a Danish
locale and must speak Danish.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import PROJECT, run_cli

from handbook.build.serve import Snapshot, with_preview
from handbook.i18n import LOCALE_DIR, SOURCE_LANGUAGE, _, choose_language, languages
from handbook.problems import Problem

PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")
CATALOGUES = [lang for lang in languages() if lang != SOURCE_LANGUAGE]


def _messages_in_the_code() -> dict[str, tuple[str, ...]]:
    """Every message the code shows, as Babel extracts it (README.md, "The build's language"): id → all its forms."""
    found = {}
    method_map = [("handbook/**.py", "python"), ("build.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(str(PROJECT), method_map,
                                                                        keywords={"_": None, "n_": (1, 2)}):
        forms = (message,) if isinstance(message, str) else tuple(message)
        found[forms[0]] = forms
    return found


def _catalogue(lang: str):
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "handbook.po", "rb") as file:
        return read_po(file, locale=lang)


def test_there_is_a_danish_catalogue_and_the_code_has_messages() -> None:
    assert "da" in CATALOGUES
    assert len(_messages_in_the_code()) > 200


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_message_is_translated_with_its_placeholders(lang: str) -> None:
    catalogue = _catalogue(lang)
    problems = []
    for msgid, forms in _messages_in_the_code().items():
        entry = catalogue.get(forms if len(forms) > 1 else msgid)
        entry = entry or catalogue.get(msgid)
        translations = entry.string if entry else None
        translations = (translations,) if isinstance(translations, str) else tuple(translations or ())
        if not entry or entry.fuzzy or not all(translations):
            problems.append(f"not translated: {msgid!r}")
            continue
        wanted = set(PLACEHOLDER.findall(" ".join(forms)))
        for text in translations:
            if set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {msgid!r} → {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", CATALOGUES)
def test_the_compiled_catalogue_is_compiled_from_the_po_file(lang: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(lang))
    shipped = (LOCALE_DIR / lang / "LC_MESSAGES" / "handbook.mo").read_bytes()
    assert shipped == compiled.getvalue(), "run: pybabel compile -d handbook/locale -D handbook"


@pytest.mark.parametrize(("requested", "environ", "chosen"), [
    ("en", {"HANDBOOK_LANG": "da", "LANG": "da_DK.UTF-8"}, "en"),
    (None, {"HANDBOOK_LANG": "da", "LANG": "en_GB.UTF-8"}, "da"),
    (None, {"LANG": "da_DK.UTF-8"}, "da"),
    (None, {"LC_ALL": "en_US.UTF-8", "LANG": "da_DK.UTF-8"}, "en"),
    (None, {"LC_MESSAGES": "da_DK", "LANG": "C.UTF-8"}, "da"),
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),
    (None, {"HANDBOOK_LANG": "fr"}, "en"),
    (None, {}, "en"),
])
def test_the_language_is_the_command_lines_else_the_variables_else_the_locales(
        requested: str | None, environ: dict[str, str], chosen: str) -> None:
    assert choose_language(requested, environ) == chosen


def test_a_danish_locale_gets_danish_messages(handbook: Path) -> None:
    profiles = handbook / "profiles.yaml"
    profiles.write_text(profiles.read_text(encoding="utf-8").replace("owner: employee", "owner: makker", 1),
                        encoding="utf-8")
    danish = {"HANDBOOK_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "da_DK.UTF-8"}
    result = run_cli("check", "--root", str(handbook), env=danish)
    assert result.returncode == 1
    assert "Læser kilderne…" in result.stdout
    assert ("fejl: introduktionsopgave på linje" in result.stderr
            and "'owner' er 'makker'; den skal være en af: manager, hr, buddy, employee. Skriv 'buddy' i stedet for "
                "'makker'." in result.stderr), result.stderr
    assert "Håndbogen kunne ikke bygges: 1 fejl; intet blev skrevet." in result.stderr
    english = run_cli("check", "--root", str(handbook), "--lang", "en", env=danish)
    assert "Build failed: 1 error; nothing was written." in english.stderr


def test_danish_summary_help_and_a_usage_error(tmp_path: Path) -> None:
    danish = {"HANDBOOK_LANG": "da"}
    helped = run_cli("--help", env=danish).stdout
    assert "tjek og lav det hele i outputmappen" in helped
    assert helped.startswith("brug: python build.py") and "\ntilvalg:\n" in helped and "vis denne hjælp" in helped
    assert "usage:" not in helped and "options:" not in helped  # argparse's own words, too
    wrong = run_cli("--jobs", "x", env=danish)
    assert wrong.returncode == 2 and wrong.stderr.startswith("brug: ") and "python build.py: fejl: " in wrong.stderr
    missing = run_cli("check", "--root", str(tmp_path / "nowhere"), env=danish)
    assert missing.returncode == 2 and "python build.py: fejl: --root" in missing.stderr and "mappen findes ikke" in missing.stderr


def test_the_preview_banner_speaks_the_pages_language() -> None:
    problem = Problem("profiles.yaml", 4, _("'{name}' is empty. Write {description}.", name="version", description=_("a text")))
    snapshot = Snapshot(3, (problem,))
    danish = with_preview(b'<!doctype html><html lang="da"><body><h1>Forside</h1></body></html>', snapshot).decode()
    english = with_preview(b'<!doctype html><html lang="en"><body><h1>Home</h1></body></html>', snapshot).decode()
    assert 'lang="da"' in danish and "Den sidste ændring kunne ikke bygges" in danish
    assert html.escape("'version' er tom. Skriv en tekst.") in danish and "</code> fejl: " in danish
    assert 'aria-label="Luk denne besked"' in danish
    assert 'lang="en"' in english and "The last change could not be built" in english
    assert html.escape("'version' is empty. Write a text.") in english and "</code> error: " in english and 'aria-label="Close this notice"' in english


def test_an_up_to_date_build_repeats_its_summary_and_warnings_in_the_language_asked(handbook: Path, tmp_path: Path) -> None:
    ui = handbook / "content" / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8").replace("  en: Skip to content\n", "", 1), encoding="utf-8")
    out = str(tmp_path / "out")
    first = run_cli("--no-pdfs", "--root", str(handbook), "--out", out)
    assert first.returncode == 0 and "'skip_link' is not yet translated into English" in first.stderr
    again = run_cli("--no-pdfs", "--root", str(handbook), "--out", out, "--lang", "da")
    assert again.stdout.startswith("Allerede opdateret: ") and "1 advarsel" in again.stdout, again.stdout
    assert "'skip_link' er endnu ikke oversat til engelsk" in again.stderr


def test_danish_messages_write_decimals_with_a_comma(handbook: Path) -> None:
    danish = run_cli("check", "--no-pdfs", "--root", str(handbook), env={"HANDBOOK_LANG": "da"})
    assert danish.returncode == 0, danish.stderr
    assert "oversat (100,0 %)" in danish.stdout
    assert re.search(r"på \d+,\d\d s\.$", danish.stdout.splitlines()[-1]), danish.stdout
    english = run_cli("check", "--no-pdfs", "--root", str(handbook), env={"HANDBOOK_LANG": "en"})
    assert "translated (100.0 %)" in english.stdout and re.search(r" in \d+\.\d\d s\.$", english.stdout.splitlines()[-1])
