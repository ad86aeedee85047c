"""The benchmark: builds handbooks of growing size through the real command line and compares with MkDocs.

    python bench/run.py                      # the real handbook and 3, 30, 300, 1,000 profiles
    python bench/run.py --sizes 3,30 --runs 3
    python bench/run.py --sizes 3 --runs 1 --quick

For each size (the real handbook, or a synthetic one from `generate.py`) it times,
each as the median of several runs of `python build.py` in a fresh process:

- `check`: validate and render, write nothing;
- a clean build without PDFs (`--no-pdfs`, when the build has that option);
- a clean build with PDFs (up to `--pdf-max-profiles`: beyond, thousands of PDFs);
- a rebuild with nothing changed, and whether it imported WeasyPrint (`-X importtime`);
- a rebuild after one competence's Danish description changed, with what it re-rendered
  (the summary line's "N PDFs (M rendered)") and which output files changed;
- the same edit saved in the live preview (`serve`, with PDFs; `preview.py`): the time to
  the new text visible in the open page (Chromium, through Playwright), to the reload event, and to
  the end of the rebuild;

and builds the same corpus with MkDocs and Material (`mkdocs_corpus.py`) for the
per-page ratio. "Clean" means the output folder and `.handbook-cache/` removed and
`--clean` given. The results are printed as Markdown tables and saved as JSON,
with the machine they ran on; `targets.py` judges the speed targets.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import yaml
from edit import edit_description, first_competence
from generate import generate, generate_register
from measure import Run, changed_files, measure, medians, tree_digest
from mkdocs_corpus import write_mkdocs_project
from preview import time_saves
from report import machine_facts, machine_text, sizes_table, targets_table
from targets import judge

os.environ["HANDBOOK_LANG"] = "en"  # the build's lines are read in English, whatever the locale
PROJECT = Path(__file__).resolve().parent.parent
BUILD = PROJECT / "build.py"
CHECKLISTS_ALONE = Path(__file__).resolve().parent / "checklists_alone.py"
REAL = "real"
DEFAULT_SIZES = "real,3,30,300,1000"
DEFAULT_RESULTS = Path(__file__).resolve().parent / "results.json"
SEARCH_INDEX_DIR = "pagefind/"  # rewritten by any change of text; not a page or a checklist
SITE_MARKER = ".handbook-site.json"  # lists every file, so the search index's new hashed names too
WHOLE_HANDBOOK_DIR = "downloads/"  # the whole handbook as one PDF per language, and as open data: holds every text
MKDOCS_MISSING = "MkDocs, Material or mkdocs-static-i18n is not installed: pip install -e '.[bench]'"
MKDOCS_MODULES = ("mkdocs", "material", "mkdocs_static_i18n")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = parse_sizes(args.sizes)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    no_pdfs = "--no-pdfs" in subprocess.run([sys.executable, str(BUILD), "--help"], capture_output=True, text=True).stdout
    mkdocs = args.mkdocs and all(importlib.util.find_spec(name) for name in MKDOCS_MODULES)
    if args.mkdocs and not mkdocs:
        print(f"Skipping MkDocs: {MKDOCS_MISSING}.")
    machine = machine_facts(PROJECT)
    results: dict[str, Any] = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine,
        "settings": {"sizes": args.sizes, "runs": args.runs, "pdf_runs": args.pdf_runs, "quick": args.quick,
                     "pdf_max_profiles": args.pdf_max_profiles, "build_has_no_pdfs": no_pdfs, "mkdocs": mkdocs,
                     "memory": "ru_maxrss of RUSAGE_CHILDREN in a fresh wrapper per run: the largest single process"},
        "sizes": [],
    }
    print(machine_text(machine))
    try:
        for size in sizes:
            bench = SizeBench(size, work / f"size-{size}", args, env, no_pdfs, mkdocs)
            results["sizes"].append(bench.run())
    finally:
        if not args.work and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["targets"] = judge(results["sizes"])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(sizes_table(results["sizes"]))
    print()
    print(targets_table(results["targets"]))
    print(f"\nSaved {args.json}.")
    return 0


def _parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.split("\n\n")[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--sizes", default=DEFAULT_SIZES,
                     help=f"comma-separated: '{REAL}' (this project's handbook) and numbers of profiles (default: %(default)s)")
    cli.add_argument("--runs", type=int, default=None,
                     help="runs per measurement (default: 5 up to 30 profiles, 3 up to 300, 2 above)")
    cli.add_argument("--pdf-runs", type=int, default=3, help="at most this many runs of a clean build with PDFs (default: %(default)s)")
    cli.add_argument("--pdf-max-profiles", type=int, default=30,
                     help="build PDFs only up to this many profiles; above, thousands of PDFs (default: %(default)s)")
    cli.add_argument("--quick", action="store_true", help="build no PDFs at all (a smoke run)")
    cli.add_argument("--partnerships", type=int, default=0, metavar="N",
                     help="give every handbook a partnership register of N partnerships (default: none)")
    cli.add_argument("--no-mkdocs", dest="mkdocs", action="store_false", help="leave out the MkDocs comparison")
    cli.add_argument("--json", type=Path, default=DEFAULT_RESULTS, help="where to save the results (default: bench/results.json)")
    cli.add_argument("--work", default=None, help="folder for the generated handbooks and sites (default: a temporary one)")
    cli.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    return cli


def parse_sizes(text: str) -> list[str]:
    sizes = [part.strip() for part in text.split(",") if part.strip()]
    for size in sizes:
        if size != REAL and not (size.isdigit() and int(size) >= 2):
            raise SystemExit(f"python bench/run.py: error: --sizes: '{size}' is neither '{REAL}' nor a number of profiles >= 2")
    return sizes


class SizeBench:
    """Every measurement of one size, in an order where each leaves the state the next one needs."""

    def __init__(self, size: str, folder: Path, args: argparse.Namespace, env: dict[str, str], no_pdfs: bool, mkdocs: bool):
        self.size = size
        self.folder = folder
        self.args = args
        self.env = env
        self.no_pdfs = no_pdfs
        self.mkdocs = mkdocs
        self.handbook = folder / "handbook"
        self.out = folder / "output"
        self.measurements: dict[str, dict[str, Any]] = {}

    def run(self) -> dict[str, Any]:
        facts = self._prepare()
        profiles = facts["profiles"]
        runs = self.args.runs or (5 if profiles <= 30 else 3 if profiles <= 300 else 2)
        with_pdfs = not self.args.quick and profiles <= self.args.pdf_max_profiles
        print(f"\n{facts['label']}: {profiles} profiles, profiles.yaml {facts['profiles_yaml_bytes']:,} bytes, {runs} run(s) each")
        self._measure("check", runs, lambda: None, ["check"])
        if self.no_pdfs:
            self._measure("clean_no_pdfs", runs, self._clear, ["--clean", "--no-pdfs"])
        else:
            self._skip("clean_no_pdfs", "the build has no --no-pdfs option yet")
        if with_pdfs:
            self._measure("clean_with_pdfs", min(runs, self.args.pdf_runs), self._clear, ["--clean"])
            self._measure("checklists_alone", min(runs, self.args.pdf_runs), lambda: None, [],
                          command=[sys.executable, str(CHECKLISTS_ALONE), "--root", str(self.handbook)])
        else:
            self._skip("clean_with_pdfs", "--quick" if self.args.quick else f"PDFs are built up to {self.args.pdf_max_profiles} profiles")
        self._rebuilds(runs, [] if with_pdfs else ["--no-pdfs"] if self.no_pdfs else None)
        if with_pdfs:
            self._preview(runs)
        else:
            self._skip("preview_one_change", "--quick" if self.args.quick else f"PDFs are built up to {self.args.pdf_max_profiles} profiles")
        mkdocs = self._mkdocs(runs) if self.mkdocs else {"skipped": MKDOCS_MISSING if self.args.mkdocs else "--no-mkdocs"}
        result = {**facts, "runs_per_measurement": runs, "measurements": self.measurements, "mkdocs": mkdocs}
        result["derived"] = _derive(result, with_pdfs)
        return result

    def _prepare(self) -> dict[str, Any]:
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        profiles, extra = prepare_handbook(self.size, self.handbook)
        label = f"real handbook ({profiles} profiles)" if self.size == REAL else f"{profiles} profiles"
        partnerships = self.args.partnerships
        if partnerships:
            generate_register(self.handbook, partnerships)
            label += f", {partnerships:,} partnerships"
        return {"size": self.size, "label": label, "profiles": profiles, "extra_page_pairs": extra,
                "partnerships": partnerships,
                "profiles_yaml_bytes": (self.handbook / "profiles.yaml").stat().st_size}

    def _command(self, options: list[str], python: list[str] | None = None) -> list[str]:
        command, *rest = options if options and options[0] == "check" else ["build", *options]
        where = ["--root", str(self.handbook)] + ([] if command == "check" else ["--out", str(self.out)])
        return [sys.executable, *(python or []), str(BUILD), command, *where, *rest]

    def _clear(self) -> None:
        """The state of a first build: no output folder, no cache."""
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.handbook / ".handbook-cache", ignore_errors=True)

    def _skip(self, name: str, reason: str) -> None:
        self.measurements[name] = {"skipped": reason}
        print(f"  {name}: skipped ({reason})")

    def _measure(self, name: str, runs: int, before: Callable[[], None], options: list[str],
                 after: Callable[[int, Run], dict[str, Any]] | None = None, command: list[str] | None = None) -> bool:
        """Time `runs` runs of the build with `options` (or of `command`), calling `before` ahead of each;
        False if one failed."""
        if any("failed" in m for m in self.measurements.values()):
            self._skip(name, "an earlier build of this size failed")
            return False
        done: list[Run] = []
        extras: list[dict[str, Any]] = []
        for number in range(runs):
            before()
            run = measure(command or self._command(options), PROJECT, self.env)
            if not run.ok:
                self.measurements[name] = {"failed": run.failure()}
                print(f"  {name}: FAILED, {run.failure()}")
                return False
            done.append(run)
            extras.append(after(number, run) if after else {})
        counts = [run.summary() for run in done]
        summary = {key: max(c[key] for c in counts if c.get(key) is not None)
                   for key in ("pages", "pages_rendered", "pdfs", "pdfs_rendered", "files", "up_to_date")
                   if any(c.get(key) is not None for c in counts)}
        self.measurements[name] = {**medians(done), **summary,
                                   "cli_s": statistics.median(c["cli_s"] for c in counts) if all(counts) else None,
                                   "each": [{**run.record(), **extra} for run, extra in zip(done, extras)]}
        m = self.measurements[name]
        print(f"  {name}: median {m['wall_s']:.2f} s of {len(done)} run(s), peak {m['peak_rss_mb']:.0f} MB")
        return True

    def _rebuilds(self, runs: int, options: list[str] | None) -> None:
        """Rebuilds on the state the last clean build left: nothing changed, then one competence changed."""
        if options is None:
            for name in ("rebuild_unchanged", "rebuild_one_change"):
                self._skip(name, "needs --no-pdfs, or a build with PDFs at this size")
            return
        if not self._measure("rebuild_unchanged", runs, lambda: None, options):
            self._skip("rebuild_one_change", "the nothing-changed rebuild failed")
            return
        imports = subprocess.run(self._command(options, ["-X", "importtime"]), cwd=PROJECT, env=self.env,
                                 capture_output=True, text=True)
        self.measurements["rebuild_unchanged"]["weasyprint_imported"] = bool(
            re.search(r"\|\s+weasyprint\s*$", imports.stderr, re.MULTILINE))
        profiles_file = self.handbook / "profiles.yaml"
        original = profiles_file.read_text(encoding="utf-8")
        code, slug = first_competence(original)
        digests = [tree_digest(self.out)]

        def edit() -> None:
            profiles_file.write_text(edit_description(original, code, f"Revideret{len(digests)}"), encoding="utf-8")

        def compare(number: int, run: Run) -> dict[str, Any]:
            digests.append(tree_digest(self.out))
            changed = [p for p in changed_files(digests[-2], digests[-1]) if not p.startswith(SEARCH_INDEX_DIR) and p != SITE_MARKER]
            return {"changed": changed,
                    "unexpected": [p for p in changed if not _belongs_to(p, slug) and not p.startswith(WHOLE_HANDBOOK_DIR)]}

        if self._measure("rebuild_one_change", runs, edit, options, after=compare):
            m = self.measurements["rebuild_one_change"]
            m["edited"] = code
            m["changed"] = sorted({path for run in m["each"] for path in run["changed"]})
            m["unexpected"] = sorted({path for run in m["each"] for path in run["unexpected"]})
            m["own_checklists"] = sum(1 for path in digests[-1] if _belongs_to(path, slug) and path.endswith(".pdf"))
            m["own_pages"] = sum(1 for path in digests[-1] if _belongs_to(path, slug) and path.endswith(".html"))
            m["whole_handbook_pdfs"] = sum(1 for path in digests[-1]
                                           if path.startswith(WHOLE_HANDBOOK_DIR) and path.endswith(".pdf"))

    def _preview(self, runs: int) -> None:
        """The live preview with PDFs: from saving the same edit to the new text in the browser, and to the rebuild's end."""
        if any("failed" in m for m in self.measurements.values()):
            self._skip("preview_one_change", "an earlier build of this size failed")
            return
        each = time_saves(self.handbook, runs, self.out)
        m = self.measurements["preview_one_change"] = {
            "runs": len(each), "visible_s": statistics.median(run["visible_s"] for run in each),
            "reload_s": statistics.median(run["reload_s"] for run in each),
            "done_s": statistics.median(run["done_s"] for run in each), "each": each}
        print(f"  preview_one_change: new text visible after a median {m['visible_s']:.2f} s "
              f"(reload event {m['reload_s']:.2f} s), built after {m['done_s']:.2f} s")

    def _mkdocs(self, runs: int) -> dict[str, Any]:
        project = write_mkdocs_project(self.handbook, self.folder / "mkdocs")
        site = project.folder / "site"
        done = []
        for _ in range(runs):
            shutil.rmtree(site, ignore_errors=True)
            run = measure([sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f",
                           str(project.folder / "mkdocs.yml"), "-d", str(site)], project.folder, self.env)
            if not run.ok:
                print(f"  MkDocs: FAILED, {run.failure()}")
                return {"failed": run.failure()}
            done.append(run)
        pages = sum(1 for _ in site.rglob("*.html"))
        result = {**medians(done), "pages": pages, "each": [run.record() for run in done]}
        print(f"  MkDocs: median {result['wall_s']:.2f} s of {len(done)} run(s), {pages} pages")
        return result


