"""The build in two phases: gather and validate everything, then render and write.

`load_handbook` reads a handbook folder into the model and collects every problem;
`build` renders the model and hands the files to `output`, the only writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .content import find_pages, load_ui_strings, pair_pages, render_pages
from .markdown_render import MarkdownRenderer
from .model import Handbook
from .output import build_lock, check_target, recover_interrupted, write_site
from .problems import ContentError, Problems, UsageError
from .render import check_ui_strings, render_site
from .schema import read_profiles
from .site import ASSETS_DIR, CONTENT_ASSETS_DIR
from .yaml_source import load_yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROFILES_FILE = "profiles.yaml"
CONTENT_DIR = "content"
UI_FILE = "content/ui.yaml"


@dataclass(frozen=True)
class HandbookFolder:
    """Where a handbook's sources are; templates fall back to the project's own."""

    root: Path

    @property
    def templates(self) -> Path:
        own = self.root / "templates"
        return own if own.is_dir() else PROJECT_DIR / "templates"

    @property
    def content(self) -> Path:
        return self.root / CONTENT_DIR


@dataclass(frozen=True)
class BuildReport:
    problems: Problems
    pages: int
    files: int


def load_handbook(folder: HandbookFolder, problems: Problems) -> Handbook | None:
    """Read and validate every source of the handbook; None when anything is an error."""
    if not (folder.root / PROFILES_FILE).is_file():
        raise UsageError(f"{folder.root} holds no {PROFILES_FILE}. Run the build in the handbook's folder, or name it with --root.")
    if _links_leaving(folder, problems):
        return None  # checked before anything is read: nothing outside the handbook is ever opened
    data = read_profiles(load_yaml(folder.root / PROFILES_FILE, PROFILES_FILE, problems), PROFILES_FILE, problems)
    ui = load_ui_strings(folder.root / UI_FILE, UI_FILE, problems)
    found = find_pages(folder.content, CONTENT_DIR, problems)
    reserved = {p.slug: f"profile {p.code}" for p in data.profiles} if data else {}
    names = pair_pages(found, CONTENT_DIR, reserved, problems)
    renderer = MarkdownRenderer(folder.content, set(names) | set(reserved), problems)
    pages, assets = render_pages(found, names, folder.root, renderer, problems)
    if data is None or problems.errors:
        return None
    handbook = Handbook(data=data, pages=pages, page_names=names, ui=ui, assets=tuple(sorted(assets)))
    check_ui_strings(handbook, UI_FILE, problems)
    return None if problems.errors else handbook


def _links_leaving(folder: HandbookFolder, problems: Problems) -> bool:
    """Report every source that is a symbolic link out of its folder; True if there is one.

    A page linked to /etc/passwd would otherwise be read, and perhaps published.
    """
    leaving = False
    for path, rel, kept_in, named in _source_paths(folder):
        if not _resolves_inside(path, kept_in):
            problems.error(rel, 0, f"is a link to something outside {named}. The build reads only the handbook's own "
                           "files: copy the file here instead of linking to it.")
            leaving = True
    return leaving


def _source_paths(folder: HandbookFolder) -> Iterator[tuple[Path, str, Path, str]]:
    """Every source file and folder: its name in messages, and the folder it must stay in and that folder's name."""
    yield folder.root / PROFILES_FILE, PROFILES_FILE, folder.root, "the handbook's folder"
    for top in (folder.content, folder.templates):
        yield top, top.name, top.parent, "the handbook's folder"
        if _resolves_inside(top, top.parent):
            for path in sorted(top.rglob("*")):  # rglob lists a linked folder but does not enter it
                yield path, f"{top.name}/{path.relative_to(top).as_posix()}", top, f"{top.name}/"


def _resolves_inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def render_handbook(folder: HandbookFolder, handbook: Handbook, problems: Problems) -> dict[str, bytes]:
    """Every output file by path: the pages, the stylesheet and the images the pages use."""
    files = render_site(handbook, folder.templates, folder.root, problems)
    assets_dir = folder.templates / ASSETS_DIR
    for path in sorted(assets_dir.rglob("*")) if assets_dir.is_dir() else []:
        if path.is_file():
            files[f"{ASSETS_DIR}/{path.relative_to(assets_dir).as_posix()}"] = path.read_bytes()
    for relative in handbook.assets:
        files[f"{CONTENT_ASSETS_DIR}/{relative}"] = (folder.content / relative).read_bytes()
    return files


def build(folder: HandbookFolder, out_dir: Path | None, strict: bool) -> BuildReport:
    """Validate and render the handbook; write it to `out_dir` unless that is None (check only).

    Raises ContentError with every problem when the build cannot succeed; the
    output folder is then untouched.
    """
    if out_dir is None:
        return _build(folder, None, strict)
    check_target(out_dir, sources=(folder.root, folder.content, folder.templates, PROJECT_DIR))
    with build_lock(out_dir):
        recover_interrupted(out_dir)
        return _build(folder, out_dir, strict)


def _build(folder: HandbookFolder, out_dir: Path | None, strict: bool) -> BuildReport:
    problems = Problems()
    handbook = load_handbook(folder, problems)
    if handbook is None or problems.fails(strict):
        raise ContentError(problems.sorted())
    files = render_handbook(folder, handbook, problems)
    if problems.fails(strict):
        raise ContentError(problems.sorted())
    if out_dir is not None:
        write_site(out_dir, files)
    pages = sum(1 for path in files if path.endswith(".html"))
    return BuildReport(problems=problems, pages=pages, files=len(files))
