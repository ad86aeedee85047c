"""Counts that follow the content: '{profile_count}' becomes the number of profiles, a stale number is warned about."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

NEW_PROFILE = """\
  - code: EVT
    name:
      da: Eventkoordinatoren
      en: Event coordinator
    summary:
      da: Eventkoordinatoren planlægger arrangementer.
      en: The event coordinator plans events.
    lead:
      da: "Eventkoordinatoren bør have kompetencer som:"
      en: "The event coordinator should have competences such as:"
    competences:
      - code: EVT-1
        title:
          da: Planlægning
          en: Planning
        description:
          da: Planlægger arrangementer sammen med partnerne.
          en: Plans events together with the partners.
"""


def add_profile(root: Path) -> None:
    path = root / "profiles.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nrecruitment:\n", "\n" + NEW_PROFILE + "recruitment:\n", 1),
                    encoding="utf-8")


def test_a_fourth_profile_makes_the_front_page_say_four(handbook: Path, tmp_path: Path) -> None:
    add_profile(handbook)
    out = tmp_path / "out"
    result = run_cli("--no-pdfs", "--root", str(handbook), "--out", str(out))
    assert result.returncode == 0, result.stderr
    danish = (out / "da" / "index.html").read_text(encoding="utf-8")
    english = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert "De fire kompetenceprofiler" in danish and "delt i fire kategorier, som har fire forskellige" in danish
    assert "The four competence profiles" in english and "divided into four categories" in english
    assert "{profile_count}" not in danish + english
    assert "profile_count" not in result.stderr  # the shipped texts use the placeholder: no stale-count warning


def test_a_number_that_no_longer_holds_is_warned_about_at_its_line(handbook: Path) -> None:
    add_profile(handbook)
    ui = handbook / "content" / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8").replace("De {profile_count} kompetenceprofiler", "De tre kompetenceprofiler"),
                  encoding="utf-8")
    page = handbook / "content" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("divided into {profile_count} categories",
                                                             "divided into three categories"), encoding="utf-8")
    heading_line = ui.read_text(encoding="utf-8").splitlines().index("profiles_heading:") + 1
    page_line = next(n for n, l in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "three categories" in l)
    result = run_cli("check", "--root", str(handbook))
    assert (f"content/ui.yaml:{heading_line}: warning: says 'tre kompetenceprofiler', but the handbook has 4 profiles. "
            "Write {profile_count} instead of 'tre'") in result.stderr, result.stderr
    assert f"content/index.en.md:{page_line}: warning: says 'three categories', but the handbook has 4 profiles." \
           in result.stderr
    # 'to which profile' is English, not the Danish 'to' (two): numbers are read in the text's own language.
    assert "'to which profile'" not in result.stderr
