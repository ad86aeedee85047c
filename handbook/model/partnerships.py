"""The partnership register as typed, frozen objects, judged as of the build date.

A partnership's status (planned, active, ended) and whether its review is overdue or
due soon follow from its dates and the build date (`Register.today`), which comes
from the sources' history, never from the clock: the same sources give the same
register. Everything the pages, feeds, calendars and PDFs show is worked out here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from . import Text

PLANNED, ACTIVE, ENDED = "planned", "active", "ended"
STATUSES = (ACTIVE, PLANNED, ENDED)  # the register's order: what is going on first
OVERDUE, DUE_SOON = "overdue", "due-soon"
DUE_SOON_DAYS = 90  # a review within this many days of the build date is due soon
ENDED_RECENTLY_DAYS = 365  # the overview lists partnerships that ended within the last year
NEWEST_SHOWN = 3  # the front page celebrates this many of the newest partnerships


@dataclass(frozen=True)
class Goal:
    """A strategic goal of the library that partnerships serve; declared once in partnerships.yaml."""

    code: str
    name: Text
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Coordinator:
    """The one partnership coordinator of a partnership: a name and, if given, a work contact."""

    name: str
    contact: str | None = None



@dataclass(frozen=True)
class Partnership:
    """One partnership of the library, with its status as of the build date."""

    code: str
    name: Text
    purpose: Text
    announcement: Text
    partners: tuple[str, ...]
    coordinator: Coordinator
    start: datetime.date
    review: datetime.date
    end: datetime.date | None
    goals: tuple[str, ...]  # goal codes, each declared in the file's 'goals:'
    target_groups: tuple[Text, ...]
    agreement: str | None = None  # the signed agreement, a PDF relative to content/
    example: bool = False  # one of the shipped, fictional examples
    status: str = ACTIVE  # as of the build date: see `judged`
    review_state: str = ""  # OVERDUE, DUE_SOON or ''
    line: int = field(default=0, compare=False, repr=False)

    @property
    def slug(self) -> str:
        """The partnership's page name, from its validated code: `partnership-laes-2026`."""
        return f"partnership-{self.code.lower()}"

    def judged(self, today: datetime.date) -> Partnership:
        """This partnership with its status and review state as of `today`."""
        if self.end is not None and self.end < today:
            status = ENDED
        elif self.start > today:
            status = PLANNED
        else:
            status = ACTIVE
        review_state = ""
        if status != ENDED:
            if self.review < today:
                review_state = OVERDUE
            elif (self.review - today).days <= DUE_SOON_DAYS:
                review_state = DUE_SOON
        return replace(self, status=status, review_state=review_state)


@dataclass(frozen=True)
class CoordinatorLoad:
    """One partnership coordinator and the partnerships they coordinate that have not ended."""

    coordinator: Coordinator
    partnerships: tuple[Partnership, ...]


@dataclass(frozen=True)
class GoalCount:
    goal: Goal
    partnerships: tuple[Partnership, ...]  # those not ended that serve it


@dataclass(frozen=True)
class Register:
    """Everything in partnerships.yaml, as of `today` (the build date)."""

    goals: tuple[Goal, ...]
    partnerships: tuple[Partnership, ...]  # in the file's order, examples last
    today: datetime.date
    texts: dict[str, Text] = field(default_factory=dict)  # the printed documents' texts, by key
    examples_line: int = field(default=0, compare=False, repr=False)  # where 'examples:' starts; 0: none

    @property
    def has_examples(self) -> bool:
        return any(p.example for p in self.partnerships)

    def goal(self, code: str) -> Goal:
        """The goal declared with `code`; KeyError for any other (validation allows only declared ones)."""
        for goal in self.goals:
            if goal.code == code:
                return goal
        raise KeyError(code)

    def by_status(self) -> list[tuple[str, tuple[Partnership, ...]]]:
        """The partnerships grouped as the register page shows them: active, planned, ended; each group
        in the order a reader looks for (active and planned by next review, ended newest first), then by name."""
        groups = []
        for status in STATUSES:
            members = [p for p in self.partnerships if p.status == status]
            if status == ENDED:
                members.sort(key=lambda p: (-(p.end or p.start).toordinal(), p.name.da, p.code))
            elif status == PLANNED:
                members.sort(key=lambda p: (p.start, p.name.da, p.code))
            else:
                members.sort(key=lambda p: (p.review, p.name.da, p.code))
            groups.append((status, tuple(members)))
        return groups

    def newest(self, count: int = NEWEST_SHOWN) -> tuple[Partnership, ...]:
        """The partnerships that started most recently and have not ended: the ones to celebrate."""
        active = [p for p in self.partnerships if p.status == ACTIVE]
        active.sort(key=lambda p: (-p.start.toordinal(), p.code))
        return tuple(active[:count])

    def coordinators(self) -> tuple[CoordinatorLoad, ...]:
        """Each partnership coordinator with the partnerships they coordinate that have not ended, by name."""
        found: dict[str, list[Partnership]] = {}
        people: dict[str, Coordinator] = {}
        for p in self.partnerships:
            if p.status != ENDED:
                found.setdefault(p.coordinator.name, []).append(p)
                people.setdefault(p.coordinator.name, p.coordinator)
        return tuple(CoordinatorLoad(people[name], tuple(sorted(found[name], key=lambda p: (p.name.da, p.code))))
                     for name in sorted(found, key=lambda name: (name.casefold(), name)))

    def reviews(self, state: str) -> tuple[Partnership, ...]:
        """The partnerships whose review is OVERDUE or DUE_SOON, the earliest first."""
        return tuple(sorted((p for p in self.partnerships if p.review_state == state), key=lambda p: (p.review, p.code)))

    def per_goal(self) -> tuple[GoalCount, ...]:
        """Each strategic goal with the partnerships not ended that serve it, in the file's order of goals."""
        return tuple(GoalCount(goal, tuple(p for p in self.partnerships if p.status != ENDED and goal.code in p.goals))
                     for goal in self.goals)

    def ended_recently(self) -> tuple[Partnership, ...]:
        """Partnerships that ended within the last year before the build date, the latest first."""
        since = self.today - datetime.timedelta(days=ENDED_RECENTLY_DAYS)
        ended = [p for p in self.partnerships if p.status == ENDED and p.end is not None and p.end >= since]
        return tuple(sorted(ended, key=lambda p: (-p.end.toordinal(), p.code)))  # type: ignore[union-attr]
