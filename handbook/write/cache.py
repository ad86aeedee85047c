"""Outputs kept between builds, by a hash of everything they were made from.

A page or a PDF whose inputs hash to a key already here is taken as it is instead
of being rendered again. The folder lies outside the output folder, and holds
only what the last build produced.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import suppress
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent.parent  # the whole handbook package


class ContentCache:
    """Files by key in a folder of their own; each written atomically with a digest of its bytes, and
    checked against it before use: an entry cut short (a full disk, a crash, a copy gone wrong) is
    thrown away and made again, never used.

    With `reuse` off (--clean) nothing is read from it, but fresh outputs still go in.
    """

    def __init__(self, folder: Path, suffix: str, reuse: bool = True):
        self.folder = folder
        self.suffix = suffix
        self.reuse = reuse

    def get(self, key: str) -> bytes | None:
        if not self.reuse:
            return None
        path = self.folder / f"{key}{self.suffix}"
        try:
            stored = path.read_bytes() if path.is_file() else None
        except OSError:
            return None
        data = _verified(stored) if stored is not None else None
        if stored is not None and data is None:
            with suppress(OSError):
                path.unlink()
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key`; where the folder cannot be written (a read-only handbook, a full
        disk) the build goes on without it and renders the output again next time."""
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(_HEADER + hashlib.sha256(data).digest() + data)
            os.replace(temporary, self.folder / f"{key}{self.suffix}")
        except OSError:
            with suppress(OSError):
                temporary.unlink()

    def keep_only(self, keys: set[str]) -> None:
        """Forget outputs no longer produced, so the cache stays the size of one build."""
        for path in self.folder.glob(f"*{self.suffix}") if self.folder.is_dir() else []:
            if path.name[: -len(self.suffix)] not in keys:
                with suppress(OSError):  # kept, if it cannot be removed: a key never returns a wrong output
                    path.unlink()


_HEADER = b"handbook cache entry 1\n"  # then the SHA-256 of the data, then the data
_DIGEST_SIZE = 32


def _verified(stored: bytes) -> bytes | None:
    """The data of a stored entry, or None when it is not whole (or from an older build)."""
    if not stored.startswith(_HEADER):
        return None
    start = len(_HEADER) + _DIGEST_SIZE
    data = stored[start:]
    return data if hashlib.sha256(data).digest() == stored[len(_HEADER):start] else None


def files_digest(folders: list[Path]) -> str:
    """A hash of every file under these folders (names and bytes): templates, fonts, the build's code."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key_of(*parts: object) -> str:
    """The cache key of an output made from `parts`: frozen model objects, texts and digests,
    whose repr is the same from run to run."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
