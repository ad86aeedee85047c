"""One timed run of a command: wall time, CPU time and peak memory, measured from outside.

Each run goes through a fresh wrapper process that starts the command, waits for it
and reads `getrusage(RUSAGE_CHILDREN)`: the CPU time of the whole process tree
(the build, its PDF workers, Pagefind) and `ru_maxrss`, the peak resident memory
of the largest single process in that tree. A fresh wrapper per run keeps one
run's peak from hiding the next one's. Wall time starts before the command's
interpreter does, so it is what an editor waits for.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

_WRAPPER = """
import json, resource, subprocess, sys, time
command, cwd, env = json.loads(sys.argv[1])
started = time.perf_counter()
done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr, "wall_s": wall,
           "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}, sys.stdout)
"""

# The build's summary line: "Built output/: 23 pages, 18 PDFs (2 rendered), 70 files, 0 warning(s) in 0.25 s."
# A page count with "(N rendered)" is read too, for builds that say how many pages they rendered.
_SUMMARY = re.compile(
    r"(?P<pages>\d+) pages(?: \((?P<pages_rendered>\d+) rendered\))?, (?P<pdfs>\d+) PDFs \((?P<pdfs_rendered>\d+) rendered\), "
    r"(?P<files>\d+) files, .* in (?P<cli_s>[\d.]+) s\.")
_UP_TO_DATE = "Up to date:"


@dataclass(frozen=True)
class Run:
    """One run of a command, as measured by the wrapper."""

    returncode: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def summary(self) -> dict[str, float | int | bool | None]:
        """The counts and time the build's own summary line gives; empty when it printed none.

        A build with nothing to do says "Up to date: … (the last build's counts)": it rendered nothing.
        """
        match = _SUMMARY.search(self.stdout)
        if not match:
            return {}
        found: dict[str, float | int | bool | None] = {
            key: (float(value) if key == "cli_s" else int(value)) if value is not None else None
            for key, value in match.groupdict().items()}
        if _UP_TO_DATE in self.stdout:
            found.update(pages_rendered=0, pdfs_rendered=0, up_to_date=True)
        return found

    def failure(self) -> str:
        """Why the command failed, in its own last lines (each cut short: a message may list every page)."""
        lines = (self.stderr.strip() or self.stdout.strip()).splitlines()
        return f"exit {self.returncode}: " + " / ".join(line if len(line) <= 200 else line[:199] + "…" for line in lines[-3:])

    def record(self) -> dict:
        """The run for results.json: the figures and the summary line's counts, without the full output."""
        figures = {key: value for key, value in asdict(self).items() if key not in ("stdout", "stderr")}
        return {**figures, **self.summary()}


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run `command` once in a fresh wrapper process and measure it."""
    wrapper = subprocess.run(
        [sys.executable, "-c", _WRAPPER, json.dumps([command, str(cwd), env])],
        capture_output=True, text=True, check=True,
    )
    return Run(**json.loads(wrapper.stdout))


def medians(runs: list[Run]) -> dict:
    """The medians of a measurement's runs; memory is the largest peak seen."""
    return {
        "runs": len(runs),
        "wall_s": statistics.median(r.wall_s for r in runs),
        "cpu_s": statistics.median(r.cpu_s for r in runs),
        "peak_rss_mb": max(r.peak_rss_mb for r in runs),
    }


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the SHA-256 of its bytes, to see what a rebuild changed."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Files added, removed or changed between two digests."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
