"""Every keyboard shortcut, in one table: the menus use it and the help dialog lists it."""

from __future__ import annotations

# (group, keys, what it does); keys as QKeySequence text ("" for keys handled by the view)
SHORTCUTS: list[tuple[str, str, str]] = [
    ("Tagging", "1 … 4", "Tag the selection with the label on that key (see the label bar)"),
    ("Tagging", "1 … 4", "With a span selected (outlined): retag it"),
    ("Tagging", "Alt+drag, Ctrl+drag", "Select exact characters instead of whole words"),
    ("Tagging", "Ctrl+E", "Toggle exact characters (no snapping to words)"),
    ("Spans", "Click", "Select the span under the pointer (click again: the span around it)"),
    ("Spans", "Tab / Shift+Tab", "Next / previous span"),
    ("Spans", "Del, Backspace", "Delete the selected span"),
    ("Spans", "Return", "Edit the selected span's note"),
    ("Spans", "Alt+Left / Alt+Right", "Move the span's start one word (exact mode: character)"),
    ("Spans", "Alt+Shift+Left / Alt+Shift+Right", "Move the span's end one word (or character)"),
    ("Spans", "Esc", "Clear the selection and the selected span"),
    ("Edit", "Ctrl+Z", "Undo (the menu names the edit)"),
    ("Edit", "Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Find", "Ctrl+F", "Find in the document (all matches highlighted)"),
    ("Find", "Enter, F3", "Next match"),
    ("Find", "Shift+Enter, Shift+F3", "Previous match"),
    ("Documents", "Ctrl+L", "Filter the library"),
    ("Documents", "Enter, double-click", "Open the document in the active pane"),
    ("Documents", "Ctrl+Enter", "Open the library's selection beside the active pane"),
    ("Documents", "Drag from the library", "Open beside (drop left or right of a pane)"),
    ("Documents", "Ctrl+W", "Close the active pane"),
    ("Documents", "Ctrl+Shift+PgUp / PgDown", "Move the active pane left / right"),
    ("Documents", "Ctrl+PgUp / Ctrl+PgDown", "Focus the pane on the left / right"),
    ("Documents", "Ctrl+Shift+S", "Synchronised scrolling on / off"),
    ("Files", "Ctrl+I", "Import files"),
    ("Files", "Ctrl+Shift+I", "Import a folder"),
    ("Files", "Ctrl+Shift+E", "Export (JSONL, doccano, Prodigy, Label Studio, brat, W3C)"),
    ("Files", "Drop files on the window", "Import them"),
    ("Help", "F1", "This list"),
]
