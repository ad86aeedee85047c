"""The speed targets the build is held to, judged from one benchmark's results.

Each target gives one verdict per size it applies to: "pass", "fail", or "n/a" with
the reason it could not be judged (the measurement was skipped or failed). Times
are the medians of wall time, as an editor waits for them.
"""

from __future__ import annotations

from typing import Any

HTML_MS_PER_PAGE = 1.5  # at 1,000 profiles
MKDOCS_SPEEDUP = 15  # at least this many times faster per page than MkDocs with Material, at 1,000 profiles
LINEAR_GROWTH = 1.3  # ms per page at 1,000 profiles within this factor of that at 30
REAL_PDFS_S = 3.0  # the real handbook's checklists from clean
REAL_UNCHANGED_S = 0.3
UNCHANGED_SHARE = 0.10  # of the clean build, at every size
REAL_ONE_CHANGE_S = 1.0
PEAK_MB = 500  # at 1,000 profiles

LARGE, MEDIUM, REAL = "1000", "30", "real"


def judge(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every target's verdict, in the order the README's issue lists them."""
    by_name = {size["size"]: size for size in sizes}
    verdicts: list[dict[str, Any]] = []

    def add(target: str, size: str, measured: float | str | None, limit: str, passed: bool | None, note: str = "",
            unit: str = "") -> None:
        result = "n/a" if passed is None else "pass" if passed else "fail"
        verdicts.append({"target": target, "size": size, "measured": measured, "unit": unit, "limit": limit,
                         "result": result, "note": note})

    large = by_name.get(LARGE)
    per_page = _derived(large, "ms_per_page")
    add("HTML ms per page", LARGE, per_page, f"<= {HTML_MS_PER_PAGE}",
        None if per_page is None else per_page <= HTML_MS_PER_PAGE, _why_missing(large, "clean_no_pdfs"), unit="ms")
    for size in sizes:
        ratio = _derived(size, "mkdocs_speedup")
        is_target = size["size"] == LARGE
        add("faster per page than MkDocs + Material", size["size"], ratio, f">= {MKDOCS_SPEEDUP}x" if is_target else "(info)",
            None if ratio is None or not is_target else ratio >= MKDOCS_SPEEDUP,
            _why_missing(size, "clean_no_pdfs") or ("" if is_target else "judged at 1,000 profiles only"), unit="x")
    medium = by_name.get(MEDIUM)
    medium_page = _derived(medium, "ms_per_page")
    growth = per_page / medium_page if per_page is not None and medium_page else None
    add("linear growth: ms/page at 1,000 over ms/page at 30", LARGE, growth, f"<= {LINEAR_GROWTH}",
        None if growth is None else growth <= LINEAR_GROWTH,
        _why_missing(large, "clean_no_pdfs") or _why_missing(medium, "clean_no_pdfs"), unit="x")

    real = by_name.get(REAL)
    alone = _derived(real, "checklists_seconds")
    if alone is not None:  # measured by themselves: bench/checklists_alone.py
        basis, cores = "the checklists alone, Python's start and reading the handbook included", \
            _derived(real, "checklists_cores_used")
        pdf_seconds = alone
    else:
        pdf_seconds, cores = _derived(real, "pdf_seconds"), _derived(real, "pdf_cores_used")
        basis = _derived(real, "pdf_seconds_basis")
    add("real handbook's checklists from clean, on both cores", REAL, pdf_seconds, f"< {REAL_PDFS_S} s",
        None if pdf_seconds is None else pdf_seconds < REAL_PDFS_S,
        f"{basis}; {cores:.2f} cores busy on average" if cores is not None
        else _why_missing(real, "clean_with_pdfs"), unit="s")
    unchanged = _wall(real, "rebuild_unchanged")
    add("nothing-changed rebuild, real handbook", REAL, unchanged, f"< {REAL_UNCHANGED_S} s",
        None if unchanged is None else unchanged < REAL_UNCHANGED_S, _why_missing(real, "rebuild_unchanged"), unit="s")
    for size in sizes:
        share = _derived(size, "unchanged_share_of_clean")
        add("nothing-changed rebuild as share of the clean build", size["size"], share, f"< {UNCHANGED_SHARE:.0%}",
            None if share is None else share < UNCHANGED_SHARE, _why_missing(size, "rebuild_unchanged"), unit="%")
    for size in sizes:
        imported = _derived(size, "weasyprint_imported_unchanged")
        add("no WeasyPrint import when no PDF is rendered", size["size"],
            None if imported is None else ("imported" if imported else "not imported"), "not imported",
            None if imported is None else not imported, _why_missing(size, "rebuild_unchanged"))
    for size in sizes:
        change = size["measurements"].get("rebuild_one_change", {})
        only_own = measured = None
        if "runs" in change:
            pages = change.get("pages_rendered")  # said by builds that render only what changed
            allowed_pdfs = change["own_checklists"] + change.get("whole_handbook_pdfs", 0)
            only_own = (not change["unexpected"] and change["pdfs_rendered"] <= allowed_pdfs
                        and (pages is None or pages <= change["own_pages"]))
            measured = (("" if pages is None else f"{pages} pages and ") + f"{change['pdfs_rendered']} PDFs rendered, "
                        f"{len(change['changed'])} files changed, {len(change['unexpected'])} outside "
                        f"{change['edited']}'s pages and checklists and the whole-handbook downloads")
        add("one competence changed: only its profile re-rendered", size["size"], measured,
            "its pages and checklists (and the whole-handbook PDFs)", only_own, _why_missing(size, "rebuild_one_change"))
    one_change = _wall(real, "rebuild_one_change")
    add("one competence changed, real handbook", REAL, one_change, f"< {REAL_ONE_CHANGE_S} s",
        None if one_change is None else one_change < REAL_ONE_CHANGE_S, _why_missing(real, "rebuild_one_change"), unit="s")
    preview = real["measurements"].get("preview_one_change", {}).get("visible_s") if real else None
    add("one competence changed in the live preview: save to the new text in the browser, real handbook", REAL, preview, "(info)", None,
        _why_missing(real, "preview_one_change") or "what an editor waits for; the PDFs follow", unit="s")
    peak = _derived(large, "peak_rss_mb")
    add("peak memory", LARGE, peak, f"< {PEAK_MB} MB", None if peak is None else peak < PEAK_MB,
        _why_missing(large, "clean_no_pdfs"), unit="MB")
    return verdicts


def _derived(size: dict[str, Any] | None, key: str) -> Any:
    return None if size is None else size["derived"].get(key)


def _wall(size: dict[str, Any] | None, measurement: str) -> float | None:
    found = None if size is None else size["measurements"].get(measurement, {})
    return found.get("wall_s") if found else None


def _why_missing(size: dict[str, Any] | None, measurement: str) -> str:
    """Why a measurement has no figures: the size was not run, or the measurement was skipped or failed."""
    if size is None:
        return "size not run"
    found = size["measurements"].get(measurement, {})
    return found.get("skipped") or found.get("failed") or ""
