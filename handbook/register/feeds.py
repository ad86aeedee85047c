"""News and dates from the register: an Atom feed of new partnerships and an iCalendar file of
the review dates, one of each per language, for intranet news, chat connectors and calendars.

Both are made from the register alone and dated by the build date, never the clock, so the
same sources give the same bytes. Entry ids and event UIDs are derived from the handbook's
Danish title and the partnership's code: they stay the same from build to build, whatever
else changes, so a reader sees an edited partnership as the same entry or event.
"""

from __future__ import annotations

import datetime
import uuid
from xml.sax.saxutils import escape, quoteattr

from ..model import Handbook, paragraphs
from ..model.partnerships import ENDED, PLANNED, Partnership, Register
from .pages import REGISTER_PAGE, feed_path

FEED_ENTRIES = 50  # the newest partnerships a feed announces; older ones are in the register
_NAMESPACE = uuid.UUID("5d0b7c8e-3f4a-4e61-9b1d-2c7f8a9e4b13")  # minted once for the register's ids
MAX_LINE_OCTETS = 75  # RFC 5545, 3.1: content lines are folded after this many octets


def identity(handbook: Handbook) -> str:
    """The handbook's own name for ids: its Danish title, which also names its open data."""
    return handbook.ui["site_name"].da


def entry_id(handbook: Handbook, partnership: Partnership, lang: str) -> str:
    """The id of a partnership's feed entry in `lang` (and, with '-review', of its review event)."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{identity(handbook)}/partnership/{partnership.code}/{lang}')}"


def partnership_id(handbook: Handbook, partnership: Partnership) -> str:
    """The partnership's own id in the open data, whatever the language."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{identity(handbook)}/partnership/{partnership.code}')}"


def _address(handbook: Handbook, from_path: str, to_path: str) -> str:
    """An address from one file of the site to another: absolute under base_url, else relative to `from_path`."""
    if handbook.data.base_url:
        return handbook.data.base_url + to_path
    folder = from_path.rsplit("/", 1)[0] + "/"
    return to_path.removeprefix(folder) if to_path.startswith(folder) else "../" * from_path.count("/") + to_path


def announced(register: Register) -> tuple[Partnership, ...]:
    """The partnerships a feed announces: those that have started, the newest first."""
    started = [p for p in register.partnerships if p.status != PLANNED]
    started.sort(key=lambda p: (-p.start.toordinal(), p.code))
    return tuple(started[:FEED_ENTRIES])


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(handbook: Handbook, register: Register, lang: str) -> bytes:
    """The Atom feed (RFC 4287) of new partnerships in `lang`."""
    ui = handbook.ui
    path = feed_path(lang)
    entries = announced(register)
    updated = max((p.start for p in entries), default=register.today)
    example = ui["example_mark"].get(lang)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <id>urn:uuid:{uuid.uuid5(_NAMESPACE, f'{identity(handbook)}/partnerships/{lang}')}</id>",
        f"  <title>{escape(ui['partnership_feed_title'].get(lang))}</title>",
        f"  <subtitle>{escape(ui['site_name'].get(lang))}</subtitle>",
        f"  <updated>{_timestamp(updated)}</updated>",
        f"  <author><name>{escape(ui['site_name'].get(lang))}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(_address(handbook, path, path))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_address(handbook, path, f"{lang}/{REGISTER_PAGE}.html"))}/>',
    ]
    for p in entries:
        title = p.name.get(lang)
        if p.example:
            title = f"{example}: {title}"
        summary = " ".join(paragraphs(p.announcement.get(lang)))
        lines += [
            "  <entry>",
            f"    <id>{entry_id(handbook, p, lang)}</id>",
            f"    <title>{escape(title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(_address(handbook, path, f"{lang}/{p.slug}.html"))}/>',
            f"    <published>{_timestamp(p.start)}</published>",
            f"    <updated>{_timestamp(p.start)}</updated>",
            f"    <summary>{escape(summary)}</summary>",
        ]
        for code in p.goals:
            lines.append(f"    <category term={quoteattr(code)} label={quoteattr(register.goal(code).name.get(lang))}/>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- iCalendar ----------------------------------------------------------------------------------

def review_calendar(handbook: Handbook, register: Register, lang: str) -> bytes:
    """An iCalendar file (RFC 5545) with every review date of the partnerships that have not ended, in `lang`."""
    ui = handbook.ui
    example = ui["example_mark"].get(lang)
    event = ui["partnership_review_event"].get(lang)
    coordinator_label = ui["partnership_coordinator_label"].get(lang)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_text(identity(handbook))}//{_text(ui['partnership_calendar_name'].da)}//{lang.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(ui['partnership_calendar_name'].get(lang))}",
    ]
    stamp = register.today.strftime("%Y%m%dT000000Z")
    reviewed = sorted((p for p in register.partnerships if p.status != ENDED), key=lambda p: (p.review, p.code))
    for p in reviewed:
        summary = f"{event}: {p.name.get(lang)}"
        if p.example:
            summary = f"{example}: {summary}"
        description = f"{coordinator_label}: {p.coordinator.name}"
        if p.coordinator.contact:
            description += f" ({p.coordinator.contact})"
        description += "\n\n" + "\n\n".join(paragraphs(p.purpose.get(lang)))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry_id(handbook, p, lang).removeprefix('urn:uuid:')}-review",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{p.review.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(p.review + datetime.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_text(summary)}",
            f"DESCRIPTION:{_text(description)}",
            "TRANSP:TRANSPARENT",
        ]
        if handbook.data.base_url:
            lines.append(f"URL:{handbook.data.base_url}{lang}/{p.slug}.html")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines).encode("utf-8")


def _text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslashes, semicolons, commas and line breaks escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _folded(line: str) -> str:
    """A content line folded after 75 octets, never inside a UTF-8 character (RFC 5545, 3.1)."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    limit = MAX_LINE_OCTETS
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character instead
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = MAX_LINE_OCTETS - 1  # a continuation line starts with a space
    parts.append(data)
    return b"\r\n ".join(parts).decode("utf-8")
