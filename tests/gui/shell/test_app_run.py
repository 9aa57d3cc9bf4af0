"""``annotator.gui.shell.app.run``: first launch on the default database fills it with the samples
and opens two of them side by side; the next launch brings the panes back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        ANNOTATOR_GUI_QUIT_WHEN_SHOWN="1",
        PYTHONPATH=str(ROOT),
    )
    env.pop("ANNOTATOR_DB", None)
    code = (
        "import sys; from annotator.gui.shell.app import run; "
        "sys.exit(run(db=None, open_ids=sys.argv[1:]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _panes(tmp_path) -> list[str]:
    from PySide6.QtCore import QSettings

    path = tmp_path / "config" / "Annotator" / "Annotator.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    (group,) = [g for g in settings.childGroups() if g.startswith("db-")]
    return json.loads(settings.value(f"{group}/panes"))


def test_first_run_imports_samples_and_opens_two(tmp_path):
    out = _run(tmp_path)
    assert out.returncode == 0, out.stderr
    assert "annotator-gui-shown" in out.stdout
    from annotator import open_workspace

    db = tmp_path / "data" / "Annotator" / "annotator.sqlite3"
    with open_workspace(str(db)) as ws:
        docs = ws.documents.list()
    assert len(docs) == 8
    panes = _panes(tmp_path)
    assert len(panes) == 2 and set(panes) <= {d.id for d in docs}

    out = _run(tmp_path)  # second launch: no new import, the same panes come back
    assert out.returncode == 0, out.stderr
    with open_workspace(str(db)) as ws:
        assert ws.documents.count() == 8
    assert _panes(tmp_path) == panes

    out = _run(tmp_path, docs[3].id)  # --open ID
    assert out.returncode == 0, out.stderr
    assert _panes(tmp_path) == [docs[3].id]
