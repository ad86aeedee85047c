"""The build in two phases: gather and validate everything, then render and write.

`load_handbook` reads a handbook folder into the model and collects every problem;
`build` renders the model, adds the search index, and hands the files to `output`,
the only writer.
"""

from __future__ import annotations

import datetime
import gc
import stat
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from ..assess.form_scripts import form_scripts
from ..assess.pages import assessment_pages
from ..data.exports import data_files
from ..i18n import Text, _, n_
from ..model import LANGUAGES, Handbook, Profiles
from ..pdf.book import book_jobs
from ..pdf.checklists import checklist_jobs
from ..pdf.jobs import PdfJob, PdfPlan, plan_pdfs, render_pdfs
from ..problems import ContentError, Problems, UsageError
from ..register.documents import document_jobs
from ..register.files import register_files
from ..register.pages import reserved_names
from ..register.source import agreement_files, check_register_strings, read_partnerships
from ..render.templates import check_ui_strings
from ..site.anchors import check_anchor_links
from ..site.pages import render_site
from ..site.plan import ASSETS_DIR, GENERATED_PAGES, plan_pages
from ..site.search_index import SearchIndexing
from ..site.sitemap import SITEMAP_FILE, sitemap_xml
from ..site.updated import page_dates
from ..sources.branding import branding_files, read_branding
from ..sources.content import REQUIRED_PAGES, find_pages, load_strings, pair_pages, render_pages
from ..sources.counts import filled_strings, warn_stale_counts
from ..sources.folder import (
    CHECKLIST_TEXTS_FILE,
    CONTENT_DIR,
    PARTNERSHIPS_FILE,
    PROFILES_FILE,
    PROJECT_DIR,
    SITE_FILE,
    UI_FILE,
    BuildOptions,
    HandbookFolder,
)
from ..sources.history import edited_date
from ..sources.markdown import CONTENT_ASSETS_DIR, MarkdownRenderer
from ..sources.schema import read_profiles
from ..sources.yaml_source import has_lines, load_yaml
from ..write.cache import ContentCache, files_digest
from ..write.output import build_lock, check_target, recover_interrupted, staged_site
from .progress import Reporter


@dataclass(frozen=True)
class BuildReport:
    problems: Problems
    handbook: Handbook
    pages: int
    pages_rendered: int  # the rest came from the cache
    pdfs: int
    pdfs_rendered: int  # the rest came from the cache; a check renders none
    files: int

    def counts(self) -> Text:
        """'23 pages (3 rendered), 18 PDFs (2 rendered), 70 files, 0 warnings': what the summary says was made."""
        return _("{pages} pages ({pages_rendered} rendered), {pdfs} PDFs ({pdfs_rendered} rendered), {files} files, "
                 "{warnings}", pages=self.pages, pages_rendered=self.pages_rendered, pdfs=self.pdfs,
                 pdfs_rendered=self.pdfs_rendered, files=self.files,
                 warnings=n_("{count} warning", "{count} warnings", len(self.problems.warnings)))


def load_handbook(folder: HandbookFolder, problems: Problems) -> Handbook | None:
    """Read and validate every source of the handbook; None when anything is an error."""
    if _links_leaving(folder, problems) or _special_files(folder, problems):
        return None  # checked before anything is read: nothing outside the handbook is ever opened, nothing hangs
    if not (folder.root / PROFILES_FILE).is_file():
        raise UsageError(_("{folder} holds no {file}. Run the build in the handbook's folder, or name it with --root.",
                           folder=str(folder.root), file=PROFILES_FILE))
    built_in = _built_in_pages()
    data = _read_profiles(folder.root / PROFILES_FILE, built_in, problems)
    if data is not None:  # the printed date is when the text last changed; `date:` only outside git
        data = replace(data, date=edited_date(folder.root) or data.date)
    branding = read_branding(folder.root, problems)
    register = read_partnerships(folder.root, folder.content, data.date, problems) if data else None
    ui = load_strings(folder.root / UI_FILE, UI_FILE, problems)
    checklist_texts = load_strings(folder.root / CHECKLIST_TEXTS_FILE, CHECKLIST_TEXTS_FILE, problems)
    found = find_pages(folder.content, CONTENT_DIR, problems)
    reserved = {p.slug: _("profile {code}", code=p.code) for p in data.profiles if p.slug not in built_in} if data else {}
    reserved.update({key: what for key, (_, what) in GENERATED_PAGES.items()})
    reserved.update({key: what for key, (_, _, what) in assessment_pages(data.profiles if data else ()).items()})
    reserved.update(reserved_names(register))
    names = pair_pages(found, CONTENT_DIR, reserved, problems)
    renderer = MarkdownRenderer(folder.content, set(names) | set(reserved), problems)
    profile_count = len(data.profiles) if data else None
    pages, assets = render_pages(found, names, folder.root, renderer, problems, profile_count)
    if data is None or problems.errors:
        return None
    for text in ui.values():
        for lang in LANGUAGES:
            warn_stale_counts(getattr(text, lang) or "", lang, UI_FILE, text.line, len(data.profiles), problems)
    ui = filled_strings(ui, len(data.profiles))
    if register is not None:
        assets.update(agreement_files(register))  # published beside the images, as content/…
        check_register_strings(ui, UI_FILE, problems)
    handbook = Handbook(data=data, pages=pages, page_names=names, ui=ui, checklist_texts=checklist_texts,
                        assets=tuple(sorted(assets)), branding=branding,
                        register=register)
    check_ui_strings(handbook, UI_FILE, problems)
    return None if problems.errors else handbook


