"""A build with nothing to do says so at once; any change to the sources or the output is noticed."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_handbook, run_cli, tree_digest
from test_bad_input import replace_once

UP_TO_DATE = "Up to date: site/ already holds this build"


def _build(root: Path, out: Path, *options: str) -> str:
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs", *options, cwd=out.parent)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_a_second_build_with_nothing_changed_does_nothing(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    assert "Built site/" in _build(root, out)
    before = tree_digest(out)
    again = _build(root, out)
    assert UP_TO_DATE in again and "Reading sources" not in again
    assert tree_digest(out) == before


def test_a_changed_source_builds_again(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    _build(root, out)
    replace_once(root / "profiles.yaml", "Gode kommunikationsevner", "Fremragende kommunikationsevner")
    again = _build(root, out)
    assert "Built site/" in again
    assert "Fremragende kommunikationsevner" in (out / "da" / "net.html").read_text(encoding="utf-8")


def test_a_changed_output_is_built_again(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    _build(root, out)
    before = tree_digest(out)
    (out / "da" / "net.html").unlink()
    assert "Built site/" in _build(root, out)
    assert tree_digest(out) == before


def test_other_options_and_clean_build_again(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    _build(root, out)
    assert "Built site/" in _build(root, out, "--strict")
    assert "Built site/" in _build(root, out, "--strict", "--clean")
    assert UP_TO_DATE in _build(root, out, "--strict")


def test_an_up_to_date_build_repeats_the_warnings(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    replace_once(root / "profiles.yaml", "          en: Good communication skills\n", "")
    first = _build(root, out)
    warning = next(line for line in first.splitlines() if "is not yet translated into English" in line)
    again = _build(root, out)
    assert UP_TO_DATE in again and warning in again


def test_a_changed_competence_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    """Its profile's page, its self-assessment, the overview and the team page in each language (they hold
    the title in both), and the Danish A–Z index (the English one lists English titles): 9 of 33."""
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    assert "33 pages (33 rendered)" in _build(root, out)
    before = tree_digest(out)
    replace_once(root / "profiles.yaml", "Gode kommunikationsevner", "Fremragende kommunikationsevner")
    assert "33 pages (9 rendered)" in _build(root, out)
    after = tree_digest(out)
    changed = sorted(path for path in after if path.endswith(".html") and after[path] != before.get(path))
    assert changed == ["da/a-z.html", "da/net-self-assessment.html", "da/net.html", "da/overview.html",
                       "da/team.html"]  # a Danish title: the pages that show it


def test_a_changed_description_renders_only_its_profiles_pages(tmp_path: Path) -> None:
    """A description shows on its profile's page and its self-assessment alone: their four pages are rendered."""
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    _build(root, out)
    before, indexes_before = tree_digest(out), _search_indexes(root)
    replace_once(root / "profiles.yaml", "Den netværksansvarlige formidler", "Den netværksansvarlige forklarer")
    assert "33 pages (4 rendered)" in _build(root, out)
    after, indexes_after = tree_digest(out), _search_indexes(root)
    changed = sorted(path for path in after if path.endswith(".html") and after[path] != before.get(path))
    assert changed == ["da/net-self-assessment.html", "da/net.html"]
    # Pagefind indexed the Danish pages again; the English index came from the cache.
    assert len(indexes_before) == len(indexes_after) == 2 and len(indexes_before & indexes_after) == 1


def _search_indexes(root: Path) -> set[str]:
    """The search index bundles a build keeps, one per language, named by a hash of that language's pages."""
    return {path.name for path in (root / ".handbook-cache" / "search").iterdir()}


EDITS = {  # (file, old, new): one of every kind of text a page can show
    "competence title": ("profiles.yaml", "Gode kommunikationsevner", "Fremragende kommunikationsevner"),
    "competence description": ("profiles.yaml", "Den netværksansvarlige formidler", "Den netværksansvarlige forklarer"),
    "profile summary": ("profiles.yaml", "har det tværgående overblik", "har det samlede overblik"),
    "profile name": ("profiles.yaml", "da: Den partnerskabsansvarlige\n", "da: Partnerskabskoordinatoren\n"),
    "recruitment lead": ("profiles.yaml", "Ved nye ansættelser anbefales", "Ved alle ansættelser anbefales"),
    "interface text": ("content/ui.yaml", "Gå til indholdet", "Spring til indholdet"),
    "front page": ("content/index.da.md", "", "Et nyt første afsnit.\n\n"),
}


def test_every_page_kept_from_an_earlier_build_is_the_page_a_clean_build_makes(tmp_path: Path) -> None:
    """The page cache must never serve a page whose text changed: after each kind of edit, the
    build that reuses pages gives the same files as one that renders every page."""
    root, kept, clean = copy_handbook(tmp_path / "handbook"), tmp_path / "kept", tmp_path / "clean"
    _build(root, kept)
    for name, (file, old, new) in EDITS.items():
        path = root / file
        if old:
            replace_once(path, old, new)
        else:
            path.write_text(new + path.read_text(encoding="utf-8"), encoding="utf-8")
        _build(root, kept)
        _build(root, clean, "--clean")
        assert tree_digest(kept) == tree_digest(clean), name


def test_a_rebuild_links_the_files_it_did_not_change_and_writes_the_others(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    _build(root, out)
    inodes = {path: (out / path).stat().st_ino for path in ("da/about.html", "da/net.html")}
    replace_once(root / "profiles.yaml", "Den netværksansvarlige formidler", "Den netværksansvarlige forklarer")
    _build(root, out)
    assert (out / "da" / "about.html").stat().st_ino == inodes["da/about.html"]  # the same file, linked
    assert (out / "da" / "net.html").stat().st_ino != inodes["da/net.html"]
    assert "forklarer" in (out / "da" / "net.html").read_text(encoding="utf-8")


def test_a_file_changed_or_replaced_by_a_link_in_the_output_is_written_anew(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    _build(root, out)
    good = (out / "da" / "about.html").read_bytes()
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(good)
    (out / "da" / "about.html").unlink()
    (out / "da" / "about.html").symlink_to(elsewhere)  # the same bytes, behind a link out of the site
    (out / "en" / "about.html").write_bytes(b"edited by hand")
    _build(root, out)
    assert not (out / "da" / "about.html").is_symlink() and (out / "da" / "about.html").read_bytes() == good
    assert (out / "en" / "about.html").read_bytes() != b"edited by hand"
    assert elsewhere.stat().st_nlink == 1
