"""The command line: `python build.py [build|check] [options]`.

Exit codes: 0 built, 1 the content has errors (each printed as file:line), 2 the
command was called wrongly. A traceback means a bug in the build itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .pipeline import PROJECT_DIR, BuildOptions, HandbookFolder, build
from .problems import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, ContentError, Problem, UsageError

DESCRIPTION = """\
Build the competence handbook: a Danish and English site in output/.

commands:
  build   validate and render everything into the output folder (the default)
  check   validate and render without writing anything

The output folder is replaced only when the whole build succeeds.
"""


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python build.py",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_argument("command", nargs="?", default="build", choices=("build", "check"), help="what to do (default: build)")
    cli.add_argument("--root", type=Path, default=None, metavar="DIR",
                     help="the handbook's folder, with profiles.yaml, content/ and templates/ (default: this project)")
    cli.add_argument("--out", type=Path, default=None, metavar="DIR",
                     help="where to write the site (default: output/ in the handbook's folder)")
    cli.add_argument("--strict", action="store_true", help="treat warnings, such as missing translations, as errors")
    cli.add_argument("--quiet", action="store_true", help="print only errors")
    cli.add_argument("--clean", action="store_true", help="ignore the cache: render every PDF again")
    cli.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                     help="render PDFs in N processes at once (default: all cores)")
    return cli


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = (args.root or PROJECT_DIR).resolve()
    if not root.is_dir():
        return _usage(f"--root {args.root}: no such folder.")
    out_dir = None if args.command == "check" else (args.out or root / "output").resolve()
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        return _usage(f"--out {args.out}: exists and is not a folder.")
    started = time.perf_counter()
    try:
        options = BuildOptions(strict=args.strict, use_cache=not args.clean, jobs=args.jobs)
        report = build(HandbookFolder(root), out_dir, options)
    except UsageError as error:
        return _usage(str(error))
    except ContentError as error:
        _print_problems(error.problems, quiet=args.quiet)
        errors = sum(1 for p in error.problems if p.severity == "error")
        warnings = len(error.problems) - errors
        counted = f"{errors} error(s)" + (f" and {warnings} warning(s) (--strict makes warnings errors)" if args.strict and warnings else "")
        where = "nothing was written" if out_dir is None else f"{_shown(out_dir)}/ was left as it was"
        print(f"Build failed: {counted}; {where}.", file=sys.stderr)
        return EXIT_CONTENT
    _print_problems(report.problems.sorted(), quiet=args.quiet)
    if not args.quiet:
        seconds = time.perf_counter() - started
        done = "Checked" if out_dir is None else f"Built {_shown(out_dir)}/:"
        pdfs = f"{report.pdfs} PDFs ({report.pdfs_rendered} rendered)" if out_dir else f"{report.pdfs} checklists"
        print(f"{done} {report.pages} pages, {pdfs}, {report.files} files, {len(report.problems.warnings)} warning(s) in {seconds:.2f} s.")
    return EXIT_OK


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of at least 1")
    return int(value)


def _print_problems(problems: list[Problem], quiet: bool) -> None:
    for problem in problems:
        if quiet and problem.severity != "error":
            continue
        print(problem, file=sys.stderr)


def _usage(message: str) -> int:
    print(f"python build.py: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _shown(path: Path) -> str:
    """A path as the user would write it: relative to the current folder where possible."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def run() -> None:
    sys.exit(main())
