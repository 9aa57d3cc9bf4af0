"""One running app per database: a note in the user's data folder says which process has a
database open, and a "bell" file next to it asks that process to come to the front.

The app (``gui/shell/single_instance.py``) checks the note at start: a second launch on the
same database offers to switch to the running window instead of opening silently. A note
left by a process that has ended is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from .paths import data_dir


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:
        return False
    return True


class InstanceLock:
    def __init__(self, url: URL, folder: Path | None = None) -> None:
        name = url.render_as_string(hide_password=True)
        key = hashlib.sha256(name.encode("utf-8")).hexdigest()[:20]
        self.folder = folder if folder is not None else data_dir() / "running"
        self.path = self.folder / f"{key}.json"
        self.bell = self.folder / f"{key}.activate"
        self.database = name
        self._ours = False

    def holder(self) -> dict[str, Any] | None:
        """The other running process that has this database open (None: none)."""
        try:
            note = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(note, dict) or note.get("host") != socket.gethostname():
            return None
        pid = note.get("pid")
        if not isinstance(pid, int) or pid == os.getpid() or not _alive(pid):
            return None
        return note

    def acquire(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        note = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        part = self.path.with_name(f".{self.path.name}.part")
        part.write_text(json.dumps({**note, "database": self.database}), encoding="utf-8")
        os.replace(part, self.path)
        self.bell.touch()
        self._ours = True

    def release(self) -> None:
        if self._ours:
            self._ours = False
            for path in (self.path, self.bell):
                path.unlink(missing_ok=True)

    def ring(self) -> None:
        """Ask the running process to bring its window to the front."""
        self.bell.write_text(str(time.time()), encoding="utf-8")
