"""What once crashed the build or the preview with a traceback, done for real through the command line.

A legacy Latin-1 or ASCII terminal, Ctrl-C (a real SIGINT) while the PDFs render, and a browser that
cancels its requests to the preview. (Deep YAML nesting and a NUL in an image's address are in the
bad-input corpus, test_bad_input.py.)
"""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, run_cli, tree_digest
from test_bad_input import replace_once
from test_serve import FIRST_BUILD_SECONDS, serving, wait_until

RESET_ON_CLOSE = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: closing sends a reset, as a cancelling browser may
LEGACY_TERMINALS = ("iso-8859-1", "ascii")  # an old LANG=da_DK terminal, and one that knows ASCII only


def run_on_terminal(encoding: str, *args: str) -> tuple[int, str, str]:
    """`python build.py ARGS` writing in a legacy terminal's encoding: exit code, standard output and error as it shows them."""
    completed = subprocess.run([sys.executable, str(PROJECT / "build.py"), *args], cwd=PROJECT, capture_output=True,
                               env={**os.environ, "PYTHONIOENCODING": encoding}, timeout=300)
    return completed.returncode, completed.stdout.decode(encoding), completed.stderr.decode(encoding)


@pytest.mark.parametrize("encoding", LEGACY_TERMINALS)
def test_a_build_on_a_legacy_terminal_prints_plain_progress(handbook: Path, tmp_path: Path, encoding: str) -> None:
    code, stdout, stderr = run_on_terminal(encoding, "--root", str(handbook), "--out", str(tmp_path / "out"), "--no-pdfs")
    assert code == 0, stderr
    assert "Reading sources...\n" in stdout
    assert "Traceback" not in stdout + stderr


@pytest.mark.parametrize("encoding", LEGACY_TERMINALS)
def test_a_failing_build_on_a_legacy_terminal_still_says_what_is_wrong(handbook: Path, encoding: str) -> None:
    """Messages quote Danish text, and some say '›' or '…': none of it may crash the report."""
    line = replace_once(handbook / "profiles.yaml", "owner: manager", "owner: nærmeste-leder-på-stedet")
    code, stdout, stderr = run_on_terminal(encoding, "--root", str(handbook), "check")
    assert code == 1
    shown = "nærmeste-leder-på-stedet" if encoding == "iso-8859-1" else "n\\xe6rmeste-leder-p\\xe5-stedet"
    assert f"profiles.yaml:{line}: error: onboarding task on line {line - 3}: 'owner' is '{shown}'" in stderr
    assert "Traceback" not in stdout + stderr


def _started_build(handbook: Path, out: Path) -> tuple[subprocess.Popen, int]:
    """A build with every PDF to render, in a session of its own as a terminal runs it, and how many PDFs it
    renders; returns once its workers render them."""
    build = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--root", str(handbook), "--out", str(out),
                              "--jobs", "2"], cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    assert build.stdout is not None
    for line in build.stdout:
        rendering = re.match(r"Rendering (\d+) of \d+ PDFs", line)
        if rendering:
            wait_until(lambda: len(_processes_with(out)) > 1, FIRST_BUILD_SECONDS)  # its workers have started
            return build, int(rendering[1])
    raise AssertionError(f"the build never rendered its PDFs: {build.communicate()}")


@pytest.mark.parametrize("pressed", ["in the terminal", "to the build alone"])
def test_ctrl_c_while_the_pdfs_render_stops_at_once_and_keeps_the_old_site(handbook: Path, tmp_path: Path,
                                                                         pressed: str) -> None:
    out = tmp_path / "output"
    assert run_cli("--root", str(handbook), "--out", str(out), "--no-pdfs").returncode == 0
    before = tree_digest(out)
    build, pdfs = _started_build(handbook, out)
    if pressed == "in the terminal":
        os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C does: every process of the terminal's group gets it
    else:
        build.send_signal(signal.SIGINT)
    stdout, stderr = build.communicate(timeout=120)  # a bound for a hang, not a measure of speed

    assert build.returncode == 130, stderr
    assert stderr.rstrip().endswith(f"Interrupted: {out.as_posix()}/ was left as it was."), stderr
    assert "Traceback" not in stdout + stderr
    assert tree_digest(out) == before
    assert len(list((handbook / ".handbook-cache").glob("pdf/*.pdf"))) < pdfs  # it did not wait for the queue
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".output.") and path.name != ".output.lock"]
    assert not _processes_with(out), "a worker outlived the interrupted build"


def _processes_with(*arguments: str | Path) -> list[int]:
    """The running processes whose command line holds all of `arguments`: a build or preview and its forked
    workers, which share its command line."""
    wanted = {os.fsencode(str(argument)) for argument in arguments}
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            held = set(cmdline.read_bytes().split(b"\0"))
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if wanted <= held and state != "Z":
            found.append(int(cmdline.parent.name))
    return found


def test_requests_a_browser_cancels_leave_no_traceback_in_the_preview(handbook: Path, tmp_path: Path) -> None:
    with serving(handbook, tmp_path) as server:
        port = int(server.url.rsplit(":", 1)[1])
        for path in ("/da/net.html", "/__handbook/events", "/da/index.html"):
            for _ in range(5):  # a reload clicked again and again: the request sent, the connection reset
                with socket.create_connection(("127.0.0.1", port)) as connection:
                    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET_ON_CLOSE)
                    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        for _ in range(5):  # and cancelled halfway through the request line
            with socket.create_connection(("127.0.0.1", port)) as connection:
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET_ON_CLOSE)
                connection.sendall(b"GET /da/net.ht")
        assert server.page("/da/net.html")  # still serving
        assert server.stop(signal.SIGINT) == 0
        assert "Traceback" not in server.stderr.read_text()
        assert "ConnectionResetError" not in server.stderr.read_text()


def test_ctrl_c_in_the_preview_while_its_pdfs_render_stops_without_waiting_for_them(handbook: Path,
                                                                                    tmp_path: Path) -> None:
    out = handbook / "output"
    stdout_file = tmp_path / "serve.out"
    with open(stdout_file, "w") as stdout:
        serve = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--root", str(handbook), "--port",
                                  "0", "--jobs", "2"], cwd=handbook, stdout=stdout, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: "Pages ready" in stdout_file.read_text() or serve.poll() is not None, FIRST_BUILD_SECONDS)
        wait_until(lambda: len(_processes_with("serve", handbook)) > 1, FIRST_BUILD_SECONDS)  # its PDF workers
        serve.send_signal(signal.SIGINT)
        _, stderr = serve.communicate(timeout=120)  # a bound for a hang, not a measure of speed
    finally:
        if serve.poll() is None:
            serve.kill()
    printed = stdout_file.read_text()
    assert serve.returncode == 0, stderr
    assert "Stopping: the PDFs still rendering were left unfinished." in printed
    assert printed.rstrip().endswith("Stopped.")
    assert "Traceback" not in printed + stderr
    assert len(list((handbook / ".handbook-cache").glob("pdf/*.pdf"))) < 20
    assert (out / "da" / "net.html").is_file()  # the pages it had written stay
    assert not _processes_with("serve", handbook)
