"""Build the competence handbook: `python build.py --help` lists the commands and options."""

from handbook.cli import run

if __name__ == "__main__":
    run()
