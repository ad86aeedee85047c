"""A build reads nothing outside the handbook, writes nothing outside its output, and uses no network.

The real command line runs under Python's audit hooks (tests/audited_build.py),
which see every file Python opens, every socket, subprocess and URL request,
whichever library asks: the Markdown renderer, Jinja2, and later steps such as
PDF rendering are covered without being named here.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import PROJECT, TINY_PNG, copy_handbook

AUDITED_BUILD = Path(__file__).resolve().parent / "audited_build.py"
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def audited_build(log: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[tuple[str, list]]]:
    """The real command line under audit hooks; its result and the events it raised."""
    result = subprocess.run(
        [sys.executable, str(AUDITED_BUILD), str(log), *args],
        cwd=PROJECT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},  # so that importing writes no .pyc files
    )
    return result, [tuple(event) for event in json.loads(log.read_text(encoding="utf-8"))]


def python_libraries() -> list[Path]:
    """Where this interpreter's standard library and installed packages live."""
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *sysconfig.get_paths().values()}
    return [Path(place).resolve() for place in sorted(places)]


def inside(path: Path, folders: list[Path]) -> bool:
    return any(path.resolve().is_relative_to(folder) for folder in folders)


def check_opens(events: list[tuple[str, list]], readable: list[Path], out: Path, cache: Path) -> set[Path]:
    """Every open is a read of an allowed file, a write beside the output or into the handbook's cache
    folder, or rmtree walking an old site; every program run is git in the handbook (the first of
    `readable`) or Pagefind."""
    writable = [out.parent.resolve(), cache.resolve()]
    opened: set[Path] = set()
    for event, args in events:
        if event.startswith("subprocess.") or event == "os.posix_spawn":
            command = ast.literal_eval(args[1]) if str(args[1]).startswith("[") else []  # logged as its repr
            if command[:2] == ["git", "-C"] and inside(Path(command[2]), readable[:1]):
                continue  # the handbook's own history, read for the pages' dates (sources/history.py)
            assert Path(str(args[0])).name == "pagefind_extended" or "pagefind" in str(args[1]), (event, args)
            continue  # the other program a build runs: Pagefind, from its Python package, on the pages
        if event == "os.fork":
            continue  # the PDF workers: this same program (test_checklists proves their sandbox)
        assert event == "open", (event, args)
        name, mode, flags = args
        if isinstance(name, int):
            continue  # a file descriptor already open, such as the workers' pipes
        if name == os.devnull:
            continue  # git's standard input: nothing is read or kept
        if name.startswith("__editable__."):
            continue  # the path hook of `pip install -e .` on sys.path, tried as a zip file by an import: no file
        if not os.path.isabs(name):
            # shutil.rmtree opens each folder of the previous site (or of Pagefind's scratch folder) by
            # name, relative to its parent, which was itself opened by a full path checked here
            assert mode is None and "/" not in name, args
            continue
        path = Path(name)
        if path == Path(os.devnull):
            continue  # git's standard input (sources/history.py): nothing is read or kept
        writes = flags & WRITE_FLAGS or (mode is not None and any(c in mode for c in "wax+"))
        if writes:
            assert inside(path, writable), f"wrote {path}"
        elif mode is None:  # os.open of a folder: rmtree of the staging or previous site
            assert inside(path, writable + readable), f"opened {path}"
        else:  # a source, or what the build itself wrote beside its output (Pagefind's index)
            assert inside(path, readable + writable), f"read {path}"
        opened.add(path.resolve())
    return opened


def test_a_build_touches_only_the_handbook_its_code_and_its_output(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "kort.png").write_bytes(TINY_PNG)
    with (root / "content" / "about.da.md").open("a", encoding="utf-8") as page:
        page.write("\n![Kort](images/kort.png)\n\n[Kulturstyrelsen](https://slks.dk/) · <redaktion@example.org>\n")
    out = tmp_path / "site" / "output"
    readable = [root.resolve(), (PROJECT / "templates").resolve(), (PROJECT / "handbook").resolve(),
                AUDITED_BUILD, *python_libraries(),
                *PROJECT.glob("*.egg-info")]  # the project's own package metadata, after `pip install -e .`

    for run in ("first", "rebuild"):  # a rebuild also swaps out and removes the previous site
        result, events = audited_build(tmp_path / f"{run}.json", "--root", str(root), "--out", str(out))
        assert result.returncode == 0, result.stderr
        opened = check_opens(events, readable, out, root / ".handbook-cache")
        assert {root / "profiles.yaml", root / "content" / "images" / "kort.png",
                PROJECT / "templates" / "base.html"} <= opened  # the hooks saw the build read its sources


def test_a_refused_link_out_of_the_handbook_is_never_opened(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    secret = tmp_path / "elsewhere" / "secret.md"
    secret.parent.mkdir()
    secret.write_text("# Hemmelig\n", encoding="utf-8")
    (root / "content" / "secret.da.md").symlink_to(secret)

    result, events = audited_build(tmp_path / "log.json", "check", "--root", str(root))

    assert result.returncode == 1
    assert "content/secret.da.md: error: is a link to something outside content/." in result.stderr
    opened = {Path(args[0]).resolve() for event, args in events if event == "open" and os.path.isabs(args[0])}
    assert root / "profiles.yaml" not in opened  # refused before anything was read
    assert secret not in opened
