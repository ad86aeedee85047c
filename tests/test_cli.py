"""The command line as editors use it: commands, options, exit codes, warnings."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_handbook, run_cli, tree_digest
from html_pages import parse, visible_text
from test_bad_input import replace_once


def test_help_documents_every_option() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("build", "check", "--strict", "--out", "--root", "--quiet"):
        assert word in result.stdout


def test_build_reports_what_it_wrote(tmp_path: Path) -> None:
    result = run_cli("--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "Built" in result.stdout and "43 pages" in result.stdout
    assert "1 warning in" in result.stdout and "example partnership" in result.stderr  # until they are deleted


def test_two_clean_builds_give_identical_bytes(tmp_path: Path) -> None:
    """--clean renders every PDF again, so WeasyPrint's output is compared too, not the cache's."""
    assert run_cli("--out", str(tmp_path / "a"), "--clean").returncode == 0
    assert run_cli("--out", str(tmp_path / "b"), "--clean").returncode == 0
    first, second = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert first == second and len(first) > 10


def test_rebuild_replaces_the_output_and_leaves_no_staging_folder(tmp_path: Path) -> None:
    """A page the last build wrote and this one does not (its source was deleted) goes. (A file someone
    else put there stops the build instead: see test_output_ownership.py.)"""
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    (root / "content" / "kontakt.da.md").write_text("# Kontakt\n\nSkriv til os.\n", encoding="utf-8")
    assert run_cli("--root", str(root), "--out", str(out), "--no-pdfs").returncode == 0
    assert (out / "da" / "kontakt.html").is_file()
    (root / "content" / "kontakt.da.md").unlink()
    assert run_cli("--root", str(root), "--out", str(out), "--no-pdfs").returncode == 0
    assert not (out / "da" / "kontakt.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["handbook", "site"]


def test_check_writes_nothing(handbook: Path) -> None:
    result = run_cli("check", "--root", str(handbook))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("Checked 33 pages")
    assert not (handbook / "output").exists()


def test_default_output_is_the_handbook_folders_output(handbook: Path) -> None:
    assert run_cli("--root", str(handbook)).returncode == 0
    assert (handbook / "output" / "da" / "net.html").is_file()


def test_missing_translation_warns_and_shows_danish_marked(handbook: Path, tmp_path: Path) -> None:
    line = replace_once(handbook / "profiles.yaml", "          en: Good communication skills\n", "") - 2
    out = tmp_path / "site"
    result = run_cli("--root", str(handbook), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (f"profiles.yaml:{line}: warning: competence NET-1: 'title' is not yet translated into English. Add a line "
            "'en: …' under 'title'; until then the English pages show the Danish text.") in result.stderr
    page = (out / "en" / "net.html").read_text(encoding="utf-8")
    assert '<span lang="da">Gode kommunikationsevner</span> <span class="untranslated">(not yet translated)</span>' in page


def test_strict_makes_a_missing_translation_fail(handbook: Path, tmp_path: Path) -> None:
    replace_once(handbook / "profiles.yaml", "          en: Good communication skills\n", "")
    result = run_cli("--root", str(handbook), "--out", str(tmp_path / "site"), "--strict")
    assert result.returncode == 1
    assert "warning: competence NET-1: 'title' is not yet translated into English" in result.stderr
    assert not (tmp_path / "site").exists()


def test_page_without_translation_is_shown_in_danish_with_a_note(handbook: Path, tmp_path: Path) -> None:
    (handbook / "content" / "about.en.md").unlink()
    out = tmp_path / "site"
    result = run_cli("--root", str(handbook), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert ("content/about.da.md: warning: is not yet translated: add content/about.en.md. Until then the page "
            "shows the Danish text.") in result.stderr
    page = parse(out / "en" / "about.html")
    assert page.all("html")[0].attrs["lang"] == "en"
    assert page.all("div", lang="da")
    assert "This page has not yet been translated into English." in visible_text(out / "en" / "about.html")


def test_quiet_prints_only_errors(handbook: Path) -> None:
    replace_once(handbook / "profiles.yaml", "          en: Good communication skills\n", "")
    result = run_cli("--root", str(handbook), "--quiet")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""


def test_unknown_option_is_a_usage_error() -> None:
    result = run_cli("--stirct")
    assert result.returncode == 2
    assert "unrecognized arguments: --stirct" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("--root", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no such folder" in result.stderr


def test_root_without_profiles_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("--root", str(tmp_path))
    assert result.returncode == 2
    assert "holds no profiles.yaml" in result.stderr


def test_a_held_lock_stops_a_second_build(tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "site"
    with open(tmp_path / ".site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run_cli("--out", str(out))
    assert result.returncode == 2
    assert "another build is writing site/ right now. Wait for it to finish, then build again." in result.stderr
    assert not out.exists()


def test_output_survives_an_interrupted_swap(handbook: Path, tmp_path: Path) -> None:
    """A build killed between its two renames leaves the old site as .NAME.previous; the next build puts it back,
    even when that build fails."""
    out = tmp_path / "site"
    assert run_cli("--out", str(out)).returncode == 0
    before = tree_digest(out)
    out.rename(tmp_path / ".site.previous")
    replace_once(handbook / "profiles.yaml", "code: NET-2", "code: NET-1")
    assert run_cli("--root", str(handbook), "--out", str(out)).returncode == 1
    assert tree_digest(out) == before
