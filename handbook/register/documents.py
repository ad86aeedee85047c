"""The register's printed documents: per partnership and language, a partnership agreement
(samarbejdsaftale) pre-filled from the register, and an evaluation form for its review.

Rendered to HTML here with the checklists' stylesheet and fonts, and to fillable, tagged
PDF/UA-1 by the shared PDF engine (`pdf/jobs.py`), which caches them like the checklists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..model import LANGUAGES, Handbook
from ..pdf.jobs import PdfJob
from ..problems import Problems
from ..render.templates import make_environment, print_context, render_template
from .files import TEMPLATES_DIR
from .pages import DOCUMENT_KINDS, document_path


def document_jobs(handbook: Handbook, templates_dir: Path, root: Path, problems: Problems) -> Iterator[PdfJob]:
    """The HTML of every partnership's agreement and evaluation form, ready for WeasyPrint."""
    register = handbook.register
    if register is None:
        return
    env = make_environment(templates_dir)
    for lang in LANGUAGES:
        context = {**print_context(handbook, lang), "pt": {key: text.get(lang) for key, text in register.texts.items()}}
        for partnership in register.partnerships:
            goals = [register.goal(code) for code in partnership.goals]
            for kind in DOCUMENT_KINDS:
                template = f"{TEMPLATES_DIR}/{kind}.html"
                html = render_template(env, template, {**context, "partnership": partnership, "goals": goals,
                                                       "register": register, "kind": kind},
                                       templates_dir, root, problems)
                if html is not None:
                    # Relative to the checklists' folder: the documents share its stylesheet and fonts.
                    yield PdfJob(document_path(partnership, kind, lang), html, templates_dir / "checklists",
                                 f"templates/{template}")
