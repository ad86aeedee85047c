"""The live preview serves only the site's own files, and answers the browsers that ask for it.

A symbolic link or a special file put into output/ is never followed or read; `serve --port 80`
answers browsers, which leave the default port out of the Host header. Port 80 is tested in a
network namespace of its own, so nothing else on the machine is in the way.
"""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import PROJECT
from test_serve import serving

SECRET = "not for the intranet\n"


def test_serve_never_follows_a_symbolic_link_out_of_the_output_folder(handbook: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    with serving(handbook, tmp_path) as server:
        output = handbook / "output"
        (output / "da" / "secret.html").symlink_to(secret)
        (output / "outside").symlink_to(tmp_path)  # a folder link, too
        (output / "da" / "copy.html").symlink_to(output / "da" / "net.html")  # even one that stays inside
        for path in ("/da/secret.html", "/outside/secret.txt", "/da/copy.html"):
            status, body = server.fetch(path)
            assert status == 404, path
            assert SECRET not in body
        assert "Den netværksansvarlige" in server.page("/da/net.html")


def test_serve_answers_a_pipe_in_the_output_folder_without_hanging(handbook: Path, tmp_path: Path) -> None:
    with serving(handbook, tmp_path) as server:
        os.mkfifo(handbook / "output" / "da" / "pipe.html")
        status, _ = server.fetch("/da/pipe.html")  # reading it would wait for a writer forever
        assert status == 404
        assert server.page("/da/index.html")


def test_serve_accepts_host_names_in_any_case(handbook: Path, tmp_path: Path) -> None:
    with serving(handbook, tmp_path) as server:
        port = int(server.url.rsplit(":", 1)[1])
        for host, expected in ((f"LOCALHOST:{port}", 200), (f"127.0.0.1:{port}", 200), ("127.0.0.1", 403),
                               (f"evil.example:{port}", 403)):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/da/index.html", headers={"Host": host})
            assert connection.getresponse().status == expected, host
            connection.close()


BROWSER_ON_PORT_80 = textwrap.dedent("""\
    import http.client, signal, subprocess, sys, time
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    serve = subprocess.Popen([sys.executable, sys.argv[1], "serve", "--root", sys.argv[2], "--port", "80", "--no-pdfs"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in serve.stdout:
        if line.startswith("Serving"):
            break
    statuses = []
    for host in (None, "localhost", "127.0.0.1:80"):  # None: http.client sends 'Host: 127.0.0.1', as browsers do
        connection = http.client.HTTPConnection("127.0.0.1", 80, timeout=10)
        connection.request("GET", "/da/index.html", headers={"Host": host} if host else {})
        statuses.append(connection.getresponse().status)
        connection.close()
    serve.send_signal(signal.SIGINT)
    print(statuses, serve.wait(timeout=30))
""")


@pytest.mark.skipif(not (shutil.which("unshare") and shutil.which("ip")) or os.geteuid() != 0,
                    reason="needs root, unshare and ip (iproute2) for a network namespace of its own")
def test_serve_on_port_80_answers_browsers_that_leave_the_port_out(handbook: Path, tmp_path: Path) -> None:
    script = tmp_path / "browser.py"
    script.write_text(BROWSER_ON_PORT_80, encoding="utf-8")
    result = subprocess.run(["unshare", "--net", sys.executable, str(script), str(PROJECT / "build.py"), str(handbook)],
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == "[200, 200, 200] 0", result.stdout + result.stderr
