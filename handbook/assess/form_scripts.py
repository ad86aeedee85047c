"""The development-review PDFs as scripts, for the self-assessment page to fill in.

A page opened from disk may not fetch a file (browsers refuse `file://` requests), but it may
load a script. So each development review is also written beside itself as `….pdf.js`, which
hands the PDF's bytes to the page; the page loads it, and the PDF library, only when someone
asks for a filled PDF.
"""

from __future__ import annotations

import base64
import json

from .form import REVIEW_KIND

SCRIPT_SUFFIX = ".js"  # net-development-review.pdf -> net-development-review.pdf.js


def form_scripts(pdfs: dict[str, bytes]) -> dict[str, bytes]:
    """A script for each development-review PDF among `pdfs` (by output path)."""
    return {path + SCRIPT_SUFFIX: _script(path, pdf) for path, pdf in sorted(pdfs.items())
            if path.endswith(f"-{REVIEW_KIND}.pdf")}


def _script(path: str, pdf: bytes) -> bytes:
    encoded = base64.b64encode(pdf).decode("ascii")
    return (f"/* {path}, for the self-assessment page to fill in: the PDF's bytes in Base64. */\n"
            f"(window.handbookForms = window.handbookForms || {{}})[{json.dumps(path)}] = \"{encoded}\";\n"
            ).encode("ascii")
