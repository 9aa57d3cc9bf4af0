from __future__ import annotations

import codecs
import io
import zipfile

import charset_normalizer
import pytest

from annotator.errors import ImportFileError
from annotator.importing.decode import decode_bytes, normalize_newlines

RUSSIAN = (
    "Азербайджан обстрелял несколько армянских пограничных городов.\n"
    "Премьер-министр провёл заседание Совета безопасности, стороны обсудили перемирие.\n"
)
FRENCH = (
    "Le cessez-le-feu a été signé à Moscou après des combats intenses.\n"
    "Les forces arméniennes se retirent; le ministère a déclaré que les négociations "
    "reprendront à Genève. Où ira-t-on ? Déjà l'hiver.\n"
)
GERMAN = (
    "Die Waffenruhe wurde in Moskau unterzeichnet. Die armenischen Truppen ziehen sich "
    "zurück, größere Städte bleiben geschützt. Äußerst schwierige Gespräche über Übergänge.\n"
)
MIXED = "Երևան, Ağdam, Şuşa — «Ceasefire» 🙂\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", MIXED),
        ("utf-8-sig", MIXED),
        ("utf-16", MIXED),  # Python writes a BOM (little-endian here)
        ("utf-16-be", "\ufeff" + RUSSIAN),  # explicit big-endian BOM
        ("utf-32", MIXED),
    ],
)
def test_unicode_encodings_with_and_without_bom(encoding: str, text: str) -> None:
    got = decode_bytes(text.encode(encoding), "a.txt")
    assert got == text.removeprefix("\ufeff")
    assert not got.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [FRENCH, RUSSIAN, "Plain ASCII text.\nSecond line.\n"])
def test_utf16_without_bom_is_detected(encoding: str, text: str) -> None:
    data = text.encode(encoding)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert decode_bytes(data, "a.txt") == text


def test_utf8_bom_is_stripped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"Title\nbody", "a.txt") == "Title\nbody"


def test_cp1251_russian() -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"), "ru.txt") == RUSSIAN


def test_cp1251_short_russian() -> None:
    text = "Азербайджан и Армения договорились о прекращении огня.\n"
    assert decode_bytes(text.encode("cp1251"), "ru.txt") == text


@pytest.mark.parametrize("text", [FRENCH, GERMAN, FRENCH + GERMAN])
def test_latin1_french_and_german(text: str) -> None:
    assert decode_bytes(text.encode("latin-1"), "fr.txt") == text


def test_declared_encoding_is_used_when_utf8_fails() -> None:
    text = "Ceasefire — “quoted” text"
    data = text.encode("cp1252")
    assert decode_bytes(data, "a.html", declared_encoding="windows-1252") == text
    # an unknown declared encoding is ignored, not an error
    assert decode_bytes(b"plain", "a.html", declared_encoding="no-such-codec") == "plain"


def test_utf8_fast_path_does_not_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("charset-normalizer must not run for valid UTF-8")

    monkeypatch.setattr(charset_normalizer, "from_bytes", boom)
    assert decode_bytes(MIXED.encode(), "a.txt") == MIXED


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<xml>hello</xml>")
    return buf.getvalue()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (PNG, "PNG image"),
        (_zip_bytes(), "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 50 + b"\x10\x00", "NUL bytes"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_files_are_refused(data: bytes, why: str) -> None:
    with pytest.raises(ImportFileError) as info:
        decode_bytes(data, "/tmp/picture.txt")
    message = str(info.value)
    assert message.startswith("/tmp/picture.txt: binary file, not text (")
    assert why in message
    assert info.value.path == "/tmp/picture.txt"


def test_random_high_bytes_are_refused() -> None:
    # no NULs, not UTF-8 and no plausible single-byte text either
    data = bytes((i * 7919 + 13) % 96 + 0x80 for i in range(4000)) + bytes(range(1, 9)) * 40
    with pytest.raises(ImportFileError, match="binary file, not text"):
        decode_bytes(data, "x.txt")


def test_a_stray_control_character_is_tolerated() -> None:
    text = "A long enough line of text.\n" * 5 + "One \x07 bell in it.\n"
    assert decode_bytes(text.encode(), "a.txt") == text


def test_empty_file_decodes_to_empty_text() -> None:
    assert decode_bytes(b"", "a.txt") == ""


def test_normalize_newlines() -> None:
    assert normalize_newlines("a\r\nb\rc\nd\r\n\r\ne\r") == "a\nb\nc\nd\n\ne\n"
    assert normalize_newlines("no carriage returns\n") == "no carriage returns\n"
    assert normalize_newlines("\r\r\n") == "\n\n"
