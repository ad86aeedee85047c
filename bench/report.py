"""What a benchmark reports: the machine it ran on, and its results as Markdown tables.

The tables are the ones printed at the end of a run and pasted into RESULTS.md:
one row per size with the medians, then one row per target with its verdict.
"""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

PACKAGES = ("Jinja2", "Markdown", "PyYAML", "yaml-rs", "nh3", "weasyprint", "pagefind", "mkdocs", "mkdocs-material",
            "mkdocs-static-i18n")


def machine_facts(project: Path) -> dict[str, Any]:
    """CPU, cores, memory, Python and package versions, load, and the commit measured."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(_meminfo_kb("MemTotal") / 1024 / 1024, 1) if _meminfo_kb("MemTotal") else None,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "load_average": os.getloadavg(),
        "commit": _commit(project),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _meminfo_kb(key: str) -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _commit(project: Path) -> str | None:
    done = subprocess.run(["git", "-C", str(project), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def machine_text(machine: dict[str, Any]) -> str:
    packages = ", ".join(f"{name} {v}" for name, v in machine["packages"].items() if v)
    load = ", ".join(f"{value:.2f}" for value in machine["load_average"])
    return (f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB; {machine['system']}; "
            f"Python {machine['python']}; load average at the start {load}; commit {machine['commit']}.\n"
            f"Packages: {packages}.")


SIZE_COLUMNS = (
    "size", "HTML pages", "PDFs", "check s", "clean, no PDFs s", "ms/page", "clean + PDFs s", "ms/PDF", "checklists alone s",
    "unchanged s", "% of clean", "one change s", "PDFs re-rendered", "files changed", "preview: visible s",
    "preview: built s", "peak MB",
    "MkDocs s", "MkDocs pages", "MkDocs ms/page", "ours/theirs per page",
)


def sizes_table(sizes: list[dict[str, Any]]) -> str:
    """One row per size: medians of wall time, per-page and per-PDF figures, memory, MkDocs."""
    rows = [_size_row(size) for size in sizes]
    return _table(SIZE_COLUMNS, rows)


def _size_row(size: dict[str, Any]) -> list[str]:
    m, d = size["measurements"], size["derived"]
    change, preview = m.get("rebuild_one_change", {}), m.get("preview_one_change", {})
    return [
        size["label"],
        _number(d.get("pages"), "{:,.0f}"),
        _number(d.get("pdfs"), "{:,.0f}"),
        _seconds(m.get("check")),
        _seconds(m.get("clean_no_pdfs")),
        _number(d.get("ms_per_page"), "{:.2f}"),
        _seconds(m.get("clean_with_pdfs")),
        _number(d.get("ms_per_pdf"), "{:.0f}"),
        _seconds(m.get("checklists_alone")),
        _seconds(m.get("rebuild_unchanged")),
        _number(None if d.get("unchanged_share_of_clean") is None else d["unchanged_share_of_clean"] * 100, "{:.1f} %"),
        _seconds(change),
        _number(change.get("pdfs_rendered"), "{:.0f}"),
        _number(len(change["changed"]) if "changed" in change else None, "{:.0f}"),
        _number(preview.get("visible_s", preview.get("reload_s")), "{:.2f}"),
        _number(preview.get("done_s"), "{:.2f}"),
        _number(d.get("peak_rss_mb"), "{:.0f}"),
        _seconds(size.get("mkdocs")),
        _number(size.get("mkdocs", {}).get("pages"), "{:,.0f}"),
        _number(d.get("mkdocs_ms_per_page"), "{:.2f}"),
        _number(d.get("ratio_per_page"), "{:.3f}"),
    ]


def targets_table(verdicts: list[dict[str, Any]]) -> str:
    rows = []
    for v in verdicts:
        measured = v["measured"]
        shown = _with_unit(measured, v["unit"]) if isinstance(measured, float) else "–" if measured is None else str(measured)
        rows.append([v["target"], v["size"], shown, v["limit"], v["result"].upper() if v["result"] != "n/a" else "n/a",
                     v["note"].replace("|", "/")])
    return _table(("target", "size", "measured", "limit", "result", "note"), rows)


def _with_unit(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value * 100:.1f} %"
    forms = {"s": "{:.2f} s", "ms": "{:.2f} ms", "x": "{:.2f}x", "MB": "{:.0f} MB"}
    return forms.get(unit, "{:.3g}").format(value)


def _seconds(measurement: dict[str, Any] | None) -> str:
    if not measurement:
        return "–"
    if "wall_s" in measurement:
        return f"{measurement['wall_s']:.2f}"
    return "failed" if "failed" in measurement else "n/a"


def _number(value: float | int | None, form: str) -> str:
    return "–" if value is None else form.format(value)


def _table(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
