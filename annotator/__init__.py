"""Annotator: annotate how a war is reported.

The core (this package minus ``annotator.gui``) imports no Qt. Python API::

    from annotator import open_workspace
"""

from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    from .workspace import Workspace, open_workspace

__all__ = ["Workspace", "__version__", "open_workspace"]


def __getattr__(name: str):
    # Lazy, so that `annotator --version` and the GUI's first paint do not wait for imports
    # they do not need.
    if name in ("Workspace", "open_workspace"):
        from . import workspace

        return getattr(workspace, name)
    raise AttributeError(f"module 'annotator' has no attribute {name!r}")
