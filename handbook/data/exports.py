"""The competence framework as open data: SKOS (Turtle and JSON-LD), CSV, and schema.org terms.

One concept scheme with a concept per profile and per competence, plus one for
the recruitment points (REC-1 …), which every interview guide uses whatever the
role; each competence is `skos:broader` its profile (or the recruitment concept).
Both SKOS files are written from the same list of statements, so they hold the
same graph, in the handbook's order, byte for byte the same from build to build.

IRIs: with `base_url` in profiles.yaml, `{base_url}downloads/competences.ttl#NET-1`
(the Turtle file describes them, so the address leads to the data); without it,
`urn:uuid:…#NET-1`, one UUID derived from the handbook's Danish title: the same
wherever the site is served and from version to version.

A text that is not yet translated has no English literal (and an empty CSV
cell): the data never passes Danish off as English. The build already warns
about every missing translation.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) quotes strings with, in C
from typing import Any, Union

from ..model import LANGUAGES, PRIMARY_LANGUAGE, Competence, Handbook, Profile, Text, paragraphs
from .downloads import CSV, JSON_LD, TURTLE

RECRUITMENT_CODE = "REC"  # the prefix of the recruitment points' codes; the notation of their concept
# Minted once for this project: scheme UUIDs are derived from it and the handbook's Danish title.
_PROJECT_NAMESPACE = uuid.UUID("0f4b6a3e-8f5e-4d53-9a55-1c2b5e9d7a61")

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {"skos": SKOS, "dcterms": DCTERMS, "owl": OWL, "rdfs": RDFS, "xsd": XSD}


@dataclass(frozen=True)
class Literal:
    value: str
    lang: str | None = None
    datatype: str | None = None  # a full IRI, such as xsd:date's


Value = Union[str, Literal]  # a str is an IRI


@dataclass(frozen=True)
class Property:
    """A predicate and how JSON-LD shows it: a language map, an IRI, a typed or a plain value."""

    iri: str
    term: str
    kind: str  # 'text', 'iri', 'date' or 'plain'


PREF_LABEL = Property(SKOS + "prefLabel", "prefLabel", "text")
DEFINITION = Property(SKOS + "definition", "definition", "text")
NOTATION = Property(SKOS + "notation", "notation", "plain")
IN_SCHEME = Property(SKOS + "inScheme", "inScheme", "iri")
TOP_CONCEPT_OF = Property(SKOS + "topConceptOf", "topConceptOf", "iri")
HAS_TOP_CONCEPT = Property(SKOS + "hasTopConcept", "hasTopConcept", "iri")
BROADER = Property(SKOS + "broader", "broader", "iri")
NARROWER = Property(SKOS + "narrower", "narrower", "iri")
VERSION = Property(OWL + "versionInfo", "versionInfo", "plain")
MODIFIED = Property(DCTERMS + "modified", "modified", "date")
SOURCE = Property(DCTERMS + "source", "source", "text")
SEE_ALSO = Property(RDFS + "seeAlso", "seeAlso", "iri")
PROPERTIES = (PREF_LABEL, DEFINITION, NOTATION, IN_SCHEME, TOP_CONCEPT_OF, HAS_TOP_CONCEPT, BROADER, NARROWER,
              VERSION, MODIFIED, SOURCE, SEE_ALSO)


@dataclass(frozen=True)
class Resource:
    """One subject: its IRI, its type and its statements, in a fixed order."""

    iri: str
    type: str
    statements: tuple[tuple[Property, tuple[Value, ...]], ...]


def data_files(handbook: Handbook) -> dict[str, bytes]:
    """The downloadable data files by output path."""
    plain = PlainTexts()
    graph = skos_graph(handbook, plain)
    return {
        TURTLE.path: turtle(graph, namespace(handbook)).encode("utf-8"),
        JSON_LD.path: json_ld(graph).encode("utf-8"),
        CSV.path: competences_csv(handbook, plain),
    }


class PlainTexts(dict[str, str]):
    """Each text as the data files hold it: its paragraphs, whitespace folded, kept apart by a blank line.

    Worked out on first use and kept, as the SKOS graph and the CSV hold the same texts.
    """

    def __missing__(self, text: str) -> str:
        self[text] = "\n\n".join(paragraphs(text))
        return self[text]


def namespace(handbook: Handbook) -> str:
    """Where the concepts' IRIs start: under `base_url` when it is known, else a URN of the handbook."""
    base_url = handbook.data.base_url
    if base_url:
        # Characters a Turtle IRI may not hold, though a web address may.
        return re.sub(r"[{}|^`]", lambda m: f"%{ord(m.group()):02X}", f"{base_url}{TURTLE.path}#")
    return f"urn:uuid:{uuid.uuid5(_PROJECT_NAMESPACE, handbook.ui['site_name'].da)}#"


