"""Reading YAML files into plain values that remember their line numbers.

PyYAML's `safe_load` forgets where each value came from and silently keeps the
last of two duplicate keys. Here the file is composed into PyYAML's node tree and
converted by hand: mappings become `YamlMap` and lists `YamlList`, each knowing the
line of every key or item, duplicate keys are reported, and anchors and aliases
are refused (they are how a small file expands into gigabytes).

Composing that node tree costs seconds for a large profiles.yaml, so a caller that
can do without line numbers until something is wrong asks for `lines=False`: the
file is then read by yaml-rs, a parser in Rust about six times faster, with every
line 0, and only where both parsers are known to give the same values (see
`_read_quickly`). The caller reads the file again with lines when it has a problem
to report.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
import yaml_rs
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..i18n import Message, Text, _
from ..problems import Problems, character_name

MAX_YAML_BYTES = 64_000_000  # a thousand profiles take about 30 MB; far more is a mistake
MAX_PAGE_BYTES = 2_000_000  # a page of the handbook is a few KB
MAX_DEPTH = 40  # the handbook nests about ten levels; PyYAML's composer recurses once per level
_STR_TAG = "tag:yaml.org,2002:str"
# The texts below are searched in 30 MB files: each pattern starts with a literal character
# ("\n" where it means the start of a line), which the regular expression engine finds fast.
# An anchor (&name) or alias (*name): the character after a separator, and something after it.
_ANCHOR_OR_ALIAS = re.compile(r"[&*](?<![^\s\[{,:-].)\S")
_TAG = re.compile(r"!(?<![^\s\[{,:-].)")  # !!binary, !something
_DOCUMENT_MARK = re.compile(r"\n(?:---|\.\.\.)(?:\s|$)")  # a second document, or the end of one
_TAB_INDENT = re.compile(r"\n *\t")
# A line whose content starts MAX_DEPTH columns in or more, after spaces and '- ' or '? ' marks ('- - - x').
# Block nesting takes a column a level (a list under a key none, the key's level one), so a file without
# such a line nests at most twice MAX_DEPTH deep: a depth the fast parsers read without trouble.
_DEEP_LINE = re.compile(r"\n[ \t?-]{%d}" % MAX_DEPTH)
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Characters that come with pasted text and that no text of the handbook needs: control characters
# (PowerPoint's line break U+000B, NUL) and other systems' line separators (NEL, U+2028, U+2029), which
# YAML counts as line breaks where an editor shows none. Tab, newline and carriage return are read as such.
_LINE_SEPARATORS = "\x85\u2028\u2029"
_STRAY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_ORDINARY_BYTES = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100)) + b"\t\n\r"  # all but C0 controls and DEL
_C1_IN_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
MAX_STRAY_REPORTED = 10
MAX_TABS_REPORTED = 10
_CURLY_QUOTES = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a"  # “ ” „ ‟ ‘ ’ ‚ ‛ « » ‹ ›
_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
# A key with a leading zero ('010:', '0o10:') is a different number in YAML 1.1 (octal) and 1.2.
_LEADING_ZERO_KEY = re.compile(r"\n[ -]*[-+]?0[0-9_o][0-9_]*[ \t]*:")
_SCALAR_KINDS = {"int": _("a whole number"), "float": _("a number"), "bool": _("a yes/no value"), "timestamp": _("a date")}
# PyYAML's words for the syntax errors editors make most, so that they can be translated; others are shown as PyYAML says them.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": _("mapping values are not allowed here"),
    "could not find expected ':'": _("could not find expected ':'"),
    "expected <block end>, but found '<block mapping start>'": _("expected <block end>, but found '<block mapping start>'"),
    "expected <block end>, but found '-'": _("expected <block end>, but found '-'"),
    "found character that cannot start any token": _("found character that cannot start any token"),
}


class YamlMap(dict):
    """A YAML mapping with string keys; `line` is where it starts, `key_lines` where each key is."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A YAML sequence; `line` is where it starts, `item_lines` where each item is."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases as it composes, before anything expands, and deep nesting."""

    depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        if self.depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=_("the blocks and lists are nested more than {depth} levels deep", depth=MAX_DEPTH),
                problem_mark=event.start_mark,
            )
        if isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(
                problem=_("the alias '*{anchor}' is not allowed in the handbook", anchor=event.anchor),
                problem_mark=event.start_mark,
            )
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem=_("the anchor '&{anchor}' is not allowed in the handbook", anchor=event.anchor),
                problem_mark=event.start_mark,
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def read_text(path: Path, rel: str, problems: Problems, limit: int = MAX_YAML_BYTES) -> str | None:
    """The file's text as UTF-8 in NFC, or None with a problem explaining why it cannot be read.

    Notepad's byte-order mark is skipped; line endings become '\\n'; each stray control character or
    foreign line separator is reported at its line and read as a space, so that the rest of the file is
    still checked, at the lines an editor shows.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(rel, 0, _("cannot be read ({reason}). Check that the file exists and is readable.",
                                 reason=error.strerror or str(error)))
        return None
    if len(data) > limit:
        problems.error(rel, 0, _("is {size} bytes, more than the {limit} allowed. Split or shorten it.",
                                 size=f"{len(data):,}", limit=f"{limit:,}"))
        return None
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]  # "UTF-8 with BOM", as Notepad saves: the mark only says the file is UTF-8
    if data.startswith(_UTF16_BOMS) or data.count(b"\x00") * 4 > len(data):  # every other byte 0: UTF-16
        problems.error(rel, 1, _("is saved as UTF-16 (\"Unicode\" in Notepad and Word), not UTF-8. Save it again with "
                                 "the encoding UTF-8."))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.error(rel, line, _("is not valid UTF-8 (byte {byte}). Save the file as UTF-8.", byte=f"{data[error.start]:#04x}"))
        return None
    if not unicodedata.is_normalized("NFC", text):
        # An å typed is one character; copied from a PDF or a Mac it may be a + a combining ring: make them one,
        # so that it sorts, links and searches as the letter it is.
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # a lone CR ends a line in every editor
    return _stray_characters_reported(text, rel, problems) if _may_hold_stray(data) else text


