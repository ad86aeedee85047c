"""Every saved edit is built: through a linked profiles.yaml, and in the preview while another build runs.

Through the real command line and the real preview: profiles.yaml (or a page) kept as a link
to a file elsewhere in the handbook, edited there; a save made while `python build.py` in
another terminal holds the output folder. (An output folder inside the watched sources, which
made the preview rebuild on its own writes, is refused: see test_output_ownership.py.)
"""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

from conftest import copy_handbook, run_cli
from test_bad_input import replace_once
from test_serve import serving, wait_until


def _linked_profiles(root: Path) -> Path:
    """profiles.yaml moved to data/ and linked from where the build reads it, as some editors keep it."""
    (root / "data").mkdir()
    target = root / "data" / "profiles.yaml"
    shutil.move(root / "profiles.yaml", target)
    (root / "profiles.yaml").symlink_to(Path("data") / "profiles.yaml")
    return target


def test_an_edit_to_the_file_a_linked_profiles_yaml_points_to_is_built(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    target = _linked_profiles(root)
    assert run_cli("--root", str(root), "--out", str(out), "--no-pdfs").returncode == 0

    replace_once(target, "en: Network coordinator\n", "en: Network lead\n")
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs")

    assert result.returncode == 0, result.stderr
    assert "Up to date" not in result.stdout
    assert "Network lead" in (out / "en" / "net.html").read_text(encoding="utf-8")
    again = run_cli("--root", str(root), "--out", str(out), "--no-pdfs")
    assert again.stdout.startswith("Up to date")  # and unchanged, it is up to date again


def test_an_edit_to_the_file_a_linked_page_points_to_is_built(tmp_path: Path) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    (root / "content" / "shared").mkdir()
    shutil.move(root / "content" / "about.en.md", root / "content" / "shared" / "about.md")
    (root / "content" / "about.en.md").symlink_to(Path("shared") / "about.md")
    assert run_cli("--root", str(root), "--out", str(out), "--no-pdfs").returncode == 0

    with open(root / "content" / "shared" / "about.md", "a", encoding="utf-8") as page:
        page.write("\nA sentence added to the shared file.\n")
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs")

    assert result.returncode == 0 and "Up to date" not in result.stdout, result.stdout + result.stderr
    assert "A sentence added to the shared file." in (out / "en" / "about.html").read_text(encoding="utf-8")


def test_a_linked_profiles_yaml_pointing_out_of_the_handbook_is_still_refused(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    shutil.move(root / "profiles.yaml", tmp_path / "profiles.yaml")
    (root / "profiles.yaml").symlink_to(tmp_path / "profiles.yaml")
    result = run_cli("--root", str(root), "--out", str(tmp_path / "site"), "--no-pdfs")
    assert result.returncode == 1
    assert result.stderr.startswith("profiles.yaml: error: is a link to something outside the handbook's folder.")


def test_the_preview_builds_a_save_to_the_file_a_linked_profiles_yaml_points_to(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    target = _linked_profiles(root)
    with serving(root, tmp_path) as server:
        replace_once(target, "en: Network coordinator\n", "en: Network lead\n")
        assert "Network lead" in server.page_once("/en/net.html", lambda page: "Network lead" in page)


def test_a_save_while_another_build_holds_the_output_is_built_when_it_is_done(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    with serving(root, tmp_path) as server:
        with open(root / ".output.lock", "w") as lock:  # what `python build.py` in another terminal holds
            fcntl.flock(lock, fcntl.LOCK_EX)
            replace_once(root / "content" / "about.da.md", "## Kilde\n", "## Kilden til det hele\n")
            wait_until(lambda: "Another build is writing output/: building this change as soon as it is done."
                       in server.stdout.read_text())
            assert "Kilden til det hele" not in (root / "output" / "da" / "about.html").read_text(encoding="utf-8")
            fcntl.flock(lock, fcntl.LOCK_UN)

        assert "Kilden til det hele" in server.page_once("/da/about.html", lambda page: "Kilden til det hele" in page)
        said = server.stdout.read_text()
        assert said.count("Another build is writing") == 1  # said once, not at every try
        assert "Build failed" not in server.stderr.read_text()
