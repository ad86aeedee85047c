"""The checklists alone, from clean, as the build renders them: for the target on the real handbook's 18.

    python bench/checklists_alone.py --root DIR [--jobs N]

Reads the handbook in DIR, plans its checklist PDFs and renders them with the
build's own code (handbook.pdf.jobs.render_pdfs: forked workers, WeasyPrint imported in
each) into an empty cache, on every core unless --jobs says otherwise; the
whole-handbook PDFs, which the target leaves out, are not made. Run by `run.py` in
a fresh process, so its wall time includes starting Python and reading the
handbook (about 0.3 s for the real one): the checklists take no longer than that.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.build.pipeline import HandbookFolder, load_handbook  # noqa: E402
from handbook.pdf.checklists import checklist_jobs  # noqa: E402
from handbook.pdf.jobs import plan_pdfs, render_pdfs  # noqa: E402
from handbook.problems import Problems  # noqa: E402
from handbook.write.cache import ContentCache  # noqa: E402  (after the path is set)


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python bench/checklists_alone.py", description=__doc__.split("\n\n")[0])
    cli.add_argument("--root", type=Path, required=True, help="the handbook's folder")
    cli.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: one per core)")
    args = cli.parse_args(argv)
    folder, problems = HandbookFolder(args.root.resolve()), Problems()
    handbook = load_handbook(folder, problems)
    if handbook is None:
        print("\n".join(str(problem) for problem in problems.sorted()), file=sys.stderr)
        return 1
    jobs = list(checklist_jobs(handbook, folder.templates, folder.root, problems))
    with tempfile.TemporaryDirectory(prefix="checklists-alone-") as empty:
        cache = ContentCache(Path(empty), ".pdf")
        pdfs, errors = render_pdfs(plan_pdfs(jobs, cache, shared_inputs=""), [folder.root, folder.templates], cache, args.jobs)
    if errors:
        print("\n".join(f"{error.path}: {error.message}" for error in errors), file=sys.stderr)
        return 1
    print(f"{len(pdfs)} PDFs (checklists alone) rendered, {sum(map(len, pdfs.values())):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