def _built_in_pages() -> dict[str, Text]:
    """The pages every handbook has whatever its profiles, by name: the pages the build makes and those the
    templates place (the front page among them)."""
    pages: dict[str, Text] = {name: _("the {name} page, which the handbook needs", name=name) for name in REQUIRED_PAGES}
    pages["index"] = _("the front page")
    pages.update({key: what for key, (_, what) in GENERATED_PAGES.items()})
    pages.update({key: what for key, (_, _, what) in assessment_pages(()).items()})  # those of no profile: the team's
    return pages


def _refuse_profiles_on_built_in_pages(data: Profiles | None, built_in: dict[str, Text], problems: Problems) -> None:
    """A profile whose page would have the name of a built-in page would lose it to that page, silently."""
    for profile in data.profiles if data else ():
        if profile.slug in built_in:
            problems.error(PROFILES_FILE, profile.line, _("profile {code}: its page would be {page}, the name of {what}. "
                                                          "Give the profile another code.", code=profile.code,
                                                          page=f"{profile.slug}.html", what=built_in[profile.slug]))


def _read_profiles(path: Path, built_in: dict[str, Text], problems: Problems) -> Profiles | None:
    """profiles.yaml as the model: read quickly without line numbers, and again with them when
    there is a problem to point at."""
    found = Problems()
    document = load_yaml(path, PROFILES_FILE, found, lines=False)
    data = read_profiles(document, PROFILES_FILE, found)
    _refuse_profiles_on_built_in_pages(data, built_in, found)
    if found.items and not has_lines(document):
        found = Problems()
        data = read_profiles(load_yaml(path, PROFILES_FILE, found), PROFILES_FILE, found)
        _refuse_profiles_on_built_in_pages(data, built_in, found)
    problems.extend(found.items)
    return data


def _links_leaving(folder: HandbookFolder, problems: Problems) -> bool:
    """Report every source that is a symbolic link out of its folder; True if there is one.

    A page linked to /etc/passwd would otherwise be read, and perhaps published.
    """
    leaving = False
    for path, rel, kept_in, named in _source_paths(folder):
        if not _resolves_inside(path, kept_in):
            problems.error(rel, 0, _("is a link to something outside {folder}. The build reads only the handbook's own "
                                     "files: copy the file here instead of linking to it.", folder=named))
            leaving = True
    return leaving


def _special_files(folder: HandbookFolder, problems: Problems) -> bool:
    """Report every source that is a named pipe, socket or device; True if there is one.

    Reading a named pipe waits for a writer that never comes: the build would hang.
    """
    found = False
    for path, rel, _kept_in, _named in _source_paths(folder):
        kind = special_kind(path)
        if kind:
            problems.error(rel, 0, _("is {kind}, not a file: the build reads only ordinary files and folders. Remove it, "
                                     "or put the file it stands for in its place.", kind=kind))
            found = True
    return found


def special_kind(path: Path) -> Text | None:
    """'a named pipe (FIFO)', 'a socket' or 'a device' for such a file (or a link to one); None for anything else."""
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError):  # missing, or a loop of links: reported where it is read
        return None
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return None


def _source_paths(folder: HandbookFolder) -> Iterator[tuple[Path, str, Path, Text]]:
    """Every source file and folder: its name in messages, and the folder it must stay in and that folder's name."""
    yield folder.root / PROFILES_FILE, PROFILES_FILE, folder.root, _("the handbook's folder")
    yield folder.root / SITE_FILE, SITE_FILE, folder.root, _("the handbook's folder")
    if (folder.root / PARTNERSHIPS_FILE).is_symlink() or (folder.root / PARTNERSHIPS_FILE).exists():
        yield folder.root / PARTNERSHIPS_FILE, PARTNERSHIPS_FILE, folder.root, _("the handbook's folder")
    for top in (folder.content, folder.templates):
        yield top, top.name, top.parent, _("the handbook's folder")
        if _resolves_inside(top, top.parent):
            for path in sorted(top.rglob("*")):  # rglob lists a linked folder but does not enter it
                yield path, f"{top.name}/{path.relative_to(top).as_posix()}", top, f"{top.name}/"


