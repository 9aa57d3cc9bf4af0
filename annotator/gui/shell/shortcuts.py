"""Every keyboard shortcut, in one table: the menus register their keys from it, the document
view dispatches its keys through it, and the help dialog lists it.

Each entry names an action; ``scope`` says who handles its keys:

* ``window``: a menu action's shortcut (``QAction.setShortcuts``), active anywhere in the
  window;
* ``view``: keys the focused document view handles itself (Tab, Del, Alt+arrows...): the menus
  show them in their text but do not register them, so they never fire while a text box has
  the focus;
* ``widget``: keys a particular widget handles (the find bar, the library);
* ``mouse``: gestures, listed in the help only.

The keys of labels are data (the label scheme), not entries here: the help lists the current
scheme's keys.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shortcut:
    name: str
    group: str
    keys: tuple[str, ...]  # QKeySequence portable text, or a gesture for scope "mouse"
    what: str
    scope: str = "window"


SHORTCUTS: tuple[Shortcut, ...] = (
    # tagging
    Shortcut("exact_drag", "Tagging", ("Alt+drag", "Ctrl+drag"),
             "Select exact characters instead of whole words", "mouse"),
    Shortcut("exact", "Tagging", ("Ctrl+E",), "Toggle exact characters (no snapping to words)"),
    # spans (the document view)
    Shortcut("select_span", "Spans", ("Click",),
             "Select the span under the pointer (click again: the span around it)", "mouse"),
    Shortcut("next_span", "Spans", ("Tab",), "Next span", "view"),
    Shortcut("previous_span", "Spans", ("Shift+Tab",), "Previous span", "view"),
    Shortcut("delete_span", "Spans", ("Del", "Backspace"), "Delete the selected span", "view"),
    Shortcut("edit_note", "Spans", ("Return", "Enter"), "Edit the selected span's note", "view"),
    Shortcut("start_back", "Spans", ("Alt+Left",),
             "Move the span's start one word back (exact mode: one character)", "view"),
    Shortcut("start_forward", "Spans", ("Alt+Right",),
             "Move the span's start one word forward (or character)", "view"),
    Shortcut("end_back", "Spans", ("Alt+Shift+Left",),
             "Move the span's end one word back (or character)", "view"),
    Shortcut("end_forward", "Spans", ("Alt+Shift+Right",),
             "Move the span's end one word forward (or character)", "view"),
    Shortcut("clear", "Spans", ("Esc",), "Clear the selection and the selected span", "view"),
    Shortcut("mark_link", "Spans", ("L",),
             "Mark the span for a link; L on a span in another pane links them (pick the kind)",
             "view"),
    Shortcut("link_drag", "Spans", ("Drag the link knob",),
             "Link by mouse: drag the knob (●) at the selected span's end onto a span in any "
             "pane, then pick the kind", "mouse"),
    # links (the Links panel)
    Shortcut("link_jump", "Links", ("Return", "Double-click"),
             "Go to the link's other end (its document opens if need be)", "widget"),
    Shortcut("link_note", "Links", ("F2",), "Edit the link's note in place", "widget"),
    Shortcut("link_kind", "Links", ("K",), "Give the link another kind (pick it)", "widget"),
    Shortcut("link_delete", "Links", ("Del",), "Delete the link (undoable)", "widget"),
    Shortcut("link_kinds", "Links", (),
             "Add, rename, recolour, make symmetric or delete link kinds (Annotate menu)"),
    # edit
    Shortcut("undo", "Edit", ("Ctrl+Z",), "Undo (the menu names the edit)"),
    Shortcut("redo", "Edit", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
    Shortcut("labels", "Edit", (), "Edit the label scheme (Annotate menu; undoable)"),
    # find
    Shortcut("find", "Find", ("Ctrl+F",), "Find in the document (all matches highlighted)"),
    Shortcut("find_next", "Find", ("F3",), "Next match (Enter in the find bar)"),
    Shortcut("find_previous", "Find", ("Shift+F3",), "Previous match (Shift+Enter in the bar)"),
    Shortcut("search", "Find", ("Ctrl+Shift+F",),
             "Search every document's text and span quotes and notes (the Search panel)"),
    # documents
    Shortcut("filter", "Documents", ("Ctrl+L",), "Filter the library"),
    Shortcut("open", "Documents", ("Return", "Double-click"),
             "Open the library's document in the active pane", "widget"),
    Shortcut("open_beside", "Documents", ("Ctrl+Return", "Ctrl+Enter"),
             "Open the library's selection beside the active pane", "widget"),
    Shortcut("edit_metadata", "Documents", ("F2",),
             "Edit the metadata of the library's document (title, outlet, date, collections)",
             "widget"),
    Shortcut("delete_documents", "Documents", ("Del",),
             "Delete the library's selected documents with their spans (asks; undoable)",
             "widget"),
    Shortcut("drag_beside", "Documents", ("Drag from the library",),
             "Open beside (drop left or right of a pane)", "mouse"),
    Shortcut("close_pane", "Documents", ("Ctrl+W",), "Close the active pane"),
    Shortcut("pane_left", "Documents", ("Ctrl+Shift+PgUp",), "Move the active pane left"),
    Shortcut("pane_right", "Documents", ("Ctrl+Shift+PgDown",), "Move the active pane right"),
    Shortcut("focus_left", "Documents", ("Ctrl+PgUp",), "Focus the pane on the left"),
    Shortcut("focus_right", "Documents", ("Ctrl+PgDown",), "Focus the pane on the right"),
    Shortcut("sync", "Documents", ("Ctrl+Shift+S",), "Synchronised scrolling on / off"),
    # compare
    Shortcut("event_comparison", "Compare", ("Ctrl+Shift+C",),
             "Event comparison: every account of an event side by side, with its figures"),
    Shortcut("statistics", "Compare", ("Ctrl+Shift+T",),
             "Statistics: spans per outlet, alignment, month; verification; actors quoted"),
    # files
    Shortcut("import_files", "Files", ("Ctrl+I",), "Import files"),
    Shortcut("import_folder", "Files", ("Ctrl+Shift+I",), "Import a folder"),
    Shortcut("export", "Files", ("Ctrl+Shift+E",),
             "Export (JSONL, doccano, Prodigy, Label Studio, brat, W3C)"),
    Shortcut("drop_files", "Files", ("Drop files on the window",), "Import them", "mouse"),
    Shortcut("quit", "Files", ("Ctrl+Q",), "Quit"),
    # help
    Shortcut("help", "Help", ("F1",), "This list"),
)  # fmt: skip

BY_NAME: dict[str, Shortcut] = {s.name: s for s in SHORTCUTS}


def keys(name: str) -> tuple[str, ...]:
    """The keys of action ``name`` (KeyError for an action the table does not know)."""
    return BY_NAME[name].keys


def menu_hint(name: str) -> str:
    """``"\\tKEY"`` for a menu item whose keys the view handles (shown, not registered)."""
    shortcut = BY_NAME[name]
    return f"\t{shortcut.keys[0]}" if shortcut.keys else ""


def view_actions() -> dict[str, str]:
    """Key sequence (portable text) -> action name, for the keys the document view handles."""
    return {key: s.name for s in SHORTCUTS if s.scope == "view" for key in s.keys}
