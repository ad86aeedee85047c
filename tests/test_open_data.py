"""The framework as open data: SKOS in Turtle and JSON-LD read back with rdflib, the CSV with Python's csv module,
and schema.org terms in the profile pages."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, copy_handbook, run_cli
from html_pages import parse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS
from test_bad_input import replace_once

PROFILES = yaml.safe_load((PROJECT / "profiles.yaml").read_text(encoding="utf-8"))
LANGUAGES = ("da", "en")
SCHEMA = Namespace("https://schema.org/")
SCRIPT_TEXT = "</script><script>alert(1)</script><!--"


def folded(text: str) -> str:
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


def groups() -> list[tuple[str, list[dict]]]:
    """(code, competences) of every profile and of the recruitment points, in the handbook's order."""
    return [(p["code"], p["competences"]) for p in PROFILES["profiles"]] + [("REC", PROFILES["recruitment"]["points"])]


def skos_graphs(site: Path) -> tuple[Graph, Graph]:
    turtle = Graph().parse(site / "downloads" / "competences.ttl", format="turtle")
    json_ld = Graph().parse(site / "downloads" / "competences.jsonld", format="json-ld")
    return turtle, json_ld


def concept(graph: Graph, code: str) -> URIRef:
    found = list(graph.subjects(SKOS.notation, Literal(code)))
    assert len(found) == 1, code
    return found[0]


def labels(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(subject, predicate)}


@pytest.fixture(scope="module")
def graphs(built_site: Path) -> tuple[Graph, Graph]:
    return skos_graphs(built_site)


def test_turtle_and_json_ld_hold_the_same_graph(graphs: tuple[Graph, Graph]) -> None:
    turtle, json_ld = graphs
    assert len(turtle) > 150
    assert isomorphic(turtle, json_ld)


def test_one_scheme_and_a_concept_per_profile_competence_and_recruitment_point(graphs) -> None:
    graph, _ = graphs
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    scheme = schemes[0]
    assert str(scheme).startswith("urn:uuid:")  # no base_url: an IRI that does not depend on where the site is
    expected = sum(1 + len(competences) for _, competences in groups())
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == expected == 3 + 13 + 1 + 3
    assert all((c, SKOS.inScheme, scheme) in graph for c in concepts)
    assert labels(graph, scheme, SKOS.prefLabel) == {"da": "Kompetencehåndbog for partnerskabsarbejde",
                                                     "en": "Competence handbook for partnership work"}
    assert str(graph.value(scheme, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))) == PROFILES["version"]
    assert str(graph.value(scheme, URIRef("http://purl.org/dc/terms/modified"))) == "2026-11-25"
    assert "Kulturstyrelsen, 2012" in labels(graph, scheme, URIRef("http://purl.org/dc/terms/source"))["da"]
    top = set(graph.objects(scheme, SKOS.hasTopConcept))
    assert top == {concept(graph, code) for code, _ in groups()}


@pytest.mark.parametrize("code,competences", groups(), ids=[code for code, _ in groups()])
def test_every_concept_has_its_code_and_both_languages_and_competences_are_narrower(graphs, code: str,
                                                                                 competences: list[dict]) -> None:
    graph, _ = graphs
    group = concept(graph, code)
    for predicate in (SKOS.prefLabel, SKOS.definition):
        assert set(labels(graph, group, predicate)) == {"da", "en"}
    assert (group, SKOS.topConceptOf, None) in graph
    for competence in competences:
        subject = concept(graph, competence["code"])
        assert str(subject).endswith("#" + competence["code"])
        assert labels(graph, subject, SKOS.prefLabel) == {lang: folded(competence["title"][lang]) for lang in LANGUAGES}
        assert labels(graph, subject, SKOS.definition) == {lang: folded(competence["description"][lang]) for lang in LANGUAGES}
        assert list(graph.objects(subject, SKOS.broader)) == [group]
        assert (group, SKOS.narrower, subject) in graph


def test_json_ld_context_is_inline(built_site: Path) -> None:
    document = json.loads((built_site / "downloads" / "competences.jsonld").read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict), "inline: a processor fetches nothing"
    first = document["@graph"][1]
    assert first["notation"] == "NET" and set(first["prefLabel"]) == {"da", "en"}


