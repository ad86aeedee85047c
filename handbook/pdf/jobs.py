"""HTML into PDF with WeasyPrint: sandboxed, cached by content, rendered in parallel.

Each PDF's key is a hash of its HTML and of every file it can load (stylesheet,
fonts), so a PDF is rendered only when one of its inputs changed; the rest come
from a cache folder outside the output. WeasyPrint is imported only in worker
processes, and only when something must be rendered (its import alone costs
about half a second). Its URL fetcher reads nothing but `data:` URLs and files
inside the allowed folders, and anything it logs at ERROR fails the build.
Each PDF is finished (`finish.py`: forms, PDF/UA-1 tags, fonts) before it is cached.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit

from ..i18n import Text, _
from ..render.workers import forked_pool
from ..write.cache import ContentCache

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_forms": True}
CACHE_FORMAT = "3"  # bump when the way PDFs are rendered changes in a way the key cannot see
# The code that tags and finishes each PDF around WeasyPrint (lang_tags.py, finish.py and what it uses): a change
# to it renders them again.
FINISHING = ("lang_tags.py", "finish.py", "forms.py", "structure.py", "marked_content.py")
POLL_SECONDS = 0.1  # how often rendering asks whether a newer build wants the workers


class Superseded(Exception):
    """Rendering stopped part way because a newer build is wanted (the live preview, after another save)."""


@dataclass(frozen=True)
class PdfJob:
    """One PDF to produce: its output path, its HTML and the folder its relative URLs start from."""

    path: str
    html: str
    base_dir: Path
    source: str  # the template it came from, for messages


@dataclass(frozen=True)
class PdfError:
    source: str  # the template the PDF came from
    message: Text
    path: str  # the PDF being made


@dataclass(frozen=True)
class PdfResult:
    path: str
    data: bytes | None
    errors: tuple[PdfError, ...]


def job_key(job: PdfJob, shared_inputs: str) -> str:
    parts = [CACHE_FORMAT, version("weasyprint"), version("pikepdf"), _finishing_digest(),
             repr(sorted(PDF_OPTIONS.items())), shared_inputs, job.html]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@cache
def _finishing_digest() -> str:
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in FINISHING)).hexdigest()


@dataclass(frozen=True)
class PdfPlan:
    """Which PDFs the cache holds for their current inputs, and which must be rendered."""

    keys: dict[str, str]  # every PDF's cache key by path
    cached: dict[str, bytes]  # the PDFs whose inputs are unchanged, by path
    todo: list[PdfJob]  # the rest, in the order given


def plan_pdfs(jobs: list[PdfJob], cache: ContentCache, shared_inputs: str) -> PdfPlan:
    """Each job's key (its HTML and `shared_inputs`, the digest of what every PDF may load), and what the cache holds."""
    keys = {job.path: job_key(job, shared_inputs) for job in jobs}
    cached: dict[str, bytes] = {}
    todo = []
    for job in jobs:
        found = cache.get(keys[job.path])
        if found is None:
            todo.append(job)
        else:
            cached[job.path] = found
    return PdfPlan(keys, cached, todo)


def render_pdfs(
    plan: PdfPlan,
    allowed_roots: list[Path],
    cache: ContentCache,
    workers: int,
    on_rendered: Callable[[], None] = lambda: None,
    superseded: Callable[[], bool] = lambda: False,
) -> tuple[dict[str, bytes], list[PdfError]]:
    """Every planned PDF's bytes by path (the cached ones and those rendered now), and the errors.

    `allowed_roots` are the folders a PDF may read from, the handbook's first: messages name files
    relative to it. `on_rendered` is told each time a PDF is done. When `superseded()` turns true,
    the workers are stopped mid-PDF and Superseded is raised; the PDFs done by then stay in the cache.
    """
    results = dict(plan.cached)
    errors: list[PdfError] = []
    roots = [str(root.resolve()) for root in allowed_roots]
    for result in _run(plan.todo, roots, workers, superseded):
        errors.extend(result.errors)
        if result.data is not None and not result.errors:
            results[result.path] = result.data
            cache.put(plan.keys[result.path], result.data)
        on_rendered()
    if not errors:
        cache.keep_only(set(plan.keys.values()))
    return results, errors


def _run(todo: list[PdfJob], roots: list[str], workers: int, superseded: Callable[[], bool]) -> Iterator[PdfResult]:
    if not todo:
        return
    count = max(1, min(workers, len(todo)))
    # A forked worker inherits the build's paused cycle collector; WeasyPrint makes cycles, so turn it back on.
    with forked_pool(count, initializer=gc.enable) as pool:
        pending = {pool.submit(render_one, job, roots) for job in todo}
        while pending:
            done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
            if pending and superseded():
                raise Superseded()  # the pool stops its workers as it is left


