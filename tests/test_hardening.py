"""Nothing an editor writes reaches a reader as script, and no build loses a site or a source.

Through the real command line: a handbook that tries every script trick in the
places where editors may write freely; a build killed halfway; two builds at
once; output folders that must not be replaced. In-process: every output path
comes from validated names and stays inside the output folder.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from conftest import PROJECT, TINY_PNG, copy_handbook, run_cli, tree_digest
from html_pages import ParsedPage, parse, parse_html, script_risks
from test_bad_input import replace_once

from handbook.build.pipeline import HandbookFolder, load_handbook, site_files
from handbook.problems import Problems
from handbook.site.pages import render_site
from handbook.site.plan import plan_pages
from handbook.write.output import safe_join

# What editors might paste into a text, hoping (or not) that it runs.
TRICKS = (
    '<script>alert("yaml")</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "{{ url.__globals__ }}",
    '<a href="javascript:alert(1)">klik</a>',
    "<svg onload=alert(1)>",
    "<!-- <script>alert(1)</script> -->",
)

# Markdown that is allowed, but written to smuggle markup through.
TRICKY_MARKDOWN = """\
# Om &lt;script&gt;alert(1)&lt;/script&gt; håndbogen

## Kilde

Kode: `<script>alert(1)</script>` og `<img src=x onerror=alert(1)>`.

    <script>alert("blok")</script>
    <iframe src="javascript:alert(1)"></iframe>

Skriv javascript:alert(1) som tekst, og [javascript:alert(1)](index.md "\\" onclick=\\"alert(1)").

[Søg](https://example.org/?q=%3Cscript%3E&x=%22onload%3D) og <redaktion@example.org>.

![" onerror="alert(1)](images/logo.png "' onload='alert(1)")

| kode | tegn |
|---|---|
| `<iframe>` | &#60;script&#62;alert(1)&#60;/script&#62; |

Tegn: &lt;script&gt; &amp;lt;script&amp;gt; \\<b onclick=alert(1)\\>
"""

MARKDOWN_TAGS = {"a", "code", "em", "h1", "h2", "h3", "img", "li", "p", "pre", "strong", "table", "tbody", "td", "th",
                 "thead", "tr", "ul", "ol", "blockquote", "br", "hr", "div", "span"}


def _yaml_text(text: str) -> str:
    """A YAML double-quoted string: JSON's string syntax is a subset of it."""
    return json.dumps(text, ensure_ascii=False)


def _put_tricks_in_every_text(root: Path) -> None:
    profiles = root / "profiles.yaml"
    texts = (
        ('version: "2026.1"', "version: {}"),
        ("      da: Den netværksansvarlige\n", "      da: {}\n"),
        ("      en: Network coordinator\n", "      en: {}\n"),
        ("          da: Gode kommunikationsevner\n", "          da: {}\n"),
        ("          en: Good communication skills\n", "          en: {}\n"),
        ("              - da: Hvem var modtagerne, og hvad skulle de have ud af det?\n", "              - da: {}\n"),
        ('    da: "Ved nye ansættelser anbefales det at være opmærksom på:"', "    da: {}"),
    )
    for number, (old, new) in enumerate(texts):
        replace_once(profiles, old, new.format(_yaml_text(TRICKS[number % len(TRICKS)])))
    description = profiles.read_text(encoding="utf-8").splitlines()[23]
    assert description.startswith("          da: Den netværksansvarlige formidler")
    replace_once(profiles, description, "          da: " + _yaml_text("\n\n".join(TRICKS)))
    ui = root / "content" / "ui.yaml"
    replace_once(ui, "  da: Kompetencehåndbog for partnerskabsarbejde", "  da: " + _yaml_text(TRICKS[7]))
    replace_once(ui, "  en: Competence handbook for partnership work", "  en: " + _yaml_text(TRICKS[8]))
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "logo.png").write_bytes(TINY_PNG)
    (root / "content" / "about.da.md").write_text(TRICKY_MARKDOWN, encoding="utf-8")


def _script_free(page: ParsedPage, clean: ParsedPage, name: str) -> None:
    """The page runs no script but the site's own: compared with the same page built from clean sources."""
    assert [e.attrs for e in page.all("script")] == [e.attrs for e in clean.all("script")], name
    new_tags = {e.tag for e in page.elements} - {e.tag for e in clean.elements}
    assert new_tags <= MARKDOWN_TAGS, f"{name}: {new_tags - MARKDOWN_TAGS}"
    assert script_risks(page) == [], name


