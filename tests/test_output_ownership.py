"""The build replaces only an output folder that a build of the handbook wrote, never someone else's files.

Through the real command line: `--out` pointed at a web server's document root, at a
folder where the build's marker was copied, at a built site someone added a file to,
at a site built before the marker existed, and at folders among the sources.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import copy_handbook, run_cli, tree_digest

from handbook.write.output import MARKER_FILE

REFUSED = ("python build.py: error: the output folder {out} holds files that no build of this handbook wrote "
           "({shown}); the build replaces the folder whole and would delete them. Choose a new or empty folder, "
           "or move those files away.\n")


def _document_root(folder: Path) -> Path:
    """A web server's document root: its own front page, a page and a folder of pictures."""
    (folder / "photos").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>Our library</h1>", encoding="utf-8")
    (folder / "opening-hours.html").write_text("<p>Mon–Fri</p>", encoding="utf-8")
    (folder / "photos" / "summer.jpg").write_bytes(b"\xff\xd8\xff the only copy")
    return folder


def _refused(result, out: Path, shown: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr == REFUSED.format(out=out, shown=shown)
    assert "Traceback" not in result.stderr


def test_out_pointed_at_a_web_servers_document_root_deletes_nothing(tmp_path: Path) -> None:
    public_html = _document_root(tmp_path / "public_html")
    before = tree_digest(tmp_path)

    result = run_cli("--out", str(public_html), "--no-pdfs")

    _refused(result, public_html, "index.html, opening-hours.html, photos and 1 more")
    assert tree_digest(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public_html"]  # not even a lock file beside it


def test_the_preview_refuses_a_document_root_before_serving_it(tmp_path: Path) -> None:
    public_html = _document_root(tmp_path / "public_html")
    before = tree_digest(public_html)

    result = run_cli("serve", "--port", "0", "--out", str(public_html), "--no-pdfs", timeout=60)

    _refused(result, public_html, "index.html, opening-hours.html, photos and 1 more")
    assert "Serving" not in result.stdout
    assert tree_digest(public_html) == before


def test_a_marker_copied_into_a_folder_of_other_files_does_not_make_it_a_site(tmp_path: Path, built_site: Path) -> None:
    public_html = _document_root(tmp_path / "public_html")
    shutil.copy(built_site / MARKER_FILE, public_html / MARKER_FILE)
    before = tree_digest(public_html)

    result = run_cli("--out", str(public_html), "--no-pdfs")

    # The copied list names index.html, which a build writes; the other files it does not name.
    _refused(result, public_html, "opening-hours.html, photos, photos/summer.jpg")
    assert tree_digest(public_html) == before


def test_a_file_added_to_a_built_site_stops_the_next_build_instead_of_being_deleted(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("--out", str(out), "--no-pdfs").returncode == 0
    (out / ".htaccess").write_text("ErrorDocument 404 /da/404.html\n", encoding="utf-8")
    (out / "da" / "notes").mkdir()
    before = tree_digest(out)

    result = run_cli("--out", str(out), "--no-pdfs", "--clean")

    _refused(result, out, ".htaccess, da/notes")
    assert tree_digest(out) == before


def test_a_link_put_into_a_built_site_is_refused_not_followed(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    assert run_cli("--out", str(out), "--no-pdfs").returncode == 0
    (out / "shared").symlink_to(elsewhere, target_is_directory=True)

    result = run_cli("--out", str(out), "--no-pdfs", "--clean")

    _refused(result, out, "shared")
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_a_built_site_lists_exactly_its_files_and_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("--out", str(out), "--no-pdfs").returncode == 0
    listed = json.loads((out / MARKER_FILE).read_text(encoding="utf-8"))["files"]
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MARKER_FILE)
    assert listed == on_disk and "da/net.html" in listed

    rebuilt = run_cli("--out", str(out), "--no-pdfs", "--clean")
    assert rebuilt.returncode == 0, rebuilt.stderr


def test_an_empty_folder_becomes_the_site_and_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    assert run_cli("--out", str(tmp_path / "site"), "--no-pdfs").returncode == 0
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / MARKER_FILE).is_file()
    assert run_cli("--out", str(tmp_path / "site"), "--no-pdfs", "--clean").returncode == 0


def test_a_site_built_before_the_marker_existed_is_taken_over_once(tmp_path: Path, built_site: Path) -> None:
    """Upgrading: an output folder of an earlier version of the build, without the marker, is replaced
    when it holds only what a build writes, and carries the marker from then on."""
    out = tmp_path / "output"
    shutil.copytree(built_site, out)
    (out / MARKER_FILE).unlink()

    result = run_cli("--out", str(out), "--no-pdfs")

    assert result.returncode == 0, result.stderr
    assert (out / MARKER_FILE).is_file()


def test_a_site_built_before_the_marker_with_other_files_is_refused(tmp_path: Path, built_site: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(built_site, out)
    (out / MARKER_FILE).unlink()
    (out / "minutes.txt").write_text("the only copy", encoding="utf-8")
    before = tree_digest(out)

    result = run_cli("--out", str(out), "--no-pdfs")

    _refused(result, out, "minutes.txt")
    assert tree_digest(out) == before


@pytest.mark.parametrize("marker", ["not json", '{"files": "index.html"}', "[]", None])
def test_a_broken_or_linked_marker_vouches_for_nothing(tmp_path: Path, marker: str | None) -> None:
    public_html = _document_root(tmp_path / "public_html")
    if marker is None:
        (tmp_path / "list.json").write_text(json.dumps({"files": ["index.html", "opening-hours.html", "photos/summer.jpg"]}))
        (public_html / MARKER_FILE).symlink_to(tmp_path / "list.json")
    else:
        (public_html / MARKER_FILE).write_text(marker, encoding="utf-8")
    before = tree_digest(public_html)

    result = run_cli("--out", str(public_html), "--no-pdfs")

    _refused(result, public_html, "index.html, opening-hours.html, photos and 1 more")
    assert tree_digest(public_html) == before


def test_out_naming_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("a page", encoding="utf-8")
    for command in ("build", "serve"):
        result = run_cli(command, "--port", "0", "--out", str(tmp_path / "index.html"), "--no-pdfs", timeout=60)
        assert result.returncode == 2
        assert result.stderr == f"python build.py: error: --out {tmp_path / 'index.html'}: exists and is not a folder.\n"
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "a page"


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("inside", ["content/site", "content/images/site", "templates/site", ".handbook-cache/site"])
def test_out_inside_the_sources_is_refused(tmp_path: Path, command: str, inside: str) -> None:
    root = copy_handbook(tmp_path / "handbook", with_templates=True)
    before = tree_digest(root)

    result = run_cli(command, "--root", str(root), "--out", str(root / inside), "--port", "0", "--no-pdfs", timeout=60)

    assert result.returncode == 2, result.stderr
    folder = inside.split("/")[0]
    assert result.stderr == (f"python build.py: error: the output folder {root / inside} is inside {root / folder}, "
                             "which the build reads its sources from. Choose a folder outside it for the site, "
                             "like output/.\n")
    assert tree_digest(root) == before and not (root / inside).exists()