def skos_graph(handbook: Handbook, plain: PlainTexts) -> list[Resource]:
    """The concept scheme, then each profile followed by its competences, then the recruitment points."""
    ns = namespace(handbook)
    scheme = ns + "scheme"
    recruitment = ns + "recruitment"  # lower case: no profile code can take this name
    groups: list[tuple[str, str, Text, Text, str, tuple[Competence, ...]]] = [
        (ns + p.code, p.code, p.name, p.summary, p.slug, p.competences) for p in handbook.data.profiles
    ]
    groups.append((recruitment, RECRUITMENT_CODE, handbook.ui["recruitment_points_heading"],
                   handbook.ui["recruitment_definition"], "recruitment", handbook.data.recruitment.points))
    base_url = handbook.data.base_url
    resources = [Resource(scheme, SKOS + "ConceptScheme", (
        (PREF_LABEL, _texts(handbook.ui["site_name"], plain)),
        (VERSION, (Literal(handbook.data.version),)),
        (MODIFIED, (Literal(handbook.data.date.isoformat(), datatype=XSD + "date"),)),
        (SOURCE, _texts(handbook.ui["footer_source"], plain)),
        (HAS_TOP_CONCEPT, tuple(iri for iri, *_ in groups)),
    ))]
    for iri, code, label, definition, slug, competences in groups:
        resources.append(Resource(iri, SKOS + "Concept", (
            (NOTATION, (Literal(code),)),
            (PREF_LABEL, _texts(label, plain)),
            (DEFINITION, _texts(definition, plain)),
            (IN_SCHEME, (scheme,)),
            (TOP_CONCEPT_OF, (scheme,)),
            (NARROWER, tuple(ns + c.code for c in competences)),
            (SEE_ALSO, _pages(base_url, slug, "")),
        )))
        for competence in competences:
            resources.append(Resource(ns + competence.code, SKOS + "Concept", (
                (NOTATION, (Literal(competence.code),)),
                (PREF_LABEL, _texts(competence.title, plain)),
                (DEFINITION, _texts(competence.description, plain)),
                (IN_SCHEME, (scheme,)),
                (BROADER, (iri,)),
                (SEE_ALSO, _pages(base_url, slug, "#" + competence.anchor)),
            )))
    return resources


def _texts(text: Text, plain: PlainTexts) -> tuple[Literal, ...]:
    """A text as one literal per language it is written in."""
    return tuple(Literal(plain[value], lang) for lang in LANGUAGES if (value := getattr(text, lang)))


def _pages(base_url: str | None, slug: str, fragment: str) -> tuple[str, ...]:
    """The pages of the published site that show a concept; none when its address is not known."""
    return tuple(f"{base_url}{lang}/{slug}.html{fragment}" for lang in LANGUAGES) if base_url else ()


# --- Turtle -------------------------------------------------------------------------------------

_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_TURTLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def turtle(graph: list[Resource], ns: str) -> str:
    """The graph in Turtle: prefixes, then one block per resource, its statements in a fixed order."""
    names = _TurtleNames({"": ns, **PREFIXES})
    blocks = ["\n".join(f"@prefix {name}: <{iri}> ." for name, iri in names.prefixes.items())]
    for resource in graph:
        lines = [f"{names[resource.iri]} a {names[resource.type]}"]
        for prop, values in resource.statements:
            if values:
                objects = ", ".join([names[v] if isinstance(v, str) else _turtle_literal(v, names) for v in values])
                lines.append(f"    {names[prop.iri]} {objects}")
        blocks.append(" ;\n".join(lines) + " .")
    return "\n\n".join(blocks) + "\n"


class _TurtleNames(dict[str, str]):
    """How Turtle writes each IRI: `prefix:local` where it can, else `<iri>`.

    Worked out on first sight and kept: the same few properties, types and concepts come back thousands of times.
    """

    def __init__(self, prefixes: dict[str, str]) -> None:
        super().__init__()
        self.prefixes = prefixes

    def __missing__(self, iri: str) -> str:
        self[iri] = next((f"{name}:{iri[len(start):]}" for name, start in self.prefixes.items()
                          if iri.startswith(start) and _LOCAL_NAME.fullmatch(iri[len(start):])), f"<{iri}>")
        return self[iri]


def _turtle_literal(value: Literal, names: _TurtleNames) -> str:
    quoted = _turtle_string(value.value)
    if value.lang:
        return f"{quoted}@{value.lang}"
    if value.datatype:
        return f"{quoted}^^{names[value.datatype]}"
    return quoted


def _turtle_string(text: str) -> str:
    """A quoted Turtle string: quotes, backslashes and unprintable characters escaped."""
    # Most texts hold no unprintable character but the paragraph breaks: escape those at C speed,
    # and go character by character only through a text that holds another.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if not escaped.isprintable():
        escaped = "".join(_TURTLE_ESCAPES.get(ch, ch if ch.isprintable() else _turtle_code_point(ch)) for ch in text)
    return f'"{escaped}"'


def _turtle_code_point(char: str) -> str:
    """\\uXXXX, or \\UXXXXXXXX past U+FFFF (the tag characters of a flag emoji): \\u takes four digits only."""
    code = ord(char)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


