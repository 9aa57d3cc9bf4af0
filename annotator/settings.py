"""The user's own settings, shared by the app, the command line and the Python API: a small
JSON file in the user's configuration folder (``~/.config/Annotator/settings.json`` on Linux).

``author`` is the name recorded with every span this user makes (the app asks for it at the
first launch; ``annotator config --author NAME`` sets it). ``$ANNOTATOR_AUTHOR`` overrides it.
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Any

APP_NAME = "Annotator"
ENV_AUTHOR = "ANNOTATOR_AUTHOR"


def settings_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "settings.json"


def load() -> dict[str, Any]:
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # unreadable or damaged: defaults (it is rewritten on the next save)
    return data if isinstance(data, dict) else {}


def save(**values: Any) -> Path:
    """Merge ``values`` into the settings file (written atomically)."""
    path = settings_path()
    data = load()
    data.update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    part.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(part, path)
    return path


def author() -> str | None:
    """The name recorded with this user's spans: ``$ANNOTATOR_AUTHOR``, else the setting,
    else None (not asked yet)."""
    name = os.environ.get(ENV_AUTHOR) or load().get("author")
    return name.strip() or None if isinstance(name, str) else None


def system_user() -> str:
    """The name the first-launch question proposes: the login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
