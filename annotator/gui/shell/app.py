"""Starting the app: ``run(db, open_ids) -> int`` (called by ``annotator gui``)."""

from __future__ import annotations

import os
import sys
import time

_STARTED = time.perf_counter()


def _application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    app.setApplicationDisplayName("Annotator")
    app.setDesktopFileName("annotator")
    from .icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def uses_default_database(db: str | None) -> bool:
    return db is None and not os.environ.get("ANNOTATOR_DB")


def first_run_documents(workspace, report) -> list[str]:
    """Two sample articles on the same event from opposing sides, to open side by side."""
    ids = list(report.document_ids)
    if len(ids) >= 6:
        return [ids[0], ids[5]]  # VPA (Velmora) and URA Media on the Vardane shelling
    return ids[:2]


def create_window(workspace, open_ids=(), *, db: str | None = None, restore: bool = True):
    """The main window for an open workspace, with its documents open (not shown yet)."""
    from ..dialogs.errors import show_error
    from .main_window import MainWindow

    window = MainWindow(workspace, restore=restore)
    ids = list(open_ids)
    if not ids and workspace.created and uses_default_database(db):
        from ...errors import AnnotatorError
        from ...samples import import_samples

        try:
            ids = first_run_documents(workspace, import_samples(workspace))
        except AnnotatorError as exc:
            show_error(window, "The sample articles could not be imported", str(exc))
    if ids:
        window.open_documents(ids)
    elif restore:
        window.restore_panes()
    return window


def run(db: str | None = None, open_ids=()) -> int:
    """Open the workspace and show the main window until it is closed; the exit status."""
    # The core first: once PySide6 is imported, its __feature__ import hook reads the source of
    # every module imported after it (a few hundred for SQLAlchemy: ~0.3 s of start-up).
    from ...workspace import open_workspace

    app = _application()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from ...errors import AnnotatorError
    from .theme import apply_theme

    apply_theme(app, "system")
    try:
        workspace = open_workspace(db)
    except AnnotatorError as exc:
        QMessageBox.critical(None, "Annotator", f"The database cannot be opened.\n\n{exc}")
        return 1
    try:
        from ..dialogs.errors import install_excepthook
        from .identity import ensure_author

        automated = bool(
            os.environ.get("ANNOTATOR_GUI_QUIT_WHEN_SHOWN")
            or os.environ.get("ANNOTATOR_QUIT_AFTER_MS")
        )
        from .single_instance import OPEN, SWITCH, SingleInstance, ask, bring_to_front

        lock = workspace.instance_lock()
        holder = lock.holder()
        if holder is not None and not automated:  # a second launch on the same database
            choice = ask(None, holder)
            if choice == SWITCH:
                lock.ring()
            if choice != OPEN:
                return 0
        ensure_author(workspace, interactive=not automated)  # the first launch asks the name
        window = create_window(workspace, open_ids, db=db)
        instance = SingleInstance(lock, window)
        if holder is None:
            instance.claim()
            instance.activated.connect(lambda: bring_to_front(window))
        app.aboutToQuit.connect(instance.release)
        install_excepthook(lambda: window)
        window.show()
        quit_after = os.environ.get("ANNOTATOR_QUIT_AFTER_MS", "")
        if os.environ.get("ANNOTATOR_GUI_QUIT_WHEN_SHOWN") or quit_after:
            # tests and benchmarks: report the time to the shown window, then close by itself

            def shown() -> None:
                elapsed = (time.perf_counter() - _STARTED) * 1000
                print(f"annotator-gui-shown {elapsed:.1f}", flush=True)
                delay = int(quit_after) if quit_after.isdigit() else 0
                QTimer.singleShot(delay, window.close)

            QTimer.singleShot(0, shown)
        return app.exec()
    finally:
        workspace.close()
