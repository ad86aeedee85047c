"""The output folder: the only module that writes it.

A build writes every file into a staging folder next to the output folder and
swaps it in only when everything succeeded, so a failed or interrupted build
leaves the previous output exactly as it was. A lock file keeps two builds from
writing at once. Every path is checked to stay inside the output folder.

Since a build replaces the folder whole, it writes into it a list of the files it
wrote (`MARKER_FILE`), and replaces only a folder that holds nothing else: never a
web server's document root or someone's notes, even one where the list was copied.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from ..i18n import _
from ..problems import UsageError

_RENAME_EXCHANGE = 2  # from linux/fs.h
MARKER_FILE = ".handbook-site.json"  # in every built site: the files the build wrote there
_MARKER_NOTE = ("Written by the competence handbook's build (python build.py), which replaces this folder whole "
                "on every build. A file not listed here stops the build instead of being deleted.")
# A site built before the marker existed is known by these files; it may hold only the build's own folders.
_UNMARKED_SITE = ("index.html", "sitemap.xml", "pagefind/pagefind-entry.json")
_UNMARKED_TOP = {"index.html", "sitemap.xml", "da", "en", "assets", "content", "downloads", "pagefind"}


def _sibling(out_dir: Path, suffix: str) -> Path:
    return out_dir.parent / f".{out_dir.name}.{suffix}"


class OutputBusy(UsageError):
    """Another build holds the output folder's lock."""


@contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for one build; a second build at once is told to wait."""
    lock_path = _sibling(out_dir, "lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock_file = open(lock_path, "w")
    except OSError as error:
        raise UsageError(_("cannot write next to {folder} ({reason}). Choose a folder you can write to with --out.",
                           folder=str(out_dir), reason=error.strerror or str(error))) from None
    with lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(_("another build is writing {folder}/ right now. Wait for it to finish, then build again.",
                               folder=out_dir.name)) from None
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def check_target(out_dir: Path, sources: Iterable[Path], read: Iterable[Path] = ()) -> None:
    """Refuse an output folder whose replacement would destroy anything but a previous build.

    The build replaces its output folder whole, so `--out content` or `--out ~` by
    mistake would otherwise delete the handbook's sources or someone's files. An output
    folder inside a folder the build `read`s (content/, templates/) would be read as
    sources, and make the live preview rebuild on its own writes without end.
    """
    out_dir = out_dir.resolve()
    for source in sources:
        if source.resolve().is_relative_to(out_dir):
            raise UsageError(_("the output folder {folder} is or holds {source}, which the build would delete when it "
                               "replaces the folder. Choose a folder of its own for the site, like output/.",
                               folder=str(out_dir), source=str(source.resolve())))
    for folder in read:
        if out_dir.is_relative_to(folder.resolve()):
            raise UsageError(_("the output folder {folder} is inside {source}, which the build reads its sources from. "
                               "Choose a folder outside it for the site, like output/.", folder=str(out_dir),
                               source=str(folder.resolve())))
    foreign = foreign_files(out_dir)
    if foreign:
        shown = ", ".join(foreign[:3])
        if len(foreign) > 3:
            shown = _("{files} and {count} more", files=shown, count=len(foreign) - 3)
        raise UsageError(_("the output folder {folder} holds files that no build of this handbook wrote ({shown}); the "
                           "build replaces the folder whole and would delete them. Choose a new or empty folder, or move "
                           "those files away.", folder=str(out_dir), shown=shown))


def foreign_files(out_dir: Path) -> list[str]:
    """The files and folders in `out_dir` that no build wrote: those its marker does not list, sorted."""
    found = _entries(out_dir)
    if not found:
        return []
    listed = _listed_in_marker(out_dir)
    if listed is None:
        if all(path in found and not found[path] for path in _UNMARKED_SITE):  # built before builds were marked
            return sorted(path for path in found if path.split("/")[0] not in _UNMARKED_TOP)
        listed = set()
    folders = {parent.as_posix() for path in listed for parent in PurePosixPath(path).parents}
    return [path for path, is_folder in sorted(found.items())
            if path != MARKER_FILE and path not in (folders if is_folder else listed)]


def _entries(out_dir: Path) -> dict[str, bool]:
    """Every path below `out_dir`, relative, and whether it is a folder; links are not followed."""
    if not out_dir.is_dir():
        return {}
    found = {}
    for folder, dirs, names in os.walk(out_dir):
        relative = Path(folder).relative_to(out_dir)
        found.update({(relative / name).as_posix(): True for name in dirs if not os.path.islink(os.path.join(folder, name))})
        found.update({(relative / name).as_posix(): False for name in names})
        found.update({(relative / name).as_posix(): False for name in dirs if os.path.islink(os.path.join(folder, name))})
    return found


def _listed_in_marker(out_dir: Path) -> set[str] | None:
    """The files the marker lists, or None where there is no readable marker."""
    marker = out_dir / MARKER_FILE
    try:
        if marker.is_symlink() or not marker.is_file():
            return None
        files = json.loads(marker.read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    return {path for path in files if isinstance(path, str)} if isinstance(files, list) else None


def marker_bytes(files: Iterable[str]) -> bytes:
    """The marker of a site of `files`: the same files give the same bytes."""
    return json.dumps({"about": _MARKER_NOTE, "files": sorted(files)}, ensure_ascii=False, indent=0).encode("utf-8")


def safe_join(base: Path, relative: str) -> Path:
    """`base / relative`, refusing any path that would leave `base`."""
    parts = [part for part in relative.split("/") if part not in ("", ".")]  # as PurePosixPath reads it, faster
    if not parts or relative.startswith("/") or ".." in parts:
        raise ValueError(f"output path {relative!r} leaves the output folder")
    return base.joinpath(*parts)


class StagedSite:
    """The new output folder as it is written, file by file as the build makes them, beside the
    output folder; `swap_in()` makes it the output folder."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.folder = _sibling(out_dir, "staging")
        self.count = 0
        self._written: set[str] = set()
        with self._writing():
            if self.folder.exists():
                shutil.rmtree(self.folder)  # left behind by an interrupted build
            self.folder.mkdir(parents=True)

    def write(self, files: dict[str, bytes]) -> None:
        """Add `files` (output path -> bytes): linked from the output folder where it holds the same bytes."""
        with self._writing():
            for relative in sorted(files):
                target = safe_join(self.folder, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                if not self._linked(safe_join(self.out_dir, relative), target, files[relative]):
                    target.write_bytes(files[relative])
        self._written.update(files)
        self.count += len(files)

    def carry_over(self, suffix: str) -> None:
        """Link in, as they are, the previous output's files ending in `suffix` that this one has not
        written: the live preview's PDFs while their new versions render."""
        if not self.out_dir.is_dir():
            return
        with self._writing():
            for previous in sorted(self.out_dir.rglob(f"*{suffix}")):
                relative = previous.relative_to(self.out_dir).as_posix()
                if relative in self._written or previous.is_symlink() or not previous.is_file():
                    continue
                target = safe_join(self.folder, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(previous, target, follow_symlinks=False)
                except OSError:  # a file system without hard links
                    shutil.copyfile(previous, target)
                self._written.add(relative)
                self.count += 1

    @staticmethod
    def _linked(previous: Path, target: Path, data: bytes) -> bool:
        """Link the previous build's file to `target` if it holds `data`. Creating a file costs ten times
        as much as a link here, and a rebuild writes the whole site (4,571 files at a thousand profiles)."""
        try:
            if previous.is_symlink() or previous.stat().st_size != len(data) or previous.read_bytes() != data:
                return False
            os.link(previous, target, follow_symlinks=False)
        except OSError:
            return False
        return True

    def swap_in(self) -> None:
        """Make the staging folder the output folder, marked as the build's own."""
        with self._writing():
            (self.folder / MARKER_FILE).write_bytes(marker_bytes(self._written))
        self.count += 1
        _swap_in(self.folder, self.out_dir)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            yield
        except OSError as error:  # a full disk, a folder made read-only
            self.discard()
            raise UsageError(_("cannot write the new site next to {folder} ({reason}); the previous site was left as it "
                               "was. Free some space, or choose another folder with --out.", folder=str(self.out_dir),
                               reason=error.strerror or str(error))) from None


@contextmanager
def staged_site(out_dir: Path) -> Iterator[StagedSite]:
    """A `StagedSite` for `out_dir`, removed if the build stops before swapping it in."""
    staging = StagedSite(out_dir)
    try:
        yield staging
    except BaseException:
        staging.discard()
        raise


@contextmanager
def scratch_folder(out_dir: Path, purpose: str) -> Iterator[Path]:
    """An empty folder next to the output folder for a build step's working files (Pagefind's
    input), removed afterwards: a build writes nowhere but beside its output."""
    scratch = _sibling(out_dir, purpose)
    try:
        if scratch.exists():
            shutil.rmtree(scratch)  # left behind by an interrupted build
        scratch.mkdir(parents=True)
        yield scratch
    except OSError as error:  # a full disk, a folder made read-only
        raise UsageError(_("cannot write the new site next to {folder} ({reason}); the previous site was left as it "
                           "was. Free some space, or choose another folder with --out.", folder=str(out_dir),
                           reason=error.strerror or str(error))) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Make `staging` the output folder in one step where the system allows it."""
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging)  # now holds the previous output
        return
    previous = _sibling(out_dir, "previous")
    if previous.exists():
        shutil.rmtree(previous)
    os.replace(out_dir, previous)
    os.replace(staging, out_dir)
    shutil.rmtree(previous)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc = ctypes.CDLL(None, use_errno=True)  # the C library already loaded; find_library would run ldconfig
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def recover_interrupted(out_dir: Path) -> None:
    """Put back the previous output if a build was killed between its two renames."""
    previous = _sibling(out_dir, "previous")
    if previous.exists() and not out_dir.exists():
        os.replace(previous, out_dir)