def test_no_editor_text_reaches_the_reader_as_script(tmp_path: Path, built_site: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    _put_tricks_in_every_text(root)
    out = tmp_path / "site"

    result = run_cli("--root", str(root), "--out", str(out))

    assert result.returncode == 0, result.stderr
    pages = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html"))
    # the same pages as the shipped handbook, whose example partnerships the copy leaves out
    assert pages == sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
                           if not path.name.startswith("partnership"))
    for name in pages:
        _script_free(parse(out / name), parse(built_site / name), name)
    # Escaped, not dropped: the reader sees what the editor wrote, as text.
    net = parse(out / "da" / "net.html").text
    assert TRICKS[1] in net and TRICKS[3] in net and TRICKS[5] in net and '<script>alert("yaml")</script>' in net
    assert TRICKS[7] in parse(out / "da" / "index.html").text
    about = parse(out / "da" / "about.html")
    assert "Om <script>alert(1)</script> håndbogen" in about.text
    assert "<script>alert(1)</script>" in " ".join(e.attrs.get("title", "") for e in about.all("a")) + about.text
    assert about.all("a", href="mailto:redaktion@example.org")


def _many_profiles(root: Path, copies: int) -> None:
    """The network coordinator's profile copied under new codes: a handbook that takes a while to build."""
    profiles = root / "profiles.yaml"
    lines = profiles.read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = lines.index("  - code: NET\n"), lines.index("  - code: PRT\n")
    block = "".join(lines[start:end])
    extra = "".join(block.replace("code: NET", f"code: Q{number:03d}") for number in range(copies))
    profiles.write_text("".join(lines[:end]) + extra + "".join(lines[end:]), encoding="utf-8")


@pytest.fixture(scope="module")
def big_handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_handbook(tmp_path_factory.mktemp("big") / "handbook")
    _many_profiles(root, 60)
    return root


