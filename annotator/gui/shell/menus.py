"""The main window's menus and actions (keys as listed in ``shortcuts.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from . import theme


def _action(window, text: str, slot, keys=(), *, checkable=False, tip: str = "") -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_menus(window) -> dict[str, QAction]:
    bar = window.menuBar()
    acts: dict[str, QAction] = {}
    panes = window.panes

    file = bar.addMenu("&File")
    acts["import_files"] = _action(window, "&Import files…", window.import_files, ["Ctrl+I"])
    acts["import_folder"] = _action(
        window, "Import &folder…", window.import_folder, ["Ctrl+Shift+I"]
    )
    file.addAction(acts["import_files"])
    file.addAction(acts["import_folder"])
    acts["export"] = _action(window, "&Export…", window.export_dialog, ["Ctrl+Shift+E"])
    file.addAction(acts["export"])
    file.addSeparator()
    acts["close_pane"] = _action(window, "&Close pane", window.close_active_pane, ["Ctrl+W"])
    file.addAction(acts["close_pane"])
    file.addSeparator()
    acts["quit"] = _action(window, "&Quit", window.close, [QKeySequence.StandardKey.Quit])
    file.addAction(acts["quit"])

    edit = bar.addMenu("&Edit")
    stack = window.editor.undo_stack
    undo = stack.createUndoAction(window, "Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = stack.createRedoAction(window, "Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addAction(undo)
    window.addAction(redo)
    acts["undo"], acts["redo"] = undo, redo
    edit.addAction(undo)
    edit.addAction(redo)
    edit.addSeparator()
    acts["find"] = _action(window, "&Find…", window.find_in_document, ["Ctrl+F"])
    acts["find_next"] = _action(window, "Find &next", lambda: window.find_step(1), ["F3"])
    acts["find_previous"] = _action(
        window, "Find pre&vious", lambda: window.find_step(-1), ["Shift+F3"]
    )
    for key in ("find", "find_next", "find_previous"):
        edit.addAction(acts[key])
    edit.addSeparator()
    acts["filter"] = _action(window, "Filter &library", window.focus_filter, ["Ctrl+L"])
    edit.addAction(acts["filter"])

    annotate = bar.addMenu("&Annotate")
    window.label_menu = annotate.addMenu("&Tag as")
    acts["next_span"] = _action(window, "&Next span\tTab", lambda: window.span_step(True))
    acts["previous_span"] = _action(
        window, "&Previous span\tShift+Tab", lambda: window.span_step(False)
    )
    acts["delete_span"] = _action(window, "&Delete span\tDel", window.delete_current_span)
    acts["edit_note"] = _action(window, "Edit &note\tReturn", window.edit_current_note)
    for key in ("next_span", "previous_span", "delete_span", "edit_note"):
        annotate.addAction(acts[key])
    annotate.addSeparator()
    acts["exact"] = _action(
        window,
        "E&xact characters (no snapping to words)",
        panes.set_exact,
        ["Ctrl+E"],
        checkable=True,
    )
    annotate.addAction(acts["exact"])
    annotate.addSeparator()
    acts["labels"] = _action(window, "Edit &label scheme…", window.edit_labels)
    annotate.addAction(acts["labels"])

    view = bar.addMenu("&View")
    view.addAction(window.library_dock.toggleViewAction())
    view.addAction(window.annotation_dock.toggleViewAction())
    view.addAction(window.label_bar.toggleViewAction())
    view.addSeparator()
    acts["sync"] = _action(
        window, "&Synchronised scrolling", panes.set_sync_scroll, ["Ctrl+Shift+S"], checkable=True
    )
    view.addAction(acts["sync"])
    acts["pane_left"] = _action(
        window, "Move pane &left", lambda: window.move_active_pane(-1), ["Ctrl+Shift+PgUp"]
    )
    acts["pane_right"] = _action(
        window, "Move pane &right", lambda: window.move_active_pane(1), ["Ctrl+Shift+PgDown"]
    )
    acts["focus_left"] = _action(
        window, "Focus pane on the left", lambda: window.focus_pane(-1), ["Ctrl+PgUp"]
    )
    acts["focus_right"] = _action(
        window, "Focus pane on the right", lambda: window.focus_pane(1), ["Ctrl+PgDown"]
    )
    for key in ("pane_left", "pane_right", "focus_left", "focus_right"):
        view.addAction(acts[key])
    view.addSeparator()
    theme_menu = view.addMenu("&Theme")
    group = QActionGroup(window)
    for choice, text in (
        (theme.SYSTEM, "Follow the &system"),
        (theme.LIGHT, "&Light"),
        (theme.DARK, "&Dark"),
    ):
        action = QAction(text, window, checkable=True)
        action.setData(choice)
        action.setChecked(choice == window.theme_choice)
        action.triggered.connect(lambda _=False, c=choice: window.set_theme(c))
        group.addAction(action)
        theme_menu.addAction(action)
        acts[f"theme_{choice}"] = action

    help_menu = bar.addMenu("&Help")
    acts["help"] = _action(window, "&Keyboard shortcuts", window.show_help, ["F1"])
    acts["about"] = _action(window, "&About Annotator", window.show_about)
    help_menu.addAction(acts["help"])
    help_menu.addAction(acts["about"])

    acts["open_beside"] = _action(window, "Open beside", window.open_selected_beside)
    acts["open_beside"].setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    acts["open_beside"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.library.table.addAction(acts["open_beside"])
    window.removeAction(acts["open_beside"])
    return acts


def rebuild_label_menu(window) -> None:
    menu = window.label_menu
    menu.clear()
    for label in window.documents.labels.records:
        text = f"{label.name}\t{label.shortcut}" if label.shortcut else label.name
        menu.addAction(text, lambda k=label.key: window.tag_active(k))