def test_csv_reads_back_one_row_per_competence(built_site: Path) -> None:
    data = (built_site / "downloads" / "competences.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
    assert data.count(b"\n") == data.count(b"\r\n") == 1 + 16, "a header and a row per competence, each ending CRLF"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    expected = [(code, c) for code, competences in groups() for c in competences]
    assert len(rows) == len(expected) == 16
    profiles = {p["code"]: p for p in PROFILES["profiles"]}
    for row, (code, competence) in zip(rows, expected):
        assert row["profile_code"] == code and row["competence_code"] == competence["code"]
        if code in profiles:
            assert (row["profile_da"], row["profile_en"]) == (profiles[code]["name"]["da"], profiles[code]["name"]["en"])
        for lang in LANGUAGES:
            assert row[f"title_{lang}"] == folded(competence["title"][lang])
            assert row[f"description_{lang}"] == folded(competence["description"][lang])
    assert rows[-1]["profile_da"] == "Rekrutteringsråd"  # ui.yaml's recruitment_points_heading
    assert "æ" in data.decode("utf-8-sig") and "ø" in data.decode("utf-8-sig")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("profile", PROFILES["profiles"], ids=[p["code"] for p in PROFILES["profiles"]])
def test_profile_page_carries_its_terms_as_schema_org_in_its_language(built_site: Path, lang: str, profile: dict) -> None:
    path = built_site / lang / f"{profile['code'].lower()}.html"
    scripts = _json_ld_scripts(path)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == {"@vocab": "https://schema.org/", "@language": lang}
    assert data["@type"] == "DefinedTermSet" and data["name"] == profile["name"][lang]
    terms = data["hasDefinedTerm"]
    assert [t["termCode"] for t in terms] == [c["code"] for c in profile["competences"]]
    for term, competence in zip(terms, profile["competences"]):
        assert term["@type"] == "DefinedTerm"
        assert term["name"] == " ".join(competence["title"][lang].split())
        assert term["@id"] == f"#{competence['code']}"
    graph = Graph().parse(data=scripts[0], format="json-ld", publicID=f"https://example.org/{lang}/x.html")
    assert len(set(graph.subjects(RDF.type, SCHEMA.DefinedTerm))) == len(profile["competences"])
    assert all(o.language == lang for o in graph.objects(None, SCHEMA.name))


def _json_ld_scripts(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)


# --- An edited handbook: a published address, a missing translation, and text meant to break out --------------

@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_handbook(tmp_path_factory.mktemp("edited") / "handbook")
    profiles = root / "profiles.yaml"
    replace_once(profiles, 'version: "2026.1"\n', 'version: "2026.1"\nbase_url: https://intranet.example.dk/handbook\n')
    replace_once(profiles, "en: Good communication skills", f"en: '{SCRIPT_TEXT}'")
    replace_once(profiles, "          en: An eye for the bigger picture in the library and in society\n", "")
    replace_once(profiles, "da: Koordineringsevner", "da: '=HYPERLINK(\"http://example.org\")'")
    out = root.parent / "site"
    result = run_cli("--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "competence NET-2: 'title' is not yet translated into English" in result.stderr
    return out


def test_with_base_url_the_iris_are_under_the_published_address(edited_site: Path) -> None:
    turtle, json_ld = skos_graphs(edited_site)
    assert isomorphic(turtle, json_ld)
    base = "https://intranet.example.dk/handbook/downloads/competences.ttl#"
    assert concept(turtle, "NET-1") == URIRef(base + "NET-1")
    pages = set(turtle.objects(concept(turtle, "NET-1"), URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso")))
    assert pages == {URIRef(f"https://intranet.example.dk/handbook/{lang}/net.html#NET-1") for lang in LANGUAGES}


def test_a_missing_translation_has_no_english_literal_and_an_empty_cell(edited_site: Path) -> None:
    turtle, _ = skos_graphs(edited_site)
    assert set(labels(turtle, concept(turtle, "NET-2"), SKOS.prefLabel)) == {"da"}
    assert set(labels(turtle, concept(turtle, "NET-2"), SKOS.definition)) == {"da", "en"}
    rows = list(csv.DictReader(io.StringIO((edited_site / "downloads/competences.csv").read_text(encoding="utf-8-sig"))))
    net2 = next(r for r in rows if r["competence_code"] == "NET-2")
    assert net2["title_da"] and net2["title_en"] == ""
    data = json.loads(_json_ld_scripts(edited_site / "en" / "net.html")[0])
    assert data["hasDefinedTerm"][1]["name"] == {"@value": net2["title_da"], "@language": "da"}


def test_a_text_that_looks_like_a_formula_stays_text_in_a_spreadsheet(edited_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((edited_site / "downloads/competences.csv").read_text(encoding="utf-8-sig"))))
    net3 = next(r for r in rows if r["competence_code"] == "NET-3")
    assert net3["title_da"] == "'=HYPERLINK(\"http://example.org\")"
    turtle, _ = skos_graphs(edited_site)
    assert labels(turtle, concept(turtle, "NET-3"), SKOS.prefLabel)["da"] == "=HYPERLINK(\"http://example.org\")"


def test_yaml_text_cannot_break_out_of_the_json_ld_script(edited_site: Path) -> None:
    page = edited_site / "en" / "net.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    scripts = [e for e in parse(page).elements if e.tag == "script"]
    assert [e.attrs.get("type") for e in scripts] == ["application/ld+json", None], "no script was added"
    data = json.loads(_json_ld_scripts(page)[0])
    assert data["hasDefinedTerm"][0]["name"] == SCRIPT_TEXT
    turtle, json_ld = skos_graphs(edited_site)
    assert labels(turtle, concept(turtle, "NET-1"), SKOS.prefLabel)["en"] == SCRIPT_TEXT
    assert isomorphic(turtle, json_ld)


@pytest.mark.parametrize("site", ["built_site", "edited_site"])
def test_json_ld_and_csv_are_laid_out_as_json_dumps_and_csv_writer_would(site: str, request: pytest.FixtureRequest) -> None:
    """The build writes both by hand, for speed; they must stay byte for byte what the standard library writes."""
    downloads = request.getfixturevalue(site) / "downloads"
    text = (downloads / "competences.jsonld").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    data = (downloads / "competences.csv").read_bytes()
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert data == ("\ufeff" + buffer.getvalue()).encode("utf-8")


def test_a_missing_string_the_exports_need_is_a_located_error(handbook: Path, tmp_path: Path) -> None:
    ui = handbook / "content" / "ui.yaml"
    text = ui.read_text(encoding="utf-8")
    start = text.index("recruitment_definition:")
    ui.write_text(text[:start] + text[start:].split("\n", 3)[3], encoding="utf-8")
    result = run_cli("--root", str(handbook), "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert ("content/ui.yaml: error: has no 'recruitment_definition' string. Add 'recruitment_definition:' with "
            "'da:' and 'en:' lines.") in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()
