"""Synthetic handbooks for the benchmark: the real structure at any number of profiles.

`generate(folder, profiles)` writes a handbook folder the build accepts as it is:
`profiles.yaml` with `profiles - 1` roles coded P0001, P0002, … and the all-staff
profile ALL (the checklists treat it specially), each with eight competences
(P0001-1 … P0001-8) that have a Danish and an English title and description,
behavioural questions with probes, rating levels 1, 3 and 5 and onboarding tasks;
the real recruitment points and common onboarding tasks; and `content/` with the
real pages, `ui.yaml` and `checklists.yaml`, plus one extra page pair per ten
profiles. The texts are recombined from the real handbook's own (so their length,
vocabulary and both languages are realistic) and vary from competence to
competence, chosen by a seeded random generator: the same arguments give the
same bytes.

    python bench/generate.py DIR --profiles 300
    python bench/generate.py DIR --profiles 3 --partnerships 1000

With `--partnerships N` it also writes a `partnerships.yaml` of N partnerships (the register),
with five goals, a coordinator per five partnerships and dates spread over five years, so that
every status and review state occurs.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
COMPETENCES_PER_PROFILE = 8
PROFILES_PER_EXTRA_PAGE = 10
ALL_STAFF_CODE = "ALL"  # the code the checklists treat as every role's shared competences
DEFAULT_SEED = 2026

Bilingual = dict[str, str]  # {"da": …, "en": …}

# Roles and places a library system's profiles are named after: (Danish, English).
ROLES: tuple[tuple[str, str], ...] = (
    ("Børnebibliotekar", "Children's librarian"),
    ("Skoleformidler", "School liaison librarian"),
    ("Kulturformidler", "Cultural programme officer"),
    ("Borgerservicemedarbejder", "Citizen services officer"),
    ("Teamleder", "Team leader"),
    ("Digital vejleder", "Digital guide"),
    ("Eventkoordinator", "Events coordinator"),
    ("Lokalhistoriker", "Local historian"),
    ("Makerspace-ansvarlig", "Makerspace lead"),
    ("Læsefremmer", "Reading promoter"),
    ("Frivilligkoordinator", "Volunteer coordinator"),
    ("Kommunikationsmedarbejder", "Communications officer"),
)
PLACES: tuple[tuple[str, str], ...] = (
    ("Hovedbiblioteket", "the main library"),
    ("Filial Nord", "the north branch"),
    ("Filial Syd", "the south branch"),
    ("Bogbussen", "the mobile library"),
    ("Kulturhuset", "the culture centre"),
    ("Borgerservice", "citizen services"),
)
# Who a competence is practised with, to vary texts between roles.
PARTNERS: tuple[tuple[str, str], ...] = (
    ("skolerne", "the schools"),
    ("daginstitutionerne", "the day-care centres"),
    ("foreningerne", "the associations"),
    ("det lokale erhvervsliv", "local businesses"),
    ("kommunens forvaltninger", "the municipal departments"),
    ("museerne og arkiverne", "the museums and archives"),
    ("sprogskolen", "the language school"),
    ("ældreområdet", "services for older people"),
    ("boligsociale projekter", "social housing projects"),
    ("ungdomsuddannelserne", "the upper secondary schools"),
)


@dataclass(frozen=True)
class Generated:
    """What was written: counts the benchmark reports with its timings."""

    folder: Path
    profiles: int
    competences: int
    extra_pages: int  # page pairs beyond the real handbook's own
    profiles_yaml_bytes: int


def generate(folder: Path, profiles: int, seed: int = DEFAULT_SEED) -> Generated:
    """Write a handbook with `profiles` profiles (the last one ALL) into `folder`, which must not exist yet."""
    if profiles < 2:
        raise ValueError("a synthetic handbook needs at least 2 profiles: one role and the all-staff profile ALL")
    real = yaml.safe_load((PROJECT / "profiles.yaml").read_text(encoding="utf-8"))  # plain values, no lines needed
    bank = _CompetenceBank(real)
    rng = random.Random(seed)
    roles = [_role_profile(number, bank, rng) for number in range(1, profiles)]
    roles.append(_all_staff_profile(real, bank, rng))
    document = {
        "version": str(real["version"]),
        "date": real["date"],
        "profiles": roles,
        "recruitment": real["recruitment"],
        "onboarding": real["onboarding"],
    }
    folder.mkdir(parents=True)
    text = "# A synthetic handbook made by bench/generate.py for the benchmark.\n" + yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    (folder / "profiles.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(PROJECT / "content", folder / "content")
    extra = profiles // PROFILES_PER_EXTRA_PAGE
    for number in range(1, extra + 1):
        for lang, page in _extra_page(number, profiles, bank, rng).items():
            (folder / "content" / f"guide-{number:03d}.{lang}.md").write_text(page, encoding="utf-8")
    return Generated(folder, profiles, profiles * COMPETENCES_PER_PROFILE, extra, len(text.encode("utf-8")))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter where PyYAML has it: faster
    """Writes every text out in full: the build refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _CompetenceBank:
    """The real handbook's competences, to recombine into new ones."""

    def __init__(self, real: dict[str, Any]):
        self.competences = [c for p in real["profiles"] for c in p["competences"]] + list(real["recruitment"]["points"])
        self.all_staff = next(p for p in real["profiles"] if p["code"] == ALL_STAFF_CODE)
        self.tasks = [task for c in self.competences for task in c.get("onboarding", [])]

    def competence(self, code: str, base: dict[str, Any], role: Bilingual, rng: random.Random) -> dict[str, Any]:
        """A competence shaped like `base`, its texts set in `role`'s work with a partner and varied by `rng`."""
        partner_da, partner_en = rng.choice(PARTNERS)
        other = rng.choice(self.competences)
        questions = base.get("questions", []) + other.get("questions", [])
        rng.shuffle(questions)
        tasks = list(base.get("onboarding", [])) or rng.sample(self.tasks, 2)  # recruitment points have none
        return {
            "code": code,
            "title": {
                "da": f"{base['title']['da']} i samarbejdet med {partner_da}",
                "en": f"{base['title']['en']} in work with {partner_en}",
            },
            "description": {
                "da": f"{base['description']['da']} Som {role['da'].lower()} gælder det især samarbejdet med "
                      f"{partner_da}. {_first_sentence(other['description']['da'])}",
                "en": f"{base['description']['en']} As {_article(role['en'])} this applies above all to the work with "
                      f"{partner_en}. {_first_sentence(other['description']['en'])}",
            },
            "questions": questions[: rng.choice((1, 2, 2))],
            "interview_levels": base.get("interview_levels") or other["interview_levels"],
            "levels": base.get("levels") or other["levels"],
            "onboarding": tasks[: rng.choice((1, 2))],
        }


