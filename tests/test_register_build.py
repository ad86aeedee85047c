"""The partnership register built through the real command line: its pages in both languages, the
navigation, A–Z index and sitemap, its feeds and calendars read back by real parsers, its open data,
the page cache, --strict with the examples, and a handbook without partnerships.yaml left as it was."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
from conftest import PROJECT, copy_handbook, run_cli, tree_digest
from html_pages import parse
from rdflib import Graph, Namespace
from rdflib.namespace import RDF
from test_bad_input import replace_once

from handbook.data.exports import _FORMULA_STARTS
from handbook.register.feeds import _folded

DECEMBER_1 = {"SOURCE_DATE_EPOCH": "1796126400"}  # 2026-12-01 12:00 UTC: the build date of these tests
CODES = ("EKS-LAESELYST", "EKS-DIGITAL", "EKS-KULTURNAT")
SCHEMA = Namespace("https://schema.org/")


def with_register(target: Path) -> Path:
    root = copy_handbook(target)
    shutil.copy(PROJECT / "partnerships.yaml", root / "partnerships.yaml")
    return root


def build(root: Path, out: Path, *extra: str, env: dict[str, str] = DECEMBER_1) -> str:
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs", *extra, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook with the shipped partnerships.yaml, built as of 1 December 2026."""
    root = with_register(tmp_path_factory.mktemp("register") / "handbook")
    out = root / "output"
    build(root, out)
    return out


def text_of(path: Path) -> str:
    return " ".join(parse(path).text.split())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_register_overview_and_a_page_per_partnership_exist_in_both_languages(site: Path, lang: str) -> None:
    for name in ("partnerships", "partnerships-overview", *(f"partnership-{c.lower()}" for c in CODES)):
        page = parse(site / lang / f"{name}.html")
        other = "en" if lang == "da" else "da"
        assert page.all("link", rel="alternate", hreflang=other), name
        assert page.all("main"), name


def test_the_register_groups_by_status_in_a_sensible_order(site: Path) -> None:
    text = text_of(site / "da" / "partnerships.html")
    assert text.index("I gang (1)") < text.index("Læselyst i Nordbyen") < text.index("Planlagt (1)")
    assert text.index("Planlagt (1)") < text.index("Digital hjælp for seniorer") < text.index("Afsluttet (1)")
    assert text.index("Afsluttet (1)") < text.index("Kulturnat på havnen")
    assert "Status pr. 1. december 2026" in text
    assert "Evaluering inden for 90 dage" in text  # EKS-LAESELYST: review on 1 February 2027
    page = parse(site / "da" / "partnerships.html")
    assert len(page.all("table")) == 3 and all("data-sortable" in t.attrs for t in page.all("table"))
    assert page.all("script", src="../assets/register-sort.js")


def test_every_page_that_shows_an_example_marks_it(site: Path) -> None:
    for lang, mark in (("da", "Eksempel"), ("en", "Example")):
        for name in ("index", "prt", "partnerships", "partnerships-overview",
                     *(f"partnership-{c.lower()}" for c in CODES)):
            assert mark in text_of(site / lang / f"{name}.html"), f"{lang}/{name}.html"


def test_the_overview_counts_reviews_coordinators_goals_and_endings(site: Path) -> None:
    text = text_of(site / "en" / "partnerships-overview.html")
    assert "Overdue reviews (0)" in text and "Reviews in the next 90 days (1)" in text
    assert "Anna Eksempel 2 partnership(s)" in text
    assert "Jonas Eksempel" not in text.split("Partnership coordinators")[1].split("Partnerships per strategic goal")[0]
    assert "The library as a meeting place in the local area 2 partnership(s)" in text
    assert "Ended in the last year (1)" in text and "31 October 2026" in text


