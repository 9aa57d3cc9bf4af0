"""Help: every keyboard shortcut (from ``shortcuts.py``) and how tagging works; About."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout

from ..shell.shortcuts import SHORTCUTS

INTRO = (
    "<p>Select text with the mouse or the keyboard (Shift+arrows), then press a label's key "
    "or click it in the label bar. Selections snap to whole words; hold <b>Alt</b> (or "
    "<b>Ctrl</b>) while dragging, or switch on <i>Annotate ▸ Exact characters</i>, to tag "
    "exactly the characters you selected. Click a span to select it (it gets an outline); "
    "then a label key retags it, Del deletes it and Alt+arrows move its boundaries.</p>"
    "<p>Link two spans (one supports, contradicts or repeats the other): select a span and "
    "drag its knob (<b>●</b>, just above its end) onto a span in any pane, or press <b>L</b> "
    "on it and again on the other span; then pick the kind. The Links panel lists the open "
    "documents' links: <b>F2</b> edits a link's note, <b>K</b> gives it another kind, "
    "<b>Del</b> deletes it. <i>Annotate ▸ Link kinds</i> adds and renames kinds.</p>"
    "<p>Every edit is saved to the database at once; there is no Save button. Undo and redo "
    "work across all documents.</p>"
    "<p>Spans that overlap stay readable: each nesting level gets its own underline row, and "
    "the fills blend. Hover over a span to see every span under the pointer.</p>"
)


def shortcuts_html(labels=()) -> str:
    """The help page: the current label scheme's keys, then every entry of the shortcut
    table (``shell/shortcuts.py``), grouped."""
    rows = ["<tr><td colspan=2><h3>Labels (keys are editable: Annotate ▸ Edit label "
            "scheme)</h3></td></tr>"]  # fmt: skip
    for label in labels:
        key = html.escape(label.shortcut) if label.shortcut else "—"
        rows.append(
            f"<tr><td style='padding-right:18px'><b>{key}</b></td>"
            f"<td>Tag the selection as <i>{html.escape(label.name)}</i> (with a span "
            "selected: retag it)</td></tr>"
        )
    group = None
    for shortcut in SHORTCUTS:
        if shortcut.group != group:
            rows.append(f"<tr><td colspan=2><h3>{html.escape(shortcut.group)}</h3></td></tr>")
            group = shortcut.group
        keys = ", ".join(shortcut.keys) or "(menu)"
        rows.append(
            f"<tr><td style='padding-right:18px'><b>{html.escape(keys)}</b></td>"
            f"<td>{html.escape(shortcut.what)}</td></tr>"
        )
    return f"<h2>Annotator</h2>{INTRO}<table>{''.join(rows)}</table>"


class HelpDialog(QDialog):
    def __init__(self, labels=(), parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts — Annotator")
        self.resize(640, 720)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(shortcuts_html(labels))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def show_about(parent) -> None:
    from ..._version import __version__

    QMessageBox.about(
        parent,
        "About Annotator",
        f"<h3>Annotator {html.escape(__version__)}</h3>"
        "<p>Annotate how a war is reported: open articles side by side and tag claims, "
        "casualty reports, statements and opinion. Every edit is saved at once.</p>",
    )
