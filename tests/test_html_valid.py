"""Valid HTML and CSS: the Nu Html Checker (vnu.jar, from the npm package vnu-jar) finds no error.

.ci/run installs it into .tools/ with npm; HANDBOOK_VNU_JAR names another copy.
Without it (or without Java) the test skips and says how to install it, unless
HANDBOOK_REQUIRE_BROWSER=1 demands the full set of checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT

VNU_JAR = Path(os.environ.get("HANDBOOK_VNU_JAR", PROJECT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))
INSTALL_HINT = ("install it with `npm install --prefix .tools --ignore-scripts vnu-jar` and Java with "
                "`apt-get install default-jre-headless` (bash .ci/run does both)")


def checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        what = "Java is not installed" if java is None else f"the Nu Html Checker is not at {VNU_JAR}"
        if os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"HANDBOOK_REQUIRE_BROWSER=1, but {what}: {INSTALL_HINT}.", pytrace=False)
        pytest.skip(f"{what}: {INSTALL_HINT}.")
    return [java, "-jar", str(VNU_JAR)]


def test_every_page_and_the_stylesheet_are_valid(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 20
    stylesheet = built_site / "assets" / "handbook.css"
    result = subprocess.run([*checker(), "--errors-only", "--format", "json", "--also-check-css",
                             *map(str, pages), str(stylesheet)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    where = f"file:{built_site}/"
    shown = [f"{m.get('url', '').removeprefix(where)}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    assert not messages, "\n".join(shown)
    assert result.returncode == 0
