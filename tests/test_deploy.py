"""The deploy/ recipes: nginx serving the built site for real, Apache's configuration checked by Apache,
the Dockerfile by hadolint and the CI pipelines by their JSON Schemas (no Docker engine or CI runner here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from conftest import PROJECT
from nginx_server import find_nginx, free_port, nginx_serving

DEPLOY = PROJECT / "deploy"
BIN = Path(sys.executable).parent  # hadolint and check-jsonschema come with the test extra


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of a GET, without raising on 404."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture(scope="module")
def nginx_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if find_nginx() is None:
        pytest.fail("nginx is not installed: install Debian's nginx (bash .ci/run does).", pytrace=False)
    with nginx_serving(built_site, tmp_path_factory.mktemp("nginx")) as address:
        yield address


@pytest.mark.parametrize(("path", "media_type"), [
    ("da/net.html", "text/html"),
    ("en/overview.html", "text/html"),
    ("da/checklists/net-interview-guide.pdf", "application/pdf"),
    ("downloads/handbook-en.pdf", "application/pdf"),
    ("downloads/competences.ttl", "text/turtle"),
    ("downloads/competences.jsonld", "application/ld+json"),
    ("downloads/competences.csv", "text/csv"),
    ("assets/handbook.css", "text/css"),
    ("pagefind/pagefind.js", "application/javascript"),
    ("sitemap.xml", "text/xml"),
])
def test_nginx_serves_each_kind_of_file_with_its_type(nginx_site: str, built_site: Path, path: str, media_type: str) -> None:
    status, headers, body = fetch(nginx_site + path)
    assert status == 200
    assert headers["content-type"].split(";")[0] == media_type
    assert body == (built_site / path).read_bytes()
    assert headers["x-content-type-options"] == "nosniff"


def test_nginx_serves_pagefinds_index_as_stored_and_cached_for_good(nginx_site: str, built_site: Path) -> None:
    index_files = [p for p in (built_site / "pagefind").rglob("*") if p.suffix in (".pf_meta", ".pf_index", ".pf_fragment", ".pagefind")]
    assert {p.suffix for p in index_files} == {".pf_meta", ".pf_index", ".pf_fragment", ".pagefind"}
    for path in index_files[:40]:
        status, headers, body = fetch(nginx_site + path.relative_to(built_site).as_posix())
        assert status == 200 and body == path.read_bytes(), path
        assert headers["content-type"] == "application/octet-stream"
        assert "content-encoding" not in headers  # Pagefind decompresses them itself
        assert "immutable" in headers["cache-control"]


def test_nginx_sends_the_csp_and_asks_browsers_to_revalidate_pages(nginx_site: str) -> None:
    status, headers, _ = fetch(nginx_site + "da/index.html")
    assert status == 200
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "'unsafe-eval'" not in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert headers["cache-control"] == "no-cache"
    assert "max-age=3600" in fetch(nginx_site + "assets/handbook.css")[1]["cache-control"]


@pytest.mark.parametrize(("missing", "lang"), [("da/no-such-page.html", "da"), ("en/no/such/page", "en"), ("nothing-here", "da")])
def test_nginx_answers_a_missing_address_with_the_404_page_in_its_language(nginx_site: str, built_site: Path,
                                                                           missing: str, lang: str) -> None:
    status, headers, body = fetch(nginx_site + missing)
    assert status == 404
    assert body == (built_site / lang / "404.html").read_bytes()
    assert "content-security-policy" in headers


def test_nginx_accepts_the_recipe_as_written(tmp_path: Path) -> None:
    nginx = find_nginx()
    if nginx is None:
        pytest.fail("nginx is not installed: install Debian's nginx (bash .ci/run does).", pytrace=False)
    # The recipe is a server block, as sites-available holds: checked inside a minimal main configuration.
    wrapper = tmp_path / "nginx.conf"
    wrapper.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
                       f"http {{\n include /etc/nginx/mime.types;\n include {DEPLOY / 'nginx' / 'handbook.conf'};\n}}\n")
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(wrapper)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_apache_accepts_the_recipe(tmp_path: Path) -> None:
    apache = shutil.which("apache2") or "/usr/sbin/apache2"
    if not Path(apache).is_file():
        pytest.fail("Apache is not installed: install Debian's apache2 (bash .ci/run does).", pytrace=False)
    modules = Path("/usr/lib/apache2/modules")
    loads = "\n".join(f"LoadModule {name}_module {modules}/mod_{name}.so"
                      for name in ("mpm_event", "authz_core", "mime", "headers", "dir", "filter", "deflate"))
    (tmp_path / "www").mkdir()
    config = tmp_path / "httpd.conf"
    recipe = (DEPLOY / "apache" / "handbook.conf").read_text(encoding="utf-8").replace("/var/www/handbook", str(tmp_path / "www"))
    config.write_text(f"{loads}\nServerRoot {tmp_path}\nPidFile {tmp_path}/httpd.pid\nErrorLog {tmp_path}/error.log\n"
                      f"Listen 127.0.0.1:{free_port()}\n{recipe}", encoding="utf-8")
    result = subprocess.run([apache, "-t", "-f", str(config)], capture_output=True, text=True)
    assert result.returncode == 0 and "Syntax OK" in result.stderr + result.stdout, result.stderr


def test_the_dockerfile_passes_hadolint() -> None:
    result = subprocess.run([str(BIN / "hadolint"), "--failure-threshold", "info", str(DEPLOY / "Dockerfile")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("pipeline", "schema"), [("github/pages.yml", "vendor.github-workflows"),
                                                  ("gitlab/.gitlab-ci.yml", "vendor.gitlab-ci")])
def test_the_ci_pipelines_match_their_schemas(pipeline: str, schema: str) -> None:
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(DEPLOY / pipeline)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (DEPLOY / pipeline).read_text(encoding="utf-8")
    assert "build.py --strict --out" in text  # they build the handbook, strictly, into what they publish
