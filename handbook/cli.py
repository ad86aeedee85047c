"""The command line: `python build.py [build|check|serve|schema] [options]`.

Exit codes: 0 built, 1 the content has errors (each printed as file:line), 2 the
command was called wrongly, 130 stopped by Ctrl-C. A traceback means a bug in the build itself.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, NoReturn

from .build.progress import Reporter, shown_path
from .i18n import Number, _, choose_language, current_language, languages, n_, render, set_language
from .problems import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, ContentError, Problem, UsageError

# Only light modules here: a build with nothing to do answers before the rest is imported.
from .sources.folder import (PARTNERSHIPS_FILE, PROFILES_FILE, PROJECT_DIR, SCHEMA_FILE, SITE_SCHEMA_FILE, UI_FILE,
                             BuildOptions, HandbookFolder)
from .sources.history import DATED_SOURCES, edited_date, source_date
from .write.up_to_date import BuildRecords, sources_fingerprint

DEFAULT_PORT = 8000
EXIT_INTERRUPTED = 128 + 2  # 128 + SIGINT, as shells report a command stopped by Ctrl-C

def _description() -> str:
    return render(_("""\
Build the competence handbook: a Danish and English site in output/.

commands:
  build   validate and render everything into the output folder (the default)
  check   validate and render without writing anything, and report how complete
          each translation is (with --strict, anything untranslated fails)
  serve   build, serve the site on http://127.0.0.1:PORT/ and rebuild on every
          save in profiles.yaml, content/ or templates/; the open page reloads
          by itself and shows the error when a change cannot be built
  schema  write schema/profiles.schema.json and schema/partnerships.schema.json,
          the JSON Schemas that editors use to check profiles.yaml and
          partnerships.yaml as you type
  new     add a new block to profiles.yaml or partnerships.yaml, every key
          in both languages with TODO texts: 'new profile EVT', 'new
          competence NET-7' ('new competence NET' takes the next free
          number), 'new partnership READ-2027'

Messages are in Danish or English: --lang, else HANDBOOK_LANG, else the
system's language. The output folder is replaced only when the whole build
succeeds.
"""))


def parser() -> argparse.ArgumentParser:
    cli = _Parser(
        prog="python build.py",
        description=_description(),
        formatter_class=_HelpFormatter,
        add_help=False,
    )
    # argparse's own headings, in the language of the messages like everything else in the help.
    cli._positionals.title = render(_("positional arguments"))
    cli._optionals.title = render(_("options"))
    cli.add_argument("-h", "--help", action="help", help=render(_("show this help message and exit")))
    cli.add_argument("command", nargs="?", default="build", choices=("build", "check", "serve", "schema", "new"),
                     help=render(_("what to do (default: build)")))
    cli.add_argument("block", nargs="*", metavar="KIND CODE", help=render(_("new: the kind of block and its code")))
    cli.add_argument("--root", type=Path, default=None, metavar="DIR",
                     help=render(_("the handbook's folder, with profiles.yaml, content/ and templates/ (default: this project)")))
    cli.add_argument("--out", type=Path, default=None, metavar="DIR",
                     help=render(_("where to write the site (default: output/ in the handbook's folder)")))
    cli.add_argument("--strict", action="store_true", help=render(_("treat warnings, such as missing translations, as errors")))
    cli.add_argument("--quiet", action="store_true", help=render(_("print only errors")))
    cli.add_argument("--clean", action="store_true", help=render(_("rebuild everything, ignoring what earlier builds kept")))
    cli.add_argument("--no-pdfs", dest="pdfs", action="store_false",
                     help=render(_("skip the PDF checklists: a quicker preview whose links to them do not work")))
    cli.add_argument("--jobs", type=_count("--jobs", minimum=1), default=os.cpu_count() or 1, metavar="N",
                     help=render(_("render pages and PDFs in N processes at once (default: one per core, here {cores})",
                                   cores=os.cpu_count() or 1)))
    cli.add_argument("--port", type=_count("--port", minimum=0, maximum=65535), default=DEFAULT_PORT, metavar="PORT",
                     help=render(_("serve: the port on 127.0.0.1 (default: {port}; 0 picks a free one)", port=DEFAULT_PORT)))
    cli.add_argument("--lang", choices=languages(), default=None,
                     help=render(_("the language of messages (default: HANDBOOK_LANG, else the system's language)")))
    return cli


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's layout, with its 'usage:' in the language of the messages."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, render(_("usage: ")) if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors read like the build's own: 'python build.py: error: …' in the
    language of the messages, after the usage line, with the usage error's exit code."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, render(_("python build.py: error: {message}", message=message)) + "\n")


def _count(option: str, minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not value.isdigit() or int(value) < minimum or (maximum is not None and int(value) > maximum):
            if maximum is None:
                message = _("{option} must be a whole number, at least {minimum}; not '{value}'",
                            option=option, minimum=minimum, value=value)
            else:
                message = _("{option} must be a whole number, at least {minimum} and at most {maximum}; not '{value}'",
                            option=option, minimum=minimum, maximum=maximum, value=value)
            raise argparse.ArgumentTypeError(render(message))
        return int(value)
    return parse


def _requested_language(argv: list[str]) -> str | None:
    """--lang, read before the parser is made: its help texts are in the chosen language."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    return early.parse_known_args(argv)[0].lang


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    set_language(choose_language(_requested_language(argv)))
    args = parser().parse_args(argv)
    reporter = Reporter(quiet=args.quiet)
    root = (args.root or PROJECT_DIR).resolve()
    if not root.is_dir():
        return _usage(_("--root {folder}: no such folder.", folder=str(args.root)))
    if args.command == "new":
        return _new_block(root, args.block, reporter)
    if args.block:
        return _usage(_("'{words}': only 'new' takes a kind and a code.", words=" ".join(args.block)))
    if args.command == "schema":
        return _write_schema(root / SCHEMA_FILE, reporter)
    out_dir = (args.out or root / "output").resolve()
    if args.command != "check" and out_dir.exists() and not out_dir.is_dir():
        return _usage(_("--out {folder}: exists and is not a folder.", folder=str(args.out)))
    options = BuildOptions(strict=args.strict, clean=args.clean, jobs=args.jobs, pdfs=args.pdfs)
    folder = HandbookFolder(root)
    try:
        if args.command == "serve":
            from .build.serve import serve

            return serve(folder, out_dir, options, args.port, reporter)
        return _build(folder, None if args.command == "check" else out_dir, options, reporter)
    except UsageError as error:
        return _usage(error.message)
    except KeyboardInterrupt:  # Ctrl-C: the workers are stopped, the staging folder is gone
        if args.command == "check":
            reporter.error(_("Interrupted: nothing was written."))
        else:
            reporter.error(_("Interrupted: {folder}/ was left as it was.", folder=shown_path(out_dir)))
        return EXIT_INTERRUPTED


