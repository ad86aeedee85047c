"""The full-text search index: Pagefind run over the rendered pages, its bundle added to the site.

Pagefind reads the pages from a scratch folder, never the output folder, and its
bundle comes back as files for `output` to write with the rest of the site. It
indexes the `data-pagefind-body` part of each page and makes one index per
`<html lang>`, so Danish pages find Danish words and English pages English ones.
The same pages give the same bytes: Pagefind names its index files by their content,
and the entry file, which lists the languages, is written here in a fixed order.
"""

from __future__ import annotations

import ctypes
import gzip
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pagefind_bin

from ..i18n import Message, _
from ..problems import UsageError
from ..write.cache import ContentCache
from ..write.output import safe_join, scratch_folder

BUNDLE_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
# Parts of Pagefind's bundle the site does not load: its other search interfaces, and the
# index for pages without a language (every page here declares one).
UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
          "pagefind-modular-ui.js", "pagefind-highlight.js", "wasm.unknown.pagefind")


class SearchIndexError(UsageError):
    """Pagefind failed, or wrote an index cut short (a full disk): not a problem with the handbook's content."""


class SearchIndexing:
    """Pagefind indexing the pages in a background thread while the build goes on; `bundle()` waits
    for it. One run per language, one after the other: each needs half the memory of one run over
    every page (550 MB for the 2,219 pages of a thousand profiles), and their bundles differ only
    in the entry file, which lists the languages. A language whose pages are unchanged since a
    build that `cache` remembers takes its bundle from there (an edit in Danish leaves the English
    index as it was)."""

    def __init__(self, files: dict[str, bytes], out_dir: Path, cache: ContentCache):
        pages = {path: data for path, data in files.items() if path.endswith(".html")}
        self._pagefind = _Pagefind()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="pagefind")
        self._result = self._thread.submit(_index_by_language, pages, out_dir, cache, self._pagefind)

    def bundle(self) -> dict[str, bytes]:
        """Pagefind's index and search interface by output path."""
        return self._result.result()

    def __enter__(self) -> SearchIndexing:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exception: object) -> None:
        if kind is not None:  # the build stops (an error, Ctrl-C, SIGTERM): so does Pagefind, at once
            self._pagefind.stop()
        self._thread.shutdown()  # waits: the scratch folder must be gone before the build lock is


class _Pagefind:
    """Runs Pagefind, one run at a time, as a child that ends with the build: when it is stopped, and
    when the build is killed (Linux ends it with the thread that started it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False

    def run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        with self._lock:
            if self._stopped:
                raise SearchIndexError(_("the build was stopped before Pagefind ran."))
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                       preexec_fn=_ending_with(os.getpid()) if _LIBC else None)
            self._process = process
        try:
            stdout, stderr = process.communicate()
        finally:
            with self._lock:
                self._process = None
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._process is not None:
                self._process.kill()


_PR_SET_PDEATHSIG = 1  # from linux/prctl.h
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None  # loaded before any fork


def _ending_with(build: int):
    """For the child, between fork and exec: be ended when the build's thread that started it ends."""
    def apply() -> None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != build:  # the build ended before the line above took effect
            os._exit(1)
    return apply


def _index_by_language(pages: dict[str, bytes], out_dir: Path, cache: ContentCache,
                       pagefind: _Pagefind) -> dict[str, bytes]:
    """Each language's bundle from the cache when its pages are unchanged, else from Pagefind; merged."""
    found: dict[str, bytes] = {}
    languages: dict[str, Any] = {}
    keys = []
    with scratch_folder(out_dir, "search") as scratch:
        for lang in sorted({path.split("/")[0] for path in pages if "/" in path}):
            own = {path: data for path, data in pages.items() if path.startswith(lang + "/")}
            key = _bundle_key(own)
            keys.append(key)
            kept = cache.get(key)
            bundle = _unpacked(kept) if kept is not None else None
            if bundle is None:
                bundle = _whole(_index(scratch / lang, own, out_dir, pagefind), lang, out_dir)
                cache.put(key, _packed(bundle))
            entry = json.loads(bundle.pop(f"{BUNDLE_DIR}/{ENTRY_FILE}"))
            languages.update(entry.pop("languages"))
            found.update(bundle)
    cache.keep_only(set(keys))
    entry["languages"] = languages
    found[f"{BUNDLE_DIR}/{ENTRY_FILE}"] = json.dumps(entry, sort_keys=True, ensure_ascii=False,
                                                       separators=(",", ":")).encode("utf-8")
    return dict(sorted(found.items()))


