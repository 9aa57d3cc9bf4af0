"""What comes back at the next launch: window geometry and docks, open panes (per database),
splitter sizes, theme and view options. Stored with QSettings (INI, user scope); tests point
QSettings at a temporary folder with ``QSettings.setPath``."""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QSettings

ORGANIZATION = "Annotator"
APPLICATION = "Annotator"


def open_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def database_key(workspace) -> str:
    url = workspace.url.render_as_string(hide_password=True)
    return "db-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


def _json(settings: QSettings, key: str, default):
    raw = settings.value(key)
    if not raw:
        return default
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return default


def save_session(window) -> None:
    settings = open_settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("view/theme", window.theme_choice)
    settings.setValue("view/sync_scroll", json.dumps(window.panes.sync_scroll))
    settings.setValue("view/exact", json.dumps(window.panes.exact))
    key = database_key(window.workspace)
    panes = window.panes
    settings.setValue(f"{key}/panes", json.dumps(panes.document_ids()))
    settings.setValue(f"{key}/sizes", json.dumps(panes.splitter.sizes()))
    active = panes.panes().index(panes.active) if panes.active in panes.panes() else -1
    settings.setValue(f"{key}/active", json.dumps(active))
    settings.sync()


def load_view_options() -> dict:
    settings = open_settings()
    return {
        "theme": settings.value("view/theme") or "system",
        "sync_scroll": bool(_json(settings, "view/sync_scroll", False)),
        "exact": bool(_json(settings, "view/exact", False)),
    }


def restore_window(window) -> bool:
    """Geometry and docks as they were; False when there was nothing to restore."""
    settings = open_settings()
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    return state is not None and window.restoreState(state)


def saved_panes(workspace) -> tuple[list[str], list[int], int]:
    settings = open_settings()
    key = database_key(workspace)
    ids = [i for i in _json(settings, f"{key}/panes", []) if isinstance(i, str)]
    sizes = [s for s in _json(settings, f"{key}/sizes", []) if isinstance(s, int)]
    active = _json(settings, f"{key}/active", -1)
    return ids, sizes, active if isinstance(active, int) else -1
