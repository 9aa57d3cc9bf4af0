"""The doccano export as doccano's importer reads it: every line has the same keys.

doccano (doccano/doccano, ``backend/data_import/pipeline/readers.py``, ``Reader.batch``) reads
a batch of lines into one ``pandas.DataFrame(batch)``, and ``makers.py``
(``ExampleMaker.make``) makes each example from ``df.to_dict(orient="records")``, every
column but the text and the label columns going into the example's ``meta``. A key missing
from a line becomes ``NaN`` in that example's metadata; a ``null`` stays ``None``."""

from __future__ import annotations

import datetime as dt
import math

import orjson
import pytest

from annotator import open_workspace
from annotator.exporting.doccano import KEYS
from annotator.exporting.writer import ExportOptions

from .helpers import export_path, native_records


@pytest.fixture
def mixed(workspace):
    """Documents with different metadata: all fields and free keys, some, none."""
    full = workspace.add_document(
        "Shelling was reported near the border.\n",
        outlet="Test Wire",
        author="A. Reporter",
        url="https://example.org/a",
        published=dt.date(2020, 10, 4),
        language="en",
        meta={"section": "world", "wordcount": 6},
    )
    workspace.annotations.add(full, 0, 8, "claim")
    some = workspace.add_document("Officials denied it.\n", language="hy", meta={"pages": 2})
    workspace.annotations.add(some, 0, 9, "statement")
    workspace.add_document("Nothing to see.\n")
    return workspace


def lines(path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


@pytest.mark.parametrize("relations", [False, True], ids=["label", "entities"])
def test_every_line_has_the_same_keys(mixed, tmp_path, relations):
    path = export_path(mixed, "doccano", tmp_path, options=ExportOptions(relations))
    rows = lines(path)
    spans = ["entities", "relations"] if relations else ["label"]
    assert [list(r) for r in rows] == [["text", *spans, *KEYS]] * 3
    by_text = {r["text"][:8]: r for r in rows}
    assert by_text["Shelling"]["meta"] == {"section": "world", "wordcount": 6}
    assert by_text["Shelling"]["published"] == "2020-10-04"
    assert by_text["Official"]["language"] == "hy" and by_text["Official"]["url"] is None
    nothing = by_text["Nothing "]
    assert [nothing[k] for k in ("outlet", "author", "url", "published", "language", "meta")] == [
        None
    ] * 6


def test_nulls_do_not_become_metadata_on_import(mixed, fresh_url, tmp_path):
    path = export_path(mixed, "doccano", tmp_path)
    with open_workspace(fresh_url) as fresh:
        fresh.import_paths([path])
        got = {r["text"]: r["meta"] for r in native_records(fresh)}
    want = {r["text"]: r["meta"] for r in native_records(mixed)}
    for text, meta in want.items():
        assert {k: v for k, v in got[text].items() if k != "imported_at"} == {
            k: v for k, v in meta.items() if k != "imported_at"
        }


def test_doccanos_dataframe_step_gives_no_nan(mixed, tmp_path):
    """doccano pins pandas 2 (``pandas = "^2.3.3"`` in ``backend/pyproject.toml``), where a
    ``None`` among strings stays ``None`` (pandas 3 reads it as ``NaN`` in a text column)."""
    pandas = pytest.importorskip("pandas")
    if int(pandas.__version__.split(".")[0]) != 2:
        pytest.skip(f"doccano reads with pandas 2, not {pandas.__version__}")
    path = export_path(mixed, "doccano", tmp_path)
    records = pandas.DataFrame(lines(path)).to_dict(orient="records")
    for record in records:
        for key, value in record.items():
            assert not (isinstance(value, float) and math.isnan(value)), key
