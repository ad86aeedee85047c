"""Every internal link and #anchor in the built site resolves, in both languages, and none leaves the site."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote

from conftest import copy_handbook, run_cli
from html_pages import parse

# Every attribute that holds an address the browser follows or loads.
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "div": "data-pagefind"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def links(page_path: Path) -> list[str]:
    page = parse(page_path)
    return [e.attrs[attr] for e in page.elements for tag, attr in LINKING.items() if e.tag == tag and attr in e.attrs]


def broken_links(site: Path, base_url: str | None = None) -> list[str]:
    """Every link in the site's pages that does not lead to a file, or to an id in it; and every absolute one."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for page_path in sorted(site.rglob("*.html")):
        shown = page_path.relative_to(site).as_posix()
        for url in links(page_path):
            if base_url and url.startswith(base_url):
                target_path, _, fragment = url.removeprefix(base_url).partition("#")
                target = site / target_path
            elif re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", url):
                broken.append(f"{shown}: {url} is not a relative link")
                continue
            else:
                target_path, _, fragment = url.partition("#")
                target = (page_path.parent / unquote(target_path)).resolve() if target_path else page_path
            if not target.is_file():
                broken.append(f"{shown}: {url}: no such file")
            elif fragment:
                if target not in ids:
                    ids[target] = parse(target).ids()
                if unquote(fragment) not in ids[target]:
                    broken.append(f"{shown}: {url}: no id '{fragment}' in {target.name}")
    return broken


def test_every_link_and_anchor_resolves_in_both_languages(built_site: Path) -> None:
    counted = {lang: sum(len(links(p)) for p in (built_site / lang).glob("*.html")) for lang in ("da", "en")}
    assert counted["da"] > 200 and counted["en"] > 200, counted
    assert broken_links(built_site) == []


def test_anchor_links_are_checked_too(built_site: Path, tmp_path: Path) -> None:
    """The check itself: a page with a missing anchor and a missing file is reported."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "da" / "about.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<a href="net.html#NET-99">x</a><a href="nowhere.html">y</a></main>'), encoding="utf-8")
    assert broken_links(site) == ["da/about.html: net.html#NET-99: no id 'NET-99' in net.html",
                                  "da/about.html: nowhere.html: no such file"]


def test_sitemap_lists_every_listed_page_with_its_language_versions(built_site: Path) -> None:
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    urls = root.findall(f"{SITEMAP}url")
    locations = [u.findtext(f"{SITEMAP}loc") for u in urls]
    expected = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("*/*.html")
                      if p.stem not in ("search", "404"))
    assert sorted(locations) == expected
    for url in urls:
        page = (built_site / url.findtext(f"{SITEMAP}loc")).read_text(encoding="utf-8")
        assert f'<time datetime="{url.findtext(f"{SITEMAP}lastmod")}">' in page, "the date the page's footer shows"
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{XHTML}link")}
        assert set(alternates) == {"da", "en"}
        assert all((built_site / href).is_file() for href in alternates.values())


def test_base_url_makes_sitemap_and_404_links_absolute(tmp_path: Path) -> None:
    handbook = copy_handbook(tmp_path / "handbook")
    profiles = handbook / "profiles.yaml"
    profiles.write_text(profiles.read_text(encoding="utf-8").replace(
        'version: "2026.1"\n', 'version: "2026.1"\nbase_url: https://intranet.example.dk/handbook\n'), encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("--root", str(handbook), "--out", str(site))
    assert result.returncode == 0, result.stderr
    base = "https://intranet.example.dk/handbook/"
    locations = [e.text for e in ElementTree.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert locations and all(loc.startswith(base) for loc in locations)
    assert f"{base}da/net.html" in locations
    not_found = links(site / "da" / "404.html")
    assert f"{base}assets/handbook.css" in not_found and f"{base}da/index.html" in not_found
    assert "#content" in not_found  # the skip link stays on the page
    # Other pages link relatively, but for their canonical address and language versions (for search engines).
    head_links = {link.attrs["href"] for link in parse(site / "da" / "net.html").all("link")
                  if link.attrs.get("rel") in ("canonical", "alternate")}
    assert head_links and all(url.startswith(base) for url in head_links)
    assert not any(url.startswith("https:") for url in links(site / "da" / "net.html") if url not in head_links)
    assert broken_links(site, base_url=base) == []