def _build(folder: HandbookFolder, out_dir: Path | None, options: BuildOptions, reporter: Reporter) -> int:
    """`build`, or `check` when `out_dir` is None: check judges --strict after its translation report."""
    started = time.perf_counter()
    checking = out_dir is None
    records = BuildRecords(folder.cache)
    # The printed date comes from git, not the files: a commit alone must build again.
    inputs = {**_affecting_output(folder, options), "edited": str(edited_date(folder.root))} if out_dir else {}
    fingerprint = sources_fingerprint(folder.sources, inputs, folder.root) if out_dir else ""
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
        records.remember(out_dir, fingerprint, _in_every_language(report.counts()),
                         [_in_every_language(p) for p in report.problems.sorted()])
    if checking:
        from .model.translation import translation_status

        for status in translation_status(report.handbook, PROFILES_FILE, UI_FILE):
            reporter.line(status.summary())
            for item in status.missing:
                reporter.line("  " + render(item))
        if options.strict and report.problems.warnings:
            return _failed(report.problems.sorted(), options.strict, out_dir, reporter)
    for problem in report.problems.sorted():
        reporter.problem(problem)
    seconds = time.perf_counter() - started
    if out_dir is None:
        reporter.line(_("Checked {counts} in {seconds} s.", counts=report.counts(), seconds=Number(seconds, 2)))
    else:
        reporter.line(_("Built {folder}/: {counts} in {seconds} s.", folder=shown_path(out_dir), counts=report.counts(),
                        seconds=Number(seconds, 2)))
    return EXIT_OK


def _affecting_output(folder: HandbookFolder, options: BuildOptions) -> dict[str, object]:
    """The options that change what a build writes, and with a partnership register the build date it is
    judged by: a new commit or SOURCE_DATE_EPOCH can make a review overdue without any source changing."""
    affecting = options.affecting_output()
    if (folder.root / PARTNERSHIPS_FILE).is_file():
        day = source_date(folder.root, (*DATED_SOURCES, PARTNERSHIPS_FILE))
        affecting["build_date"] = day.isoformat() if day else None
    return affecting


