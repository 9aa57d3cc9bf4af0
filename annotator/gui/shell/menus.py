"""The main window's menus and actions (keys as listed in ``shortcuts.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from . import theme
from .backup_actions import NO_FILE_TIP
from .shortcuts import keys, menu_hint


def _action(window, text: str, slot, name: str = "", *, checkable=False, tip: str = "") -> QAction:
    """A window action; ``name`` picks its keys from the shortcut table."""
    action = QAction(text, window)
    if name:
        action.setShortcuts([QKeySequence(k) for k in keys(name)])
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
    acts["import_files"] = _action(window, "&Import files…", window.import_files, "import_files")
    acts["import_folder"] = _action(
        window, "Import &folder…", window.import_folder, "import_folder"
    )
    file.addAction(acts["import_files"])
    file.addAction(acts["import_folder"])
    acts["export"] = _action(window, "&Export…", window.export_dialog, "export")
    file.addAction(acts["export"])  # read_only.install puts "Save a copy…" after it
    acts["restore_backup"] = _action(
        window,
        "&Restore from backup…",
        window.restore_from_backup,
        tip="Replace the database by one of its automatic backups (the current one is kept)",
    )
    if window.workspace.backups is None:  # PostgreSQL: the server's own backups apply
        acts["restore_backup"].setEnabled(False)
        acts["restore_backup"].setStatusTip(NO_FILE_TIP)
    file.addAction(acts["restore_backup"])
    file.addSeparator()
    acts["identity"] = _action(window, "Your &name…", window.ask_author)
    file.addAction(acts["identity"])
    file.addSeparator()
    acts["close_pane"] = _action(window, "&Close pane", window.close_active_pane, "close_pane")
    file.addAction(acts["close_pane"])
    file.addSeparator()
    acts["quit"] = _action(window, "&Quit", window.close, "quit")
    file.addAction(acts["quit"])

    edit = bar.addMenu("&Edit")
    stack = window.editor.undo_stack
    undo = stack.createUndoAction(window, "Undo")
    undo.setShortcuts([QKeySequence(k) for k in keys("undo")])
    redo = stack.createRedoAction(window, "Redo")
    redo.setShortcuts([QKeySequence(k) for k in keys("redo")])
    window.addAction(undo)
    window.addAction(redo)
    acts["undo"], acts["redo"] = undo, redo
    edit.addAction(undo)
    edit.addAction(redo)
    edit.addSeparator()
    acts["find"] = _action(window, "&Find…", window.find_in_document, "find")
    acts["find_next"] = _action(window, "Find &next", lambda: window.find_step(1), "find_next")
    acts["find_previous"] = _action(
        window, "Find pre&vious", lambda: window.find_step(-1), "find_previous"
    )
    acts["search"] = _action(window, "&Search all documents…", window.show_search, "search")
    for key in ("find", "find_next", "find_previous", "search"):
        edit.addAction(acts[key])
    edit.addSeparator()
    acts["filter"] = _action(window, "Filter &library", window.focus_filter, "filter")
    edit.addAction(acts["filter"])

    annotate = bar.addMenu("&Annotate")
    window.label_menu = annotate.addMenu("&Tag as")
    # keys the document view handles: shown in the menu, not registered (see shortcuts.py)
    acts["next_span"] = _action(
        window, "&Next span" + menu_hint("next_span"), lambda: window.span_step(True)
    )
    acts["previous_span"] = _action(
        window, "&Previous span" + menu_hint("previous_span"), lambda: window.span_step(False)
    )
    acts["delete_span"] = _action(
        window, "&Delete span" + menu_hint("delete_span"), window.delete_current_span
    )
    acts["edit_note"] = _action(
        window, "Edit &note" + menu_hint("edit_note"), window.edit_current_note
    )
    for key in ("next_span", "previous_span", "delete_span", "edit_note"):
        annotate.addAction(acts[key])
    annotate.addSeparator()
    acts["exact"] = _action(
        window,
        "E&xact characters (no snapping to words)",
        panes.set_exact,
        "exact",
        checkable=True,
    )
    annotate.addAction(acts["exact"])
    annotate.addSeparator()
    acts["labels"] = _action(window, "Edit &label scheme…", window.edit_labels)
    annotate.addAction(acts["labels"])
    acts["registries"] = _action(window, "Actors and &events…", window.edit_registries)
    annotate.addAction(acts["registries"])
    acts["link_kinds"] = _action(window, "Link &kinds…", lambda: _link_kinds(window))
    annotate.addAction(acts["link_kinds"])

    compare = bar.addMenu("&Compare")
    acts["event_comparison"] = _action(
        window, "&Event comparison…", lambda: window.show_event_comparison(), "event_comparison"
    )
    acts["statistics"] = _action(window, "&Statistics…", window.show_statistics, "statistics")
    compare.addAction(acts["event_comparison"])
    compare.addAction(acts["statistics"])

    view = bar.addMenu("&View")
    view.addAction(window.library_dock.toggleViewAction())
    view.addAction(window.annotation_dock.toggleViewAction())
    view.addAction(window.links_dock.toggleViewAction())
    view.addAction(window.label_bar.toggleViewAction())
    view.addSeparator()
    acts["sync"] = _action(
        window, "&Synchronised scrolling", panes.set_sync_scroll, "sync", checkable=True
    )
    view.addAction(acts["sync"])
    acts["pane_left"] = _action(
        window, "Move pane &left", lambda: window.move_active_pane(-1), "pane_left"
    )
    acts["pane_right"] = _action(
        window, "Move pane &right", lambda: window.move_active_pane(1), "pane_right"
    )
    acts["focus_left"] = _action(
        window, "Focus pane on the left", lambda: window.focus_pane(-1), "focus_left"
    )
    acts["focus_right"] = _action(
        window, "Focus pane on the right", lambda: window.focus_pane(1), "focus_right"
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
    acts["help"] = _action(window, "&Keyboard shortcuts", window.show_help, "help")
    acts["about"] = _action(window, "&About Annotator", window.show_about)
    help_menu.addAction(acts["help"])
    help_menu.addAction(acts["about"])

    acts["open_beside"] = _action(window, "Open beside", window.open_selected_beside, "open_beside")
    acts["open_beside"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.library.table.addAction(acts["open_beside"])
    window.removeAction(acts["open_beside"])
    return acts


def _link_kinds(window) -> None:
    from ..dialogs.link_kinds_dialog import edit_link_kinds  # not on the first screen

    edit_link_kinds(window)


def rebuild_label_menu(window) -> None:
    menu = window.label_menu
    menu.clear()
    for label in window.documents.labels.records:
        text = f"{label.name}\t{label.shortcut}" if label.shortcut else label.name
        menu.addAction(text, lambda k=label.key: window.tag_active(k))
