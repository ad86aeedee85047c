"""The printable checklists: which exist, where they go, and what each one lists.

Three kinds for every profile and language, all drawn from the same competence
data as the site; each is rendered to HTML here, and `jobs.py` turns the HTML into a PDF file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import jinja2

from ..model import LANGUAGES, PHASES, Competence, Due, Handbook, Profile, Task
from ..i18n import _
from ..problems import Problems
from ..render.templates import make_environment, print_context, render_template
from ..sources.folder import CHECKLIST_TEXTS_FILE
from .jobs import PdfJob

KINDS: tuple[str, ...] = ("interview-guide", "onboarding-plan", "development-review")
ALL_STAFF_CODE = "ALL"  # the profile whose competences every role shares
INTERVIEW_GUIDE_PAGES = 8  # a panel runs the guide in about an hour; more pages means more than it can ask


@dataclass(frozen=True)
class Checklist:
    """One checklist PDF: a kind, for a profile, in a language."""

    kind: str
    profile: Profile
    lang: str

    @property
    def path(self) -> str:
        """The output path, from the validated profile code: `da/checklists/net-interview-guide.pdf`."""
        return f"{self.lang}/checklists/{self.profile.slug}-{self.kind}.pdf"

    @property
    def template(self) -> str:
        return f"checklists/{self.kind}.html"


def plan_checklists(handbook: Handbook) -> list[Checklist]:
    """Every checklist, in a fixed order: language, profile, kind."""
    return [Checklist(kind, profile, lang) for lang in LANGUAGES for profile in handbook.data.profiles for kind in KINDS]


def shared_profile(handbook: Handbook, profile: Profile) -> Profile | None:
    """The all-staff profile, when `profile` is another role (its competences apply there too)."""
    for candidate in handbook.data.profiles:
        if candidate.code == ALL_STAFF_CODE and candidate.code != profile.code:
            return candidate
    return None


@dataclass(frozen=True)
class PhaseTasks:
    phase: str
    tasks: tuple[Task, ...]


def onboarding_phases(handbook: Handbook, profile: Profile) -> list[PhaseTasks]:
    """The onboarding tasks for a new hire in `profile`, grouped by phase, each phase in order of due day.

    Tasks due the same day keep this order: the tasks every new hire has, then the
    role's own, then those from the all-staff competences, each as profiles.yaml gives them.
    """
    tasks = list(handbook.data.onboarding) + _tasks_of(profile.competences)
    shared = shared_profile(handbook, profile)
    if shared is not None:
        tasks += _tasks_of(shared.competences)
    tasks.sort(key=lambda task: task.due.day)  # stable: same-day tasks keep the order above
    return [PhaseTasks(phase, tuple(t for t in tasks if t.phase == phase)) for phase in PHASES
            if any(t.phase == phase for t in tasks)]


# How a due point is printed: the key in content/checklists.yaml for each kind, '{n}' standing for the number.
DUE_TEXTS = {
    "first_day": "due_first_day",  # day 1
    "by_day": "due_by_day",  # day 2 and later
    "in_week": "due_in_week",  # week 1 and later
    "day_before": "due_day_before",  # day -1
    "days_before": "due_days_before",  # day -2 and earlier
    "week_before": "due_week_before",  # week -1
    "weeks_before": "due_weeks_before",  # week -2 and earlier
}
NUMBER = "{n}"


def due_text(due: Due, texts: dict[str, str]) -> str:
    """A due point as the plan prints it, from the checklist texts in one language: 'senest dag 60', '14 days before the start'."""
    before = due.number < 0
    if due.unit == "day":
        kind = ("day_before" if due.number == -1 else "days_before") if before else (
            "first_day" if due.number == 1 else "by_day")
    else:
        kind = ("week_before" if due.number == -1 else "weeks_before") if before else "in_week"
    return texts[DUE_TEXTS[kind]].replace(NUMBER, str(abs(due.number)))


def check_due_texts(handbook: Handbook, problems: Problems) -> bool:
    """Each due-point text is there, and those that print a number say where: '{n}'. True when all are."""
    found = len(problems.errors)
    for kind, key in DUE_TEXTS.items():
        text = handbook.checklist_texts.get(key)
        if text is None:
            problems.error(CHECKLIST_TEXTS_FILE, 0, _("has no '{key}' text, which the onboarding plan prints as a due "
                                                      "point. Add '{key}:' with 'da:' and 'en:' lines.", key=key))
            continue
        needs_number = kind not in ("first_day", "day_before", "week_before")
        for lang in LANGUAGES:
            if needs_number and NUMBER not in text.get(lang):
                problems.error(CHECKLIST_TEXTS_FILE, text.line, _("'{key}' in '{lang}' has no '{number}', so the plan "
                                                                  "would print no number. Write '{number}' where the day "
                                                                  "or week goes.", key=key, lang=lang, number=NUMBER))
    return len(problems.errors) == found
@dataclass(frozen=True)
class InterviewSheet:
    """One printed page of the interview guide: the competence blocks it holds, whose notes share its height."""

    blocks: tuple[Competence, ...]
    first_recruitment_point: Competence | None  # the recruitment heading goes above this block


def interview_sheets(handbook: Handbook, profile: Profile) -> list[InterviewSheet]:
    """The role's competences, then the recruitment points, laid out on pages.

    The first page holds the instructions and the first competence; the last page the
    summary. Every other competence gets a page of its own, so its notes box can take
    what the page has left, unless that would make the guide longer than
    INTERVIEW_GUIDE_PAGES: then competences share a page two by two, from the last
    one back. The first recruitment point, under the recruitment heading and what the
    panel agreed beforehand, always keeps a page of its own.
    """
    blocks = list(profile.competences) + list(handbook.data.recruitment.points)
    if not blocks:
        return []
    first_point = handbook.data.recruitment.points[0] if handbook.data.recruitment.points else None
    rest = blocks[1:]
    to_share = max(len(rest) - max(INTERVIEW_GUIDE_PAGES - 2, 1), 0)  # pages less the first and the summary's
    pages: list[list[Competence]] = []  # built from the end
    for block in reversed(rest):
        later = pages[-1] if pages else None
        if to_share and later is not None and len(later) == 1 and first_point not in (block, later[0]):
            later.insert(0, block)
            to_share -= 1
        else:
            pages.append([block])
    pages = [[blocks[0]]] + pages[::-1]
    return [InterviewSheet(tuple(page), first_point if first_point in page else None) for page in pages]


def _tasks_of(competences: tuple[Competence, ...]) -> list[Task]:
    return [task for competence in competences for task in competence.onboarding]


def checklist_jobs(handbook: Handbook, templates_dir: Path, root: Path, problems: Problems) -> Iterator[PdfJob]:
    """The HTML of every checklist, ready for WeasyPrint, one checklist at a time."""
    env = make_environment(templates_dir)
    if not check_due_texts(handbook, problems):
        return
    for checklist in plan_checklists(handbook):
        html = render_checklist_html(env, handbook, checklist, templates_dir, root, problems)
        if html is not None:
            yield PdfJob(checklist.path, html, templates_dir / "checklists", f"templates/{checklist.template}")


def render_checklist_html(
    env: jinja2.Environment, handbook: Handbook, checklist: Checklist, templates_dir: Path, root: Path, problems: Problems
) -> str | None:
    """The HTML that WeasyPrint turns into one checklist PDF."""
    context = {
        **print_context(handbook, checklist.lang),
        "checklist": checklist,
        "profile": checklist.profile,
        "shared": shared_profile(handbook, checklist.profile),
        "phases": onboarding_phases(handbook, checklist.profile),
        "sheets": interview_sheets(handbook, checklist.profile),
    }
    context["due_text"] = lambda due: due_text(due, context["cl"])
    return render_template(env, checklist.template, context, templates_dir, root, problems)
