"""No cache entry can poison a later build: each is checked before use, a bad one is made again.

Through the real command line: a disk that fills while Pagefind writes the search index,
cache entries cut short or changed (search index, pages, PDFs) between two builds, and a
build record that is not one the build wrote. Two builds of the same sources give the
same bytes, so a build from a damaged cache must equal one from a clean cache.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from conftest import PROJECT, copy_handbook, tree_digest

from handbook.write.cache import ContentCache

DISK_FULL = ("python build.py: error: Pagefind wrote an incomplete search index ({file} is {how}); the disk next to "
             "{out} may be full. Free some space and build again.\n")


def _file_size_limit(limit: int) -> Callable[[], None]:
    """For a child process: files may grow to `limit` bytes, then writing fails as on a full disk."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _build(root: Path, out: Path, *options: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--out", str(out), *options],
                          cwd=PROJECT, capture_output=True, text=True, timeout=300,
                          preexec_fn=_file_size_limit(limit) if limit else None,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def _search_entries(root: Path) -> list[Path]:
    return sorted((root / ".handbook-cache" / "search").glob("*.zip"))


def _complete_search_index(out: Path) -> None:
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["da", "en"]
    for lang, language in entry["languages"].items():
        assert (out / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file()
        assert (out / "pagefind" / f"wasm.{lang}.pagefind").stat().st_size > 10_000


def test_a_disk_that_fills_while_pagefind_writes_stops_the_build_and_keeps_nothing(tmp_path: Path) -> None:
    """Files may grow to 50 KB: every page is written, Pagefind's 70 KB search programs are not."""
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    assert _build(root, out, "--no-pdfs").returncode == 0
    (root / "content" / "about.da.md").write_text("# Om\n\nEn ny side, så indekset skal laves igen.\n", encoding="utf-8")
    shutil.rmtree(root / ".handbook-cache" / "search")
    before = tree_digest(out)

    full = _build(root, out, "--no-pdfs", limit=50_000)

    assert full.returncode == 2, full.stderr
    assert full.stderr.startswith("python build.py: error: Pagefind could not make the search index (it stopped with "
                                  "status ")
    assert full.stderr.endswith(f"). If the disk next to {out} is full, free some space; then build again.\n")
    assert tree_digest(out) == before
    assert _search_entries(root) == []  # nothing broken kept for the next build
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "handbook", "site"]

    again = _build(root, out, "--no-pdfs")  # space again: the next build needs no --clean
    assert again.returncode == 0, again.stderr
    _complete_search_index(out)


def test_a_real_full_disk_under_the_output_folder_is_exit_2(tmp_path: Path) -> None:
    """The same on a file system that is really full: a 900 KB tmpfs holds the pages (the PDF library among the
    assets is 525 KB), not Pagefind's index.
    Pagefind leaves files empty there and says nothing of it."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=900k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        root = copy_handbook(tmp_path / "handbook")
        full = _build(root, disk / "site", "--no-pdfs")
        assert full.returncode == 2, full.stderr
        # The pages and Pagefind's index are written at once: whichever finds the disk full first says so.
        pagefind_full = re.escape(DISK_FULL).replace(re.escape("{file} is {how}"), r"pagefind/\S+ is (empty|cut short)")
        site_full = re.escape("python build.py: error: cannot write the new site next to {out} (No space left on "
                              "device); the previous site was left as it was. Free some space, or choose another "
                              "folder with --out.\n")
        expected = f"{pagefind_full}|{site_full}".replace(re.escape("{out}"), re.escape(str(disk / "site")))
        assert re.fullmatch(expected, full.stderr), full.stderr
        assert sorted(p.name for p in disk.iterdir()) == [".site.lock"]
        assert _search_entries(root) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    again = _build(root, tmp_path / "site", "--no-pdfs")
    assert again.returncode == 0, again.stderr
    _complete_search_index(tmp_path / "site")


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _one_byte_changed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_cut_short, _one_byte_changed, lambda path: path.write_bytes(b"")],
                         ids=["cut short", "one byte changed", "emptied"])
@pytest.mark.parametrize("kind", ["search/*.zip", "pages/*.html"])
def test_a_damaged_cache_entry_is_made_again_never_published(tmp_path: Path, kind: str, damage) -> None:
    root = copy_handbook(tmp_path / "handbook")
    assert _build(root, tmp_path / "first", "--no-pdfs").returncode == 0
    entries = sorted((root / ".handbook-cache").glob(kind))
    assert entries
    for entry in entries:
        damage(entry)

    second = _build(root, tmp_path / "second", "--no-pdfs")

    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    assert tree_digest(tmp_path / "second") == tree_digest(tmp_path / "first")
    if kind.startswith("pages"):
        assert "33 pages (33 rendered)" in second.stdout
    third = _build(root, tmp_path / "third", "--no-pdfs")  # and the cache is whole again
    assert "33 pages (0 rendered)" in third.stdout and tree_digest(tmp_path / "third") == tree_digest(tmp_path / "first")


def test_a_cached_pdf_cut_short_is_rendered_again(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    assert _build(root, tmp_path / "first").returncode == 0
    entries = sorted((root / ".handbook-cache" / "pdf").glob("*.pdf"))
    assert len(entries) == 20
    _cut_short(entries[0])
    _one_byte_changed(entries[1])

    second = _build(root, tmp_path / "second")

    assert second.returncode == 0, second.stderr
    assert "20 PDFs (2 rendered)" in second.stdout
    assert tree_digest(tmp_path / "second") == tree_digest(tmp_path / "first")


@pytest.mark.parametrize("record", [
    "{not json",
    '{"OUT": {"fingerprint": "FP", "output": "STATE"}}',
    '{"OUT": {"fingerprint": "FP", "output": "STATE", "summary": 3, "warnings": "none"}}',
    '["a list"]',
])
def test_a_build_record_the_build_did_not_write_means_build_again(tmp_path: Path, record: str) -> None:
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    assert _build(root, out, "--no-pdfs").returncode == 0
    records = root / ".handbook-cache" / "last-builds.json"
    kept = json.loads(records.read_text(encoding="utf-8"))[str(out)]
    records.write_text(record.replace("OUT", str(out)).replace("FP", kept["fingerprint"])
                       .replace("STATE", kept["output"]), encoding="utf-8")

    result = _build(root, out, "--no-pdfs")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Up to date" not in result.stdout
    assert "Built" in result.stdout


def test_every_way_an_entry_can_be_cut_short_is_caught(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "cache", ".html")
    data = "<p>Én side</p>".encode() * 50
    cache.put("key", data)
    stored = (tmp_path / "cache" / "key.html").read_bytes()
    assert cache.get("key") == data
    for length in range(len(stored)):
        (tmp_path / "cache" / "key.html").write_bytes(stored[:length])
        assert cache.get("key") is None, length
        assert not (tmp_path / "cache" / "key.html").exists()  # thrown away, to be made again
    assert not list((tmp_path / "cache").glob(".*.tmp"))