def _resolves_inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def site_files(folder: HandbookFolder, handbook: Handbook, updated: dict[str, datetime.date] | None = None) -> dict[str, bytes]:
    """The files beside the pages: sitemap.xml, the open-data downloads, the stylesheet and the images the pages
    use. `updated` is each page's date of last change (default: the handbook's date)."""
    pages = plan_pages(handbook)
    updated = updated or {page.path: handbook.data.date for page in pages}
    files = {SITEMAP_FILE: sitemap_xml(pages, handbook.data.base_url, updated)}
    files.update(data_files(handbook))
    files.update(register_files(handbook, folder.templates))
    assets_dir = folder.templates / ASSETS_DIR
    for path in sorted(assets_dir.rglob("*")) if assets_dir.is_dir() else []:
        if path.is_file():
            files[f"{ASSETS_DIR}/{path.relative_to(assets_dir).as_posix()}"] = path.read_bytes()
    files.update(branding_files(handbook.branding))
    for relative in handbook.assets:
        files[f"{CONTENT_ASSETS_DIR}/{relative}"] = (folder.content / relative).read_bytes()
    return files


def pdf_jobs(folder: HandbookFolder, handbook: Handbook, problems: Problems) -> Iterator[PdfJob]:
    """Every PDF's HTML: the whole-handbook PDFs first, the longest to render, so they start while the
    checklists share the other workers."""
    yield from book_jobs(handbook, folder.templates, folder.root, folder.content, problems)
    yield from checklist_jobs(handbook, folder.templates, folder.root, problems)
    yield from document_jobs(handbook, folder.templates, folder.root, problems)


def plan_pdf_files(folder: HandbookFolder, jobs: list[PdfJob], cache: ContentCache) -> PdfPlan:
    """Which PDFs `cache` holds for their current inputs (their HTML, stylesheets and fonts) and which must be rendered."""
    shared = files_digest([folder.templates / "checklists", folder.templates / "book", folder.templates / "fonts",
                           folder.templates / "register"])
    return plan_pdfs(jobs, cache, shared)


def render_pdf_files(folder: HandbookFolder, plan: PdfPlan, cache: ContentCache, options: BuildOptions,
                     problems: Problems, reporter: Reporter, superseded: Callable[[], bool]) -> dict[str, bytes]:
    """Every PDF by path: rendered where `plan` says so, from the cache otherwise."""
    count, total = len(plan.todo), len(plan.keys)
    reporter.stage(_("Rendering {count} of {total} PDFs", count=count, total=total) if count
                   else _("All {total} PDFs unchanged", total=total), total=count or None)
    pdfs, errors = render_pdfs(plan, [folder.root, folder.templates], cache, options.jobs, on_rendered=reporter.advance,
                               superseded=superseded)
    by_cause: dict[tuple[str, str], list[str]] = {}
    for error in errors:
        by_cause.setdefault((error.source, error.message), []).append(error.path)
    for (source, message), paths in sorted(by_cause.items()):
        problems.error(source, 0, _("{message} (making {paths})", message=message, paths=", ".join(sorted(paths))))
    return pdfs


def build(folder: HandbookFolder, out_dir: Path | None, options: BuildOptions, reporter: Reporter | None = None,
          pages_ready: Callable[[], None] | None = None, superseded: Callable[[], bool] = lambda: False) -> BuildReport:
    """Validate and render the handbook; write it to `out_dir` unless that is None (check only).

    Raises ContentError with every problem when the build cannot succeed; the
    output folder is then untouched. `reporter` is told each stage as it starts.

    With `pages_ready` (the live preview), a build with PDFs first puts the new pages into
    `out_dir` with the PDFs of the last build and calls `pages_ready`; only then does it work
    out which PDFs changed and render them: the editor sees the page in a fraction of a
    second, not after the checklists. A problem found in the PDFs leaves the new pages in place.
    When `superseded()` turns true while PDFs render (another save), the build stops with
    pdf.Superseded; `out_dir` keeps the pages written first.
    """
    reporter = reporter or Reporter.silent()
    try:
        with _without_cycle_collection():
            if out_dir is None:
                return _build(folder, None, options, reporter, None, superseded)
            check_output_folder(folder, out_dir)
            with build_lock(out_dir):
                recover_interrupted(out_dir)
                return _build(folder, out_dir, options, reporter, pages_ready, superseded)
    finally:
        reporter.done()


