"""Generated input: the only outcomes are a good build or the project's own, located errors.

Hypothesis writes YAML documents (random values, values shaped like the
handbook, raw text and bytes, and mutations of the real profiles.yaml) and
Markdown (random mixtures of Markdown and HTML syntax) and feeds them to the
loader, the renderer and the whole pipeline in-process. Any other exception is
a bug; so is rendered Markdown that could run script.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, TINY_PNG, copy_handbook
from html_pages import ACTIVE_TAGS, parse_html, script_risks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.build.pipeline import BuildOptions, HandbookFolder, build, load_handbook
from handbook.problems import ContentError, Problem, Problems
from handbook.site.plan import plan_pages
from handbook.sources.markdown import MarkdownRenderer
from handbook.sources.schema import read_profiles
from handbook.sources.yaml_source import has_lines, load_yaml
from handbook.write.output import safe_join

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REAL_PROFILES = (PROJECT / "profiles.yaml").read_text(encoding="utf-8")
HANDBOOK_KEYS = ("version", "date", "profiles", "recruitment", "onboarding", "code", "name", "summary", "lead",
                 "competences", "title", "description", "questions", "question", "probes", "interview_levels", "levels",
                 "task", "owner", "due", "points", "da", "en", "1", "3", "5")
HANDBOOK_WORDS = ("NET", "NET-1", "REC-1", "Q1", "../x", "day 0", "week -2", "manager", "2026-11-25", "2026-02-30", "yes",
                  "~", "0x1F", "1e400", "<script>alert(1)</script>", "javascript:alert(1)", "{{ 7*7 }}")
YAML_SYNTAX = ("\n", "  ", "- ", ": ", "? ", "&a ", "*a", "!!int ", "!!binary ", "!!python/name:os.system ", "%YAML 1.1\n",
               "---\n", "...\n", "|\n", ">\n", "'", '"', "[", "]", "{", "}", ", ", "#", "\t", "\ufeff", "\\x", "\x00",
               "\x85", "\u2028", "@", "`", "da", "en", "code", "NET")
MARKDOWN_SYNTAX = ("\n", "\n\n", "# ", "## ", "    ", "> ", "- ", "1. ", "* ", "_", "**", "`", "```", "---", "|", ":-",
                   "[x](", "](", ")", "[", "]", "![a](", "[r]: ", "<", ">", "</", "script", "iframe", "img src=x ",
                   "onerror=", "onclick=", "{", "}", "{: ", "#id", ".cls", '"', "'", "javascript:", "java&#x73;cript:",
                   "&#106;", "vbscript:", "data:text/html,", "//example.org", "https://example.org", "mailto:a@b.c",
                   "about.md", "net.html#NET-1", "images/logo.png", "../", "%2e%2e/", "&amp;", "&lt;", "\\", "\t",
                   "\x00", "\x02", "\x03", "wzxhzdk:0", "å", "\u202e")

scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
           | st.dates(min_value=datetime.date(1, 1, 1)) | st.sampled_from(HANDBOOK_WORDS))
keys = st.sampled_from(HANDBOOK_KEYS) | st.text(max_size=8)
yaml_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                           max_leaves=30)
yaml_syntax = st.lists(st.sampled_from(YAML_SYNTAX) | st.text(max_size=4), max_size=40).map("".join)
markdown_text = st.lists(st.sampled_from(MARKDOWN_SYNTAX) | st.text(max_size=6), max_size=50).map("".join)


@st.composite
def mutated_profiles(draw: st.DrawFn) -> str:
    """The real profiles.yaml with a few lines deleted, duplicated, re-indented, swapped or edited."""
    lines = REAL_PROFILES.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(("delete", "duplicate", "indent", "dedent", "swap", "insert", "replace")))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][2:] if lines[index].startswith("  ") else lines[index].lstrip()
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            token = draw(st.sampled_from(YAML_SYNTAX + HANDBOOK_WORDS) | st.text(max_size=4))
            lines[index] = line[:at] + token + line[at + (action == "replace"):]
    return "".join(lines)


def assert_located(problems: list[Problem], file: str | None = None) -> None:
    """The project's own kind of report: each problem names a file and a line and says what to do."""
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file and (file is None or problem.file == file), problem
        assert isinstance(problem.line, int) and problem.line >= 0, problem
        message = str(problem.message)
        assert message.strip() and "Traceback" not in message, problem
        assert problem.severity in ("error", "warning"), problem


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("generated")


def load_profiles(path: Path, data: bytes) -> None:
    """Write `data` as profiles.yaml and validate it as the build does."""
    path.write_bytes(data)
    problems = Problems()
    profiles = read_profiles(load_yaml(path, "profiles.yaml", problems), "profiles.yaml", problems)
    assert_located(problems.items, "profiles.yaml")
    assert (profiles is None) == bool(problems.errors), problems.items


@FAST
@given(document=yaml_values)
def test_any_yaml_document_is_read_or_reported(scratch: Path, document: object) -> None:
    text = yaml.safe_dump({"version": "1", "profiles": document} if isinstance(document, list) else document,
                          allow_unicode=True)
    load_profiles(scratch / "profiles.yaml", text.encode("utf-8"))


