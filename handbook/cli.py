"""The command line: `python build.py [build|check|serve|schema] [options]`.

Exit codes: 0 built, 1 the content has errors (each printed as file:line), 2 the
command was called wrongly. A traceback means a bug in the build itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from .build.progress import Reporter, shown_path
from .problems import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, ContentError, Problem, UsageError

# Only light modules here: a build with nothing to do answers before the rest is imported.
from .sources.folder import PROFILES_FILE, PROJECT_DIR, SCHEMA_FILE, UI_FILE, BuildOptions, HandbookFolder
from .write.up_to_date import BuildRecords, sources_fingerprint

DEFAULT_PORT = 8000

DESCRIPTION = """\
Build the competence handbook: a Danish and English site in output/.

commands:
  build   validate and render everything into the output folder (the default)
  check   validate and render without writing anything, and report how complete
          each translation is (with --strict, anything untranslated fails)
  serve   build, serve the site on http://127.0.0.1:PORT/ and rebuild on every
          save in profiles.yaml, content/ or templates/; the open page reloads
          by itself and shows the error when a change cannot be built
  schema  write schema/profiles.schema.json, the JSON Schema that editors use
          to check profiles.yaml as you type
  new     add a new block to profiles.yaml, every key in both languages with
          TODO texts: 'new profile EVT', 'new competence NET-7' ('new
          competence NET' takes the next free number)

The output folder is replaced only when the whole build succeeds.
"""


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python build.py",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("command", nargs="?", default="build", choices=("build", "check", "serve", "schema", "new"),
                     help="what to do (default: build)")
    cli.add_argument("block", nargs="*", metavar="KIND CODE", help="new: the kind of block and its code")
    cli.add_argument("--root", type=Path, default=None, metavar="DIR",
                     help="the handbook's folder, with profiles.yaml, content/ and templates/ (default: this project)")
    cli.add_argument("--out", type=Path, default=None, metavar="DIR",
                     help="where to write the site (default: output/ in the handbook's folder)")
    cli.add_argument("--strict", action="store_true", help="treat warnings, such as missing translations, as errors")
    cli.add_argument("--quiet", action="store_true", help="print only errors")
    cli.add_argument("--clean", action="store_true", help="rebuild everything, ignoring what earlier builds kept")
    cli.add_argument("--no-pdfs", dest="pdfs", action="store_false",
                     help="skip the PDF checklists: a quicker preview whose links to them do not work")
    cli.add_argument("--jobs", type=_count("--jobs", minimum=1), default=os.cpu_count() or 1, metavar="N",
                     help="render pages and PDFs in N processes at once (default: one per core, here %(default)s)")
    cli.add_argument("--port", type=_count("--port", minimum=0, maximum=65535), default=DEFAULT_PORT, metavar="PORT",
                     help=f"serve: the port on 127.0.0.1 (default: {DEFAULT_PORT}; 0 picks a free one)")
    return cli


def _count(option: str, minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not value.isdigit() or int(value) < minimum or (maximum is not None and int(value) > maximum):
            upper = f" and at most {maximum}" if maximum is not None else ""
            raise argparse.ArgumentTypeError(f"{option} must be a whole number, at least {minimum}{upper}; not {value!r}")
        return int(value)
    return parse


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    reporter = Reporter(quiet=args.quiet)
    root = (args.root or PROJECT_DIR).resolve()
    if not root.is_dir():
        return _usage(f"--root {args.root}: no such folder.")
    if args.command == "new":
        return _new_block(root, args.block, reporter)
    if args.block:
        return _usage(f"'{' '.join(args.block)}': only 'new' takes a kind and a code.")
    if args.command == "schema":
        return _write_schema(root / SCHEMA_FILE, reporter)
    out_dir = (args.out or root / "output").resolve()
    if args.command != "check" and out_dir.exists() and not out_dir.is_dir():
        return _usage(f"--out {args.out}: exists and is not a folder.")
    options = BuildOptions(strict=args.strict, clean=args.clean, jobs=args.jobs, pdfs=args.pdfs)
    folder = HandbookFolder(root)
    try:
        if args.command == "serve":
            from .build.serve import serve

            return serve(folder, out_dir, options, args.port, reporter)
        return _build(folder, None if args.command == "check" else out_dir, options, reporter)
    except UsageError as error:
        return _usage(str(error))


def _build(folder: HandbookFolder, out_dir: Path | None, options: BuildOptions, reporter: Reporter) -> int:
    """`build`, or `check` when `out_dir` is None: check judges --strict after its translation report."""
    started = time.perf_counter()
    checking = out_dir is None
    records = BuildRecords(folder.cache)
    fingerprint = sources_fingerprint(folder.sources, options.affecting_output()) if out_dir else ""
    if out_dir is not None and not options.clean:
        last = records.unchanged(out_dir, fingerprint)
        if last is not None:
            return _up_to_date(last, out_dir, started, reporter)
    from .build.pipeline import build  # the heavy part: Jinja2, Markdown, YAML and the rest

    try:
        report = build(folder, out_dir, replace(options, strict=False) if checking else options, reporter)
    except ContentError as error:
        return _failed(error.problems, options.strict, out_dir, reporter)
    if out_dir is not None:
        records.remember(out_dir, fingerprint, report.counts(), [str(p) for p in report.problems.sorted()])
    if checking:
        from .model.translation import translation_status

        for status in translation_status(report.handbook, PROFILES_FILE, UI_FILE):
            reporter.line(status.summary())
            for item in status.missing:
                reporter.line(f"  {item}")
        if options.strict and report.problems.warnings:
            return _failed(report.problems.sorted(), options.strict, out_dir, reporter)
    for problem in report.problems.sorted():
        reporter.problem(problem)
    seconds = time.perf_counter() - started
    done = "Checked" if out_dir is None else f"Built {shown_path(out_dir)}/:"
    reporter.line(f"{done} {report.counts()} in {seconds:.2f} s.")
    return EXIT_OK


def _up_to_date(last: dict[str, object], out_dir: Path, started: float, reporter: Reporter) -> int:
    """Nothing changed since the last build into `out_dir`: say so, with that build's warnings."""
    for warning in [] if reporter.quiet else last.get("warnings") or []:
        reporter.error(str(warning))  # warnings go where the build printed them: standard error
    seconds = time.perf_counter() - started
    reporter.line(f"Up to date: {shown_path(out_dir)}/ already holds this build ({last['summary']}); checked in "
                  f"{seconds:.2f} s. --clean builds it all again.")
    return EXIT_OK


def _failed(problems: list[Problem], strict: bool, out_dir: Path | None, reporter: Reporter) -> int:
    for problem in problems:
        reporter.problem(problem, strict)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    counted = f"{errors} error(s)" + (f" and {warnings} warning(s) (--strict makes warnings errors)" if strict and warnings else "")
    where = "nothing was written" if out_dir is None else f"{shown_path(out_dir)}/ was left as it was"
    reporter.error(f"Build failed: {counted}; {where}.")
    return EXIT_CONTENT


def _write_schema(path: Path, reporter: Reporter) -> int:
    from .sources.schema import json_schema_text

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json_schema_text(), encoding="utf-8")
    reporter.line(f"Wrote {shown_path(path)}: the JSON Schema of profiles.yaml, from handbook/sources/schema.py.")
    return EXIT_OK


def _new_block(root: Path, block: list[str], reporter: Reporter) -> int:
    from .scaffold import KINDS, add_block

    if len(block) != 2:
        return _usage(f"'new' needs a kind and a code, such as 'new profile EVT'. Kinds: {', '.join(KINDS)}.")
    try:
        added = add_block(root, block[0], block[1])
    except UsageError as error:
        return _usage(str(error))
    reporter.line(f"Added {added.kind} {added.code} to {added.file}, lines {added.first_line}–{added.last_line} "
                  f"({added.after}). Replace every TODO with the text in Danish and English; "
                  "python build.py --strict refuses the handbook while any is left.")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"python build.py: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run() -> None:
    sys.exit(main())