def _bundle_key(pages: dict[str, bytes]) -> str:
    """A hash of one language's pages and of what makes their bundle: Pagefind's version, what is left out."""
    digest = hashlib.sha256(f"{version('pagefind-bin')}\0{UNUSED}\0".encode())
    for path in sorted(pages):
        digest.update(f"{path}\0{len(pages[path])}\0".encode() + pages[path])
    return digest.hexdigest()


def _packed(bundle: dict[str, bytes]) -> bytes:
    """A bundle as one file for the cache: a zip archive, stored uncompressed (most of it is compressed already)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(bundle):
            archive.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), bundle[path])
    return buffer.getvalue()


def _unpacked(data: bytes) -> dict[str, bytes] | None:
    """A bundle kept by `_packed`; None if it is not one (the cache checks its entries, so only a bug would do it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bundle = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return None
    return bundle if f"{BUNDLE_DIR}/{ENTRY_FILE}" in bundle else None


def _whole(bundle: dict[str, bytes], lang: str, out_dir: Path) -> dict[str, bytes]:
    """`bundle` if every file in it is whole. Pagefind reports no error when it cannot write, and
    leaves its files empty or cut short (a full disk): such an index is never published nor kept."""
    for path, data in sorted(bundle.items()):
        problem = _incomplete(path, data)
        if problem is None and path == f"{BUNDLE_DIR}/{ENTRY_FILE}":
            languages = json.loads(data).get("languages")
            problem = None if isinstance(languages, dict) and lang in languages else _("does not list '{lang}'", lang=lang)
        if problem is not None:
            raise SearchIndexError(_("Pagefind wrote an incomplete search index ({path} {problem}); the disk next to "
                                     "{folder} may be full. Free some space and build again.", path=path, problem=problem,
                                     folder=str(out_dir)))
    if f"{BUNDLE_DIR}/{ENTRY_FILE}" not in bundle:
        raise SearchIndexError(_("Pagefind wrote no {file}; the disk next to {folder} may be full. Free some space and "
                                 "build again.", file=ENTRY_FILE, folder=str(out_dir)))
    return bundle


def _incomplete(path: str, data: bytes) -> Message | None:
    """What is wrong with one file of Pagefind's bundle, if it is not whole: JSON that does not parse,
    compressed index data that does not decompress to its end, or an empty file."""
    if not data:
        return _("is empty")
    try:
        if path.endswith(".json"):
            json.loads(data)
        elif not path.endswith((".js", ".css")):  # every other file of the bundle is gzip-compressed
            gzip.decompress(data)
    except (ValueError, EOFError, OSError, zlib.error):
        return _("is cut short")
    return None


def _index(scratch: Path, pages: dict[str, bytes], out_dir: Path, pagefind: _Pagefind) -> dict[str, bytes]:
    """Pagefind's bundle for `pages`, written into `scratch` and read back by output path."""
    site, bundle = scratch / "site", scratch / "bundle"
    for relative in sorted(pages):
        target = safe_join(site, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pages[relative])
    command = [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(bundle),
               "--keep-index-url", "--silent"]
    result = pagefind.run(command)
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())
        raise SearchIndexError(_("Pagefind could not make the search index (it stopped with status {status}{detail}). If "
                                 "the disk next to {folder} is full, free some space; then build again.",
                                 status=result.returncode, detail=f": {detail}" if detail else "", folder=str(out_dir)))
    return {
        f"{BUNDLE_DIR}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
        for path in sorted(bundle.rglob("*"))
        if path.is_file() and path.name not in UNUSED
    }
