"""What to say when `python build.py` runs on a Python without the handbook's libraries.

Imported before any of those libraries, so it uses the standard library only.
"""

from __future__ import annotations

import os
import sys


def venv_python() -> str:
    """The virtual environment's Python, written as the editor's system writes it."""
    return r".venv\Scripts\python" if os.name == "nt" else ".venv/bin/python"


def not_installed_hint(missing: list[str]) -> str:
    """One line: what is missing and the command that works, with this system's path to the venv's Python."""
    return (f"python build.py: this Python ({sys.executable}) does not have the handbook's libraries "
            f"({', '.join(missing)}). Run it with the virtual environment's Python: {venv_python()} build.py "
            "(or activate the environment first; README.md, \"Quick start\", says how).")
