"""The metadata a document carries besides its title and text: one list for the database
columns, the importers and every export."""

from __future__ import annotations

# in the order exports write them; every one may be missing (None)
DOCUMENT_FIELDS = ("outlet", "author", "url", "published", "language")
# the ones that are plain strings (``published`` is a date, YYYY-MM-DD)
TEXT_FIELDS = tuple(f for f in DOCUMENT_FIELDS if f != "published")
# what the native format's ``meta`` holds besides free metadata
NATIVE_META = (*DOCUMENT_FIELDS, "imported_at")
