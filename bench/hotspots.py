"""Where a build spends its time: one run of the command line sampled by py-spy, summed by function.

    python bench/hotspots.py real --rebuild          # a rebuild with nothing changed
    python bench/hotspots.py 30                      # a clean build, PDF workers included
    python bench/hotspots.py 1000 --no-pdfs          # a clean build of the pages only

Prepares the handbook as `run.py` does (the real one, or a synthetic one with that
many profiles) and runs `python build.py` on it under `py-spy record`: a sampling
profiler outside the process, which barely slows the build and samples its PDF
workers too. It prints, in seconds, the inclusive time of the project's own functions and
templates (the build's phases), then the functions that spend the most time
themselves, anywhere. Samples are of running code, summed over processes: CPU
time. `--idle` counts waiting too (for Pagefind, the disk, the PDF workers), in
every thread, so that a single-process run adds up to its wall time. `--raw FILE`
keeps py-spy's collapsed stacks.

`--rebuild` runs one unsampled build first, so the sample is of a rebuild with
nothing changed; `--after-change` does too, then changes one competence's Danish
description as `run.py` does, so the sample is of the rebuild after that change. `--one-pdf` samples the rendering of one checklist (the first
profile's Danish interview guide) in one process, WeasyPrint's import included.
py-spy needs to be allowed to trace processes (root, or ptrace permitted).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from run import BUILD, PROJECT, REAL, edit_description, first_competence, parse_sizes, prepare_handbook

RATE = 500  # samples per second
OWN_CODE = ("handbook/", "templates/", "build.py")
# Run in place of build.py, from the project's folder, so `handbook` is the project's.
_ONE_PDF = """
import sys
sys.path.insert(0, ".")
from pathlib import Path
from handbook.pdf.checklists import checklist_jobs
from handbook.pdf.jobs import render_one
from handbook.build.pipeline import HandbookFolder, load_handbook
from handbook.problems import Problems
folder, problems = HandbookFolder(Path(sys.argv[1])), Problems()
job = next(checklist_jobs(load_handbook(folder, problems), folder.templates, folder.root, problems))
result = render_one(job, [str(folder.root.resolve()), str(folder.templates.resolve())])
print(f"Rendered {job.path}: {len(result.data or b''):,} bytes, {len(result.errors)} error(s).")
"""
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python bench/hotspots.py", description=__doc__.split("\n\n")[0])
    cli.add_argument("size", help=f"'{REAL}' or a number of profiles")
    cli.add_argument("--command", choices=("build", "check"), default="build", help="what to sample (default: build)")
    cli.add_argument("--rebuild", action="store_true", help="sample a second build, with nothing changed")
    cli.add_argument("--after-change", action="store_true",
                     help="sample a second build, after one competence's Danish description changed")
    cli.add_argument("--no-pdfs", action="store_true", help="build without PDFs (the build's own --no-pdfs)")
    cli.add_argument("--one-pdf", action="store_true", help="sample rendering one checklist PDF instead")
    cli.add_argument("--idle", action="store_true", help="count waiting too, in every thread of every process")
    cli.add_argument("--top", type=int, default=25, help="how many functions to list (default: %(default)s)")
    cli.add_argument("--raw", type=Path, default=None, help="also keep py-spy's collapsed stacks here")
    args = cli.parse_args(argv)
    sizes = parse_sizes(args.size)
    if len(sizes) != 1:
        cli.error("name one size")
    [size] = sizes
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    with tempfile.TemporaryDirectory(prefix="handbook-profile-") as work:
        handbook = Path(work) / "handbook"
        prepare_handbook(size, handbook)
        options = [args.command, "--root", str(handbook)]
        if args.command == "build":
            options += ["--out", str(Path(work) / "output")] + (["--no-pdfs"] if args.no_pdfs else [])
        if args.rebuild or args.after_change:
            subprocess.run([sys.executable, str(BUILD), *options, "--quiet"], check=True)
        if args.after_change:
            profiles = handbook / "profiles.yaml"
            text = profiles.read_text(encoding="utf-8")
            profiles.write_text(edit_description(text, first_competence(text)[0], "Revideret"), encoding="utf-8")
        target = [sys.executable, str(BUILD), *options]
        if args.one_pdf:
            script = Path(work) / "one_pdf.py"
            script.write_text(_ONE_PDF, encoding="utf-8")
            target = [sys.executable, str(script), str(handbook)]
        raw = Path(work) / "stacks.txt"
        idle = ["--idle"] if args.idle else []
        sampled = subprocess.run([spy, "record", "--format", "raw", "--rate", str(RATE), *idle, "--subprocesses",
                                  "--full-filenames",
                                  "--output", str(raw), "--", *target], cwd=PROJECT, capture_output=True, text=True)
        print(sampled.stdout.strip())
        if not raw.is_file():
            print(sampled.stderr.strip(), file=sys.stderr)
            return 1
        stacks = raw.read_text(encoding="utf-8")
        if args.raw:
            args.raw.write_text(stacks, encoding="utf-8")
    inclusive, own = summarise(stacks)
    total = sum(own.values())
    waiting = "waiting included" if args.idle else "running code only"
    print(f"\n{total / RATE:.2f} s sampled ({total} samples at {RATE}/s, {waiting}, all processes).")
    print("\nThe project's functions and templates, time inside them (inclusive):")
    ours = [(name, count) for name, count in inclusive.most_common() if name.split(" ")[-1].startswith(OWN_CODE)
            and not name.startswith("<module>")]  # imports show in the self times
    for name, count in ours[: args.top]:
        print(f"  {count / RATE:8.2f} s  {count / total:6.1%}  {name}")
    print("\nWhere the time is spent, by function (self time):")
    for name, count in own.most_common(args.top):
        print(f"  {count / RATE:8.2f} s  {count / total:6.1%}  {name}")
    return sampled.returncode


def summarise(stacks: str) -> tuple[Counter[str], Counter[str]]:
    """Samples per function from py-spy's collapsed stacks: in any frame of a stack, and in its innermost one."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for line in stacks.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [_name(frame) for frame in stack.split(";") if not frame.startswith("process ")]
        for name in set(frames):
            inclusive[name] += int(count)
        if frames:
            own[frames[-1]] += int(count)
    return inclusive, own


def _name(frame: str) -> str:
    """'render_site (/…/handbook/site/pages.py:121)' as 'render_site handbook/site/pages.py': one entry per function."""
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    file = match["file"]
    if file.startswith(str(PROJECT) + "/"):
        file = file[len(str(PROJECT)) + 1:]
    else:  # a library: from its package folder on, 'weasyprint/layout/block.py'
        file = re.sub(r"^.*/(site-packages|python3\.\d+)/", "", file)
    return f"{match['function']} {file}"


if __name__ == "__main__":
    sys.exit(main())