# --- JSON-LD ------------------------------------------------------------------------------------

def json_ld(graph: list[Resource]) -> str:
    """The graph in JSON-LD, with its whole @context inline so no processor fetches anything."""
    context: dict[str, Any] = dict(PREFIXES)
    context.update({"ConceptScheme": SKOS + "ConceptScheme", "Concept": SKOS + "Concept"})
    for prop in PROPERTIES:
        definition: dict[str, str] = {"@id": prop.iri}
        if prop.kind == "text":
            definition["@container"] = "@language"
        elif prop.kind == "iri":
            definition["@type"] = "@id"
        elif prop.kind == "date":
            definition["@type"] = XSD + "date"
        context[prop.term] = definition
    # json.dumps indents by its pure-Python encoder: only the small context goes through it, moved one level in
    # (JSON holds a line break only between values); the nodes are written directly, in the same layout.
    head = json.dumps(context, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    nodes = ",\n".join([_json_node(resource) for resource in graph])
    return f'{{\n  "@context": {head},\n  "@graph": [\n{nodes}\n  ]\n}}\n'


_FIELD = ",\n      "  # between a node's fields, as json.dumps(indent=2) puts them in @graph
_ITEM = ",\n        "  # between the values of one field


def _json_node(resource: Resource) -> str:
    """One node of @graph, byte for byte as json.dumps(ensure_ascii=False, indent=2) writes it there."""
    fields = [f'"@id": {encode_basestring(resource.iri)}',
              f'"@type": {encode_basestring(resource.type.removeprefix(SKOS))}']
    for prop, values in resource.statements:
        if not values:
            continue
        if prop.kind == "text":  # a language map
            items = [f"{encode_basestring(v.lang)}: {encode_basestring(v.value)}"
                     for v in values if isinstance(v, Literal) and v.lang]
            shown = "{\n        " + _ITEM.join(items) + "\n      }"
        else:
            texts = [v if isinstance(v, str) else v.value for v in values]
            if len(texts) == 1 and prop.kind != "iri":
                shown = encode_basestring(texts[0])
            else:
                shown = "[\n        " + _ITEM.join(map(encode_basestring, texts)) + "\n      ]"
        fields.append(f"{encode_basestring(prop.term)}: {shown}")
    return "    {\n      " + _FIELD.join(fields) + "\n    }"


# --- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = ("profile_code", "profile_da", "profile_en", "competence_code",
               "title_da", "title_en", "description_da", "description_en")
# A spreadsheet takes a cell starting with one of these for a formula; a leading ' keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def competences_csv(handbook: Handbook, plain: PlainTexts) -> bytes:
    """One row per competence and recruitment point: RFC 4180, CRLF, UTF-8 with a BOM so Excel reads æ, ø, å."""
    groups: list[tuple[str, Text, tuple[Competence, ...]]] = [
        (p.code, p.name, p.competences) for p in handbook.data.profiles
    ]
    groups.append((RECRUITMENT_CODE, handbook.ui["recruitment_points_heading"], handbook.data.recruitment.points))
    lines = [",".join(CSV_COLUMNS)]
    for code, name, competences in groups:
        for c in competences:
            row = [code, name.da, name.en, c.code, c.title.da, c.title.en, c.description.da, c.description.en]
            lines.append(",".join([_csv_field(_cell(value, plain)) for value in row]))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def csv_line(values: list[str | None], plain: PlainTexts) -> str:
    """One line of a CSV export by the rules of competences.csv: formula starts defused, quoted where needed."""
    return ",".join([_csv_field(_cell(value, plain)) for value in values])


def _cell(value: str | None, plain: PlainTexts) -> str:
    text = plain[value] if value else ""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_field(text: str) -> str:
    """A field quoted as csv.writer quotes it by default (when it holds a quote, comma or line break), but faster."""
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


# --- schema.org in the profile pages ------------------------------------------------------------

def defined_term_set(profile: Profile, lang: str) -> dict[str, Any]:
    """A profile as a schema.org DefinedTermSet in one language, with a DefinedTerm per competence.

    Its @context is inline, so nothing is fetched; ids are the page's own anchors.
    """
    return {
        "@context": {"@vocab": "https://schema.org/", "@language": lang},
        "@type": "DefinedTermSet",
        "@id": f"#{profile.code}",
        "name": _in_language(profile.name, lang),
        "description": _in_language(profile.summary, lang),
        "inLanguage": lang,
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": f"#{c.anchor}",
                "termCode": c.code,
                "name": _in_language(c.title, lang),
                "description": _in_language(c.description, lang),
                "inDefinedTermSet": {"@id": f"#{profile.code}"},
            }
            for c in profile.competences
        ],
    }


def _in_language(text: Text, lang: str) -> str | dict[str, str]:
    """The text in `lang`; a Danish fallback says it is Danish."""
    value = " ".join(paragraphs(text.get(lang)))
    return value if text.language_of(lang) == lang else {"@value": value, "@language": PRIMARY_LANGUAGE}
