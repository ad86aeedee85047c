"""The printable checklists: which exist, where they go, and what each one lists.

Three kinds for every profile and language, all drawn from the same competence
data as the site. Pure data; `pdf.py` turns the rendered HTML into PDF files.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import LANGUAGES, Competence, Handbook, Profile, Task
from .schema import PHASES

KINDS: tuple[str, ...] = ("interview-guide", "onboarding-plan", "development-review")
ALL_STAFF_CODE = "ALL"  # the profile whose competences every role shares


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
    """The onboarding tasks for a new hire in `profile`, grouped by phase in time order.

    Within a phase: the tasks every new hire has, then the role's own, then those
    from the all-staff competences; each in the order profiles.yaml gives them.
    """
    tasks = list(handbook.data.onboarding) + _tasks_of(profile.competences)
    shared = shared_profile(handbook, profile)
    if shared is not None:
        tasks += _tasks_of(shared.competences)
    return [PhaseTasks(phase, tuple(t for t in tasks if t.phase == phase)) for phase in PHASES
            if any(t.phase == phase for t in tasks)]


def _tasks_of(competences: tuple[Competence, ...]) -> list[Task]:
    return [task for competence in competences for task in competence.onboarding]
