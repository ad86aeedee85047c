"""Which self-assessment pages exist: one per profile and the team page, in every language."""

from __future__ import annotations

from typing import Iterable

from ..i18n import Text, _
from ..model import Competence, Handbook, Profile
from ..pdf.checklists import shared_profile

TEAM_PAGE = "team"  # the team's competence picture


def self_assessment_key(profile: Profile) -> str:
    """The page's name in every language: `net-self-assessment` for NET."""
    return f"{profile.slug}-self-assessment"


def assessment_pages(profiles: Iterable[Profile]) -> dict[str, tuple[str, Profile | None, Text]]:
    """Every page by key: its template, its profile and what it is (for messages)."""
    pages: dict[str, tuple[str, Profile | None, Text]] = {
        self_assessment_key(p): ("self-assessment.html", p, _("the self-assessment of profile {code}", code=p.code))
        for p in profiles
    }
    pages[TEAM_PAGE] = ("team.html", None, _("the built-in team competence picture"))
    return pages


def assessed_competences(handbook: Handbook, profile: Profile) -> list[tuple[Profile, tuple[Competence, ...]]]:
    """What a person in `profile` assesses, grouped by profile: the role's competences, then all staff's,
    as in the development review."""
    shared = shared_profile(handbook, profile)
    return [(profile, profile.competences), *([(shared, shared.competences)] if shared else [])]
