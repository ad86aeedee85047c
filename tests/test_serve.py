"""`python build.py serve` for real: a subprocess on 127.0.0.1, edited sources, and the pages it serves."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest
from conftest import PROJECT, run_cli
from test_bad_input import replace_once

WAIT_SECONDS = 20  # upper bound for a rebuild to show; a rebuild takes well under a second
FIRST_BUILD_SECONDS = 120  # upper bound for the first build, which renders every PDF (on a busy machine, too)
BANNER = 'id="handbook-build-error"'
RELOAD_SCRIPT = '<script src="/__handbook/reload.js"'


class Server:
    """A running `serve` process, its URL and its terminal output."""

    def __init__(self, process: subprocess.Popen, url: str, stdout: Path, stderr: Path):
        self.process = process
        self.url = url
        self.stdout = stdout
        self.stderr = stderr

    def fetch(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def page(self, path: str) -> str:
        status, body = self.fetch(path)
        assert status == 200, (status, body[:500])
        return body

    def page_once(self, path: str, condition: Callable[[str], bool]) -> str:
        """The page at `path` as soon as `condition` holds for it (after a rebuild)."""
        return str(wait_until(lambda: body if condition(body := self.page(path)) else None))

    def reloads(self) -> queue.Queue[int]:
        """The build generations the preview sends to open pages, as a page's reload script receives them:
        the current one at once, then one for each reload."""
        received: queue.Queue[int] = queue.Queue()

        def listen() -> None:
            with urllib.request.urlopen(self.url + "/__handbook/events", timeout=FIRST_BUILD_SECONDS) as stream:
                for line in stream:
                    if line.startswith(b"data: "):
                        received.put(int(line[6:]))

        threading.Thread(target=listen, daemon=True).start()
        return received

    def stop(self, signum: int) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=10)


@contextmanager
def serving(root: Path, tmp_path: Path, pdfs: bool = False) -> Iterator[Server]:
    """Start `python build.py serve --root ROOT --port 0`, with `--no-pdfs` unless `pdfs` (the pages are
    what a preview is about), and wait until it says where it serves."""
    stdout, stderr = tmp_path / "serve.out", tmp_path / "serve.err"
    with open(stdout, "w") as out, open(stderr, "w") as err:
        process = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--root", str(root), "--port", "0",
                                    *([] if pdfs else ["--no-pdfs"])],
                                   cwd=root, stdout=out, stderr=err, env=os.environ.copy())
    try:
        url = wait_until(lambda: _served_url(stdout) or process.poll() is not None, FIRST_BUILD_SECONDS)
        assert process.poll() is None, f"serve stopped: {stderr.read_text()}"
        # Served as soon as the pages are written; the tests start from the first build's end, PDFs and all.
        wait_until(lambda: "\nBuilt " in stdout.read_text() or "Build failed" in stderr.read_text(), FIRST_BUILD_SECONDS)
        yield Server(process, str(url), stdout, stderr)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _served_url(stdout: Path) -> str | None:
    match = re.search(r"http://127\.0\.0\.1:\d+", stdout.read_text())
    return match.group(0) if match else None


def wait_until(condition: Callable[[], object], seconds: float = WAIT_SECONDS) -> object:
    """Poll `condition` until it is true; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"not true within {seconds} s")


