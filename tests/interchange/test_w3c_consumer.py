"""The W3C Web Annotation export against the Web Annotation Data Model, and against the W3C
test suite's own JSON Schemas (w3c/web-annotation-tests, the assertions of its
``collections/collectionMusts.test``, ``collections/pages/pageMusts.test`` and
``annotations/annotationMusts.test``).

The suite is not copied here: set ``ANNOTATOR_W3C_ANNOTATION_TESTS`` to a checkout of
github.com/w3c/web-annotation-tests (W3C test suite licence / 3-clause BSD) to run those
tests; without it they skip, and the tests above them check the same MUSTs of the Data Model
in plain Python."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import orjson
import pytest

from annotator.exporting.w3c import iri_to_uri

from .evidence_corpus import TEXT_A
from .helpers import consumer_source, export_path, native_records

ANNO = "http://www.w3.org/ns/anno.jsonld"
# RFC 3986 absolute URI: a scheme, then only characters a URI may hold
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def is_uri(value) -> bool:
    return isinstance(value, str) and URI.fullmatch(value) is not None


def is_date_time(value) -> bool:
    if not isinstance(value, str) or not DATE_TIME.fullmatch(value):
        return False
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


@pytest.fixture
def linked(corpus):
    """The corpus plus two documents with URLs (one with Armenian in its path) and spans."""
    text = "Shelling near Ստեփանակերտ was reported on Monday.\n"
    a = corpus.add_document(text, url="https://news.example/arm/Ստեփանակերտ?id=1 2")
    corpus.annotations.add(a, 14, 25, "claim", author="ana")
    b = corpus.add_document("Officials denied the report.\n", url="https://example.org/b")
    corpus.annotations.add(b, 0, 9, "statement")
    corpus.annotations.add(b, 0, 16, "opinion")
    return corpus


def exported(ws, tmp_path, **kwargs) -> dict:
    return orjson.loads(export_path(ws, "w3c", tmp_path, **kwargs).read_bytes())


def test_the_page_has_an_iri_of_its_own(linked, tmp_path):
    """Data Model 5.2: "The Page MUST have exactly 1 IRI that provides its identity"."""
    data = exported(linked, tmp_path)
    page = data["first"]
    assert is_uri(page["id"]) and page["id"] != data["id"]
    assert page["type"] == "AnnotationPage"
    assert page["partOf"] == data["id"] and page["startIndex"] == 0
    assert data["last"] == page["id"]  # one page: it is also the last
    assert len(page["items"]) == data["total"] > 0
    assert "@context" not in page  # embedded: it SHOULD NOT have one


def test_every_export_gets_new_collection_and_page_ids(linked, tmp_path):
    first = exported(linked, tmp_path)
    again = tmp_path / "again"
    again.mkdir()
    second = exported(linked, again)
    assert {first["id"], first["first"]["id"]}.isdisjoint({second["id"], second["first"]["id"]})


def test_an_export_without_spans_has_no_page(workspace, tmp_path):
    """A page MUST have 1 or more items; a collection needs a first page only when
    ``total`` > 0."""
    workspace.add_document("Nothing is annotated here.\n")
    data = exported(workspace, tmp_path)
    assert data["total"] == 0 and "first" not in data and "last" not in data
    assert data["@context"] == ANNO and data["type"] == "AnnotationCollection"


def test_the_target_names_the_web_page_and_the_copy_the_offsets_count(linked, tmp_path):
    records = {r["id"]: r for r in native_records(linked)}
    data = exported(linked, tmp_path)
    seen_url = seen_plain = 0
    for a in data["first"]["items"]:
        target = a["target"]
        source = target["source"]
        state = target.get("state")
        # our own tooling maps back by the urn:uuid id: state.cached, else source.id
        own = state["cached"] if state else source["id"]
        record = records[own.removeprefix("urn:uuid:")]
        assert source["dcterms:title"] == record["title"]
        assert source["type"] == "Text"
        url = record["meta"]["url"]
        if url:
            seen_url += 1
            assert source["id"] == iri_to_uri(url) and is_uri(source["id"])
            assert "format" not in source  # the web page's format is not known
            assert state["type"] == "TimeState" and state["cached"] == f"urn:uuid:{record['id']}"
            assert state["sourceDate"].endswith("Z")  # MUST use UTC written as "Z"
            imported = dt.datetime.fromisoformat(record["meta"]["imported_at"])
            assert dt.datetime.fromisoformat(state["sourceDate"]) == imported
        else:
            seen_plain += 1
            assert source["id"] == f"urn:uuid:{record['id']}" and state is None
            assert source["format"] == "text/plain"
        quote, position = target["selector"]
        text = record["text"]
        assert text[position["start"] : position["end"]] == quote["exact"]
    assert seen_url == 3 and seen_plain > 0


def test_urls_become_uris_and_relative_ones_are_left_out(workspace, tmp_path):
    assert iri_to_uri("https://news.example/arm/Ստեփանակերտ?id=1 2") == (
        "https://news.example/arm/%D5%8D%D5%BF%D5%A5%D6%83%D5%A1%D5%B6%D5%A1%D5%AF%D5%A5%D6"
        "%80%D5%BF?id=1%202"
    )
    assert iri_to_uri("https://example.org/a%20b?q=1#x") == "https://example.org/a%20b?q=1#x"
    assert iri_to_uri("news.example/story") is None
    doc = workspace.add_document("A story without a scheme.\n", url="news.example/story")
    workspace.annotations.add(doc, 0, 7, "claim")
    (a,) = exported(workspace, tmp_path)["first"]["items"]
    assert a["target"]["source"]["id"] == f"urn:uuid:{doc}" and "state" not in a["target"]


def test_the_data_model_musts_in_plain_python(linked, tmp_path):
    """The MUSTs the W3C suite's schemas check, for what this export writes."""
    data = exported(linked, tmp_path)
    assert data["@context"] == ANNO  # 5.1: one value given as a string
    assert is_uri(data["id"]) and data["type"] == "AnnotationCollection"
    assert isinstance(data["label"], str) and isinstance(data["total"], int)
    assert is_date_time(data["generated"])
    for a in data["first"]["items"]:
        assert is_uri(a["id"]) and a["type"] == "Annotation"  # 3.1
        assert is_date_time(a["created"]) and is_date_time(a["modified"])  # 3.3.1
        assert a["body"] and "bodyValue" not in a  # 3.2.5: not both
        for body in a["body"]:
            assert body["type"] == "TextualBody" and isinstance(body["value"], str)
        target = a["target"]
        assert is_uri(target["source"]["id"])  # 4: exactly 1 source
        if "state" in target:  # 4.3.1: cached is an IRI, sourceDate an xsd:dateTime
            assert is_uri(target["state"]["cached"])
            assert is_date_time(target["state"]["sourceDate"])
        quote, position = target["selector"]
        assert isinstance(quote["exact"], str)  # 4.2.4: exactly 1 exact
        assert 0 <= position["start"] < position["end"]  # 4.2.5: non-negative integers


