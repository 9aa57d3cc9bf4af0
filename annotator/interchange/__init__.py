"""Facts every interchange format shares in both directions (import and export): the native
format's name and schema file, the document fields. ``importing`` and ``exporting`` both build
on this package and never import each other (``tests/test_architecture.py``)."""
