"""Deleting an unused link kind, restoring it; a kind in use is refused and nothing changes."""

from __future__ import annotations

import pytest

from annotator.errors import ValidationError
from annotator.services.link_index import LinkIndex


def test_delete_unused_kind_and_restore_it(workspace):
    kind = workspace.links.add_kind("echoes", name="Echoes", directed=False).link_kinds_added[0]
    index = LinkIndex(kinds=workspace.links.kinds())
    workspace.subscribe(index.apply)
    change = workspace.links.delete_kind("echoes")
    assert change.link_kinds_removed == (kind,) and change.links_changed
    assert "echoes" not in {k.key for k in workspace.links.kinds()}
    assert kind.id not in index.kinds
    back = workspace.links.restore_kind(kind).link_kinds_added[0]
    assert back == kind and workspace.links.kinds()[-1] == kind
    assert index.kinds[kind.id] == kind
    with pytest.raises(ValidationError, match="exists already"):
        workspace.links.restore_kind(kind)


def test_delete_of_a_kind_in_use_is_refused(workspace):
    doc = workspace.add_document("The dam was shelled. It was not, they said.", outlet="W")
    s1 = workspace.annotations.add(doc, 0, 20, "claim").added[0]
    s2 = workspace.annotations.add(doc, 21, 43, "statement").added[0]
    workspace.links.add(s2.id, s1.id, "denies")
    before = workspace.links.kinds()
    with pytest.raises(ValidationError, match=r"'Denies' is used by 1 link\(s\)"):
        workspace.links.delete_kind("denies")
    assert workspace.links.kinds() == before


def test_a_kind_needs_a_name(workspace):
    with pytest.raises(ValidationError, match="needs a name"):
        workspace.links.update_kind("cites", name="  ")
    assert workspace.links.update_kind("cites", name=" Quotes ").link_kinds_updated[0][1].name == (
        "Quotes"
    )
