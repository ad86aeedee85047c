"""The pages the build makes itself: competence overview, A–Z index, search, 404; and what every page shares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from html_pages import parse, visible_text
from test_bad_input import replace_once

from handbook.site.a_to_z import sort_key

LANGUAGES = ("da", "en")
CODES = {"net": [f"NET-{n}" for n in range(1, 7)], "prt": ["PRT-1", "PRT-2", "PRT-3"], "all": [f"ALL-{n}" for n in range(1, 5)]}
PROFILE_OF = {code: profile for profile, codes in CODES.items() for code in codes}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_is_a_matrix_of_profiles_and_competences(built_site: Path, lang: str) -> None:
    page = parse(built_site / lang / "overview.html")
    assert [e.attrs["scope"] for e in page.all("th") if e.attrs.get("scope") == "col"] == ["col"] * 4
    header_links = [a.attrs["href"] for a in page.all("a") if a.attrs.get("href") in ("net.html", "prt.html", "all.html")]
    assert header_links[-3:] == ["net.html", "prt.html", "all.html"]
    cells = [a.attrs["href"] for a in page.all("a", **{"class": "code"})]
    in_order = [f"{PROFILE_OF[code]}.html#{code}" for codes in CODES.values() for code in codes]
    assert cells == in_order * 2, "the matrix, then the same as a list per profile for narrow screens"
    assert len(page.all("th", scope="row")) == 13
    assert len(page.all("td")) == 13 * 3
    text = visible_text(built_site / lang / "overview.html")
    assert all(code in text for code in PROFILE_OF)


def test_a_to_z_sorts_in_each_languages_alphabet() -> None:
    danish = sorted(["Øje", "Zebra", "Åben", "Ært", "Anden"], key=lambda word: sort_key(word, "da"))
    assert danish == ["Anden", "Zebra", "Ært", "Øje", "Åben"]
    english = sorted(["Øje", "Zebra", "Élan", "Open"], key=lambda word: sort_key(word, "en"))
    assert english == ["Élan", "Øje", "Open", "Zebra"]
    assert sort_key("Den ny", "da") < sort_key("Dennis", "da")
    # English spells æ out (Ærø as "aero", not "aro"); a superscript digit counts as the digit.
    assert sorted(["Aft", "Aesop", "Ærø"], key=lambda word: sort_key(word, "en")) == ["Ærø", "Aesop", "Aft"]
    assert sort_key("CO² i biblioteket", "da") == sort_key("CO2 i biblioteket", "da")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_to_z_lists_every_competence_and_page_in_order(built_site: Path, lang: str) -> None:
    page = parse(built_site / lang / "a-z.html")
    targets = [a.attrs["href"] for a in page.all("a") if "#" in a.attrs.get("href", "") and not a.attrs["href"].startswith("#")]
    codes = sorted(target.partition("#")[2] for target in targets)
    assert codes == sorted([*PROFILE_OF, "REC-1", "REC-2", "REC-3"])
    hrefs = {a.attrs["href"] for a in page.all("a")}
    assert {"index.html", "net.html", "prt.html", "all.html", "overview.html", "recruitment.html", "about.html"} <= hrefs
    letters = [a.attrs["href"].removeprefix("#letter-") for a in page.all("a") if a.attrs.get("href", "").startswith("#letter-")]
    assert letters == sorted(letters, key=lambda letter: sort_key(letter, lang)) and len(letters) >= 8
    if lang == "da":
        assert letters[-2:] == ["ø", "å"]  # 'Øje for det store …', then 'Åbenhed om partnerskaber' (ALL-1's index:)
    text = visible_text(built_site / lang / "a-z.html")
    assert "NET-3 · " in text


def test_every_page_has_one_h1_and_headings_in_order(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        levels = [int(e.tag[1]) for e in parse(path).elements if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1 and levels[0] == 1, path
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"{path}: {levels}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_landmarks_and_a_way_to_search(built_site: Path, lang: str) -> None:
    for path in sorted((built_site / lang).glob("*.html")):
        page = parse(path)
        assert page.all("header") and page.all("main", id="content") and page.all("footer"), path
        assert {e.attrs.get("aria-label") for e in page.all("nav")} >= {"Hovedmenu" if lang == "da" else "Main menu"}
        if path.stem == "search":
            assert page.all("div", id="search") and page.all("a", href="a-z.html")
        else:
            assert page.all("form", role="search", action="search.html"), path
            assert page.all("a", **{"class": "site-search-offline", "href": "a-z.html"}), path


def test_only_content_pages_are_indexed_for_search(built_site: Path) -> None:
    for path in sorted(built_site.glob("*/*.html")):
        indexed = bool(parse(path).all("main", **{"data-pagefind-body": ""}))
        assert indexed == (path.stem not in ("overview", "a-z", "search", "404")), path
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Front page, three profiles, recruitment, about, checklists, downloads; three self-assessments and the team
    # page; the partnership register, its overview and the three example partnerships.
    assert {lang: entry["languages"][lang]["page_count"] for lang in LANGUAGES} == {"da": 17, "en": 17}
    assert (built_site / "pagefind" / "pagefind-ui.js").is_file() and (built_site / "pagefind" / "wasm.da.pagefind").is_file()
    assert not (built_site / "pagefind" / "pagefind-component-ui.js").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_is_not_listed_and_leads_on(built_site: Path, lang: str) -> None:
    page = parse(built_site / lang / "404.html")
    assert page.all("meta", name="robots", content="noindex")
    assert {"index.html", "overview.html", "a-z.html", "search.html"} <= {a.attrs["href"] for a in page.all("a")}
    assert ("Siden findes ikke" if lang == "da" else "Page not found") in visible_text(built_site / lang / "404.html")


def test_a_content_page_may_not_take_a_generated_pages_name(handbook: Path, tmp_path: Path) -> None:
    (handbook / "content" / "overview.da.md").write_text("# Overblik\n", encoding="utf-8")
    (handbook / "content" / "overview.en.md").write_text("# Overview\n", encoding="utf-8")
    result = run_cli("--root", str(handbook), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert ("content/overview.da.md: error: has the same name as the page of the built-in competence overview. "
            "Rename the file.") in result.stderr


def test_a_base_url_that_is_no_web_address_is_reported(handbook: Path, tmp_path: Path) -> None:
    line = replace_once(handbook / "profiles.yaml", "date: 2026-11-25\n", "date: 2026-11-25\nbase_url: intranet/handbook\n") + 1
    result = run_cli("--root", str(handbook), "--out", str(tmp_path / "site"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"profiles.yaml:{line}: error: 'base_url' is 'intranet/handbook', which is not a web address. Write a web "
            "address starting with https://, such as https://intranet.example.dk/handbook/.") in result.stderr


@pytest.mark.parametrize(("lang", "label", "code", "letter"), [
    ("da", "Kendskab til bibliotekets ressourcer", "NET-6", "k"),  # 'Have et godt kendskab …'
    ("da", "Kommunikere med mange forskellige mennesker og på tværs af fagligheder", "PRT-2", "k"),  # 'Kunne …'
    ("da", "Åbenhed om partnerskaber i biblioteket", "ALL-1", "å"),  # its index: text
    ("da", "Ledelsesansvar eller ledelsesopbakning", "NET-4", "l"),  # 'Have …'
    ("en", "Communicate with many different people and across disciplines", "PRT-2", "c"),  # 'Be able to …'
    ("en", "Knowledge of the library's resources", "NET-6", "k"),  # 'A good …'
])
def test_a_to_z_lists_a_competence_under_its_significant_word(built_site: Path, lang: str, label: str, code: str,
                                                              letter: str) -> None:
    html = (built_site / lang / "a-z.html").read_text(encoding="utf-8")
    group = html.split(f'id="letter-{letter}"', 1)[1].split("</section>", 1)[0]
    assert f"#{code}\">{label}</a>" in group.replace("&#39;", "'")


def test_a_to_z_keeps_a_title_that_is_all_leading_words() -> None:
    from handbook.site.a_to_z import significant_part
    assert significant_part("At", "da") == "At"
    assert significant_part("Være i stand til at dele viden", "da") == "Dele viden"
    assert significant_part("Øje for det store perspektiv", "da") == "Øje for det store perspektiv"
