"""Checking the metadata fields of a document (``documents.update``, the document editor,
imports): each value validated and normalised, or a ``ValidationError`` naming the field and
what to write."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..errors import ValidationError
from ..interchange.fields import NATIVE_META

# the fields ``update`` edits, in the order the CLI and the dialog show them
EDITABLE_FIELDS = (
    "title", "outlet", "author", "published", "url", "language", "meta", "meta_updates",
    "collections",
)  # fmt: skip
TITLE_SIZE, AUTHOR_SIZE, URL_SIZE, LANGUAGE_SIZE = 1000, 300, 2000, 35
# free metadata may not use the keys the native format gives the fields of their own
RESERVED_META = frozenset((*NATIVE_META, "collections", "title", "id"))

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# IETF BCP 47 shape (RFC 5646): language (2-3 letters, up to three extlangs; the 4-8 letter
# form is left out: no such subtag is registered, and "English" is a mistake), script (4
# letters), region (2 letters or 3 digits), variants, extensions, private use; or a
# private-use tag (x-...)
_LANGUAGE_RE = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+)$",
    re.IGNORECASE,
)


# -- checks ------------------------------------------------------------------------------------
def _text(value: Any, name: str, size: int, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise ValidationError(f"a document needs a {name}")
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be text, not {type(value).__name__}")
    clean = value.strip()
    if not clean:
        if required:
            raise ValidationError(f"a document needs a {name}")
        return None
    if len(clean) > size:
        raise ValidationError(f"{name} is longer than {size} characters ({len(clean)})")
    return clean


def check_published(value: Any) -> dt.date | None:
    """A date, or text ``YYYY-MM-DD``; None or "" for no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValidationError(f"published must be a date (YYYY-MM-DD), not {type(value).__name__}")
    text = value.strip()
    if not _DATE_RE.match(text):
        raise ValidationError(
            f"published date {text!r} is not in the form YYYY-MM-DD (e.g. 2023-09-19)"
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"published date {text!r} is not a day of the calendar (YYYY-MM-DD: month 01-12, "
            "then a day that month has)"
        ) from None


def check_url(value: Any) -> str | None:
    """An absolute http:// or https:// address with a host; None or "" for none."""
    text = _text(value, "URL", URL_SIZE)
    if text is None:
        return None
    if any(ch.isspace() for ch in text):
        raise ValidationError(f"URL {text!r} contains spaces; write them as %20")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme or not parts.netloc:
            raise ValidationError(
                f"URL {text!r} must start with http:// or https:// "
                "(e.g. https://news.example/2020/10/article)"
            )
        raise ValidationError(
            f"URL {text!r} must be an http:// or https:// address, not {parts.scheme}:"
        )
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if not host:
        raise ValidationError(f"URL {text!r} has no host name (https://HOST/path)")
    return text


def check_language(value: Any) -> str | None:
    """An IETF BCP 47 language tag (en, hy, az-Latn, en-GB ...), in its conventional case."""
    text = _text(value, "language", LANGUAGE_SIZE)
    if text is None:
        return None
    text = text.replace("_", "-")
    if not _LANGUAGE_RE.match(text):
        raise ValidationError(
            f"language {text!r} is not a language tag: use a BCP 47 code such as en, hy, az, "
            "ru or tr, optionally with a script or region (az-Latn, az-Cyrl, en-GB)"
        )
    parts = text.split("-")
    out = [parts[0].lower()]
    private = parts[0].lower() == "x"
    for part in parts[1:]:
        if private or len(part) == 1:
            private = private or part.lower() == "x"
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def check_meta(value: Any) -> dict[str, Any]:
    """Free metadata: a JSON object with text keys, none of them a field of its own."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"meta must be a mapping of keys to values, not {type(value).__name__}"
        )
    out: dict[str, Any] = {}
    for key, item in value.items():
        out[_meta_key(key)] = item
    try:
        json.dumps(out, allow_nan=False)  # what the JSON column will write
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            f"meta values must be JSON values (text, numbers, lists): {exc}"
        ) from None
    return out


def _meta_key(key: Any) -> str:
    if not isinstance(key, str) or not key.strip():
        raise ValidationError(f"a meta key must be non-empty text, not {key!r}")
    key = key.strip()
    if key in RESERVED_META:
        raise ValidationError(
            f"meta key {key!r} is a document field of its own; set it as {key}, not in meta"
        )
    return key


def check_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validated, normalised values of the fields ``update`` takes (ValidationError with a
    message naming the field otherwise). A field left out is not changed; None or "" clears
    it (the title cannot be cleared)."""
    unknown = [name for name in fields if name not in EDITABLE_FIELDS]
    if unknown:
        raise ValidationError(
            f"unknown document field {unknown[0]!r} (fields: {', '.join(EDITABLE_FIELDS)})"
        )
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            out[name] = " ".join(_text(value, "title", TITLE_SIZE, required=True).split())
        elif name == "author":
            out[name] = _text(value, "author", AUTHOR_SIZE)
        elif name == "outlet":
            if isinstance(value, int) and not isinstance(value, bool):
                out[name] = value
            else:
                out[name] = _text(value, "outlet", 300)
        elif name == "published":
            out[name] = check_published(value)
        elif name == "url":
            out[name] = check_url(value)
        elif name == "language":
            out[name] = check_language(value)
        elif name == "meta":
            out[name] = check_meta(value)
        elif name == "meta_updates":
            if not isinstance(value, Mapping):
                raise ValidationError("meta_updates must map keys to values (None removes one)")
            updates = {_meta_key(k): v for k, v in value.items()}
            check_meta({k: v for k, v in updates.items() if v is not None})
            out[name] = updates
        elif name == "collections":
            if isinstance(value, str | bytes) or not isinstance(value, Iterable):
                raise ValidationError("collections must be a list of collection names or ids")
            out[name] = list(value)
    if "meta" in out and "meta_updates" in out:
        raise ValidationError("give meta (all of it) or meta_updates (some keys), not both")
    return out