def render_one(job: PdfJob, roots: list[str]) -> PdfResult:
    """Render one PDF in this process; WeasyPrint's errors come back as messages, never as exceptions."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    from .finish import finish_pdf, font_families
    from .lang_tags import tag_languages

    tag_languages()
    errors: list[PdfError] = []
    handler = _ErrorCollector(job, errors, roots)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    fetched: list[Path] = []
    try:
        document = weasyprint.HTML(
            string=job.html,
            base_url=job.base_dir.resolve().as_uri() + "/",
            url_fetcher=_sandboxed_fetcher(roots, fetched),
        )
        data = document.write_pdf(pdf_identifier=_identifier(job), **PDF_OPTIONS)
    except FatalURLFetchingError as error:  # a BaseException: `except Exception` would miss it
        cause = error.__cause__ or error
        return PdfResult(job.path, None, (PdfError(job.source, f"{cause}.", job.path),))
    finally:
        logger.removeHandler(handler)
    if errors:
        return PdfResult(job.path, None, tuple(errors))
    data, foreign = finish_pdf(data, job.html, font_families(fetched))
    for font in foreign:
        for character in font.characters or "?":
            errors.append(PdfError(job.source, _foreign_font_message(character, font.name), job.path))
    return PdfResult(job.path, data, tuple(errors))


def _foreign_font_message(character: str, font: str) -> Text:
    return _("the character '{character}' ({code}) is in none of the handbook's fonts, so this machine's font '{font}' "
             "would print it, and another machine's another font. Write another character, or add it to the fonts with "
             "templates/fonts/make_fonts.py", character=character, code=f"U+{ord(character):04X}",
             font=font.replace("-", " "))


class _ErrorCollector(logging.Handler):
    """Anything WeasyPrint logs at ERROR (an unreadable image, a bad stylesheet) fails the build."""

    def __init__(self, job: PdfJob, errors: list[PdfError], roots: list[str]):
        super().__init__(level=logging.ERROR)
        self.job = job
        self.errors = errors
        self.roots = roots

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(PdfError(self.job.source, _explained(record, self.roots), self.job.path))


# WeasyPrint's messages about a file it could not load, and which of their two arguments is its URL.
_FILE_MESSAGES = {"Failed to load image at": 0, "Failed to load stylesheet at": 0, "Unsupported stylesheet type": 1}


def _explained(record: logging.LogRecord, roots: list[str]) -> Text:
    """WeasyPrint's message; for a file it could not load, the file as the editor knows it and what to do."""
    path = _file_path(record)
    if path is None:
        return record.getMessage()
    shown = _shown(path, roots)
    if record.msg.startswith("Unsupported stylesheet type"):
        return _("the stylesheet '{file}' is not a CSS file ({kind}). Give it a name ending in .css", file=shown,
                 kind=str(record.args[0]))
    image = record.msg.startswith("Failed to load image")
    if not os.path.isfile(path):
        if image:
            return _("the image '{file}' does not exist. Add the file there, or correct its name", file=shown)
        return _("the stylesheet '{file}' does not exist. Add the file there, or correct its name", file=shown)
    if image:
        return _("the image '{file}' could not be read as an image. Save it again as PNG, JPEG, GIF or SVG", file=shown)
    return _("the stylesheet '{file}' could not be read ({reason}). Save it again as a UTF-8 CSS file", file=shown,
             reason=str(record.args[1]))


def _file_path(record: logging.LogRecord) -> str | None:
    """The local file a message of _FILE_MESSAGES is about, if it is one."""
    for prefix, index in _FILE_MESSAGES.items():
        if record.msg.startswith(prefix) and isinstance(record.args, tuple) and len(record.args) == 2:
            parts = urlsplit(str(record.args[index]))
            return os.path.realpath(unquote(parts.path)) if parts.scheme == "file" else None
    return None


def _shown(path: str, roots: list[str]) -> str:
    """`path` as an editor names it: relative to the handbook's folder (the first root), or to another
    root under that root's own name (the project's templates/)."""
    for index, root in enumerate(roots):
        if path.startswith(root + os.sep):
            relative = os.path.relpath(path, root)
            return relative if index == 0 else f"{os.path.basename(root)}/{relative}"
    return path


def _identifier(job: PdfJob) -> bytes:
    """A PDF file identifier derived from the content, so the same input gives the same bytes."""
    return hashlib.md5(job.html.encode("utf-8"), usedforsecurity=False).hexdigest().encode("ascii")


def _sandboxed_fetcher(roots: list[str], fetched: list[Path]):
    """A URL fetcher for `data:` URLs and files inside `roots` (each file read is added to `fetched`);
    anything else stops the rendering."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    class OutsideHandbook(FatalURLFetchingError):
        pass

    class SandboxedFetcher(weasyprint.URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = os.path.realpath(unquote(parts.path))
                if any(path == root or path.startswith(root + os.sep) for root in roots):
                    fetched.append(Path(path))
                    return super().fetch(url, headers)
                raise OutsideHandbook(f"'{unquote(parts.path)}' is outside the handbook folder and may not be read. "
                                      "Keep every file a page uses inside the handbook")
            raise OutsideHandbook(f"'{url}' is not a file of the handbook; nothing may be loaded from the network. "
                                  "Save the file inside the handbook and refer to it there")

    return SandboxedFetcher(allowed_protocols=("file", "data"))