def test_the_front_page_celebrates_the_newest_and_the_coordinator_profile_lists_the_coordinators(site: Path) -> None:
    front = text_of(site / "en" / "index.html")
    assert "New partnerships" in front and "Nordby School and the library have entered a partnership" in front
    assert "Culture night" not in front  # ended: nothing to celebrate now
    profile = text_of(site / "da" / "prt.html")
    assert "Bibliotekets partnerskabsansvarlige" in profile and "Anna Eksempel 2 partnerskab(er)" in profile
    assert "Bibliotekets partnerskabsansvarlige" not in text_of(site / "da" / "net.html")


def test_navigation_a_to_z_and_sitemap_list_the_register(site: Path) -> None:
    nav = [a.attrs["href"] for a in parse(site / "en" / "about.html").all("a") if a.attrs.get("href", "").endswith(".html")]
    assert "partnerships.html" in nav and "partnerships-overview.html" in nav
    index = text_of(site / "da" / "a-z.html")
    assert "Læselyst i Nordbyen EKS-LAESELYST · partnerskab" in index
    assert "Culture night at the harbour EKS-KULTURNAT · partnership" in text_of(site / "en" / "a-z.html")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("da", "en"):
        assert f"{lang}/partnerships.html" in sitemap and f"{lang}/partnership-eks-digital.html" in sitemap


def test_the_atom_feed_is_valid_with_stable_ids(site: Path, tmp_path: Path) -> None:
    for lang in ("da", "en"):
        feed = feedparser.parse((site / lang / "partnerships.atom").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "atom10" and feed.feed.language == lang
        # Started partnerships, newest first: the planned one is announced when it starts.
        assert [e.link.rsplit("/", 1)[-1] for e in feed.entries] == ["partnership-eks-laeselyst.html",
                                                                      "partnership-eks-kulturnat.html"]
        assert feed.entries[0].title.startswith({"da": "Eksempel: ", "en": "Example: "}[lang])
        assert feed.entries[0].published == "2026-09-01T00:00:00Z"
        assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    # An entry keeps its id when its texts change, and a second build gives the same bytes.
    root = with_register(tmp_path / "handbook")
    replace_once(root / "partnerships.yaml", "Læselyst i Nordbyen", "Læselyst i hele Nordbyen")
    build(root, tmp_path / "out")
    again = feedparser.parse((tmp_path / "out" / "da" / "partnerships.atom").read_bytes())
    first = feedparser.parse((site / "da" / "partnerships.atom").read_bytes())
    assert [e.id for e in again.entries] == [e.id for e in first.entries]
    assert again.entries[0].title == "Eksempel: Læselyst i hele Nordbyen"
    build(root, tmp_path / "out2", "--clean")
    assert (tmp_path / "out2" / "da" / "partnerships.atom").read_bytes() == (tmp_path / "out" / "da" / "partnerships.atom").read_bytes()


def test_the_calendar_is_valid_icalendar_with_every_review_and_stable_uids(site: Path) -> None:
    for lang in ("da", "en"):
        data = (site / lang / "partnership-reviews.ics").read_bytes()
        assert all(len(line) <= 75 for line in data.split(b"\r\n")), "RFC 5545 folds lines after 75 octets"
        assert b"\n" not in data.replace(b"\r\n", b"")
        calendar = icalendar.Calendar.from_ical(data)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        events = calendar.walk("VEVENT")
        # Every review of the partnerships that have not ended.
        assert [(str(e["DTSTART"].dt), str(e["SUMMARY"])) for e in events] == [
            ("2027-02-01", {"da": "Eksempel: Evaluering: Læselyst i Nordbyen",
                            "en": "Example: Review: A love of reading in Nordbyen"}[lang]),
            ("2027-08-31", {"da": "Eksempel: Evaluering: Digital hjælp for seniorer",
                            "en": "Example: Review: Digital help for seniors"}[lang]),
        ]
        assert len({str(e["UID"]) for e in events}) == 2
        assert all(e["DTSTAMP"].dt.isoformat() == "2026-12-01T00:00:00+00:00" for e in events)
        assert "Anna Eksempel" in str(events[0]["DESCRIPTION"])


def test_the_register_as_csv_and_json_ld_reads_back(site: Path) -> None:
    raw = (site / "downloads" / "partnerships.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["code"] for row in rows] == list(CODES)
    first = rows[0]
    assert (first["name_da"], first["name_en"], first["status"], first["review"], first["coordinator"]) == (
        "Læselyst i Nordbyen", "A love of reading in Nordbyen", "active", "2027-02-01", "Anna Eksempel")
    assert first["partners"] == "Nordby Skole (fiktiv); Nordby Fritidsklub (fiktiv)" and first["example"] == "yes"
    assert "@" not in raw.decode("utf-8"), "the data files name the coordinator, not their contact"
    graph = Graph().parse(data=(site / "downloads" / "partnerships.jsonld").read_text(encoding="utf-8"), format="json-ld")
    projects = set(graph.subjects(RDF.type, SCHEMA.Project))
    assert len(projects) == 3
    names = {(str(o), o.language) for s in projects for o in graph.objects(s, SCHEMA.name)}
    assert ("Kulturnat på havnen", "da") in names and ("Culture night at the harbour", "en") in names


def test_a_csv_cell_that_a_spreadsheet_would_run_is_kept_as_text(tmp_path: Path) -> None:
    assert _FORMULA_STARTS[:4] == ("=", "+", "-", "@")
    root = with_register(tmp_path / "handbook")
    replace_once(root / "partnerships.yaml", "- Nordby Skole (fiktiv)", "- \"=HYPERLINK(\\\"http://x\\\")\"")
    replace_once(root / "partnerships.yaml", "da: Læselyst i Nordbyen", "da: \"@SUM(A1)\"")
    build(root, tmp_path / "out")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "downloads" / "partnerships.csv").read_text("utf-8-sig"))))
    assert rows[0]["name_da"] == "'@SUM(A1)"
    assert rows[0]["partners"].startswith("'=HYPERLINK")