def _may_hold_stray(data: bytes) -> bool:
    """Whether the UTF-8 `data` may hold a character of _STRAY: a quick test of the bytes, five times faster
    than searching the text."""
    return bool(data.translate(None, _ORDINARY_BYTES) or b"\xe2\x80\xa8" in data or b"\xe2\x80\xa9" in data
                or _C1_IN_UTF8.search(data))


def _stray_characters_reported(text: str, rel: str, problems: Problems) -> str:
    """`text` with each stray control character and foreign line separator reported and made a space."""
    line, counted_to, last_line, reported = 1, 0, 0, 0
    for found in _STRAY.finditer(text):
        line += text.count("\n", counted_to, found.start())
        counted_to = found.start()
        if line == last_line:
            continue  # one message a line is enough to find it
        last_line = line
        reported += 1
        if reported > MAX_STRAY_REPORTED:
            problems.error(rel, line, _("contains more invisible control characters from here on. Delete them too."))
            break
        char = found[0]
        if char in _LINE_SEPARATORS:
            problems.error(rel, line, _("contains the invisible line break {character}, which comes with text copied "
                                        "from web pages and other programs; editors do not show it, and it would shift "
                                        "every later line number. Delete it, and press Enter where a new line is meant.",
                                        character=character_name(char)))
        else:
            problems.error(rel, line, _("contains the invisible control character {character}, which the handbook does "
                                        "not allow. Delete it; it often comes with text copied from another program.",
                                        character=f"U+{ord(char):04X}"))
    return _STRAY.sub(" ", text)


