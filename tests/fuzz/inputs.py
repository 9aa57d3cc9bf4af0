"""Hostile input files for the importers: records of every format with wrong offsets, types
and references, random JSON (deep too), HTML and plain text, then random bytes, truncations,
wrong encodings and huge lines on top (``files``)."""

from __future__ import annotations

import json

import orjson
from hypothesis import strategies as st

PIECES = ["\r\n", "\n", "\n\n", " ", "Երևան", "e\u0301", "🕊️", "👍🏽", "🇦🇲", "Ağdam", "“", "—"]
PIECES += ["\t", "a", "12", "killed", ".", "\u2028", "\x85", "İ", "\ufeff", "&amp;", "<p>"]
PIECES += ["---\n", "title: x\n", "published: 2020-13-45\n", "By Jane Roe\n", "\x00", "\x1b"]
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
LABELS = ["claim", "opinion", "statement", "casualty_report", "new_label", " ", "", "a b"]
LABELS += ["x" * 101, "Ünïcode", "\u200b"]


@st.composite
def texts(draw, min_size: int = 0) -> str:
    parts = draw(st.lists(st.sampled_from(PIECES) | st.text(ANY_CHAR, max_size=4), max_size=25))
    text = "".join(parts)
    return text if len(text) >= min_size else text + "x" * (min_size - len(text))


def offsets(n: int):
    """Offsets into a text of ``n`` characters: mostly inside it, some past either end, some
    of the wrong type."""
    inside = st.integers(0, max(n, 0))
    edge = st.sampled_from([-1, n + 1, 2**31, 2**63, 2**64, -(2**63) - 1])
    wrong = st.sampled_from([None, True, 1.5, "3", [1], {}])
    return st.one_of(inside, inside, inside, edge, wrong)


def json_values(max_leaves: int = 10):
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(ANY_CHAR, max_size=8),
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def deep(depth: int, kind: str):
    value: object = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


ESTIMATE = st.fixed_dictionaries(
    {}, optional={p: st.none() | st.integers(-5, 2**64) | st.just("7") for p in ("low", "best")}
)
ATTRIBUTES = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "killed": ESTIMATE | json_values(3),
            "who": st.sampled_from(["civilian", "nobody", 3]),
            "date": st.sampled_from(["2020-02-30", "2020-01-01", "2020-01-01\n", "٢٠٢٠-٠١-٠١"]),
            "denial": st.booleans() | st.just("yes"),
            "perpetrator": st.one_of(
                st.just({"actor": {"id": "a1", "name": "Side A", "kind": "state body"}}),
                st.just({"actor": "a1"}),
                st.just({"actor": {"name": "no id"}}),
                st.just([{"actor": "a1"}, {"actor": ""}]),
                json_values(3),
            ),
            "event": st.just({"event": {"id": "e1", "name": "Shelling", "date": "2020-01-01"}}),
        },
    ),
    json_values(4),
)
LINKS = st.lists(
    st.fixed_dictionaries(
        {"kind": st.sampled_from(["supports", "denies", "repeats", "new_kind", "", 3])},
        optional={
            "to": st.sampled_from(["s0", "s1", "s2", "missing", "", None]),
            "id": st.sampled_from(["l1", "l2", None, 5]),
            "directed": st.sampled_from([True, False, "no"]),
            "created": st.sampled_from(["2020-01-01T00:00:00Z", "2020-01-01", "never"]),
        },
    ),
    max_size=3,
)


@st.composite
def spans(draw, text: str, kind: str) -> list:
    n = len(text)
    out = []
    for i in range(draw(st.integers(0, 5))):
        start = draw(offsets(n))
        if isinstance(start, int) and 0 <= start < n and draw(st.booleans()):
            end = draw(st.integers(start + 1, n))  # a valid span, often
        else:
            end = draw(offsets(n))
        label = draw(st.sampled_from(LABELS) | st.just(None))
        if kind == "doccano":
            out.append([start, end, label] if draw(st.booleans()) else [start, end])
            continue
        span: dict = {"start": start, "end": end, "label": label}
        if draw(st.booleans()) and isinstance(start, int) and isinstance(end, int):
            span["text"] = text[start:end] if draw(st.booleans()) else "wrong"
        if kind == "native":
            span["id"] = draw(st.sampled_from([f"s{i}", "s0", None, "", 7]))
            if draw(st.booleans()):
                span["attributes"] = draw(ATTRIBUTES)
            if draw(st.booleans()):
                span["links"] = draw(LINKS)
            if draw(st.booleans()):
                span["utf16"] = draw(st.sampled_from([[start, end], [0, 1], "x", [1]]))
            if draw(st.booleans()):
                span["created"] = draw(st.sampled_from(["2020-01-01T00:00:00+04:00", "x", None]))
            if draw(st.booleans()):
                span["note"] = draw(st.text(ANY_CHAR, max_size=5) | st.just(3))
        out.append(span)
    return out


