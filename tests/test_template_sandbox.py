"""Templates from someone else (`--root`) reach the handbook's data and nothing else.

Every known way out of Jinja's sandbox, tried from a template with the context a real
page gets: each must fail as a located template error, never hand the template a class,
a module, a function's globals or a file. Then the same through the real command line,
and a check that no data helper of any of the handbook's data objects returns Python's
internals, whatever a template passes it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT, copy_handbook, run_cli, tree_digest
from test_bad_input import replace_once

import handbook
from handbook.build.pipeline import HandbookFolder, load_handbook
from handbook.pdf.checklists import plan_checklists
from handbook.problems import Problems
from handbook.render.templates import data_attributes, render_template
from handbook.site.pages import _PageRenderer
from handbook.site.plan import plan_pages

SECRET = "the-secret-in-a-file-outside"
GLOBALS = "t.get('__class__').get(t.get('__init__'), '__globals__')"

# What a template would write to get out: each must be refused.
ESCAPES = {
    "getattr through Text.get": "{{ t.get('__class__') }}",
    "Text.get called on another object": "{{ " + GLOBALS + " }}",
    "open() through Text.get": "{{ " + GLOBALS + "['__builtins__']['open']('SECRET').read() }}",
    "language_of with a dunder": "{{ t.language_of('__init__') }}",
    "the object's __dict__": "{{ t.get('__dict__') }}",
    "pickling's __reduce_ex__": "{{ t.get('__reduce_ex__')(2) }}",
    "attr filter on a helper": "{{ (t|attr('get'))('__class__') }}",
    "subscript instead of a dot": "{{ profile['__class__'] }}",
    "__class__.__mro__": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "|attr('__class__')": "{{ t|attr('__class__') }}",
    "str.format reaching attributes": "{{ '{0.__class__.__init__.__globals__}'.format(t) }}",
    "str.format_map": "{{ '{x.__class__}'.format_map({'x': t}) }}",
    "format through |attr": "{{ ('{0.__class__}'|attr('format'))(t) }}",
    "the format filter": "{{ '%s'|format(t.__class__) }}",
    "Markup formatting": "{{ text(t).format(t) }}{{ text(t).__html_format__ }}",
    "Markup.format reaching attributes": "{{ ('{0.__class__}'|safe).format(t) }}",
    "cycler's globals": "{{ cycler.__init__.__globals__ }}",
    "joiner's globals": "{{ joiner.__init__.__globals__ }}",
    "namespace's globals": "{{ namespace.__init__.__globals__ }}",
    "self.__init__": "{{ self.__init__.__globals__ }}",
    "self._TemplateReference__context": "{{ self._TemplateReference__context }}",
    "lipsum's globals": "{{ lipsum.__globals__['os'] }}",
    "range's module": "{{ range.__module__ }}{{ range.__globals__ }}",
    "a huge range": "{{ range(10000000)|length }}",
    "the loop object": "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
    "a macro's globals": "{% macro m() %}{% endmacro %}{{ m._func.__globals__ }}",
    "a helper's globals": "{{ text.__func__.__globals__ }}",
    "a helper's object": "{{ format_date.__self__ }}",
    "a lambda's closure": "{{ url.__closure__ }}",
    "getattr by the dataclass fields": "{{ t.get('__dataclass_fields__') }}",
    "the class by Text.get": "{{ t.get('__class__')('x', 'y') }}",
    "a date's class": "{{ data.date.__class__.__init__ }}",
    "a generator's frame": "{{ (data.profiles|map(attribute='code')).gi_frame.f_globals }}",
    "changing the data": "{{ ui.clear() }}",
    "changing a list": "{{ data.profiles|list|attr('append') }}{{ handbook.pages.pop('x') }}",
    "a string filling the memory": "{{ 'x' * 10000000000 }}",
    "a list filling the memory": "{{ [1, 2] * 1000000000 }}",
    "a number filling the memory": "{{ 7 ** 999999999 }}",
}


@pytest.fixture(scope="module")
def page_context() -> dict[str, Any]:
    """What the profile page's template sees, plus `t`, a bilingual text."""
    folder, problems = HandbookFolder(PROJECT), Problems()
    book = load_handbook(folder, problems)
    assert book is not None, problems.sorted()
    pages = plan_pages(book)
    renderer = _PageRenderer(book, folder.templates, folder.root, pages, None,
                             {page.path: book.data.date for page in pages})
    page = next(p for p in pages if p.profile is not None)
    return {**renderer._context(page, problems), "t": page.profile.name}


