"""What to say when `python build.py` runs on a Python without the handbook's libraries.

Imported before any of those libraries, so it uses the standard library only (as `i18n` does).
"""

from __future__ import annotations

import os
import sys

from .i18n import _, choose_language, render, set_language


def venv_python() -> str:
    """The virtual environment's Python, written as the editor's system writes it."""
    return r".venv\Scripts\python" if os.name == "nt" else ".venv/bin/python"


def not_installed_hint(missing: list[str], argv: list[str]) -> str:
    """One line, in the editor's language: what is missing and the command that works on this system."""
    set_language(choose_language(_requested_language(argv)))
    return render(_("python build.py: this Python ({python}) does not have the handbook's libraries ({missing}). Run it "
                    "with the virtual environment's Python: {command} (or activate the environment first; README.md, "
                    "\"Set up on your computer\", says how).", python=sys.executable, missing=", ".join(missing),
                    command=f"{venv_python()} build.py"))


def _requested_language(argv: list[str]) -> str | None:
    """--lang LANG or --lang=LANG, read without argparse's help (the parser comes with the libraries)."""
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None
