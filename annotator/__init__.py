"""Annotator: annotate how a war is reported.

The core (this package minus ``annotator.gui``) imports no Qt. Python API::

    from annotator import open_workspace
"""

from ._version import __version__
from .workspace import Workspace, open_workspace

__all__ = ["Workspace", "__version__", "open_workspace"]