def leftovers(root: Path) -> list[str]:
    """Staging or previous folders that a build left next to output/."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output.") and p.name != ".output.lock")


def test_serve_rebuilds_on_save_shows_errors_and_keeps_the_last_good_site(handbook: Path, tmp_path: Path) -> None:
    profiles = handbook / "profiles.yaml"
    with serving(handbook, tmp_path) as server:
        page = server.page("/da/net.html")
        assert "Gode kommunikationsevner" in page and RELOAD_SCRIPT in page and BANNER not in page
        assert "__handbook" not in (handbook / "output" / "da" / "net.html").read_text(encoding="utf-8")
        assert "EventSource" in server.page("/__handbook/reload.js")

        replace_once(profiles, "da: Gode kommunikationsevner", "da: Fremragende kommunikationsevner")
        server.page_once("/da/net.html", lambda body: "Fremragende kommunikationsevner" in body)
        built = (handbook / "output" / "da" / "net.html").read_text(encoding="utf-8")
        assert "Fremragende kommunikationsevner" in built and "__handbook" not in built

        line = replace_once(profiles, "        description:\n", "        descripton:\n")
        page = server.page_once("/da/net.html", lambda body: BANNER in body)
        assert "Fremragende kommunikationsevner" in page  # the last good site, still served
        # The banner speaks the page's language: Danish on the Danish pages, English on the English ones.
        assert (f"<code>profiles.yaml:{line}</code> fejl: kompetence NET-1: ukendt nøgle &#x27;descripton&#x27; i "
                "denne kompetence. Mente du &#x27;description&#x27;?") in page
        assert (f"<code>profiles.yaml:{line}</code> error: competence NET-1: unknown key &#x27;descripton&#x27; in "
                "this competence. Did you mean &#x27;description&#x27;?") in server.page("/en/net.html")
        assert BANNER in server.page("/en/about.html")  # on every page
        assert f"profiles.yaml:{line}: error: competence NET-1: unknown key 'descripton'" in server.stderr.read_text()
        assert "__handbook" not in (handbook / "output" / "da" / "net.html").read_text(encoding="utf-8")

        replace_once(profiles, "        descripton:\n", "        description:\n")
        server.page_once("/da/net.html", lambda body: BANNER not in body)

        assert server.stop(signal.SIGINT) == 0
    assert "Traceback" not in server.stderr.read_text()
    assert server.stdout.read_text().splitlines()[-1] == "Stopped."
    assert leftovers(handbook) == []


def test_serve_reloads_the_pages_before_it_renders_the_pdfs(handbook: Path, tmp_path: Path) -> None:
    """The editor sees the changed page at once; the checklists follow without a second reload, and a
    problem only the PDFs have leaves the new pages served, with the last good PDFs and a banner."""
    shutil.copytree(PROJECT / "templates", handbook / "templates")  # before serving: the preview watches this copy
    guide = handbook / "output" / "da" / "checklists" / "net-interview-guide.pdf"
    with serving(handbook, tmp_path, pdfs=True) as server:
        first_build = server.stdout.read_text()  # from clean: it served the pages before it rendered any PDF
        assert first_build.index("Pages ready in ") < first_build.index("Serving ") < first_build.index("Rendering 20 of 20")
        reloads = server.reloads()
        first = reloads.get(timeout=WAIT_SECONDS)
        original_guide = guide.read_bytes()

        replace_once(handbook / "profiles.yaml", "da: Gode kommunikationsevner", "da: Fremragende kommunikationsevner")
        assert reloads.get(timeout=WAIT_SECONDS) == first + 1
        assert "Fremragende kommunikationsevner" in server.page("/da/net.html")
        wait_until(lambda: server.stdout.read_text().count("\nBuilt ") == 2, FIRST_BUILD_SECONDS)
        rebuild = server.stdout.read_text().split("Changed: profiles.yaml")[1]
        assert rebuild.index("Pages ready in ") < rebuild.index("Rendering 3 of 20 PDFs") < rebuild.index("Built ")
        edited_guide = guide.read_bytes()
        assert edited_guide != original_guide
        assert reloads.empty()  # the PDFs made no second reload

        replace_once(handbook / "templates" / "checklists" / "interview-guide.html", "{% block body %}",
                     '{% block body %}<img src="missing-picture.png" alt="">')
        assert reloads.get(timeout=WAIT_SECONDS) == first + 2  # the pages, unchanged, with the last good PDFs
        assert reloads.get(timeout=FIRST_BUILD_SECONDS) == first + 3  # the failure
        page = server.page("/en/net.html")
        assert BANNER in page and "missing-picture.png&#x27; does not exist" in page
        assert "Fremragende kommunikationsevner" in server.page("/da/net.html")  # the new pages are served
        assert "The page shows the last change, but the PDFs could not be made; they are the last good ones." in page
        assert "serving the new pages with the last good PDFs" in server.stderr.read_text()
        assert guide.read_bytes() == edited_guide
        assert server.stop(signal.SIGINT) == 0
    assert "Traceback" not in server.stderr.read_text()
    assert leftovers(handbook) == []


def test_a_save_while_the_pdfs_render_stops_them_and_builds_the_newer_sources(handbook: Path, tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "templates", handbook / "templates")  # before serving: the preview watches this copy
    template = handbook / "templates" / "checklists" / "interview-guide.html"
    original_template = template.read_text(encoding="utf-8")
    guide = handbook / "output" / "da" / "checklists" / "net-interview-guide.pdf"
    with serving(handbook, tmp_path, pdfs=True) as server:
        reloads = server.reloads()
        first = reloads.get(timeout=WAIT_SECONDS)
        original_guide = guide.read_bytes()
        # Enough text to keep the six interview guides rendering for seconds; undone once they are rendering.
        replace_once(template, "{% block body %}", "{% block body %}{% for i in range(1500) %}<p>Ekstra {{ i }}</p>{% endfor %}")
        assert reloads.get(timeout=WAIT_SECONDS) == first + 1
        wait_until(lambda: server.stdout.read_text().count("Rendering 20 of 20 PDFs") == 2)  # a template: all 20
        template.write_text(original_template, encoding="utf-8")
        assert reloads.get(timeout=WAIT_SECONDS) == first + 2
        wait_until(lambda: server.stdout.read_text().count("\nBuilt ") == 2, FIRST_BUILD_SECONDS)
        assert server.stdout.read_text().count("Another save came while the PDFs were rendered: building that one first.") == 1
        assert guide.read_bytes() == original_guide  # the long guides were never finished, nor published
        assert server.stop(signal.SIGINT) == 0
    assert "Traceback" not in server.stderr.read_text()
    assert leftovers(handbook) == []


def test_serve_watches_content_and_stops_on_sigterm(handbook: Path, tmp_path: Path) -> None:
    with serving(handbook, tmp_path) as server:
        assert server.page("/").startswith("<!doctype html>")
        replace_once(handbook / "content" / "about.da.md", "# ", "# Nyt om ")
        server.page_once("/da/about.html", lambda body: "Nyt om " in body)
        status, body = server.fetch("/da/no-such-page.html")
        assert status == 404 and RELOAD_SCRIPT in body
        assert server.fetch("/../profiles.yaml")[0] == 404
        request = urllib.request.Request(server.url + "/da/index.html", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
        assert server.stop(signal.SIGTERM) == 0
    assert "Traceback" not in server.stderr.read_text()
    assert leftovers(handbook) == []


def test_serve_without_a_good_build_shows_the_error_until_it_is_fixed(handbook: Path, tmp_path: Path) -> None:
    profiles = handbook / "profiles.yaml"
    line = replace_once(profiles, "date: 2026-11-25", "date: 25-11-2026")
    with serving(handbook, tmp_path) as server:
        status, body = server.fetch("/da/net.html")
        assert status == 503 and BANNER in body
        assert f"<code>profiles.yaml:{line}</code> error: &#x27;date&#x27; should be a date written YYYY-MM-DD" in body
        replace_once(profiles, "date: 25-11-2026", "date: 2026-11-25")
        wait_until(lambda: server.fetch("/da/net.html")[0] == 200, FIRST_BUILD_SECONDS)  # the first good build
        assert BANNER not in server.page("/da/net.html")
        assert server.stop(signal.SIGINT) == 0


def test_serve_on_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--out", str(tmp_path / "site"), timeout=60)
    assert result.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use. Choose another port with --port" in result.stderr
    assert not (tmp_path / "site").exists()


def test_serve_rebuilds_when_site_yaml_is_saved(handbook: Path, tmp_path: Path) -> None:
    with serving(handbook, tmp_path) as server:
        assert "site-library" not in server.page("/da/index.html")
        (handbook / "site.yaml").write_text("library:\n  da: Nyt Bibliotek\n", encoding="utf-8")
        server.page_once("/da/index.html", lambda body: "Nyt Bibliotek" in body)
        assert server.stop(signal.SIGTERM) == 0
