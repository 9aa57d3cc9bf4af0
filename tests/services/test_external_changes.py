"""Changes other processes commit reach this workspace as one change notice."""

from __future__ import annotations

import subprocess
import sys

from annotator import open_workspace


def test_another_workspace_s_import_and_edits_are_seen_own_ones_not(workspace, db_url, tmp_path):
    ours = workspace.add_document("Our article\n\nThe ministry said twelve died.")
    assert workspace.poll_external_changes() is None  # our own commit: not external
    seen = []
    workspace.subscribe(seen.append)
    with open_workspace(db_url) as other:  # another process, as far as the log knows
        theirs = other.add_document("Their article\n\nShelling was reported overnight.")
        other.annotations.add(ours, 0, 3, "claim")
        other.labels.add("rumour")
    change = workspace.poll_external_changes()
    assert change is not None and seen == [change]
    assert set(change.spans_reloaded) == {ours, theirs}
    assert set(change.documents_added) == {ours, theirs}
    assert change.labels_reloaded and change.label_keys_changed
    assert workspace.poll_external_changes() is None  # nothing new since
    with open_workspace(db_url) as other:
        other.documents.delete(theirs)  # a bulk DELETE: which documents is not logged
    change = workspace.poll_external_changes()
    assert theirs in change.documents_removed and ours in change.spans_reloaded


def test_the_command_line_importing_while_the_app_runs(tmp_path):
    db = str(tmp_path / "shared.sqlite3")
    article = tmp_path / "new.txt"
    article.write_text("Ceasefire talks resume\n\nDelegations met in the capital.\n")
    with open_workspace(db) as ws:
        assert ws.poll_external_changes() is None
        done = subprocess.run(
            [sys.executable, "-m", "annotator", "--db", db, "import", str(article)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        change = ws.poll_external_changes()
        (doc,) = ws.documents.list()
        assert change.documents_added == (doc.id,)
        assert ws.poll_external_changes() is None
