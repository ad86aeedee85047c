"""The full-text search index: Pagefind run over the rendered pages, its bundle added to the site.

Pagefind reads the pages from a scratch folder, never the output folder, and its
bundle comes back as files for `output` to write with the rest of the site. It
indexes the `data-pagefind-body` part of each page and makes one index per
`<html lang>`, so Danish pages find Danish words and English pages English ones.
The same pages give the same bytes: Pagefind names its index files by their content,
and the entry file, which lists the languages, is written here in a fixed order.
"""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pagefind_bin

from .output import safe_join, scratch_folder

BUNDLE_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
# Parts of Pagefind's bundle the site does not load: its other search interfaces, and the
# index for pages without a language (every page here declares one).
UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
          "pagefind-modular-ui.js", "pagefind-highlight.js", "wasm.unknown.pagefind")


class SearchIndexError(RuntimeError):
    """Pagefind failed: a broken installation, not a problem with the handbook's content."""


class SearchIndexing:
    """Pagefind indexing the pages in a background thread while the build goes on; `bundle()` waits
    for it. One run per language, one after the other: each needs half the memory of one run over
    every page (550 MB for the 2,219 pages of a thousand profiles), and their bundles differ only
    in the entry file, which lists the languages."""

    def __init__(self, files: dict[str, bytes], out_dir: Path):
        pages = {path: data for path, data in files.items() if path.endswith(".html")}
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="pagefind")
        self._result = self._thread.submit(_index_by_language, pages, out_dir)

    def bundle(self) -> dict[str, bytes]:
        """Pagefind's index and search interface by output path."""
        return self._result.result()

    def __enter__(self) -> SearchIndexing:
        return self

    def __exit__(self, *exception: object) -> None:
        self._thread.shutdown()  # waits: the scratch folder must be gone before the build lock is


def _index_by_language(pages: dict[str, bytes], out_dir: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    languages: dict[str, Any] = {}
    with scratch_folder(out_dir, "search") as scratch:
        for lang in sorted({path.split("/")[0] for path in pages if "/" in path}):
            bundle = _index(scratch / lang, {path: data for path, data in pages.items() if path.startswith(lang + "/")})
            entry = json.loads(bundle.pop(f"{BUNDLE_DIR}/{ENTRY_FILE}"))
            languages.update(entry.pop("languages"))
            found.update(bundle)
    entry["languages"] = languages
    found[f"{BUNDLE_DIR}/{ENTRY_FILE}"] = json.dumps(entry, sort_keys=True, ensure_ascii=False,
                                                       separators=(",", ":")).encode("utf-8")
    return dict(sorted(found.items()))


def _index(scratch: Path, pages: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's bundle for `pages`, written into `scratch` and read back by output path."""
    site, bundle = scratch / "site", scratch / "bundle"
    for relative in sorted(pages):
        target = safe_join(site, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pages[relative])
    command = [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(bundle),
               "--keep-index-url", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()}")
    return {
        f"{BUNDLE_DIR}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
        for path in sorted(bundle.rglob("*"))
        if path.is_file() and path.name not in UNUSED
    }
