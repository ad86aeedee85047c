"""Links to a place on a page are checked like links to a page: a missing '#anchor' is an error at its line."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from test_bad_input import line_of


def _append(path: Path, text: str) -> int:
    """Add a paragraph at the end of a page; the line it is on."""
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n{text}\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def test_links_to_missing_competences_and_headings_fail_at_their_lines(handbook: Path) -> None:
    about = handbook / "content" / "about.da.md"
    to_competence = _append(about, "Se også [NET-9](net.html#NET-9).")
    to_heading = _append(about, "Læs [kilden](#kilden) og [om siden](about.md#sådan-redigeres).")
    good = _append(about, "[NET-3](net.html#NET-3), [kilde](#kilde) og [Om](about.md#kilde) findes.")
    result = run_cli("check", "--root", str(handbook))
    assert result.returncode == 1
    errors = [l for l in result.stderr.splitlines() if ": error: " in l]
    assert (f"content/about.da.md:{to_competence}: error: the link 'net.html#NET-9' points to a place that is not "
            "on the page net.html: nothing there is called 'NET-9'. Did you mean 'NET-6'? Places on that page: "
            "NET-1, NET-2, NET-3, NET-4, NET-5, NET-6. Link to one of them, or to the page alone.") in errors
    assert any(l.startswith(f"content/about.da.md:{to_heading}: error: the link '#kilden' ") and "'kilde'" in l
               for l in errors), errors
    assert any(l.startswith(f"content/about.da.md:{to_heading}: error: the link 'about.md#sådan-redigeres' ")
               for l in errors), errors
    assert not any(f":{good}:" in l for l in errors), errors
    assert len(errors) == 3, errors


def test_deleting_a_competence_names_every_page_that_still_links_to_it(handbook: Path) -> None:
    profiles = handbook / "profiles.yaml"
    text = profiles.read_text(encoding="utf-8")
    start, end = text.index("      - code: NET-6\n"), text.index("  - code: PRT\n")
    profiles.write_text(text[:start] + text[end:], encoding="utf-8")
    linking = {"content/index.da.md": _append(handbook / "content" / "index.da.md", "Se [NET-6](net.html#NET-6)."),
               "content/recruitment.en.md": _append(handbook / "content" / "recruitment.en.md",
                                                    "See [NET-6](net.html#NET-6).")}
    result = run_cli("check", "--root", str(handbook))
    assert result.returncode == 1
    for page, line in linking.items():
        assert f"{page}:{line}: error: the link 'net.html#NET-6' points to a place that is not on the page" \
               in result.stderr, result.stderr


def test_a_link_written_in_a_yaml_text_is_named(handbook: Path) -> None:
    profiles = handbook / "profiles.yaml"
    line = line_of(profiles, "en: Good communication skills")
    profiles.write_text(profiles.read_text(encoding="utf-8").replace(
        "en: Good communication skills", "en: Good communication skills, see [NET-9](net.html#NET-9)"), encoding="utf-8")
    result = run_cli("check", "--root", str(handbook))
    assert f"profiles.yaml:{line}: warning: competence NET-1: 'title.en' holds the link '[NET-9](net.html#NET-9)'" \
           in result.stderr, result.stderr