def _start_build(root: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--out", str(out), "--no-pdfs"],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _complete(out: Path, reported: str) -> None:
    """Every file the build reported is there, and every page is whole."""
    counts = re.search(r"(\d+) pages\b.*?(\d+) files", reported)
    assert counts, reported
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == int(counts[1]) and sum(1 for p in out.rglob("*") if p.is_file()) == int(counts[2])
    for page in pages:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page


def test_a_build_killed_while_writing_leaves_the_previous_site(big_handbook: Path, tmp_path: Path, built_site: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(built_site, out)  # the previous site: the small real handbook
    before = tree_digest(out)
    staging_pages = tmp_path / ".output.staging" / "da"

    build = _start_build(big_handbook, out)
    deadline = time.monotonic() + 120
    while build.poll() is None and time.monotonic() < deadline:
        if staging_pages.is_dir() and len(os.listdir(staging_pages)) >= 10:
            build.send_signal(signal.SIGKILL)  # halfway through writing the new site
            break
    build.communicate()

    assert build.returncode == -signal.SIGKILL
    assert staging_pages.is_dir()  # the kill came while the new site was being written
    assert tree_digest(out) == before
    result = run_cli("--root", str(big_handbook), "--out", str(out), "--no-pdfs")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / ".output.staging").exists()
    _complete(out, result.stdout)
    assert "273 pages" in result.stdout  # per language: 63 profiles, their self-assessments and 10 other pages; the chooser


def test_two_builds_at_once_one_waits_its_turn(big_handbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    builds = [_start_build(big_handbook, out), _start_build(big_handbook, out)]
    results = [(build.wait(timeout=300), *build.communicate()) for build in builds]

    assert sorted(code for code, _, _ in results) == [0, 2], results
    (_, built, _), = [r for r in results if r[0] == 0]
    (_, _, refused), = [r for r in results if r[0] == 2]
    assert refused == ("python build.py: error: another build is writing output/ right now. Wait for it to finish, "
                       "then build again.\n")
    _complete(out, built)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".output.lock") == ["output"]


@pytest.mark.parametrize("target", ["content", "templates", ".", ".."])
def test_the_output_folder_cannot_be_a_source(tmp_path: Path, target: str) -> None:
    root = copy_handbook(tmp_path / "handbook", with_templates=True)
    before = tree_digest(tmp_path)

    result = run_cli("--root", str(root), "--out", str(root / target))

    held = root / target if target in ("content", "templates") else root
    assert result.returncode == 2
    assert (f"python build.py: error: the output folder {(root / target).resolve()} is or holds {held.resolve()}, "
            "which the build would delete when it replaces the folder. Choose a folder of its own for the site, "
            "like output/.\n") == result.stderr
    assert tree_digest(tmp_path) == before


def test_a_folder_of_other_files_is_not_replaced(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "minutes.txt").write_text("the only copy", encoding="utf-8")

    result = run_cli("--out", str(notes))

    assert result.returncode == 2
    assert (f"python build.py: error: the output folder {notes} holds files that no build of this handbook wrote "
            "(minutes.txt); the build replaces the folder whole and would delete them. Choose a new or empty folder, "
            "or move those files away.\n") == result.stderr
    assert (notes / "minutes.txt").read_text(encoding="utf-8") == "the only copy"
    assert [p.name for p in notes.iterdir()] == ["minutes.txt"]


def test_an_empty_folder_becomes_the_site(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    assert run_cli("--out", str(tmp_path / "site")).returncode == 0
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("relative", ["../x.html", "da/../../x.html", "/etc/passwd", "", ".", "da/..", "./../x"])
def test_safe_join_refuses_paths_that_leave_the_folder(tmp_path: Path, relative: str) -> None:
    with pytest.raises(ValueError, match="leaves the output folder"):
        safe_join(tmp_path, relative)


def test_every_output_path_comes_from_validated_names_and_stays_inside(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path / "handbook")
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "kort over Århus.png").write_bytes(TINY_PNG)
    (root / "content" / "kontakt-2.da.md").write_text("# Kontakt\n\n![Kort](images/kort%20over%20Århus.png)\n",
                                                        encoding="utf-8")
    folder, problems = HandbookFolder(root), Problems()
    handbook = load_handbook(folder, problems)
    assert handbook is not None, problems.sorted()

    planned = [page.path for page in plan_pages(handbook)]
    assert all(re.fullmatch(r"(da|en)/[a-z0-9][a-z0-9-]*\.html", path) for path in planned), planned
    assert len(set(planned)) == len(planned)
    pages, _ = render_site(handbook, folder.templates, folder.root, problems)
    files = {**pages, **site_files(folder, handbook)}
    assert set(planned) <= set(files) and "content/images/kort over Århus.png" in files
    out = tmp_path / "out"
    for path in files:
        assert re.fullmatch(r"index\.html|sitemap\.xml|(da|en)/[a-z0-9-]+\.html|downloads/[\w.-]+|assets/([\w-]+/)?[\w.-]+"
                            r"|content/[\w .-]+(/[\w .-]+)*",
                            path), path
        assert safe_join(out, path).resolve().is_relative_to(out.resolve())


@pytest.mark.parametrize("snippet", [
    '<a href="javascript:alert(1)">x</a>', '<a href=" JaVa\tScRiPt:alert(1)">x</a>', '<a href="java&#x73;cript:x">x</a>',
    '<img src=x onerror=alert(1)>', '<p ONCLICK="x">', '<iframe src="vbscript:x">', '<a href="data:text/html,x">',
    '<p style="background: url(javascript:x)">', '<meta http-equiv="refresh" content="0;url=https://example.org">',
])
def test_the_script_check_sees_what_a_browser_would_run(snippet: str) -> None:
    assert script_risks(parse_html(snippet))


README_MISTAKES = (
    ("profiles.yaml", "en: Network coordinator\n", "en: Network coordinator: NET\n"),
    ("profiles.yaml", "en: Network coordinator\n", "en: \u201cNetwork coordinator: NET\u201d\n"),  # quotes typed in Word
    ("profiles.yaml", "        title:\n", "\ttitle:\n"),
    ("content/about.da.md", "## Kilde\n", "## Kilde\n\nSe også [rekruttering](rekruttering.md).\n"),
)


def test_the_readme_shows_the_common_errors_as_the_build_prints_them(tmp_path: Path) -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### When the build fails"):]
    shown = re.findall(r"```text\n(.*?)\n```", section, re.S)[:len(README_MISTAKES)]
    for number, (file, old, new) in enumerate(README_MISTAKES):
        root = copy_handbook(tmp_path / str(number))
        replace_once(root / file, old, new)
        result = run_cli("check", "--root", str(root))
        assert result.returncode == 1
        assert result.stderr.splitlines()[0] == shown[number]


def _file_size_limit(limit: int) -> Callable[[], None]:
    """For a child process: files may grow to `limit` bytes, then writing fails as on a full disk."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write with EFBIG instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_build_that_cannot_write_leaves_the_previous_site(tmp_path: Path, built_site: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(built_site, out)
    (out / "da" / "net.html").write_text("an older page", encoding="utf-8")  # so the build has 12 KB to write
    before = tree_digest(out)

    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "--out", str(out)], cwd=PROJECT,
                            capture_output=True, text=True, timeout=300, preexec_fn=_file_size_limit(4096),
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})

    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"python build.py: error: cannot write the new site next to {out} (File too large); the "
                             "previous site was left as it was. Free some space, or choose another folder with --out.\n")
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.lock", "output"]


def test_a_handbook_whose_cache_cannot_be_written_still_builds(tmp_path: Path) -> None:
    """The cache only saves time: a handbook folder where it cannot be kept (here a file stands in its
    place) builds all the same, every time, and says nothing of it."""
    root, out = copy_handbook(tmp_path / "handbook"), tmp_path / "site"
    (root / ".handbook-cache").write_text("not a folder", encoding="utf-8")
    for _ in range(2):
        result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs")
        assert result.returncode == 0, result.stderr
        assert "33 pages (33 rendered)" in result.stdout and not result.stderr
    assert (out / "da" / "net.html").is_file()


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = run_cli("--out", str(tmp_path / "file" / "site"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"python build.py: error: cannot write next to {tmp_path / 'file' / 'site'} (")
    assert "Traceback" not in result.stderr
