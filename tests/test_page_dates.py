"""Each page's "last updated" date and its search-engine metadata: from the sources' history, absolute with base_url."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import copy_handbook, run_cli
from html_pages import parse
from test_bad_input import replace_once

GIT_ENV = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.dk", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.dk"}


def commit_all(repo: Path, when: str) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", "edit"], check=True, env=env)


def footer_date(out: Path, path: str) -> str:
    match = re.search(r'<time datetime="([0-9-]+)">', (out / path).read_text(encoding="utf-8"))
    assert match, f"{path} shows no date"
    return match.group(1)


def sitemap_dates(out: Path) -> dict[str, str]:
    text = (out / "sitemap.xml").read_text(encoding="utf-8")
    return dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", text))


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A handbook in git: everything committed on 1 March, then NET-3's description on 15 June, the about page on 2 May."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = copy_handbook(tmp_path / "hb")
    (root / ".gitignore").write_text(".handbook-cache/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit_all(root, "2026-03-01T12:00:00+00:00")
    replace_once(root / "content" / "about.da.md", "\n", "\n\n")
    commit_all(root, "2026-05-02T12:00:00+00:00")
    edit_net3_description(root / "profiles.yaml", " Ændret.")
    commit_all(root, "2026-06-15T12:00:00+00:00")
    return root


def edit_net3_description(path: Path, added: str) -> None:
    """Add `added` to the end of NET-3's Danish description, whatever it says."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("      - code: NET-3")
    description = next(i for i in range(start, len(lines)) if lines[i].strip() == "description:")
    lines[description + 1] += added
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_page_is_as_new_as_the_last_change_to_what_it_shows(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--root", str(history), "--out", str(out), "--no-pdfs")
    assert result.returncode == 0, result.stderr
    assert footer_date(out, "da/net.html") == footer_date(out, "en/net.html") == "2026-06-15"  # NET-3 changed
    assert footer_date(out, "da/prt.html") == footer_date(out, "en/all.html") == "2026-03-01"  # their lines did not
    assert footer_date(out, "en/about.html") == "2026-05-02"
    assert footer_date(out, "da/overview.html") == "2026-06-15"  # it shows every profile
    assert "15. juni 2026" in (out / "da" / "net.html").read_text(encoding="utf-8")
    dates = sitemap_dates(out)
    assert dates["da/net.html"] == "2026-06-15" and dates["da/prt.html"] == "2026-03-01" and dates["en/about.html"] == "2026-05-02"


def test_an_uncommitted_edit_leaves_the_dates_alone_and_two_builds_agree(history: Path, tmp_path: Path) -> None:
    edit_net3_description(history / "profiles.yaml", " Igen.")
    first, second = tmp_path / "one", tmp_path / "two"
    assert run_cli("--root", str(history), "--out", str(first), "--no-pdfs").returncode == 0
    assert run_cli("--root", str(history), "--out", str(second), "--no-pdfs", "--clean").returncode == 0
    assert footer_date(first, "da/net.html") == "2026-06-15"
    assert (first / "da" / "net.html").read_bytes() == (second / "da" / "net.html").read_bytes()
    assert (first / "sitemap.xml").read_bytes() == (second / "sitemap.xml").read_bytes()


def test_source_date_epoch_dates_every_page(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--root", str(history), "--out", str(out), "--no-pdfs", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    assert set(sitemap_dates(out).values()) == {"2026-01-01"}


def test_outside_git_every_page_has_the_date_in_profiles_yaml(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "hb")
    out = tmp_path / "out"
    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert set(sitemap_dates(out).values()) == {"2026-11-25"}
    assert footer_date(out, "en/net.html") == "2026-11-25"


def test_with_base_url_alternates_and_canonical_links_are_absolute_and_every_page_describes_itself(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "hb")
    replace_once(root / "profiles.yaml", "date: 2026-11-25\n", "date: 2026-11-25\nbase_url: https://intranet.example.dk/handbook/\n")
    out = tmp_path / "out"
    assert run_cli("--root", str(root), "--out", str(out), "--no-pdfs").returncode == 0
    descriptions = {}
    for path in sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")):
        page = parse(out / path)
        links = [link.attrs for link in page.all("link")]
        alternates = [link["href"] for link in links if link.get("rel") == "alternate"]
        assert alternates and all(href.startswith("https://intranet.example.dk/handbook/") for href in alternates), path
        canonical = [link["href"] for link in links if link.get("rel") == "canonical"]
        assert canonical == [f"https://intranet.example.dk/handbook/{path}"], path
        meta = [m.attrs["content"] for m in page.all("meta") if m.attrs.get("name") == "description"]
        assert len(meta) == 1 and 20 <= len(meta[0]) <= 160, (path, meta)
        descriptions[path] = meta[0]
    assert descriptions["da/net.html"].startswith("Den netværksansvarlige har det tværgående overblik")
    assert descriptions["en/about.html"] != descriptions["en/index.html"]
    assert len(set(descriptions.values())) >= len(descriptions) - 2  # the two languages' 404 and search pages aside


def test_without_base_url_no_canonical_link_is_guessed(built_site: Path) -> None:
    page = parse(built_site / "da" / "net.html")
    assert not [link for link in page.all("link") if link.attrs.get("rel") == "canonical"]
    alternates = [link.attrs["href"] for link in page.all("link") if link.attrs.get("rel") == "alternate"]
    assert alternates == ["net.html", "../en/net.html", "../index.html"]