def prepare_handbook(size: str, handbook: Path) -> tuple[int, int]:
    """Write the handbook of `size` into `handbook`: a copy of the real one, or a synthetic one.

    Returns its number of profiles and of extra page pairs. The real one's templates are the project's.
    """
    if size != REAL:
        made = generate(handbook, int(size))
        return made.profiles, made.extra_pages
    handbook.mkdir(parents=True)
    shutil.copy(PROJECT / "profiles.yaml", handbook / "profiles.yaml")
    shutil.copytree(PROJECT / "content", handbook / "content")
    data = yaml.load((handbook / "profiles.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return len(data["profiles"]), 0


def _belongs_to(path: str, slug: str) -> bool:
    """Whether an output file is the profile's own page, its self-assessment or one of its checklists, in either
    language."""
    return bool(re.fullmatch(
        rf"[a-z]{{2}}/({re.escape(slug)}(-self-assessment)?\.html|checklists/{re.escape(slug)}-[a-z-]+\.pdf)", path))


def _derive(size: dict[str, Any], with_pdfs: bool) -> dict[str, Any]:
    """Per-page and per-PDF figures, the rebuild's share of the clean build, the MkDocs ratio, the peak memory."""
    m = size["measurements"]
    no_pdfs, pdfs, unchanged = m.get("clean_no_pdfs", {}), m.get("clean_with_pdfs", {}), m.get("rebuild_unchanged", {})
    with_pages = next((x for x in (no_pdfs, pdfs, m.get("check", {})) if "pages" in x), {})
    with_pdfs_counted = next((x for x in (pdfs, m.get("check", {})) if "pdfs" in x), {})  # --no-pdfs counts none
    derived: dict[str, Any] = {"pages": with_pages.get("pages"), "pdfs": with_pdfs_counted.get("pdfs")}
    if "wall_s" in no_pdfs and no_pdfs.get("pages"):
        derived["ms_per_page"] = no_pdfs["wall_s"] * 1000 / no_pdfs["pages"]
    if "wall_s" in pdfs and pdfs.get("pdfs"):
        if "wall_s" in no_pdfs:
            derived["pdf_seconds"] = pdfs["wall_s"] - no_pdfs["wall_s"]
            derived["pdf_seconds_basis"] = "clean build with PDFs minus the one without"
        else:
            derived["pdf_seconds"] = pdfs["wall_s"]
            derived["pdf_seconds_basis"] = "the whole clean build with PDFs (no --no-pdfs build to subtract)"
        derived["ms_per_pdf"] = derived["pdf_seconds"] * 1000 / pdfs["pdfs"]
        derived["pdf_cores_used"] = pdfs["cpu_s"] / pdfs["wall_s"]
    alone = m.get("checklists_alone", {})
    if "wall_s" in alone:
        derived["checklists_seconds"] = alone["wall_s"]
        derived["checklists_cores_used"] = alone["cpu_s"] / alone["wall_s"]
    clean = pdfs if with_pdfs else no_pdfs
    if "wall_s" in unchanged and "wall_s" in clean:
        derived["unchanged_share_of_clean"] = unchanged["wall_s"] / clean["wall_s"]
    if "weasyprint_imported" in unchanged:
        derived["weasyprint_imported_unchanged"] = unchanged["weasyprint_imported"]
    peaks = [x["peak_rss_mb"] for x in m.values() if "peak_rss_mb" in x]
    derived["peak_rss_mb"] = max(peaks) if peaks else None
    mkdocs = size.get("mkdocs", {})
    if "wall_s" in mkdocs and mkdocs.get("pages"):
        derived["mkdocs_ms_per_page"] = mkdocs["wall_s"] * 1000 / mkdocs["pages"]
        if "ms_per_page" in derived:
            derived["ratio_per_page"] = derived["ms_per_page"] / derived["mkdocs_ms_per_page"]
            derived["mkdocs_speedup"] = derived["mkdocs_ms_per_page"] / derived["ms_per_page"]
    return derived


if __name__ == "__main__":
    sys.exit(main())
