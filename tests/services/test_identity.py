"""The user's name: kept in the settings, recorded with the spans they make."""

from __future__ import annotations

import orjson
import pytest

from annotator import open_workspace, settings
from annotator.cli.main import main


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(settings.ENV_AUTHOR, raising=False)


def test_the_name_in_the_settings_is_every_new_span_s_author(tmp_path):
    db = str(tmp_path / "a.sqlite3")
    with open_workspace(db) as ws:
        assert ws.author is None  # never set: spans record no author
    settings.save(author="Ana Petrosyan")
    with open_workspace(db) as ws:
        assert ws.author == "Ana Petrosyan"
        doc = ws.add_document("Headline\n\nThe ministry said twelve died.")
        assert ws.annotations.add(doc, 0, 8, "claim").added[0].author == "Ana Petrosyan"
        assert ws.annotations.add(doc, 10, 13, "claim", author="bo").added[0].author == "bo"
        assert ws.annotations.add(doc, 14, 22, "claim", author=None).added[0].author is None
    with open_workspace(db, author="cy") as ws:
        assert ws.author == "cy"


def test_the_environment_overrides_the_setting(tmp_path, monkeypatch):
    settings.save(author="Ana")
    monkeypatch.setenv(settings.ENV_AUTHOR, "Bo")
    assert settings.author() == "Bo"


def test_a_damaged_settings_file_means_defaults(tmp_path):
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert settings.author() is None
    settings.save(author="Ana")
    assert settings.author() == "Ana"


def test_cli_config_sets_the_name_imports_use_it(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite3")
    assert main(["config", "--author", "Ana"]) == 0
    assert "author: Ana" in capsys.readouterr().out
    path = tmp_path / "colleague.jsonl"
    text = "Shelling reported\n\nTwelve civilians were killed."
    path.write_bytes(orjson.dumps({"text": text, "label": [[0, 8, "claim"]]}) + b"\n")
    assert main(["--db", db, "import", str(path)]) == 0
    with open_workspace(db) as ws:
        assert [s.author for s in ws.annotations.list()] == ["Ana"]
    assert main(["--db", db, "import", "--author", "Bo", str(path)]) == 0  # merged: skipped
    assert main(["config", "--author", ""]) == 0
    assert "not set" in capsys.readouterr().out