def _role_profile(number: int, bank: _CompetenceBank, rng: random.Random) -> dict[str, Any]:
    code = f"P{number:04d}"
    role_da, role_en = ROLES[(number - 1) % len(ROLES)]
    place_da, place_en = PLACES[(number - 1) // len(ROLES) % len(PLACES)]
    role = {"da": role_da, "en": role_en}
    partner_da, partner_en = rng.choice(PARTNERS)
    bases = rng.sample(bank.competences, COMPETENCES_PER_PROFILE)
    return {
        "code": code,
        "name": {"da": f"{role_da}, {place_da} ({code})", "en": f"{role_en}, {place_en} ({code})"},
        "summary": {
            "da": f"{role_da} på {place_da} arbejder med bibliotekets partnerskaber i det daglige og er bindeleddet "
                  f"mellem biblioteket og {partner_da}.",
            "en": f"The {role_en.lower()} at {place_en} works with the library's partnerships day to day and is the link "
                  f"between the library and {partner_en}.",
        },
        "lead": {"da": f"{role_da} bør besidde kompetencer som:", "en": f"The {role_en.lower()} should have competences such as:"},
        "competences": [bank.competence(f"{code}-{i}", base, role, rng) for i, base in enumerate(bases, start=1)],
    }


def _all_staff_profile(real: dict[str, Any], bank: _CompetenceBank, rng: random.Random) -> dict[str, Any]:
    """The real all-staff profile, with eight competences: its own four first, then recombined ones."""
    own = bank.all_staff
    role = {"da": "Medarbejder", "en": "Member of staff"}
    bases = list(own["competences"]) + rng.sample(bank.competences, COMPETENCES_PER_PROFILE - len(own["competences"]))
    return {
        **{key: own[key] for key in ("code", "name", "summary", "lead")},
        "competences": [bank.competence(f"{ALL_STAFF_CODE}-{i}", base, role, rng)
                        for i, base in enumerate(bases[:COMPETENCES_PER_PROFILE], start=1)],
    }


def _extra_page(number: int, profiles: int, bank: _CompetenceBank, rng: random.Random) -> dict[str, str]:
    """A guide page in both languages: headings, prose, a list and links to profiles, competences and pages."""
    linked = [rng.randrange(1, profiles) for _ in range(3)]
    chosen = rng.sample(bank.competences, 3)
    titles = {"da": f"Vejledning {number}: partnerskaber i praksis", "en": f"Guide {number}: partnerships in practice"}
    headings = {"da": ("Baggrund", "Sådan gør I", "Se også"), "en": ("Background", "How to go about it", "See also")}
    pages = {}
    for lang in ("da", "en"):
        steps = "\n".join(f"{i}. {_first_sentence(c['description'][lang])}" for i, c in enumerate(chosen, start=1))
        links = "\n".join(f"- [P{p:04d}](p{p:04d}.html#P{p:04d}-{rng.randrange(1, COMPETENCES_PER_PROFILE + 1)})"
                          for p in linked)
        pages[lang] = (
            f"# {titles[lang]}\n\n## {headings[lang][0]}\n\n{chosen[0]['description'][lang]}\n\n"
            f"{chosen[1]['description'][lang]}\n\n## {headings[lang][1]}\n\n{steps}\n\n"
            f"**{chosen[2]['title'][lang]}**: {chosen[2]['description'][lang]}\n\n"
            f"## {headings[lang][2]}\n\n{links}\n- [{'Om håndbogen' if lang == 'da' else 'About'}](about.md)\n"
        )
    return pages


def _first_sentence(text: str) -> str:
    sentence, dot, _ = text.partition(". ")
    return sentence + "." if dot else text


def _article(noun: str) -> str:
    return ("an " if noun[0].lower() in "aeiou" else "a ") + noun.lower()


GOALS: tuple[tuple[str, str, str], ...] = (
    ("READING", "Læselyst for alle", "A love of reading for everyone"),
    ("COMMUNITY", "Biblioteket som lokalt mødested", "The library as a meeting place"),
    ("DIGITAL", "Digital dannelse", "Digital literacy"),
    ("LEARNING", "Livslang læring", "Lifelong learning"),
    ("CULTURE", "Kultur for alle", "Culture for everyone"),
)
PARTNERSHIPS_PER_COORDINATOR = 5
REGISTER_START = datetime.date(2023, 1, 1)  # partnerships start from here, over five years


def generate_register(folder: Path, partnerships: int, seed: int = DEFAULT_SEED) -> int:
    """Write `partnerships.yaml` with `partnerships` partnerships into the handbook `folder`; its size in bytes.

    Block lists only, as editors write them, so the build reads it the quick way."""
    rng = random.Random(seed)
    goals = [{"code": code, "name": {"da": da, "en": en}} for code, da, en in GOALS]
    people = [f"{first} {last}" for first in ("Anna", "Bo", "Carl", "Dorte", "Emil", "Frida", "Gustav", "Hanne")
              for last in ("Holm", "Berg", "Dahl", "Ask", "Lund", "Krog", "Winther", "Juul")]
    entries = []
    for number in range(1, partnerships + 1):
        role, place = rng.choice(ROLES), rng.choice(PLACES)
        start = REGISTER_START + datetime.timedelta(days=rng.randrange(5 * 365))
        review = start + datetime.timedelta(days=rng.randrange(60, 700))
        entry: dict[str, Any] = {
            "code": f"P-{number:04d}",
            "name": {"da": f"{role[0]} og {place[0]} {number}", "en": f"{role[1]} and {place[1]} {number}"},
            "purpose": {"da": f"Et partnerskab om {role[0].lower()} i {place[0]}.",
                        "en": f"A partnership about the {role[1].lower()} at {place[1]}."},
            "announcement": {"da": f"Biblioteket har indgået partnerskab nummer {number}.",
                             "en": f"The library has entered partnership number {number}."},
            "partners": [f"Partner {number}-{n}" for n in range(1, rng.randrange(2, 4))],
            "coordinator": {"name": people[(number // PARTNERSHIPS_PER_COORDINATOR) % len(people)]},
            "start": start,
            "review": review,
        }
        if rng.random() < 0.3:
            entry["end"] = review + datetime.timedelta(days=rng.randrange(1, 200))
        entry["goals"] = sorted(rng.sample([code for code, _, _ in GOALS], rng.randrange(1, 3)))
        entry["target_groups"] = [{"da": "Børn og unge", "en": "Children and young people"}]
        entries.append(entry)
    text = "# A synthetic register made by bench/generate.py for the benchmark.\n" + yaml.dump(
        {"goals": goals, "partnerships": entries}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    (folder / "partnerships.yaml").write_text(text, encoding="utf-8")
    shutil.copy(PROJECT / "content" / "partnership-documents.yaml", folder / "content" / "partnership-documents.yaml")
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python bench/generate.py", description=__doc__.split("\n\n")[0])
    cli.add_argument("folder", type=Path, help="where to write the handbook (must not exist)")
    cli.add_argument("--profiles", type=int, required=True, help="how many profiles, the all-staff profile ALL included")
    cli.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the texts' variation (default: %(default)s)")
    cli.add_argument("--partnerships", type=int, default=0, help="also write a register of this many partnerships")
    args = cli.parse_args(argv)
    if args.folder.exists():
        cli.error(f"{args.folder} exists already; name a new folder")
    made = generate(args.folder, args.profiles, args.seed)
    print(f"Wrote {made.folder}: {made.profiles} profiles, {made.competences} competences, "
          f"{made.extra_pages} extra page pairs, profiles.yaml {made.profiles_yaml_bytes:,} bytes.")
    if args.partnerships:
        size = generate_register(args.folder, args.partnerships, args.seed)
        print(f"Wrote partnerships.yaml: {args.partnerships} partnerships, {size:,} bytes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
