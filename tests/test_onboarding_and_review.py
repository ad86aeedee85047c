"""What the onboarding plans and development reviews print, read back from the PDFs WeasyPrint made.

The expected texts are written out here, not computed by the build's own code: a due point 'day 60'
must read "senest dag 60" in Danish and "by day 60" in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT
from pypdf import PdfReader

PROFILES = yaml.safe_load((PROJECT / "profiles.yaml").read_text(encoding="utf-8"))
TEXTS = yaml.safe_load((PROJECT / "content" / "checklists.yaml").read_text(encoding="utf-8"))
CODES = [profile["code"] for profile in PROFILES["profiles"]]
PLANS = [(lang, code) for lang in ("da", "en") for code in CODES]
PHASES = ("before-start", "first-day", "first-week", "first-month", "first-three-months")
LATEST_PROBATION_REVIEW = 75  # with 14 days' notice and a hearing first, day 90 is too late


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(site: Path, lang: str, code: str, kind: str) -> str:
    reader = PdfReader(site / lang / "checklists" / f"{code.lower()}-{kind}.pdf")
    return flat(" ".join(page.extract_text() for page in reader.pages))


def due_day(due: str) -> int:
    unit, number = due.split()
    return int(number) * (7 if unit == "week" else 1)


def printed_due(due: str, lang: str) -> str:
    unit, number = due.split()
    n = int(number)
    if unit == "day":
        if n == 1:
            return {"da": "dag 1", "en": "day 1"}[lang]
        if n == -1:
            return {"da": "dagen før start", "en": "the day before the start"}[lang]
        if n < 0:
            return {"da": f"{-n} dage før start", "en": f"{-n} days before the start"}[lang]
        return {"da": f"senest dag {n}", "en": f"by day {n}"}[lang]
    if n == -1:
        return {"da": "en uge før start", "en": "a week before the start"}[lang]
    if n < 0:
        return {"da": f"{-n} uger før start", "en": f"{-n} weeks before the start"}[lang]
    return {"da": f"i uge {n}", "en": f"in week {n}"}[lang]


def phase_of(due: str) -> str:
    day = due_day(due)
    return next(phase for phase, end in zip(PHASES, (-1, 1, 7, 30, 91)) if day <= end)


def tasks_of(code: str) -> list[dict]:
    profiles = {p["code"]: p for p in PROFILES["profiles"]}
    competences = profiles[code]["competences"] + (profiles["ALL"]["competences"] if code != "ALL" else [])
    return PROFILES["onboarding"] + [task for c in competences for task in c.get("onboarding", [])]


def general_task(words: str) -> dict:
    return next(task for task in PROFILES["onboarding"] if words in task["task"]["da"])


@pytest.fixture(scope="module")
def plans(built_site: Path) -> dict[tuple[str, str], str]:
    return {(lang, code): pdf_text(built_site, lang, code, "onboarding-plan") for lang, code in PLANS}


@pytest.fixture(scope="module")
def reviews(built_site: Path) -> dict[tuple[str, str], str]:
    return {(lang, code): pdf_text(built_site, lang, code, "development-review") for lang, code in PLANS}


@pytest.mark.parametrize("lang,code", PLANS)
def test_every_task_prints_its_owner_and_due_point_under_its_phase(plans, lang: str, code: str) -> None:
    text = plans[(lang, code)]
    headings = [text.index(TEXTS[phase][lang], text.index(TEXTS["onboarding_intro"][lang])) for phase in PHASES]
    tasks = tasks_of(code)
    assert len(tasks) > len(PROFILES["onboarding"]) >= 13
    for task in tasks:
        owner = TEXTS[f"owner_{task['owner']}"][lang]
        row = f"{flat(task['task'][lang])} {owner} {printed_due(task['due'], lang)}"
        assert row in text, row
        phase = PHASES.index(phase_of(task["due"]))
        end = headings[phase + 1] if phase + 1 < len(headings) else len(text)
        assert headings[phase] < text.index(row) < end, f"{task['due']} is not under {PHASES[phase]}"


@pytest.mark.parametrize("lang,code", PLANS)
def test_tasks_in_a_phase_come_in_order_of_their_due_day(plans, lang: str, code: str) -> None:
    text = plans[(lang, code)]
    tasks = tasks_of(code)
    for phase in PHASES:
        in_phase = sorted((text.index(flat(t["task"][lang])), due_day(t["due"])) for t in tasks if phase_of(t["due"]) == phase)
        days = [day for _, day in in_phase]
        assert days == sorted(days), phase


def test_the_probation_review_is_due_in_time_to_hear_and_give_notice() -> None:
    review = general_task("Hold prøvetidssamtalen")
    assert due_day(review["due"]) <= LATEST_PROBATION_REVIEW
    assert review["owner"] == "manager"
    noted = general_task("prøvetidens udløbsdato")
    assert due_day(noted["due"]) < 1, "the end date is noted before the first day"


@pytest.mark.parametrize("lang,code", PLANS)
def test_the_probation_period_in_every_plan(plans, lang: str, code: str) -> None:
    text = plans[(lang, code)]
    review = general_task("Hold prøvetidssamtalen")
    printed = printed_due(review["due"], lang)
    assert f"{flat(review['task'][lang])} {TEXTS['owner_manager'][lang]} {printed}" in text
    assert int(re.search(r"\d+", printed)[0]) <= LATEST_PROBATION_REVIEW
    expected = {"da": ("partshøres", "14 dages varsel", "funktionærloven § 2, stk. 5 og 7", "Notér prøvetidens udløbsdato"),
                "en": ("must first be heard", "14 days' notice", "section 2(5) and (7)", "end date of the probationary period")}[lang]
    for words in expected:
        assert words in text, words
    assert TEXTS["probation_end"][lang].upper() in text  # the header field, labelled in capitals
    assert "trial period" not in text.lower() and "senest dag 90" not in text and "by day 90" not in text


@pytest.mark.parametrize("lang,code", PLANS)
def test_the_legal_tasks_in_every_plan(plans, lang: str, code: str) -> None:
    text = plans[(lang, code)]
    expected = {
        "da": ("som led i arbejdet skal have direkte kontakt med børn under 15 år eller færdes fast blandt dem",
               "tavshedspligten (forvaltningsloven § 27)", "låneres og borgeres personoplysninger",
               "tillidsrepræsentanten og arbejdsmiljørepræsentanten", "Hold en forventningssamtale",
               "introduktion til it-sikkerhed og databeskyttelse", "Lovens frist for dem er 7 kalenderdage efter start",
               "senest en måned efter start"),
        "en": ("as part of the job, the new employee will have direct contact with, or be regularly present among, "
               "children under 15", "duty of confidentiality (Public Administration Act, section 27)",
               "borrowers' and citizens' personal data", "union representative and the health and safety representative",
               "Hold an expectations meeting", "introduction to IT security and data protection",
               "The legal deadline for these is 7 calendar days after the start", "no later than one month after the start"),
    }[lang]
    for words in expected:
        assert words in text, words
    assert "regelmæssig kontakt" not in text and "regular contact" not in text


@pytest.mark.parametrize("lang,code", PLANS)
def test_one_word_for_the_buddy(plans, reviews, lang: str, code: str) -> None:
    for text in (plans[(lang, code)], reviews[(lang, code)]):
        if lang == "da":
            assert "buddy" not in text.lower() and "mentor" not in text.lower()
        else:
            assert "makker" not in text.lower() and "mentor" not in text.lower()
    assert {"da": "Makker", "en": "Buddy"}[lang] in plans[(lang, code)]


def test_tasks_are_written_to_their_owner() -> None:
    """A task someone else owns never speaks to the new employee ("din leder", "your manager"), and the new
    employee's own tasks never call them "the new employee"."""
    to_the_employee = {"da": r"\b(din|dit|dine) (leder|makker|buddy|partnerskab|egne)", "en": r"\byour (manager|buddy|partnership|own)"}
    of_the_employee = {"da": "den nyansatte", "en": "the new employee"}
    for code in CODES:
        for task in tasks_of(code):
            for lang in ("da", "en"):
                words = task["task"][lang]
                if task["owner"] == "employee":
                    assert of_the_employee[lang] not in words, words
                else:
                    assert not re.search(to_the_employee[lang], words), words