def test_strict_fails_while_the_examples_are_there_and_one_edit_removes_them(tmp_path: Path) -> None:
    root = with_register(tmp_path / "handbook")
    result = run_cli("check", "--strict", "--root", str(root), env=DECEMBER_1)
    assert result.returncode == 1
    assert "partnerships.yaml:28: warning: holds 3 fictional example partnership(s)" in result.stderr
    text = (root / "partnerships.yaml").read_text(encoding="utf-8")
    (root / "partnerships.yaml").write_text(text[:text.index("\nexamples:")] + "\n", encoding="utf-8")  # the one edit
    out = tmp_path / "out"
    build(root, out, "--strict")
    assert "Eksempel" not in text_of(out / "da" / "partnerships.html")
    assert not list(out.glob("*/partnership-eks-*.html"))


def test_an_overdue_review_warns_naming_the_partnership_and_coordinator(tmp_path: Path) -> None:
    root = with_register(tmp_path / "handbook")
    result = run_cli("check", "--root", str(root), env={"SOURCE_DATE_EPOCH": "1801483200"})  # 2027-02-01 12:00 UTC
    assert result.returncode == 0, result.stderr
    assert "partnership EKS-LAESELYST (Læselyst i Nordbyen): its review was due on 2027-02-01" not in result.stderr
    result = run_cli("check", "--root", str(root), env={"SOURCE_DATE_EPOCH": "1801569600"})  # 2027-02-02
    assert ("partnerships.yaml:29: warning: partnership EKS-LAESELYST (Læselyst i Nordbyen): its review was due on "
            "2027-02-01 and is overdue; its partnership coordinator is Anna Eksempel.") in result.stderr


