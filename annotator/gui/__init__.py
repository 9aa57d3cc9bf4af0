"""The desktop app (PySide6). The only Qt code of Annotator lives in this package; it reaches
the core through the workspace's services and follows its change notices.

Entry point: :func:`annotator.gui.shell.app.run`.
"""
