"""Authors in the Label Studio export, as Label Studio's importer reads them, and the tasks
against Label Studio's own label-config validation (label-studio-sdk, when installed).

The code path followed (HumanSignal/label-studio, ``label_studio/tasks/serializers.py``):
``BaseTaskSerializerBulk.create`` builds ``members_email_to_id =
dict(organization.members.values_list('user__email', 'user__id'))`` and calls
``_insert_valid_completed_by(annotations, members_email_to_id, members_ids, default_user)``,
which sets each annotation's ``completed_by_id``:

* ``completed_by`` missing or None: ``default_user.id``, the importing user;
* a dict: it needs an ``'email'`` ("It's expected to have 'email' field in 'completed_by'
  data in annotations"); a member's email gives that member's id; any other email raises
  ``ValidationError(f"Unknown annotator's email {email}")`` unless
  ``settings.ALLOW_IMPORT_TASKS_WITH_UNKNOWN_EMAILS`` (then the importer);
* an int that is a member's id: that id;
* anything else (a string...): ``ValidationError("Import data contains completed_by=... which
  is not a valid annotator's email or ID")``.

Newer versions (``resolve_completed_by_id``, behind the feature flag
``fflag_fix_back_bros_1092_import_unknown_completed_by_short``) give the importer instead of
raising. ``created_username`` is a read-only ``SerializerMethodField`` of
``AnnotationSerializer`` (``f' {user.email}, {user.id}'`` after the names) and
``add_annotations`` stores only ``completed_by_id``, ``result``, ``ground_truth``,
``was_cancelled``, ``lead_time`` and the id: it is never read back.
"""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest

from annotator import open_workspace
from annotator.importing.files import iter_file_documents

from .helpers import export_path, native_records

README = Path(__file__).resolve().parents[2] / "README.md"


class UnknownAnnotator(Exception):
    pass


def label_studio_user(annotation: dict, members: dict[str, int], importer: int) -> int:
    """The ``completed_by_id`` the strict (older) branch of ``_insert_valid_completed_by``
    gives an annotation; raises where it raises ``ValidationError``."""
    completed_by = annotation.get("completed_by")
    if completed_by is None:
        return importer
    if isinstance(completed_by, dict):
        if "email" not in completed_by:
            raise UnknownAnnotator("no email in completed_by")
        if completed_by["email"] not in members:
            raise UnknownAnnotator(f"Unknown annotator's email {completed_by['email']}")
        return members[completed_by["email"]]
    if type(completed_by) is int and completed_by in members.values():
        return completed_by
    raise UnknownAnnotator(f"completed_by={completed_by!r} is no annotator's email or ID")


@pytest.fixture
def with_emails(corpus):
    """The corpus (authors "ana", "Bo B", "cy", none) plus spans by email authors."""
    doc = corpus.add_document("Both ministries confirmed the exchange of prisoners.\n")
    corpus.annotations.add(doc, 0, 15, "claim", author="ana@example.org")
    corpus.annotations.add(doc, 16, 25, "statement", author="ana@example.org")
    corpus.annotations.add(doc, 30, 38, "opinion", author="Bo.B@example.org")
    corpus.annotations.add(doc, 42, 51, "claim", author="cy")
    return corpus


def annotations(path: Path) -> list[dict]:
    return [a for task in orjson.loads(path.read_bytes()) for a in task["annotations"]]


def test_email_authors_are_written_where_label_studio_reads_them(with_emails, tmp_path):
    path = export_path(with_emails, "labelstudio", tmp_path)
    written = annotations(path)
    by_email = [a for a in written if "completed_by" in a]
    assert sorted(a["completed_by"]["email"] for a in by_email) == [
        "Bo.B@example.org",
        "ana@example.org",
    ]
    for a in by_email:
        assert a["completed_by"] == {"email": a["completed_by"]["email"]}
        assert "created_username" not in a
    others = sorted(a.get("created_username", "") for a in written if "completed_by" not in a)
    assert others == ["", "", "Bo B", "ana", "cy", "cy"]  # no author: neither key


def test_label_studio_maps_them_to_its_accounts_and_the_rest_to_the_importer(with_emails, tmp_path):
    path = export_path(with_emails, "labelstudio", tmp_path)
    members = {"ana@example.org": 7, "Bo.B@example.org": 8, "importer@example.org": 1}
    users = [label_studio_user(a, members, importer=1) for a in annotations(path)]
    assert sorted(users) == [1, 1, 1, 1, 1, 1, 7, 8]
    # and the old export (created_username) lost every author to the importer
    old = [{"result": [], "created_username": "ana@example.org"}]
    assert [label_studio_user(a, members, importer=1) for a in old] == [1]


def test_every_written_completed_by_is_a_form_label_studio_accepts(with_emails, tmp_path):
    path = export_path(with_emails, "labelstudio", tmp_path)
    for a in annotations(path):
        who = a.get("completed_by")
        assert who is None or (type(who) is dict and type(who.get("email")) is str)


def test_authors_survive_export_and_import(with_emails, fresh_url, tmp_path):
    def authors(ws):
        return sorted(
            (s["text"], s["author"] or "") for r in native_records(ws) for s in r["spans"]
        )

    path = export_path(with_emails, "labelstudio", tmp_path)
    with open_workspace(fresh_url) as fresh:
        fresh.import_paths([path])
        assert authors(fresh) == authors(with_emails)


def test_older_files_with_created_username_still_import(tmp_path):
    text = "Officials denied the report.\n"
    result = {"from_name": "label", "to_name": "text", "type": "labels"}
    value = {"start": 0, "end": 9, "text": "Officials", "labels": ["claim"]}
    tasks = [
        {
            "data": {"text": text},
            "annotations": [
                {"result": [{**result, "value": value}], "created_username": "ana"},
                # as Label Studio exports: the user's names, email and id
                {"result": [{**result, "value": value}], "created_username": " b@x.org, 3"},
                {"result": [{**result, "value": value}], "completed_by": {"email": "c@x.org"}},
            ],
        }
    ]
    path = tmp_path / "old.json"
    path.write_bytes(orjson.dumps(tasks))
    (doc,) = iter_file_documents(path)
    assert [s.author for s in doc.spans] == ["ana", "b@x.org", "c@x.org"]


def readme_label_config() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Interchange formats", 1)[1]
    return re.search(r"```xml\n(.*?)```", section, re.S).group(1)


def test_the_tasks_pass_label_studios_own_validation_of_the_readme_config(with_emails, tmp_path):
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    interface = sdk.LabelInterface(readme_label_config())
    path = export_path(with_emails, "labelstudio", tmp_path)
    tasks = orjson.loads(path.read_bytes())
    for task in tasks:
        assert interface.validate_task({"data": task["data"]})
        for a in task["annotations"]:
            assert interface.validate_annotation(a), a
    # and the validation bites: a label that is not in the config
    bad = {**tasks[0]["annotations"][0]}
    bad["result"] = [{**bad["result"][0], "value": {**bad["result"][0]["value"]}}]
    bad["result"][0]["value"]["labels"] = ["not_a_label"]
    assert not interface.validate_annotation(bad)
