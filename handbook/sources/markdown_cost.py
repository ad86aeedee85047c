"""What a Markdown page would cost Python-Markdown to convert, estimated in linear time before it is converted.

Python-Markdown's inline patterns rescan the rest of a paragraph at each candidate: a page of
`[` characters takes minutes at 30 KB, and so do long paragraphs dense with `*`, `\\`, `|` or
`<`; each markup character costs it tens of microseconds even where nothing is quadratic; and
its block parser recurses once per level of quotes and lists. A page within the limits below
converts in a few seconds at most, at any size the build accepts (a real page: milliseconds);
one beyond them is refused with the line where the costly part starts and what to change.
"""

from __future__ import annotations

import re

MAX_NESTING = 20  # levels of '>' quotes, or of list indentation (four columns a level)
MAX_BLOCKS = 5_000  # paragraphs, headings, list items and other blocks: Markdown's cost grows with their square
MAX_MARKUP = 10_000  # markup characters in a page (the longest page of this handbook has 150)
MAX_BRACKET_SCAN = 1_000_000  # characters scanned for closing brackets, summed over the page
MAX_DENSE_MARKUP = 50_000_000  # markup characters times their paragraph's length, summed over the page
MARKUP = "*_`\\&<|!{[]"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BLOCK_START = re.compile(r"^[ \t>]*(?:[-*+#=|]|\d+[.)]|```|~~~)", re.M)  # a line that may start a block of its own
_BRACKET = re.compile(r"\\.|[\[\](){}]", re.S)
_CLOSING = {"]": "[", ")": "(", "}": "{"}
_QUOTES = re.compile(r"(?:[ ]{0,3}>)+")
_INDENT = re.compile(r"[ \t]*")


def costly_part(text: str) -> tuple[int, str] | None:
    """(line, what is wrong and how to fix it) when converting `text` would cost too much; None if it would not."""
    markup = sum(text.count(character) for character in MARKUP)
    if markup > MAX_MARKUP:
        return 0, (f"has {markup:,} markup characters ({' '.join(MARKUP)}), more than Markdown can convert in "
                   f"reasonable time (at most {MAX_MARKUP:,}). Split it into several pages.")
    breaks = [match.start() for match in _PARAGRAPH_BREAK.finditer(text)]
    blocks = len(breaks) + len(_BLOCK_START.findall(text))
    if blocks > MAX_BLOCKS:
        return 0, (f"has {blocks:,} paragraphs, headings, list items and other blocks, more than Markdown can convert "
                   f"in reasonable time (at most {MAX_BLOCKS:,}). Split it into several pages.")
    line, start, scanned, dense = 1, 0, 0, 0  # line: where the paragraph's text (from `start`) begins
    for end in breaks + [len(text)]:
        paragraph = text[start:end]
        too_deep = _too_deep(paragraph)
        if too_deep is not None:
            return line + too_deep, (f"nests quotes or lists, or indents, more than {MAX_NESTING} levels "
                                     f"({4 * MAX_NESTING} columns) deep, more than Markdown can convert. Use fewer levels.")
        first_line = line + paragraph.count("\n", 0, len(paragraph) - len(paragraph.lstrip()))
        scanned += _bracket_scan(paragraph, MAX_BRACKET_SCAN - scanned)
        if scanned > MAX_BRACKET_SCAN:
            return first_line, (f"has a paragraph (from this line on, {len(paragraph.strip()):,} characters) with '[', '(' or '{{' "
                          "that are never closed, or closed far away: more than Markdown can convert in reasonable "
                          "time. Close each with ']', ')' or '}', write them as '\\[', '\\(' and '\\{', or split the "
                          "paragraph with blank lines.")
        dense += sum(paragraph.count(character) for character in MARKUP) * len(paragraph)
        if dense > MAX_DENSE_MARKUP:
            return first_line, (f"has a paragraph (from this line on) of {len(paragraph.strip()):,} characters, dense with markup "
                          f"characters ({' '.join(MARKUP)}): more than Markdown can convert in reasonable time. Split "
                          "it into shorter paragraphs with blank lines between them.")
        line += text.count("\n", start, end)
        start = end
    return None


def _bracket_scan(paragraph: str, budget: int) -> int:
    """How far Markdown scans from each opening bracket for its partner, summed; stops counting past `budget`."""
    scanned, waiting, waiting_sum = 0, 0, 0  # the unclosed brackets so far: how many, and their positions summed
    open_at: dict[str, list[int]] = {"[": [], "(": [], "{": []}
    for match in _BRACKET.finditer(paragraph):
        character, position = match.group(), match.start()
        if character in open_at:
            open_at[character].append(position)
            waiting, waiting_sum = waiting + 1, waiting_sum + position
        elif character in _CLOSING and open_at[_CLOSING[character]]:
            opened = open_at[_CLOSING[character]].pop()
            scanned += position - opened
            waiting, waiting_sum = waiting - 1, waiting_sum - opened
        if waiting and scanned + waiting * position - waiting_sum > budget:
            return budget + 1  # the scans so far alone are too many
    return scanned + waiting * len(paragraph) - waiting_sum


def _too_deep(paragraph: str) -> int | None:
    """The line (counted from 0) of the paragraph where quotes or list indentation nest too deep, if any."""
    if ">" * MAX_NESTING not in paragraph.replace(" ", "") and " " * (4 * MAX_NESTING) not in paragraph \
            and "\t" * MAX_NESTING not in paragraph:
        return None  # the quick answer for every ordinary page
    for number, text in enumerate(paragraph.split("\n")):
        quotes = _QUOTES.match(text)
        depth = quotes.group().count(">") if quotes else 0
        indent = len(_INDENT.match(text).group().expandtabs(4)) // 4
        if max(depth, indent) > MAX_NESTING:
            return number
    return None