def _in_every_language(message: object) -> dict[str, str]:
    """A message as the record of a build keeps it: shown again, in whichever language, when nothing changed."""
    return {lang: render(message, lang) for lang in languages()}


def _in_this_language(kept: object) -> str:
    """A message from the record of a build, in this build's language (records of older builds hold one text)."""
    if isinstance(kept, dict):
        return str(kept.get(current_language()) or next(iter(kept.values()), ""))
    return str(kept)


def _up_to_date(last: dict[str, object], out_dir: Path, started: float, reporter: Reporter) -> int:
    """Nothing changed since the last build into `out_dir`: say so, with that build's warnings."""
    for warning in [] if reporter.quiet else last.get("warnings") or []:
        reporter.error(_in_this_language(warning))  # warnings go where the build printed them: standard error
    seconds = time.perf_counter() - started
    reporter.line(_("Up to date: {folder}/ already holds this build ({summary}); checked in {seconds} s. "
                    "--clean builds it all again.", folder=shown_path(out_dir), summary=_in_this_language(last["summary"]),
                    seconds=Number(seconds, 2)))
    return EXIT_OK


def _failed(problems: list[Problem], strict: bool, out_dir: Path | None, reporter: Reporter) -> int:
    for problem in problems:
        reporter.problem(problem, strict)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    counted = n_("{count} error", "{count} errors", errors)
    if strict and warnings:
        counted = _("{errors} and {warnings} (--strict makes warnings errors)", errors=counted,
                    warnings=n_("{count} warning", "{count} warnings", warnings))
    if out_dir is None:
        reporter.error(_("Build failed: {counted}; nothing was written.", counted=counted))
    else:
        reporter.error(_("Build failed: {counted}; {folder}/ was left as it was.", counted=counted,
                         folder=shown_path(out_dir)))
    return EXIT_CONTENT


def _write_schema(path: Path, reporter: Reporter) -> int:
    from .register.source import SCHEMA_FILE as REGISTER_SCHEMA_FILE
    from .register.source import json_schema_text as register_schema_text
    from .sources.schema import json_schema_text
    from .sources.branding import json_schema_text as site_schema_text

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json_schema_text(), encoding="utf-8")
    reporter.line(_("Wrote {path}: the JSON Schema of profiles.yaml, from handbook/sources/schema.py.", path=shown_path(path)))
    site_path = path.parent / Path(SITE_SCHEMA_FILE).name
    site_path.write_text(site_schema_text(), encoding="utf-8")
    reporter.line(_("Wrote {path}: the JSON Schema of site.yaml, from handbook/sources/branding.py.", path=shown_path(site_path)))
    register_path = path.parent.parent / REGISTER_SCHEMA_FILE
    register_path.write_text(register_schema_text(), encoding="utf-8")
    reporter.line(_("Wrote {path}: the JSON Schema of partnerships.yaml, from handbook/register/source.py.",
                    path=shown_path(register_path)))
    return EXIT_OK


def _new_block(root: Path, block: list[str], reporter: Reporter) -> int:
    from .scaffold import KINDS, add_block

    if len(block) != 2:
        return _usage(_("'new' needs a kind and a code, such as 'new profile EVT'. Kinds: {kinds}.", kinds=", ".join(KINDS)))
    try:
        added = add_block(root, block[0], block[1])
    except UsageError as error:
        return _usage(error.message)
    reporter.line(_("Added {kind} {code} to {file}, lines {first}–{last} ({where}). Replace every TODO with the text "
                    "in Danish and English; python build.py --strict refuses the handbook while any is left.",
                    kind=added.kind, code=added.code, file=added.file, first=added.first_line, last=added.last_line,
                    where=added.after))
    if added.check:
        reporter.line(added.check)
    return EXIT_OK


def _usage(message: object) -> int:
    print(render(_("python build.py: error: {message}", message=message)), file=sys.stderr)
    return EXIT_USAGE


def run() -> None:
    signal.signal(signal.SIGTERM, _terminated)  # the preview sets its own while it serves
    for stream in (sys.stdout, sys.stderr):  # a legacy terminal's encoding must not turn a message into a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # before the build began, or after it ended
        print("Interrupted.", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (`kill`, a service manager) ends the build as an error would: the staging folder,
    Pagefind's scratch folder and every child process go with it, and the output stays as it was."""
    raise SystemExit(128 + signum)
