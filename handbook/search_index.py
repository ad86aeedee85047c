"""The full-text search index: Pagefind run over the rendered pages, its bundle added to the site.

Pagefind reads the pages from a scratch folder, never the output folder, and its
bundle comes back as files for `output` to write with the rest of the site. It
indexes the `data-pagefind-body` part of each page and makes one index per
`<html lang>`, so Danish pages find Danish words and English pages English ones.
The same pages give the same bytes: Pagefind names its index files by their content,
and the one file it writes in varying order is put in order here.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

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


def search_bundle(files: dict[str, bytes], out_dir: Path) -> dict[str, bytes]:
    """Pagefind's index and search interface for the HTML pages among `files`, by output path.

    Pagefind works in a scratch folder next to `out_dir`, removed afterwards."""
    with scratch_folder(out_dir, "search") as scratch:
        site, bundle = scratch / "site", scratch / "bundle"
        for relative in sorted(files):
            if relative.endswith(".html"):
                target = safe_join(site, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(files[relative])
        command = [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(bundle),
                   "--keep-index-url", "--silent"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()}")
        found = {
            f"{BUNDLE_DIR}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and path.name not in UNUSED
        }
    entry = f"{BUNDLE_DIR}/{ENTRY_FILE}"
    found[entry] = _sorted_json(found[entry])
    return found


def _sorted_json(data: bytes) -> bytes:
    """Pagefind lists the languages in its entry file in a different order from run to run: sort them."""
    return json.dumps(json.loads(data), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
