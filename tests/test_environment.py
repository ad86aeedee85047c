"""`python build.py` on a Python without the handbook's libraries: a one-line hint, not a traceback."""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT


def test_a_python_without_the_libraries_gets_a_one_line_hint() -> None:
    # -S leaves out site-packages, where the virtual environment keeps the libraries: as a Python without them.
    result = subprocess.run([sys.executable, "-S", str(PROJECT / "build.py"), "check"], cwd=PROJECT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "build.py" in result.stderr and ".venv" in result.stderr
    assert "jinja2" in result.stderr
