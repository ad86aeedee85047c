"""Knowing, cheaply, that nothing changed since the last build.

A build records a fingerprint of everything it read (the sources, the templates,
the build's own code and the options) and of the output folder it wrote. The next
build with the same fingerprint, finding the output folder as it was left, has
nothing to do: it repeats the last build's warnings and stops. This module imports
nothing heavy, so that answer comes in a fraction of a second even for a handbook
of a thousand profiles.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from contextlib import suppress
from pathlib import Path

RECORD_FILE = "last-builds.json"
_CODE_DIR = Path(__file__).resolve().parent.parent  # the whole handbook package


def sources_fingerprint(roots: list[Path], options: dict[str, object], handbook_dir: Path) -> str:
    """A hash of every file under `roots` (paths and bytes, through links that stay inside `handbook_dir`),
    the build's code and the options."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    handbook = os.path.realpath(handbook_dir)
    for root in [_CODE_DIR, *roots]:
        for path in _files(root):
            digest.update(os.fsencode(path) + b"\0")
            if os.path.islink(path):
                digest.update(os.fsencode(os.readlink(path)) + b"\0")
                target = os.path.realpath(path)
                if not target.startswith(handbook + os.sep):  # never read through a link out: the build refuses it
                    continue
                path = target  # a link inside the handbook: what it points to is what the build reads
            try:
                if not stat.S_ISREG(os.stat(path).st_mode):
                    continue  # a named pipe would never answer; the build refuses it by name
                with open(path, "rb") as file:
                    digest.update(hashlib.sha256(file.read()).digest())
            except OSError:
                continue  # gone, or unreadable: the build says so
    return digest.hexdigest()


def output_state(out_dir: Path) -> str:
    """A hash of the output folder's file names, sizes and modification times: a changed or
    deleted file shows, without reading every PDF again."""
    digest = hashlib.sha256()
    inside = len(os.path.join(out_dir, ""))  # _files' paths start with the folder's (os.path.relpath costs a third of a no-op build)
    for path in _files(out_dir):
        status = os.stat(path)
        digest.update(f"{path[inside:]}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


KeptText = str | dict[str, str]  # a message as a record keeps it: in every language the build speaks


class BuildRecords:
    """The last successful build into each output folder, kept in the handbook's cache folder."""

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / RECORD_FILE

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            records = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return records if isinstance(records, dict) else {}

    def unchanged(self, out_dir: Path, fingerprint: str) -> dict[str, object] | None:
        """The last build's record when the sources and the output are exactly as it left them."""
        record = self._read().get(str(out_dir))
        if not isinstance(record, dict) or record.get("fingerprint") != fingerprint or not out_dir.is_dir():
            return None
        warnings = record.get("warnings")
        if not (_kept_text(record.get("summary")) and isinstance(warnings, list) and all(_kept_text(w) for w in warnings)):
            return None  # not a record this build wrote: build again
        return record if record.get("output") == output_state(out_dir) else None

    def remember(self, out_dir: Path, fingerprint: str, summary: KeptText, warnings: list[KeptText]) -> None:
        records = self._read()
        records[str(out_dir)] = {"fingerprint": fingerprint, "output": output_state(out_dir),
                                 "summary": summary, "warnings": warnings}
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(records, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:  # a full disk: the site is built all the same, and the next build starts afresh
            with suppress(OSError):
                temporary.unlink()


def _kept_text(value: object) -> bool:
    """A summary or warning as a record keeps it: one text, or one per language of the build's messages."""
    return isinstance(value, str) or (isinstance(value, dict) and bool(value)
                                      and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()))


def _files(root: Path) -> list[str]:
    """Every file below `root` (or `root` itself), sorted; caches and bytecode left out."""
    if root.is_file():
        return [str(root)]
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found.extend(os.path.join(folder, name) for name in sorted(names))
    return found