@st.composite
def records(draw) -> object:
    """One JSON record of any of the formats the JSON readers take, often slightly wrong."""
    text = draw(texts())
    shape = draw(st.sampled_from(["native", "doccano", "entities", "prodigy", "labelstudio"]))
    deep_meta = st.builds(deep, st.integers(200, 1100), st.just("dict"))
    meta = draw(st.none() | json_values(6) | deep_meta)
    if shape == "native":
        rec = {"schema": draw(st.sampled_from(["annotator.v1", "annotator.v0"])), "text": text}
        rec["id"] = draw(st.sampled_from([None, "d1", "x" * 40, 5]))
        rec["meta"] = (
            meta
            if not isinstance(meta, dict) or draw(st.booleans())
            else {
                "published": draw(st.sampled_from(["2020-01-01", "2020-02-30", 7])),
                "imported_at": draw(st.sampled_from(["2020-01-01T00:00:00Z", "2020-01-01T00:00"])),
                "outlet": draw(st.sampled_from(["Wire", "", 5, " " * 400])),
                "collections": draw(st.sampled_from([["A", "a "], ["", "x" * 300], [1], "A"])),
                "free": meta,
            }
        )
        rec["spans"] = draw(spans(text, "native") | json_values(3))
    elif shape == "doccano":
        rec = {"text": text, "label": draw(spans(text, "doccano") | json_values(3)), "m": meta}
    elif shape == "entities":
        entities = [
            {"start_offset": s[0], "end_offset": s[1], "label": (s + [None])[2]}
            for s in draw(spans(text, "doccano"))
        ]
        rec = {"text": text, "entities": entities, "meta": meta}
    elif shape == "prodigy":
        rec = {"text": text, "spans": draw(spans(text, "prodigy")), "meta": meta}
    else:
        results = [
            {"type": "labels", "id": f"r{i}", "value": {
                "start": s.get("start"), "end": s.get("end"), "text": s.get("text"),
                "labels": draw(st.sampled_from([[s.get("label")], [], "claim", ["claim", "x"]])),
            }}
            for i, s in enumerate(draw(spans(text, "prodigy")))
        ]  # fmt: skip
        rec = {"data": {"text": text, "meta": meta}, "annotations": [{"result": results}]}
    if draw(st.integers(0, 9)) == 0:  # a field of the wrong type
        key = draw(st.sampled_from(sorted(rec)))
        rec[key] = draw(json_values(2))
    return rec


def dumps(value: object, indent: bool = False) -> bytes:
    """JSON text of ``value``: orjson where it can, else the standard library (integers past
    64 bits, nesting orjson refuses to write)."""
    if not indent:
        try:
            return orjson.dumps(value)
        except TypeError:
            pass
    try:
        return json.dumps(value, indent=2 if indent else None).encode()
    except RecursionError:
        return b"[" * 5000 + b"]" * 5000


@st.composite
def json_files(draw, suffix: str) -> bytes:
    items = draw(st.lists(records() | json_values(4), min_size=1, max_size=4))
    if suffix == ".jsonl":
        sep = draw(st.sampled_from([b"\n", b"\r\n", b"\n\n  \n"]))
        return sep.join(dumps(item) for item in items) + draw(st.sampled_from([b"", b"\n"]))
    layout = draw(st.sampled_from(["lines", "indented", "one"]))
    if layout == "lines":
        return b"[\n" + b",\n".join(dumps(i) for i in items) + b"\n]\n"
    return dumps(items if layout == "indented" else items[0], indent=layout == "indented")


TAGS = ["p", "div", "article", "main", "h1", "script", "style", "pre", "br", "li", "table"]
TAGS += ["td", "header", "span", "iframe", "template", "svg", "nav", "title", "meta", "b"]
ATTRS = ["hidden", 'aria-hidden="true"', 'lang="en"', 'class="x"', 'charset="koi8-r"']
ATTRS += ['property="og:title" content="T"', 'name="date" content="2020-99-01"', 'src="http://x"']


@st.composite
def html_pages(draw) -> str:
    def element(depth: int) -> str:
        if depth > 4 or draw(st.integers(0, 2)) == 0:
            return draw(texts()).replace("<p>", "<")
        tag = draw(st.sampled_from(TAGS))
        attrs = " ".join(draw(st.lists(st.sampled_from(ATTRS), max_size=2)))
        body = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 3))))
        close = draw(st.sampled_from([f"</{tag}>", "", "</p>"]))
        return f"<{tag} {attrs}>{body}{close}"

    head = draw(st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0"?>', "<html>"]))
    ld = draw(st.sampled_from(["", '<script type="application/ld+json">{"datePublished": 5}']))
    return head + ld + "".join(element(0) for _ in range(draw(st.integers(1, 4))))


@st.composite
def text_files(draw, suffix: str) -> bytes:
    text = draw(html_pages()) if suffix in (".html", ".htm") else draw(texts())
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le"]))
    encoding = encoding if draw(st.booleans()) else draw(st.sampled_from(["cp1251", "latin-1"]))
    return text.encode(encoding, "replace")


MUTATIONS = ["as is", "as is", "random", "truncate", "insert", "encode", "huge"]


@st.composite
def files(draw, suffix: str) -> bytes:
    """The bytes of a file named ``*suffix``: a well-formed or slightly wrong file of its kind,
    random bytes, or one mutated (truncated, bytes inserted, re-encoded, a huge line)."""
    data = draw(json_files(suffix) if suffix in (".jsonl", ".json") else text_files(suffix))
    how = draw(st.sampled_from(MUTATIONS))
    if how == "random":
        return draw(st.binary(max_size=300))
    if how == "truncate" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if how == "encode":
        text = data.decode("utf-8", "replace")
        enc = draw(st.sampled_from(["utf-16", "utf-16-be", "utf-32", "cp1252", "cp1251", "koi8-r"]))
        return text.encode(enc, "replace")
    if how == "huge":
        size = draw(st.sampled_from([70_000, 70_000, 300_000, 1_100_000]))
        filler = draw(st.sampled_from([b"a", b" ", b"\xd5\xa5", b"9", b"<b>"]))
        at = draw(st.integers(0, len(data)))
        return data[:at] + filler * (size // len(filler)) + data[at:]
    return data
