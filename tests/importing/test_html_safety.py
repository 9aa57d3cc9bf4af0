"""Importing hostile HTML, XHTML and XML-flavoured pages opens no socket, starts no process,
opens no file but the page itself and resolves no entity (external entities, DTDs, entity
expansion bombs); time and output stay bounded, and each page either imports its visible
text or fails with a clean error naming the file.

Watched with ``sys.addaudithook`` (CPython's audit events: ``socket.*``, ``subprocess.Popen``,
``os.system``, ``os.exec``, ``os.posix_spawn``, ``urllib.Request``, ``open``...). A hook cannot
be removed, so the one installed here records only while ``watching`` is on.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from annotator import open_workspace
from annotator.errors import AnnotatorError, ImportFileError
from annotator.importing.files import iter_file_documents
from annotator.importing.preview import documents, preview_file

FORBIDDEN = (
    "socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
    "os.fork", "os.startfile", "urllib.", "http.client.", "ftplib.", "smtplib.",
    "webbrowser.", "pty.", "ctypes.dlopen", "os.kill",
)  # fmt: skip
_state: dict = {"on": False, "allowed": set(), "events": []}


def _hook(event: str, args: tuple) -> None:
    if not _state["on"]:
        return
    if event == "open":
        target = args[0]
        name = os.fsdecode(target) if isinstance(target, (str, bytes, os.PathLike)) else target
        if name not in _state["allowed"]:
            _state["events"].append((event, repr(args)[:200]))
    elif event.startswith(FORBIDDEN):
        _state["events"].append((event, repr(args)[:200]))


if not getattr(sys, "_annotator_html_safety_hook", False):
    sys.addaudithook(_hook)
    sys._annotator_html_safety_hook = True


@contextmanager
def watching(*allowed: str):
    """Record every forbidden event (and every open of a file not in ``allowed``) inside."""
    _state.update(on=True, allowed=set(allowed), events=[])
    try:
        yield _state["events"]
    finally:
        _state["on"] = False


LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "lol"}">' for i in range(10))
BIG_ENTITY = "a" * 50_000
PAGES = {
    "remote_resources": (
        '<html><head><base href="http://evil.example/">'
        '<meta http-equiv="refresh" content="0; url=http://evil.example/r">'
        '<link rel="stylesheet" href="http://evil.example/s.css">'
        '<link rel="import" href="http://evil.example/i.html">'
        '<script src="http://evil.example/x.js"></script>'
        "<style>@import url(http://evil.example/i.css);</style></head><body>"
        '<img src="http://evil.example/p.png" srcset="http://evil.example/p2.png 2x">'
        '<iframe src="http://evil.example/f"></iframe><object data="http://evil.example/o">'
        '</object><embed src="file:///etc/passwd"><video src="http://evil.example/v.mp4">'
        '</video><svg><image href="http://evil.example/s.svg"/></svg>'
        '<form action="http://evil.example/post"><input></form>'
        '<a href="javascript:alert(1)">VISIBLE link</a><p>VISIBLE text</p></body></html>'
    ),
    "doctype_system": (
        '<!DOCTYPE html SYSTEM "http://evil.example/x.dtd"><html><body><p>VISIBLE</p></body></html>'
    ),
    "xxe_file": (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        '<!ENTITY web SYSTEM "http://evil.example/e">]>'
        "<html><body><p>VISIBLE &xxe; &web;</p></body></html>"
    ),
    "parameter_entity": (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY % pe SYSTEM "http://evil.example/p.dtd">'
        "%pe;]><html><body><p>VISIBLE</p></body></html>"
    ),
    "xinclude": (
        '<html xmlns:xi="http://www.w3.org/2001/XInclude"><body><p>VISIBLE</p>'
        '<xi:include href="file:///etc/passwd" parse="text"/></body></html>'
    ),
    "billion_laughs": (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{LAUGHS}]>'
        "<html><body><p>VISIBLE &lol9;</p></body></html>"
    ),
    "quadratic_blowup": (
        f'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "{BIG_ENTITY}">]>'
        f"<html><body><p>VISIBLE {'&a;' * 20_000}</p></body></html>"
    ),
    "xml_stylesheet": (
        '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="http://evil.example/x.xsl"?>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>VISIBLE</p></body></html>'
    ),
    "huge_attribute": f'<html><body><p title="{"x" * 5_000_000}">VISIBLE</p></body></html>',
    "deep_nesting": "<div>" * 100_000 + "VISIBLE" + "</div>" * 100_000,
    "deep_json_ld": (
        '<html><head><script type="application/ld+json">'
        + "[" * 100_000
        + "]" * 100_000
        + "</script></head><body><p>VISIBLE</p></body></html>"
    ),
    "character_references": (
        "<html><body><p>VISIBLE &amp; &#x1F54A; &#99999999999; &#0; &nbsp;&unknown;</p>"
        "</body></html>"
    ),
    "only_hostile": '<html><head><script src="http://evil.example/x.js"></script></head></html>',
}
PASSWD = ("root:x:0:0", "/bin/bash", "daemon:")


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """Import benign pages first: the modules the importer loads lazily (charset guessing,
    the byline reader...) are loaded before anything is watched."""
    folder = tmp_path_factory.mktemp("warm")
    page = "<html><body><article><h1>Titel</h1><p>By Jane Roe</p><p>Grüße</p></article>"
    for n, encoding in enumerate(("utf-8", "cp1252")):
        path = folder / f"warm{n}.html"
        path.write_bytes(page.encode(encoding))
        list(iter_file_documents(path, split=True))
        list(documents(preview_file(path)))
    ws = open_workspace(str(folder / "warm.sqlite3"), author=None, backup=False)
    ws.import_paths([path], split=True, strip_boilerplate=True)
    yield ws
    ws.close()


def check_outcome(source: str, path: Path, docs) -> None:
    if isinstance(docs, BaseException):
        assert isinstance(docs, AnnotatorError), repr(docs)
        assert str(path) in str(docs)
        return
    text = "\n".join(d.text for d in docs)
    assert "VISIBLE" in text
    assert len(text) <= len(source)  # nothing expanded
    assert not any(p in text for p in PASSWD)
    assert text.count("lol") <= source.count("lol")
    assert BIG_ENTITY not in text


def _run(fn):
    try:
        return fn()
    except Exception as exc:  # the outcome is checked: only clean errors pass
        return exc


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_hostile_page_is_read_safely(warm, tmp_path, name, suffix):
    source = PAGES[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source, encoding="utf-8")
    started = time.perf_counter()
    with watching(str(path)) as events:
        parsed = _run(lambda: list(iter_file_documents(path, split=True)))
        previewed = _run(lambda: list(documents(preview_file(path))))
    assert events == []
    assert time.perf_counter() - started < 60
    if name == "only_hostile":
        assert isinstance(parsed, ImportFileError) and parsed.path == str(path)
        assert "no text found" in str(parsed)
    for docs in (parsed, previewed):
        check_outcome(source, path, docs)


@pytest.mark.parametrize("name", ["remote_resources", "xxe_file", "billion_laughs"])
def test_hostile_page_import_touches_only_the_database(warm, tmp_path, name):
    path = tmp_path / f"{name}.html"
    path.write_text(PAGES[name], encoding="utf-8")
    with watching(str(path)) as events:
        report = warm.import_paths([path], split=True, strip_boilerplate=True)
    assert [e for e in events if not e[0].startswith("sqlite3.")] == []
    (doc_id,) = report.document_ids
    check_outcome(PAGES[name], path, [warm.documents.get(doc_id)])


def test_the_watch_sees_what_it_forbids(tmp_path):
    """The hook records sockets, processes and other files (so its silence means something)."""
    import socket
    import subprocess

    other = tmp_path / "other.txt"
    other.write_text("x")
    with watching() as events:
        other.read_text()
        socket.socket().close()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
    kinds = {e[0] for e in events}
    assert {"open", "socket.__new__", "subprocess.Popen"} <= kinds