@FAST
@given(text=yaml_syntax)
def test_any_text_is_read_or_reported(scratch: Path, text: str) -> None:
    load_profiles(scratch / "profiles.yaml", text.encode("utf-8", "surrogatepass"))


@FAST
@given(data=st.binary(max_size=200))
def test_any_bytes_are_read_or_reported(scratch: Path, data: bytes) -> None:
    load_profiles(scratch / "profiles.yaml", data)


@FAST
@given(text=mutated_profiles())
def test_any_edit_of_the_real_profiles_is_read_or_reported(scratch: Path, text: str) -> None:
    load_profiles(scratch / "profiles.yaml", text.encode("utf-8", "surrogatepass"))


yaml_dumps = yaml_values.map(lambda value: yaml.safe_dump(value, allow_unicode=True))


@FAST
@given(text=yaml_syntax | mutated_profiles() | yaml_dumps)
def test_the_quick_reading_is_the_located_one_or_gives_way(scratch: Path, text: str) -> None:
    """Read without lines (by yaml-rs), a document must give the values PyYAML gives, and no problem
    PyYAML would report may pass unseen: the build trusts a quick reading that leaves no problems, and
    reads again with lines when it leaves one."""
    path = scratch / "profiles.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    quick_problems, located_problems = Problems(), Problems()
    quick = load_yaml(path, "profiles.yaml", quick_problems, lines=False)
    located = load_yaml(path, "profiles.yaml", located_problems)
    if has_lines(quick):
        return  # it gave way to the located reading
    if quick_problems.items:  # found before the reading (a stray character): the build reads again with lines
        assert [p.message for p in quick_problems.items] == [p.message for p in located_problems.items]
        return
    assert not located_problems.items, located_problems.items
    assert quick == located


@pytest.fixture(scope="module")
def renderer(scratch: Path) -> MarkdownRenderer:
    content = scratch / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "logo.png").write_bytes(TINY_PNG)
    return MarkdownRenderer(content, {"about", "index", "net"}, Problems())


@FAST
@given(text=markdown_text)
def test_any_markdown_renders_to_html_that_cannot_run_script(renderer: MarkdownRenderer, text: str) -> None:
    renderer.problems = Problems()
    rendered = renderer.render(text, "content/about.da.md")
    assert_located(renderer.problems.items, "content/about.da.md")
    page = parse_html(rendered.html)
    assert not {e.tag for e in page.elements} & ACTIVE_TAGS, rendered.html
    assert script_risks(page) == [], rendered.html
    assert all(not asset.startswith(("/", "..")) for asset in rendered.assets)


@pytest.fixture(scope="module")
def generated_handbook(scratch: Path) -> Path:
    return copy_handbook(scratch / "handbook")


def build_in_process(root: Path) -> None:
    """A whole check build; success, or ContentError with located problems, and nothing else."""
    try:
        report = build(HandbookFolder(root), out_dir=None, options=BuildOptions())
    except ContentError as error:
        assert_located(error.problems)
        assert any(p.severity == "error" for p in error.problems)
    else:
        assert_located(report.problems.items)


@SLOW
@given(profiles=mutated_profiles(), about=markdown_text, ui_edit=st.sampled_from(YAML_SYNTAX + HANDBOOK_WORDS))
def test_any_handbook_builds_or_is_reported(generated_handbook: Path, profiles: str, about: str, ui_edit: str) -> None:
    root = generated_handbook
    (root / "profiles.yaml").write_text(profiles, encoding="utf-8", errors="surrogatepass")
    (root / "content" / "about.da.md").write_text("# Om\n\n" + about, encoding="utf-8", errors="surrogatepass")
    ui = (PROJECT / "content" / "ui.yaml").read_text(encoding="utf-8")
    (root / "content" / "ui.yaml").write_text(ui.replace("  en: Skip to content", "  en: " + ui_edit), encoding="utf-8")
    build_in_process(root)


@SLOW
@given(code=st.text(max_size=14) | st.from_regex(r"[A-Z][A-Z0-9]{1,9}", fullmatch=True))
def test_output_paths_come_only_from_valid_codes(generated_handbook: Path, code: str) -> None:
    root = generated_handbook
    shutil.copy(PROJECT / "content" / "about.da.md", root / "content" / "about.da.md")
    shutil.copy(PROJECT / "content" / "ui.yaml", root / "content" / "ui.yaml")
    quoted = '"' + code.replace("\\", "\\\\").replace('"', '\\"') + '"'
    (root / "profiles.yaml").write_text(REAL_PROFILES.replace("  - code: NET\n", f"  - code: {quoted}\n")
                                        .replace("code: NET-", f"code: {quoted[:-1]}-"), encoding="utf-8",
                                        errors="surrogatepass")
    problems = Problems()
    handbook = load_handbook(HandbookFolder(root), problems)
    assert_located(problems.items)
    if handbook is None:
        return
    assert re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", code)
    out = root / "output"
    for page in plan_pages(handbook):
        assert re.fullmatch(r"(da|en)/[a-z0-9][a-z0-9-]*\.html", page.path), page.path
        assert safe_join(out, page.path).resolve().is_relative_to(out.resolve())