def check_output_folder(folder: HandbookFolder, out_dir: Path) -> None:
    """Refuse an output folder that holds the sources or other files, or lies among the sources (UsageError)."""
    check_target(out_dir, sources=(folder.root, folder.content, folder.templates, PROJECT_DIR),
                 read=(folder.content, folder.templates, folder.cache))


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector, run again and again while a build allocates millions of small
    objects, took three quarters of the time of reading a large profiles.yaml. A build makes
    almost no cycles, so it is paused for the build and run once after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


def _build(folder: HandbookFolder, out_dir: Path | None, options: BuildOptions, reporter: Reporter,
           pages_ready: Callable[[], None] | None, superseded: Callable[[], bool]) -> BuildReport:
    problems = Problems()
    reporter.stage(_("Reading sources"))
    handbook = load_handbook(folder, problems)
    if handbook is None or problems.fails(options.strict):
        raise ContentError(problems.sorted())
    reporter.stage(_("Rendering {count} pages", count=len(plan_pages(handbook)) + 1))  # and the language chooser
    page_cache = ContentCache(folder.cache / "pages", ".html", reuse=not options.clean) if out_dir else None
    updated = page_dates(handbook, folder.root, plan_pages(handbook))
    pages, pages_rendered = render_site(handbook, folder.templates, folder.root, problems, page_cache, options.jobs,
                                        updated)
    check_anchor_links(handbook, pages, problems)
    _stop_if_failing(problems, options)
    # Pagefind indexes the pages in the background from here on, while the rest is made and written.
    search_cache = ContentCache(folder.cache / "search", ".zip", reuse=not options.clean)
    with SearchIndexing(pages, out_dir, search_cache) if out_dir is not None else nullcontext() as indexing:
        files = {**pages, **site_files(folder, handbook, updated)}
        if pages_ready is not None and out_dir is not None and options.pdfs:
            _write_pages_first(out_dir, reporter, files, indexing)
            pages_ready()
        made = pdf_jobs(folder, handbook, problems) if options.pdfs else iter(())
        # A check renders every PDF's HTML for its errors and keeps none: 6,000 checklists at 1,000 profiles.
        jobs = list(made) if out_dir is not None else []
        pdf_count = len(jobs) if out_dir is not None else sum(1 for _ in made)
        _stop_if_failing(problems, options)
        written, rendered = (_write(folder, out_dir, options, reporter, problems, files, jobs, indexing, superseded)
                             if out_dir is not None else (len(files), 0))
    return BuildReport(
        problems=problems,
        handbook=handbook,
        pages=len(pages),
        pages_rendered=pages_rendered,
        pdfs=pdf_count,
        pdfs_rendered=rendered,
        files=written,
    )


def _write(folder: HandbookFolder, out_dir: Path, options: BuildOptions, reporter: Reporter, problems: Problems,
           files: dict[str, bytes], jobs: list[PdfJob], indexing: SearchIndexing,
           superseded: Callable[[], bool]) -> tuple[int, int]:
    """Write the site, its PDFs and then its search index into `out_dir`; how many files, and how many PDFs
    were rendered."""
    cache = ContentCache(folder.pdf_cache, ".pdf", reuse=not options.clean)
    plan = plan_pdf_files(folder, jobs, cache) if options.pdfs else PdfPlan({}, {}, [])
    with staged_site(out_dir) as staging:
        reporter.stage(_("Writing {folder}/", folder=out_dir.name))
        staging.write(files)
        if options.pdfs:
            pdfs = render_pdf_files(folder, plan, cache, options, problems, reporter, superseded)
            _stop_if_failing(problems, options)
            staging.write(pdfs)
            staging.write(form_scripts(pdfs))
        reporter.stage(_("Indexing the pages for search"))
        staging.write(indexing.bundle())
        staging.swap_in()
    return staging.count, len(plan.todo)


def _write_pages_first(out_dir: Path, reporter: Reporter, files: dict[str, bytes], indexing: SearchIndexing) -> None:
    """The new site in `out_dir` before any PDF is rendered, with the last build's PDFs."""
    with staged_site(out_dir) as staging:
        reporter.stage(_("Writing the pages to {folder}/", folder=out_dir.name))
        staging.write(files)
        staging.write(indexing.bundle())
        staging.carry_over(".pdf")
        staging.carry_over(".pdf.js")  # the forms the self-assessment fills in
        staging.swap_in()


def _stop_if_failing(problems: Problems, options: BuildOptions) -> None:
    if problems.fails(options.strict):
        raise ContentError(problems.sorted())