def test_an_error_in_partnerships_yaml_fails_the_build_and_leaves_the_output(site: Path, tmp_path: Path) -> None:
    root = with_register(tmp_path / "handbook")
    out = tmp_path / "out"
    build(root, out)
    before = tree_digest(out)
    starts = (root / "partnerships.yaml").read_text(encoding="utf-8").splitlines().index("  - code: EKS-KULTURNAT") + 1
    replace_once(root / "partnerships.yaml", "    coordinator:\n      name: Jonas Eksempel\n", "")
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs", env=DECEMBER_1)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"partnerships.yaml:{starts}: error: partnership EKS-KULTURNAT: 'coordinator' is missing." in result.stderr
    assert tree_digest(out) == before


def test_a_change_to_one_partnership_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    root = with_register(tmp_path / "handbook")
    out = tmp_path / "out"
    pages = re.search(r"(\d+) pages \(\1 rendered\)", build(root, out)).group(1)
    replace_once(root / "partnerships.yaml", "bogklubber i skoletiden", "bogklubber efter skoletid")  # a purpose
    assert f"{pages} pages (2 rendered)" in build(root, out)  # its own page in each language
    replace_once(root / "partnerships.yaml", "da: Digital hjælp for seniorer", "da: Digital hjælp til seniorer")  # a name
    # In both languages (they are keyed by the name in both) its page, the register, the overview and the
    # coordinator's profile page, which list it; the Danish A–Z index. Not the front page: it is not among the newest.
    assert f"{pages} pages (9 rendered)" in build(root, out)


def test_a_handbook_without_partnerships_yaml_is_built_exactly_as_without_the_register(tmp_path: Path) -> None:
    """The register's hooks in the shared templates add nothing when there is no partnerships.yaml:
    the same handbook built with templates from which the hooks and the register's folder are cut
    gives the same bytes."""
    root = copy_handbook(tmp_path / "handbook")
    assert not (root / "partnerships.yaml").exists()
    out = tmp_path / "out"
    build(root, out)
    cut = tmp_path / "cut"
    shutil.copytree(root / "content", cut / "content")
    shutil.copy(root / "profiles.yaml", cut / "profiles.yaml")
    shutil.copytree(PROJECT / "templates", cut / "templates")
    shutil.rmtree(cut / "templates" / "register")
    hooks = re.compile(r"\{% if register[^%]*%\}\n.*?\{% endif %\}\n", re.S)
    for name in ("index.html", "profile.html"):
        path = cut / "templates" / name
        cut_text, count = hooks.subn("", path.read_text(encoding="utf-8"))
        assert count == 2, name
        path.write_text(cut_text.replace("{% block head %}\n{% endblock %}\n", ""), encoding="utf-8")
    build(cut, tmp_path / "out-cut")
    assert tree_digest(out) == tree_digest(tmp_path / "out-cut")
    assert not [p for p in tree_digest(out) if "partnership" in p or "register" in p]


def test_a_new_build_date_builds_again_though_no_source_changed(tmp_path: Path) -> None:
    root = with_register(tmp_path / "handbook")
    out = tmp_path / "out"
    build(root, out)
    assert "Up to date" in build(root, out)
    later = {"SOURCE_DATE_EPOCH": "1801569600"}  # 2027-02-02: EKS-LAESELYST's review is now overdue
    assert "Up to date" not in build(root, out, env=later)
    assert "Evaluering overskredet" in text_of(out / "da" / "partnerships.html")
    assert "Up to date" in build(root, out, env=later)


@pytest.mark.parametrize("line", ["DESCRIPTION:" + "æ" * 100, "SUMMARY:" + "a" * 66 + "€" * 40, "X:" + "😀" * 50,
                                  "SHORT:kort", "EXACT:" + "b" * 69])
def test_calendar_lines_fold_after_75_octets_between_characters(line: str) -> None:
    folded = _folded(line).encode("utf-8")
    physical = folded.split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])  # a continuation starts with a space
    assert all(part.decode("utf-8") for part in physical)  # no character cut in two
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line
    assert (len(physical) == 1) == (len(line.encode("utf-8")) <= 75)  # folded only when it must be
