"""Build the competence handbook: `python build.py --help` lists the commands and options."""

import importlib.util
import sys

# The libraries the build imports, by module name. Looked for before anything imports them, so a
# Python without them (the virtual environment not activated) gets a hint instead of a traceback.
REQUIRED_MODULES = ("jinja2", "markdown", "yaml", "yaml_rs", "nh3", "weasyprint", "watchfiles", "pagefind")


def missing_modules() -> list[str]:
    return [name for name in REQUIRED_MODULES if importlib.util.find_spec(name) is None]


if __name__ == "__main__":
    if missing_modules():
        from handbook.environment import not_installed_hint  # standard library only

        print(not_installed_hint(missing_modules(), sys.argv[1:]), file=sys.stderr)
        sys.exit(2)
    from handbook.cli import run

    run()
