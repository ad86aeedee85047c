"""Debian's nginx, started with the deploy recipe (deploy/nginx/handbook.conf) on 127.0.0.1, serving a built site.

The recipe's server block is used as written but for three lines: the address it
listens on, the folder it serves and, since the test is not root's nginx, a
temporary prefix for its pid, logs and temporary files.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from conftest import PROJECT

RECIPE = PROJECT / "deploy" / "nginx" / "handbook.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")


def find_nginx() -> str | None:
    return shutil.which("nginx") or (str(Path("/usr/sbin/nginx")) if Path("/usr/sbin/nginx").is_file() else None)


def main_config(prefix: Path, site: Path, port: int) -> str:
    """nginx.conf for a test: the recipe's server block inside a minimal main configuration."""
    server = RECIPE.read_text(encoding="utf-8")
    server, listens = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", server)
    server, roots = re.subn(r"root /var/www/handbook;", f"root {site};", server)
    assert listens == 1 and roots == 1, "the recipe's listen and root lines have changed; update the test"
    temp = prefix / "temp"
    return f"""daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def nginx_serving(site: Path, prefix: Path) -> Iterator[str]:
    """nginx serving `site` at the root of http://127.0.0.1:PORT/, stopped afterwards."""
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(main_config(prefix, site, port), encoding="utf-8")
    process = subprocess.Popen([find_nginx() or "nginx", "-p", str(prefix), "-c", str(config)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(address + "index.html", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"nginx did not start: {output}"
                                       f"{(prefix / 'error.log').read_text() if (prefix / 'error.log').exists() else ''}")
                time.sleep(0.05)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)