@pytest.mark.parametrize("source", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_cannot_reach_beyond_the_data(tmp_path: Path, page_context: dict[str, Any], source: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>before</p>\n" + source.replace("SECRET", str(secret)) + "\n",
                                         encoding="utf-8")
    renderer = _PageRenderer(page_context["handbook"], templates, tmp_path, [], None, {})
    problems = Problems()

    html = render_template(renderer.env, "page.html", page_context, templates, tmp_path, problems)

    assert html is None, f"rendered: {html[:300]}"
    [problem] = problems.items
    assert problem.file == "templates/page.html" and problem.line == 2, problem
    message = str(problem.message)
    assert SECRET not in message and "0x" not in message


def test_the_handbooks_own_templates_still_render(page_context: dict[str, Any]) -> None:
    renderer = _PageRenderer(page_context["handbook"], PROJECT / "templates", PROJECT, [], None, {})
    problems = Problems()
    html = render_template(renderer.env, "profile.html", page_context, PROJECT / "templates", PROJECT, problems)
    assert html is not None and not problems.items
    assert page_context["profile"].name.get("da") in html


def test_a_template_from_another_handbook_cannot_read_a_file(tmp_path: Path) -> None:
    """Through the real command line: `--root` with a profile template that tries to read a file."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    root = copy_handbook(tmp_path / "handbook", with_templates=True)
    line = replace_once(root / "templates" / "profile.html", "{% block title %}",
                        "{% block title %}{% set t = profile.name %}{{ " + GLOBALS
                        + f"['__builtins__']['open']('{secret}').read() }}}}")
    out = tmp_path / "site"
    assert run_cli("--root", str(copy_handbook(tmp_path / "good")), "--out", str(out), "--no-pdfs").returncode == 0
    before = tree_digest(out)

    result = run_cli("--root", str(root), "--out", str(out), "--no-pdfs")

    assert result.returncode == 1, result.stdout
    assert (f"templates/profile.html:{line}: error: the template failed: there is no language '__class__'; the "
            "languages are da, en.") in result.stderr
    assert SECRET not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert tree_digest(out) == before


def _data_classes() -> list[type]:
    """Every frozen dataclass of the handbook package: the objects whose attributes templates read unchecked."""
    found = []
    for module in pkgutil.walk_packages(handbook.__path__, "handbook."):
        for value in vars(importlib.import_module(module.name)).values():
            if inspect.isclass(value) and value.__module__ == module.name and data_attributes(value):
                found.append(value)
    return found


def test_templates_read_only_fields_and_properties_unchecked() -> None:
    classes = _data_classes()
    assert {"Text", "Profile", "Competence", "Handbook", "SitePage", "Checklist"} <= {c.__name__ for c in classes}
    for cls in classes:
        methods = {name for name, value in vars(cls).items() if inspect.isfunction(value)}
        assert not data_attributes(cls) & methods, cls


HOSTILE_ARGUMENTS = ("__class__", "__init__", "__globals__", "__dict__", "get", "da", "en", "")


def _data_objects(value: Any, seen: set[int]) -> list[Any]:
    """Every data object reachable from `value`, once each."""
    if id(value) in seen:
        return []
    seen.add(id(value))
    found = []
    if data_attributes(type(value)):
        found.append(value)
        value = [getattr(value, name) for name in data_attributes(type(value))]
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple)):
        for item in value:
            found.extend(_data_objects(item, seen))
    return found


def _is_data(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool, type(None))) or data_attributes(type(value)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_data(item) for item in value)
    return isinstance(value, dict) and all(_is_data(k) and _is_data(v) for k, v in value.items())


def test_no_data_helper_hands_a_template_pythons_internals(page_context: dict[str, Any]) -> None:
    """Every public method of every data object a page or checklist sees, called with what a template might pass."""
    book = page_context["handbook"]
    objects = _data_objects([page_context, plan_checklists(book), plan_pages(book)], set())
    called = set()
    for obj in objects:
        for name, method in inspect.getmembers(obj, inspect.ismethod):
            if name.startswith("_"):
                continue
            parameters = len(inspect.signature(method).parameters)
            for argument in HOSTILE_ARGUMENTS if parameters else ("",):
                try:
                    result = method(*[argument] * parameters)
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
                called.add(f"{type(obj).__name__}.{name}")
                assert _is_data(result) and not isinstance(result, types.FunctionType), (obj, name, argument, result)
    assert {"Text.get", "Text.language_of", "Handbook.other_pages", "SitePage.counterpart"} <= called