@pytest.mark.parametrize("lang,code", PLANS)
def test_the_review_shows_what_1_3_and_5_mean_for_every_competence(reviews, lang: str, code: str) -> None:
    text = reviews[(lang, code)]
    profiles = {p["code"]: p for p in PROFILES["profiles"]}
    competences = profiles[code]["competences"] + (profiles["ALL"]["competences"] if code != "ALL" else [])
    for competence in competences:  # a table headed 1, 3, 5 (its header cells scoped) above the three texts
        levels = " ".join(flat(competence["levels"][score][lang]) for score in (1, 3, 5))
        assert f"1 3 5 {levels}" in text, competence["code"]
    assert {"da": "MED-udvalget", "en": "joint consultation committee (MED)"}[lang] in text
    assert {"da": "ikke en bedømmelse", "en": "not an appraisal"}[lang] in text
    assert TEXTS["by_date"][lang].upper() + " – " in text  # a field label, in capitals


@pytest.mark.parametrize("lang", ("da", "en"))
def test_the_network_coordinators_review_says_the_manager_gives_the_mandate(reviews, lang: str) -> None:
    expected = {"da": "Lederen har ansvaret for at give den netværksansvarlige et klart mandat",
                "en": "The manager is responsible for giving the network coordinator a clear mandate"}[lang]
    assert expected in reviews[(lang, "NET")]
    assert expected not in reviews[(lang, "PRT")] and expected not in reviews[(lang, "ALL")]
