"""What the self-assessment and team pages' scripts read: the handbook's competences, in the page's
language, with the file format both pages share.

The pages carry this as JSON (a data block, never run), so they work from disk and from any server
without fetching anything.
"""

from __future__ import annotations

from typing import Any

from ..model import Handbook, Profile
from ..pdf.checklists import plan_checklists
from .pages import assessed_competences

FILE_FORMAT = "competence-handbook-self-assessment"  # what a shared file says it is
FILE_FORMAT_VERSION = 1
REVIEW_KIND = "development-review"  # the checklist a self-assessment fills in


def _handbook_identity(handbook: Handbook, lang: str) -> dict[str, str]:
    return {"title": handbook.ui["site_name"].get(lang), "version": handbook.data.version,
            "date": handbook.data.date.isoformat()}


def self_assessment_data(handbook: Handbook, profile: Profile, lang: str) -> dict[str, Any]:
    """The self-assessment page's data: who it is for, the codes it asks about, where its PDF form is."""
    review = next((c for c in plan_checklists(handbook)
                   if c.kind == REVIEW_KIND and c.profile.code == profile.code and c.lang == lang), None)
    return {
        "format": FILE_FORMAT,
        "formatVersion": FILE_FORMAT_VERSION,
        "handbook": _handbook_identity(handbook, lang),
        "profile": profile.code,
        "lang": lang,
        "competences": [c.code for _, competences in assessed_competences(handbook, profile) for c in competences],
        "review": review.path if review else None,  # from the site's root; the page makes it relative
        "storageKey": f"competence-handbook/self-assessment/{profile.code}",  # one set of answers in both languages
    }


def team_data(handbook: Handbook, lang: str) -> dict[str, Any]:
    """The team page's data: every competence of this version of the handbook, by profile, in reading order."""
    return {
        "format": FILE_FORMAT,
        "formatVersion": FILE_FORMAT_VERSION,
        "handbook": _handbook_identity(handbook, lang),
        "competences": [
            {"code": c.code, "title": c.title.get(lang), "profile": p.code, "profileName": p.name.get(lang)}
            for p in handbook.data.profiles for c in p.competences
        ],
    }