# --- the W3C test suite's own schemas -----------------------------------------------------


class Suite:
    """The assertions of one checkout of w3c/web-annotation-tests, as JSON Schema draft-04
    validators (``jsonschema``) whose ``$ref``s resolve to the suite's ``definitions/``."""

    def __init__(self, root: Path) -> None:
        import jsonschema
        import referencing
        from referencing.jsonschema import DRAFT4

        self.root = root
        resources = []
        for path in sorted((root / "definitions").glob("*.json")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            resources.append((schema["id"], DRAFT4.create_resource(schema)))
        self.registry = referencing.Registry().with_resources(resources)
        # "format" is only asserted with a checker; jsonschema checks "uri" and "date-time"
        # only when optional packages are installed, so the checks are given here
        self.formats = jsonschema.FormatChecker(formats=())
        self.formats.checks("uri")(lambda v: not isinstance(v, str) or is_uri(v))
        self.formats.checks("date-time", raises=ValueError)(
            lambda v: not isinstance(v, str) or is_date_time(v)
        )
        self._jsonschema = jsonschema

    def assertions(self, test_file: str) -> list[str]:
        test = json.loads((self.root / test_file).read_text(encoding="utf-8"))
        return test["assertions"]

    def failures(self, assertion: str, instance: dict) -> list[str]:
        """[] when ``instance`` meets the assertion, else its error message."""
        schema = json.loads((self.root / assertion).read_text(encoding="utf-8"))
        validator = self._jsonschema.Draft4Validator(
            schema, registry=self.registry, format_checker=self.formats
        )
        valid = validator.is_valid(instance)
        if valid == (schema.get("expectedResult", "valid") == "valid"):
            return []
        return [f"{assertion} ({schema.get('assertionType')}): {schema.get('errorMessage')}"]

    def check(self, test_file: str, instance: dict) -> list[str]:
        return [f for a in self.assertions(test_file) for f in self.failures(a, instance)]


@pytest.fixture(scope="module")
def suite() -> Suite:
    root = consumer_source(
        "ANNOTATOR_W3C_ANNOTATION_TESTS", "definitions/id.json", "w3c/web-annotation-tests"
    )
    return Suite(root)


def test_the_suite_checks_formats(suite):
    """The "format" keywords bite: a page id that is not a URI fails 5.2-pageIdValidated."""
    bad = {"@context": ANNO, "id": "urn:uuid:x", "type": "AnnotationCollection", "total": 1}
    page = {"type": "AnnotationPage", "items": []}
    assert suite.failures("collections/pages/5.2-pageIdValidated.json", {**bad, "first": page})
    page["id"] = "not a uri"
    assert suite.failures("collections/pages/5.2-pageIdValidated.json", {**bad, "first": page})
    page["id"] = "urn:uuid:1b2c"
    assert not suite.failures("collections/pages/5.2-pageIdValidated.json", {**bad, "first": page})
    created = {"@context": ANNO, "id": "urn:x", "type": "Annotation", "target": "urn:y"}
    assert suite.failures(
        "annotations/3.3.1-annotationCreatedValidated.json", {**created, "created": "Monday"}
    )


def test_the_export_meets_the_w3c_suite_musts(suite, linked, tmp_path):
    data = exported(linked, tmp_path)
    assert "collections/pages/5.2-pageIdValidated.json" in suite.assertions(
        "collections/pages/pageMusts.test"
    )
    assert suite.check("collections/collectionMusts.test", data) == []
    assert suite.check("collections/pages/pageMusts.test", data) == []
    items = data["first"]["items"]
    for a in items:
        # an embedded annotation has the collection's @context; the suite checks one alone
        assert suite.check("annotations/annotationMusts.test", {"@context": ANNO, **a}) == []
    # and it recognises the features used (SHOULDs and MAYs that are implemented)
    implemented = [
        "collections/5.1-collectionLabelImplemented.json",
        "collections/5.1-collectionTotalImplemented.json",
        "collections/5.1-collectionFirstImplemented.json",
        "collections/5.1-collectionLastImplemented.json",
        "collections/pages/5.2-pagePartOfImplemented.json",
        "collections/pages/5.2-pageStartIndexImplemented.json",
    ]
    assert [f for a in implemented for f in suite.failures(a, data)] == []
    with_url = next(a for a in items if "state" in a["target"])
    for assertion in (
        "annotations/specificResource/4.2.4-textQuoteSelector.json",
        "annotations/specificResource/4.2.5-textPositionSelector.json",
        "annotations/specificResource/4.3.1-timeState.json",
        "annotations/specificResource/4.3.1-cached.json",
        "annotations/3.3.1-annotationCreatedImplemented.json",
        "annotations/3.3.5-annotationMotivationImplemented.json",
    ):
        assert suite.failures(assertion, {"@context": ANNO, **with_url}) == []


def test_the_old_export_failed_the_page_id_must(suite, linked, tmp_path):
    """What the issue reported: a page without an id fails 5.2-pageIdValidated."""
    data = exported(linked, tmp_path)
    data["first"].pop("id", None)
    (failure,) = suite.check("collections/pages/pageMusts.test", data)
    assert failure.startswith("collections/pages/5.2-pageIdValidated.json (must)")


def test_an_empty_export_meets_the_collection_musts(suite, workspace):
    workspace.add_document("Nothing is annotated here.\n")
    buf = io.BytesIO()
    workspace.export(buf, format="w3c")
    assert suite.check("collections/collectionMusts.test", orjson.loads(buf.getvalue())) == []


# -- evidence: field values and links --------------------------------------------------------
@pytest.fixture
def evidenced(workspace):
    from .evidence_corpus import build

    return workspace, build(workspace)


def by_id(data: dict) -> dict[str, dict]:
    return {a["id"]: a for a in data["first"]["items"]}


def test_fields_are_describing_bodies_one_per_field(evidenced, tmp_path):
    ws, built = evidenced
    items = by_id(exported(ws, tmp_path))
    report = items[f"urn:uuid:{built.report}"]
    described = [b["value"] for b in report["body"] if b["purpose"] == "describing"]
    assert described == [
        "Killed: 12–15 (best 12)",
        "Who: civilian",
        "Source: Ministry of Defence (Armenia)",  # the merged actor's references: the kept one
        "Perpetrator: Army (Azerbaijan)",
        "Event: Shelling of Gyumri (2031-03-11)",
        "Date: 2031-03-11",
        "Place: Gyumri",
    ]
    assert {b["format"] for b in report["body"] if b["purpose"] == "describing"} == {"text/plain"}
    denial = items[f"urn:uuid:{built.denial}"]
    assert [b["value"] for b in denial["body"] if b["purpose"] == "describing"] == [
        "Claimant: Army (Azerbaijan)",
        "Denial: yes",
        "Verification: disputed",
    ]


def test_each_link_is_a_linking_annotation_targeting_both_spans(evidenced, tmp_path):
    ws, built = evidenced
    data = exported(ws, tmp_path)
    items = by_id(data)
    links = {link.kind: link for link in ws.links.list()}
    assert data["total"] == 4 + 3
    supports = items[f"urn:uuid:{links['supports'].id}"]
    assert supports["motivation"] == "linking"
    assert supports["body"] == [{"type": "TextualBody", "purpose": "tagging", "value": "supports"}]
    source, far = supports["target"]
    # each end as the span's own annotation targets it: the same source and selectors
    assert source == items[f"urn:uuid:{built.confirm}"]["target"]
    assert far == items[f"urn:uuid:{built.report}"]["target"]  # in the other document
    assert far["source"]["id"] == f"urn:uuid:{built.doc_a}"
    contradicts = items[f"urn:uuid:{links['contradicts'].id}"]
    assert contradicts["body"][1]["value"] == "the army's word against the ministry's"
    assert [t["selector"][0]["exact"] for t in contradicts["target"]] == [
        "The army denied any strike",
        "12 to 15 civilians were killed",
    ]


def test_cross_document_ends_outside_the_export_are_still_described(evidenced, tmp_path):
    ws, built = evidenced
    data = exported(ws, tmp_path, documents=[built.doc_b])
    items = by_id(data)
    link = next(x for x in ws.links.list() if x.kind == "supports")
    _, far = items[f"urn:uuid:{link.id}"]["target"]
    assert far["source"]["id"] == f"urn:uuid:{built.doc_a}"
    (quote, position) = far["selector"]
    start = TEXT_A.index("12 to 15")
    assert (position["start"], quote["exact"]) == (start, "12 to 15 civilians were killed")
    assert (
        quote["prefix"] == TEXT_A[start - 32 : start]
        and quote["suffix"] == TEXT_A[position["end"] : position["end"] + 32]
    )


def test_link_and_field_annotations_meet_the_w3c_suite_musts(suite, evidenced, tmp_path):
    ws, _ = evidenced
    data = exported(ws, tmp_path)
    assert suite.check("collections/collectionMusts.test", data) == []
    assert suite.check("collections/pages/pageMusts.test", data) == []
    linking = [a for a in data["first"]["items"] if a["motivation"] == "linking"]
    assert len(linking) == 3
    for a in data["first"]["items"]:
        assert suite.check("annotations/annotationMusts.test", {"@context": ANNO, **a}) == []
    for assertion in (
        "annotations/3.3.5-annotationMotivationImplemented.json",
        "annotations/specificResource/4.2.4-textQuoteSelector.json",
    ):
        assert suite.failures(assertion, {"@context": ANNO, **linking[0]}) == []