def load_yaml(path: Path, rel: str, problems: Problems, lines: bool = True) -> Any:
    """The YAML document in `path` as located values; None (with problems added) if unusable.

    With `lines=False` the values may come without their lines (all 0, see `has_lines`),
    read faster; read again with lines to report a problem.
    """
    text = read_text(path, rel, problems)
    if text is None:
        return None
    if not text.strip():
        problems.error(rel, 1, _("is empty. Restore its content (see the README's editor's guide)."))
        return None
    if _TAB_INDENT.search("\n" + text):
        text = _tab_indents_reported(text, rel, problems)
    if not lines:
        quick = _read_quickly(text)
        if quick is not None:
            return quick
    root = _compose_with_libyaml(text)
    if root is not None:
        return _Converter(rel, problems).convert(root)
    for _attempt in range(MAX_TABS_REPORTED + 1):
        try:
            loader = _NoAliasLoader(text)  # checks every character first
        except yaml.reader.ReaderError as error:
            line = text[: error.position].count("\n") + 1
            problems.error(rel, line, _("contains the invisible character {character}, which YAML does not allow. "
                                        "Delete it; it often comes with text copied from another program.",
                                        character=f"U+{error.character:04X}"))
            return None
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            loader.dispose()
            mark = error.problem_mark or error.context_mark
            problem = error.problem if isinstance(error.problem, str) else ""
            if mark is not None and "'\\t'" in problem and text[mark.index:mark.index + 1] == "\t":
                # A tab inside a line, which PyYAML does not allow: say so and read on with a space there.
                problems.error(rel, mark.line + 1, _("contains a tab, which YAML does not allow outside quotes. "
                                                     "Replace it with a space."))
                text = text[:mark.index] + " " + text[mark.index + 1:]
                continue
            _syntax_error(text, rel, mark.line + 1 if mark else 0, error, problems)
            return None
        except yaml.YAMLError as error:
            loader.dispose()
            problems.error(rel, 0, _("YAML syntax error: {problem}. Check the indentation and quoting.", problem=str(error)))
            return None
        break
    else:
        problems.error(rel, 0, _("has more than {count} tabs. Replace every tab with spaces; most editors can show tabs "
                                 "and convert them.", count=MAX_TABS_REPORTED))
        return None
    if root is None or (isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null"):  # '~', '---'
        problems.error(rel, 1, _("holds no data. Restore its content (see the README's editor's guide)."))
        return None
    try:
        return _Converter(rel, problems).convert(root)
    finally:
        loader.dispose()


def _syntax_error(text: str, rel: str, line: int, error: yaml.MarkedYAMLError, problems: Problems) -> None:
    """Report a syntax error at the line to fix, with the hint that fits it best."""
    unclosed = _unclosed_quote_line(text, line)
    if unclosed:
        curly = _curly_quote(text.split("\n")[unclosed - 1].rstrip()[-1:])
        if curly:
            problems.error(rel, unclosed, _("YAML syntax error: the quoted text that starts on this line has no closing "
                                            "quote. It ends with the curly quote {curly} (as Word writes it), which YAML "
                                            "does not read as a quote: type a straight quote \" there.", curly=curly))
        else:
            problems.error(rel, unclosed, _("YAML syntax error: the quoted text that starts on this line has no closing "
                                            "quote. Add the closing quote at the end of the text."))
        return
    lines = text.split("\n")
    value = _LINE_VALUE.match(lines[line - 1] if 0 < line <= len(lines) else "")
    opening = _curly_quote(value.group(1)[:1]) if value else None
    if opening:
        problems.error(rel, line, _("YAML syntax error: {problem}. The text starts with the curly quote {opening} (as "
                                    "Word writes it), which YAML does not read as a quote: put the text in straight "
                                    "quotes, \"like this\".", problem=_yaml_problem(error.problem or ""), opening=opening))
        return
    problems.error(rel, line, _("YAML syntax error: {problem}. {hint}", problem=_yaml_problem(error.problem or ""),
                                hint=_syntax_hint(error)))


def _curly_quote(char: str) -> str | None:
    return char if char and char in _CURLY_QUOTES else None


def _tab_indents_reported(text: str, rel: str, problems: Problems) -> str:
    """Report each line indented with a tab, and read on with the tab as the spaces it most likely stands for:
    the width (4, 2 or 8) that lines the line up with the line above or below, else 4, as most editors show it."""
    lines = text.split("\n")
    reported = 0
    for index, line in enumerate(lines):
        content = line.lstrip(" \t")
        indent = line[: len(line) - len(content)]
        if "\t" not in indent:
            continue
        if content and not content.startswith("#") and reported < MAX_TABS_REPORTED:
            problems.error(rel, index + 1, _("is indented with a tab. YAML needs spaces: replace the tab with spaces."))
            reported += 1
        near = _columns(lines[index - 1] if index else "") | _columns(lines[index + 1] if index + 1 < len(lines) else "")
        width = next((width for width in (4, 2, 8) if len(indent.expandtabs(width)) in near), 4)
        lines[index] = indent.expandtabs(width) + content
    return "\n".join(lines)


def _columns(line: str) -> set[int]:
    """The columns where a line's content starts: after its indentation and after each '- ' item mark."""
    content = line.lstrip(" ")
    column = len(line) - len(content)
    columns = {column}
    while content.startswith("- "):
        rest = content[2:].lstrip(" ")
        column += len(content) - len(rest)
        content = rest
        columns.add(column)
    if content.rstrip().endswith(":"):
        columns.add(column + 2)  # a block under a key is indented further
    return columns


def has_lines(document: Any) -> bool:
    """Whether `document`, from `load_yaml`, knows the lines of its values."""
    return not isinstance(document, (YamlMap, YamlList)) or document.line > 0


def _needs_pure_python(text: str) -> bool:
    """Whether only the pure-Python loader may read `text`: it has an anchor or alias, flow brackets
    (which nest without indenting) or a line that starts deep (indentation and item marks, '- - - x'),
    so a parser in C or Rust could expand it or recurse deeply (and crash) before anything is checked."""
    return ("[" in text or "{" in text or _DEEP_LINE.search("\n" + text) is not None
            or (("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text) is not None))


def _read_quickly(text: str) -> YamlMap | YamlList | None:
    """The document read by yaml-rs, every line 0; None where it might differ from PyYAML's reading
    or the text has a problem, which the located reading then reports in PyYAML's words."""
    lines = "\n" + text
    if (_needs_pure_python(text) or ("!" in text and _TAG.search(text)) or _DOCUMENT_MARK.search(lines) or _NOT_PRINTABLE.search(text)
            or _LEADING_ZERO_KEY.search(lines)):
        return None
    try:
        document = yaml_rs.loads(text, parse_datetime=True)  # refuses duplicate keys
    except (yaml_rs.YAMLDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, (dict, list)):
        return None
    reader = _Unlocated()
    try:
        converted = reader.convert(document)
    except _Differs:
        return None
    if any(_unquoted(text, value) for value in reader.suspects) or (
            reader.dates and {(d.year, d.month, d.day) for d in reader.dates} & _quoted_dates(text)):
        return None
    return converted


_QUOTED_DATE = re.compile(r"""['"](\d{4})-(\d{1,2})-(\d{1,2})""")


def _quoted_dates(text: str) -> set[tuple[int, int, int]]:
    """Every date that may stand in quotes in `text`, in any of the ways YAML writes it (2026-01-05, 2026-1-5),
    as (year, month, day): a text to PyYAML, where yaml-rs reads a date. One pass over the text, however many
    dates it holds (a register of a thousand partnerships holds thousands)."""
    return {(int(year), int(month), int(day)) for year, month, day in _QUOTED_DATE.findall(text)}


def _unquoted(text: str, value: str) -> bool:
    """Whether `value` may stand unquoted as a whole key or value somewhere in `text`: after the start
    of a line, a ':', '?' or '-', and before the end of the line, a ': ' or a comment."""
    for found in re.finditer(re.escape(value), text):  # a literal first: found fast in a large file
        line_start = text.rfind("\n", 0, found.start()) + 1
        line_end = text.find("\n", found.end())
        before = text[line_start:found.start()].rstrip(" \t")
        after = text[found.end():len(text) if line_end < 0 else line_end].lstrip(" \t")
        if (not before or before[-1] in ":?-") and (not after or after[0] == "#" or after == ":"
                                                     or after.startswith((": ", ":\t"))):
            return True
    return False


class _Differs(Exception):
    """A value that PyYAML would read as something else."""


class _Unlocated:
    """Turns yaml-rs's dicts and lists into YamlMap and YamlList without lines, checking each scalar
    against PyYAML's reading. A text that YAML 1.1 would read as another kind unless quoted (yes, no,
    on, off, 1:30, 2026.1) is a suspect, to be looked for unquoted in the text; a number whose
    YAML 1.2 reading may differ (012, 0o12, 1e3) gives up at once."""

    def __init__(self) -> None:
        resolver = yaml.resolver.Resolver()
        self.implicit = resolver.yaml_implicit_resolvers
        self.resolve = resolver.resolve
        self.suspects: set[str] = set()
        self.dates: set[datetime.date] = set()  # yaml-rs reads '2026-11-25' in quotes as a date, too

    def convert(self, value: Any) -> Any:
        if isinstance(value, str):
            if value and value[0] in self.implicit and self.resolve(ScalarNode, value, (True, False)) != _STR_TAG:
                self.suspects.add(value)
            return value
        if isinstance(value, dict):
            mapping = YamlMap(0)
            for key, item in value.items():
                if isinstance(key, str):
                    self.convert(key)
                elif not isinstance(key, int) or isinstance(key, bool):
                    raise _Differs(key)  # the located reading says what is wrong with the key
                mapping[str(key)] = self.convert(item)
            return mapping
        if isinstance(value, list):
            items = YamlList(0)
            items.extend(self.convert(item) for item in value)
            items.item_lines = [0] * len(items)
            return items
        if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
            raise _Differs(value)  # 012 is 10 in YAML 1.1; the handbook's texts and dates hold no numbers
        if isinstance(value, datetime.datetime):
            raise _Differs(value)  # the handbook holds dates only; PyYAML says what is wrong with a time
        if isinstance(value, datetime.date):
            self.dates.add(value)
        return value  # None, true/false, dates: read alike, unless quoted


def _compose_with_libyaml(text: str) -> Node | None:
    """The node tree by libyaml, about ten times faster than PyYAML's own parser; None where the
    text needs the pure-Python loader, which refuses anchors, aliases and deep nesting as it
    goes and words every syntax error the same way."""
    if not yaml.__with_libyaml__ or _needs_pure_python(text):
        return None
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None  # read again by the pure-Python loader, for the message
    finally:
        loader.dispose()
    if root is None or (isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
        return None  # an empty document: the pure-Python loader says so
    return root


_LINE_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+:\s+)?(.*)$")  # what follows a line's key or item mark
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[\w-]+:\s+)?(["'])(.*)$""")


def _unclosed_quote_line(text: str, error_line: int) -> int | None:
    """The last line up to the error whose quoted value is not closed on that line.

    YAML lets a quoted text run over several lines, so a forgotten closing quote is
    only noticed lines later; the line that opened the quote is what to fix.
    """
    found = None
    for number, line in enumerate(text.splitlines()[:error_line], start=1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        closing = rest.replace("\\\\", "").replace("\\" + quote, "") if quote == '"' else rest.replace("''", "")
        if quote not in closing:
            found = number
    return found


def _yaml_problem(problem: Text) -> Text:
    """PyYAML's description of a syntax error, translated where it is one we know (or our own)."""
    return _YAML_PROBLEMS.get(problem, problem) if isinstance(problem, str) else problem


def _syntax_hint(error: yaml.MarkedYAMLError) -> Text:
    problem = error.problem.msgid if isinstance(error.problem, Message) else error.problem or ""
    if "alias" in problem or "anchor" in problem:
        return _("Write the text out in full instead of referring to it.")
    if "nested" in problem:
        return _("Check the indentation and the brackets: the handbook needs only a few levels.")
    if "mapping values" in problem:
        return _("Put texts that contain ': ' in quotes, and check the indentation.")
    if "found character" in problem and "\\t" in problem:
        return _("Replace the tab with spaces.")
    return _("Check the indentation of this line and the one before, and put texts with special characters in quotes.")


class _Converter:
    """Turns PyYAML nodes into YamlMap, YamlList and scalars, reporting duplicate keys."""

    def __init__(self, rel: str, problems: Problems):
        self.rel = rel
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: Node) -> Any:
        line = node.start_mark.line + 1
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            items = YamlList(line)
            for child in node.value:
                items.append(self.convert(child))
                items.item_lines.append(child.start_mark.line + 1)
            return items
        if isinstance(node, MappingNode):
            return self.mapping(node, line)
        raise TypeError(f"unexpected YAML node {node!r}")

    def mapping(self, node: MappingNode, line: int) -> YamlMap:
        mapping = YamlMap(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = self.scalar(key_node) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                self.problems.error(self.rel, key_line, _("a key must be a plain word. Write it as 'name: value'."))
                continue
            key = str(key)
            if key in mapping:
                self.problems.error(
                    self.rel,
                    key_line,
                    _("the key '{key}' appears twice in the same block (first on line {first}). Remove or rename one "
                      "of them.", key=key, first=mapping.key_lines[key]),
                )
                continue
            mapping[key] = self.convert(value_node)
            mapping.key_lines[key] = key_line
        return mapping

    def scalar(self, node: ScalarNode) -> Any:
        """A scalar with YAML's usual meaning: dates become dates, numbers numbers."""
        if node.tag == _STR_TAG:
            return node.value  # most values are texts: no need for the constructor's machinery
        line = node.start_mark.line + 1
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            self.problems.error(self.rel, line, _("{problem}. Put the value in quotes.", problem=error.problem or ""))
            return None
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as error:
            # PyYAML recognised the value's kind but could not build it: 2026-13-45, !!int abc
            self.problems.error(self.rel, line, self._unreadable(node, error))
            return None
        if isinstance(value, bytes):
            self.problems.error(self.rel, line, _("binary data (!!binary) is not allowed. Write the value as text."))
            return None
        return value

    @staticmethod
    def _unreadable(node: ScalarNode, error: Exception) -> Text:
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        kind = node.tag.rpartition(":")[2]
        if kind == "timestamp" and isinstance(error, ValueError):
            return _("'{shown}' is not a real date ({reason}). Write the date as YYYY-MM-DD, for example 2026-11-25, or "
                     "put the value in quotes if it is meant as text.", shown=shown, reason=str(error))
        return _("'{shown}' cannot be read as {kind}. Put it in quotes if it is meant as text.", shown=shown,
                 kind=_SCALAR_KINDS.get(kind) or _("a value"))
