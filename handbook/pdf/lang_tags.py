"""A language on the PDF structure of every element that names its own, as PDF/UA asks.

WeasyPrint (pinned in pyproject.toml) writes the document's language to the catalogue
but not an element's own `lang`: a Danish text shown untranslated on an English
checklist would be read aloud as English. Its tag builder is wrapped here so that the
structure element of such an element gets /Lang; once WeasyPrint does this itself,
this module goes.
"""

from __future__ import annotations

from typing import Any, Iterator

SKIPPED = ("html", "body")  # the document's language is the catalogue's /Lang already


def tag_languages() -> None:
    """Install the wrapper (once per process; WeasyPrint is imported only where PDFs are rendered)."""
    import pydyf
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "tags_languages", False):
        return
    build_box_tree = tags._build_box_tree

    def with_languages(box: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and box.element_tag not in SKIPPED else None
        for structure_element in build_box_tree(box, *args):
            if lang:
                structure_element["Lang"] = pydyf.String(lang)
            yield structure_element

    with_languages.tags_languages = True  # type: ignore[attr-defined]
    tags._build_box_tree = with_languages
