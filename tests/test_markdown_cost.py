"""No page can keep Markdown busy for minutes: what would cost too much is refused, at its line, at once.

Python-Markdown's conversion grows with the square of some shapes of text (a paragraph of
'[' took minutes at 30 KB). Through the real command line, `check` over a handbook with one
1 MB page of each pathological shape: every one is refused with its file and line (or, where
harmless, converted), in one run. The subprocess timeout guards against a hang; nothing here
is timed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_handbook, run_cli

from handbook.sources.markdown_cost import costly_part

SIZE = 1_000_000
MARKUP = "has {count} markup characters (* _ ` \\ & < | ! {{ [ ]), more than Markdown can convert in reasonable time " \
         "(at most 10,000). Split it into several pages."
BLOCKS = "has {count} paragraphs, headings, list items and other blocks, more than Markdown can convert in reasonable " \
         "time (at most 5,000). Split it into several pages."
DEEP = "nests quotes or lists, or indents, more than 20 levels (80 columns) deep, more than Markdown can convert. " \
       "Use fewer levels."
BRACKETS = "has a paragraph (from this line on, {length} characters) with '[', '(' or '{{' that are never closed, or " \
           "closed far away: more than Markdown can convert in reasonable time. Close each with ']', ')' or '}}', " \
           "write them as '\\[', '\\(' and '\\{{', or split the paragraph with blank lines."
DENSE = "has a paragraph (from this line on) of {length} characters, dense with markup characters (* _ ` \\ & < | ! " \
        "{{ [ ]): more than Markdown can convert in reasonable time. Split it into shorter paragraphs with blank " \
        "lines between them."

HEAD = "# Side\n\nFørste afsnit.\n\n"  # the costly part starts on line 5

# Page name: (its text after HEAD, the line of the message, the message).
SHAPES = {
    "brackets": ("[" * SIZE, 0, MARKUP.format(count="1,000,000")),
    "stars": ("*" * SIZE, 0, MARKUP.format(count="1,000,000")),
    "underscores": ("_" * SIZE, 0, MARKUP.format(count="1,000,000")),
    "backticks": ("`" * SIZE, 0, MARKUP.format(count="1,000,000")),
    "angles": ("<" * SIZE, 0, MARKUP.format(count="1,000,000")),
    "backslashes": ("\\" * SIZE, 0, MARKUP.format(count="1,000,000")),
    "emphasis": ("*a" * (SIZE // 2), 0, MARKUP.format(count="500,000")),
    "links": ("[a](" * (SIZE // 4), 0, MARKUP.format(count="500,000")),
    "images": ("![" * (SIZE // 2), 0, MARKUP.format(count="1,000,000")),
    "table": ("a|b\n-|-\n" + "x|y\n" * (SIZE // 4), 0, MARKUP.format(count="250,002")),
    "references": ("".join(f"[r{i}]: https://example.org/{i}\n" for i in range(SIZE // 30)), 0,
                   MARKUP.format(count="66,666")),
    "few brackets far apart": ("Tekst ( " + "ord " * (SIZE // 4), 5, BRACKETS.format(length="1,000,007")),
    "an unclosed brace in a heading": ("## Overskrift {" + "." * SIZE, 5, BRACKETS.format(length="1,000,015")),
    "a long paragraph dense with markup": ((("*a* " * 2000) + "x" * 20_000) + "\n\nslut\n", 5,
                                           DENSE.format(length="28,000")),
    "nested lists": ("".join(" " * (4 * level) + "- punkt\n" for level in range(30)) + "tekst\n" * (SIZE // 6), 26,
                     DEEP),
    "nested quotes": (">" * SIZE + " citat\n", 5, DEEP),
    "quote lines": ("".join(">" * level + " citat\n" for level in range(1, 1400)), 25, DEEP),
    "paragraphs": ("a\n\n" * (SIZE // 3), 0, BLOCKS.format(count="333,336")),
    "headings": ("## Samme\n" * (SIZE // 9), 0, BLOCKS.format(count="111,114")),
    "list items": ("- a\n" * (SIZE // 4), 0, BLOCKS.format(count="250,003")),
    "rules": ("---\n\n" * (SIZE // 5), 0, BLOCKS.format(count="400,003")),
}
# Long but harmless: converted, as before.
HARMLESS = {
    "one long line": "x" * SIZE,
    "many lines": "linje\n" * (SIZE // 6),
    "a long code block": "```\n" + "kode\n" * (SIZE // 5) + "```\n",
    "ordinary markup, a lot of it": "Et afsnit med [et link](about.md), *fremhævet* tekst og `kode`.\n\n" * 1000,
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str, int]:
    """`check` over a handbook with a page of every shape: the page of each, and what check said."""
    root = copy_handbook(tmp_path_factory.mktemp("costly") / "handbook")
    files = {}
    for number, (name, text) in enumerate([(n, s[0]) for n, s in SHAPES.items()] + list(HARMLESS.items())):
        files[name] = f"content/shape-{number}.da.md"
        (root / files[name]).write_text(HEAD + text, encoding="utf-8")
    result = run_cli("check", "--root", str(root), timeout=600)  # a guard against a hang, not a timing
    return files, result.stderr, result.returncode


@pytest.mark.parametrize("shape", SHAPES, ids=SHAPES)
def test_a_page_markdown_would_take_minutes_on_is_refused_at_its_line(checked: tuple[dict[str, str], str, int],
                                                                     shape: str) -> None:
    files, stderr, returncode = checked
    _, line, message = SHAPES[shape]
    location = f"{files[shape]}:{line}" if line else files[shape]
    assert f"{location}: error: {message}\n" in stderr, stderr[:3000]
    assert returncode == 1 and "Traceback" not in stderr


@pytest.mark.parametrize("shape", HARMLESS, ids=HARMLESS)
def test_a_long_page_markdown_converts_quickly_is_still_converted(checked: tuple[dict[str, str], str, int],
                                                                  shape: str) -> None:
    files, stderr, _ = checked
    assert not [line for line in stderr.splitlines() if line.startswith(files[shape]) and ": error:" in line]
    assert f"{files[shape]}: warning: is not yet translated" in stderr  # read and converted, and only that said


def test_every_page_of_the_handbook_is_far_within_the_limits() -> None:
    for page in (Path(__file__).resolve().parent.parent / "content").glob("*.md"):
        assert costly_part(page.read_text(encoding="utf-8")) is None, page
        assert costly_part(page.read_text(encoding="utf-8") * 20) is None, page  # twenty times as long, too
