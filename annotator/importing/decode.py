"""Bytes to text: encoding detection, binary refusal and newline normalisation.

Order of the checks (the common case, plain UTF-8, costs one strict decode):

1. A byte-order mark decides: UTF-8 (the BOM is dropped), UTF-32 LE/BE, UTF-16 LE/BE.
2. Known binary signatures (PNG, JPEG, GIF, PDF, ZIP, gzip...) are refused.
3. NUL bytes: the file is UTF-16 without a BOM when the NULs sit almost all on one byte
   parity (ASCII-range characters in UTF-16); otherwise it is binary and refused.
4. Strict UTF-8.
5. An encoding the caller read from the file itself (e.g. an HTML ``<meta charset>``).
6. ``charset-normalizer`` guesses a legacy single-byte encoding; among its nearly equally
   good guesses Windows-1252 (Western European; Windows-1254 when that reading shows
   Turkish letters as Icelandic ones) is preferred for mostly-ASCII text and Windows-1251
   (Cyrillic) for text made mostly of high bytes. No plausible guess: binary. Central
   European (Windows-1250) text may therefore be misread: such files should be UTF-8.

Text in which more than 1 % of the characters are C0 control characters (other than tab,
newlines, form feed and escape) is refused as binary too.
"""

from __future__ import annotations

import codecs
import re

from annotator.errors import ImportFileError

__all__ = ["decode_bytes", "normalize_newlines"]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, or a .docx/.xlsx/.odt document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

_MAGIC_BY_FIRST_BYTE: dict[bytes, list[tuple[bytes, str]]] = {}
for _magic, _kind in _MAGIC:
    _MAGIC_BY_FIRST_BYTE.setdefault(_magic[:1], []).append((_magic, _kind))

# C0 controls that have no business in text (tab, LF, VT, FF, CR and ESC are allowed).
_BAD_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# bytes.translate(None, _ALL_BUT_BAD) keeps only the bad controls: a C-speed count
_ALL_BUT_BAD = bytes(b for b in range(256) if b not in _BAD_CONTROL_BYTES)
_BAD_CONTROLS_S = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MAX_CONTROL_RATIO = 0.01

# Tie-breaking among charset-normalizer's equally good guesses.
_PREFER_LATIN = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1254", "cp1257")
_CHAOS_TOLERANCE = 0.1
_ASCII = bytes(range(0x80))
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A))
_PREFER_HIGH = ("cp1251", "koi8_r", "koi8_u", "cp1253", "cp1255", "cp1256", "cp1252")


def _binary(path: str, why: str) -> ImportFileError:
    return ImportFileError(path, f"binary file, not text ({why})")


def _check_controls(text: str, path: str) -> str:
    if _BAD_CONTROLS_S.search(text) is not None:
        bad = len(_BAD_CONTROLS_S.findall(text))
        if bad > max(1, len(text) * _MAX_CONTROL_RATIO):
            raise _binary(path, f"{bad} control characters")
    return text


def _decode_strict(data: bytes, encoding: str, path: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _binary(path, f"invalid {what} at byte {exc.start}") from None


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NUL bytes fit BOM-less UTF-16, else None."""
    if len(data) < 2 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    high, low = max(even, odd), min(even, odd)
    # Spaces and ASCII punctuation alone give well over 5 % NULs even in non-Latin text;
    # a character U+xx00 on the other parity is rare.
    if high < max(1, half // 20) or low > high // 20:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _legacy(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes  # imported lazily: not needed for UTF-8

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise _binary(path, "no plausible text encoding")
    high = len(data.translate(None, _ASCII))
    ascii_letters = len(data.translate(None, _NOT_ASCII_LETTERS))
    prefer = _PREFER_HIGH if high > ascii_letters else _PREFER_LATIN
    # charset-normalizer often ranks a Baltic or Central European code page a hair above
    # Windows-1252 for short Western text: take the preferred one among the near-ties.
    near: set[str] = set()
    for match in matches:
        if match.chaos <= best.chaos + _CHAOS_TOLERANCE:
            near.update(codecs.lookup(name).name for name in match.could_be_from_charset)
    for name in prefer:
        if codecs.lookup(name).name not in near:
            continue
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "cp1252" and "cp1254" in near and any(c in text for c in "ðþýÐÞÝ"):
            return data.decode("cp1254")  # Turkish ğ ş ı read as Icelandic letters
        return text
    return str(best)


def decode_bytes(data: bytes, path: str, *, declared_encoding: str | None = None) -> str:
    """Decode a text file's bytes; raise ImportFileError for a binary file.

    ``declared_encoding`` is an encoding the file states about itself (an HTML
    ``<meta charset>``); it is tried after strict UTF-8 and before guessing. A BOM is
    never part of the result. Newlines are left as they are (see ``normalize_newlines``).
    """
    path = str(path)
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                path, f"invalid UTF-8 at byte {exc.start + 3} (the file starts with a UTF-8 BOM)"
            ) from None
        return _check_controls(text, path)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        enc = "utf-32-le" if data.startswith(codecs.BOM_UTF32_LE) else "utf-32-be"
        return _check_controls(_decode_strict(data[4:], enc, path, "UTF-32"), path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return _check_controls(_decode_strict(data[2:], enc, path, "UTF-16"), path)
    for magic, kind in _MAGIC_BY_FIRST_BYTE.get(data[:1], ()):
        if data.startswith(magic):
            raise _binary(path, kind)
    if b"\x00" in data:
        enc = _looks_utf16(data)
        if enc is None:
            raise _binary(path, "contains NUL bytes")
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            raise _binary(path, "contains NUL bytes") from None
        return _check_controls(text, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if data.translate(None, _ALL_BUT_BAD):  # any bad control byte at all: count them
            _check_controls(text, path)
        return text
    if declared_encoding:
        try:
            text = data.decode(codecs.lookup(declared_encoding).name)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return _check_controls(text, path)
    return _check_controls(_legacy(data, path), path)


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
