"""The small menu that picks a link's kind: arrows and Enter, or the kind's letter (the first
letter of its name not taken by a kind above it, underlined)."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu


def mnemonic_names(kinds) -> list[str]:
    """Each kind's name with ``&`` before a letter no kind above it took."""
    taken: set[str] = set()
    out = []
    for kind in kinds:
        name = kind.name.replace("&", "&&")
        for i, ch in enumerate(name):
            if ch.isalnum() and ch.lower() not in taken:
                taken.add(ch.lower())
                name = name[:i] + "&" + name[i:]
                break
        out.append(name)
    return out


def build_kind_menu(parent, kinds) -> QMenu:
    menu = QMenu(parent)
    menu.setObjectName("linkKindMenu")
    menu.setTitle("Link as")
    for kind, text in zip(kinds, mnemonic_names(kinds), strict=True):
        action = menu.addAction(text)
        action.setData(kind.key)
    if menu.actions():
        menu.setActiveAction(menu.actions()[0])
    return menu


def pick_kind(parent, kinds, global_pos) -> str | None:
    """The key of the kind picked in the menu at ``global_pos`` (None: dismissed)."""
    menu = build_kind_menu(parent, kinds)
    chosen = menu.exec(global_pos)
    menu.deleteLater()
    return chosen.data() if chosen is not None else None
