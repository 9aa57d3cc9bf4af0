"""The ``annotator`` command: GUI launcher, import, export, database and stats subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import AnnotatorError

EPILOG = """\
database:
  --db URL (or $ANNOTATOR_DB) picks the database: an SQLite file path, sqlite:///PATH,
  or postgresql://user:password@host/dbname for a shared team server. Without it, the
  SQLite file in your user data directory is used (see `annotator db current`).

exit status: 0 on success, 1 on a user error (the message names the file and line),
  130 when interrupted.

examples:
  annotator                                    open the app
  annotator import articles/ --split           import a folder, splitting archive pages
  annotator import page.html --strip-boilerplate   import without share/comment/teaser lines
  annotator export -o spans.jsonl --label claim --label opinion
  annotator export -o - | head -n 1            stream JSONL to standard output
  annotator export --format prodigy -o train.jsonl
  annotator export --format brat -o brat-corpus/   a folder of .txt and .ann files
  annotator db backup -o before-cleanup.sqlite3
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate how a war is reported: claims, casualty reports, statements and "
        "opinion in news articles, side by side. Without a subcommand, opens the app.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation without a window (temporary database, migrations, "
        "sample import, a span, JSONL export) and exit",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL or SQLite file (default: $ANNOTATOR_DB or the "
        "SQLite file in the user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the app (the default)", description="Open the app.")
    gui.add_argument(
        "--open", metavar="ID", nargs="+", default=[], help="document ids to open side by side"
    )

    imp = sub.add_parser(
        "import",
        help="import files or folders",
        description="Import .txt, .md, .html/.htm, .jsonl and .json files, and folders "
        "(recursively). JSON(L) may be Annotator's own format, doccano, Prodigy or Label "
        "Studio tasks (detected per record). "
        "The encoding of text files is detected (UTF-8, UTF-16, cp1251, latin-1...). The "
        "import is atomic: on any error nothing is stored. Texts already stored are skipped "
        "with a notice.",
    )
    imp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    imp.add_argument(
        "--split", action="store_true", help="split archive pages holding several articles"
    )
    imp.add_argument(
        "--strip-boilerplate",
        action="store_true",
        help="remove web boilerplate lines (share/subscribe prompts, comment forms, "
        "'Read more' links, teasers, view counters...) from text, Markdown and HTML files, "
        "as the app's import preview does (docs/importing.md, Boilerplate)",
    )
    imp.add_argument(
        "--author",
        metavar="NAME",
        help="author of imported spans that name none (default: your name, `annotator config`)",
    )
    imp.add_argument("--samples", action="store_true", help="also import the bundled sample corpus")

    from ..exporting.formats import FORMATS

    exp = sub.add_parser(
        "export",
        help="export documents and annotations",
        description="Export documents and their spans in one of these formats (offsets in "
        "the unit each consumer counts; see the README, Interchange formats):\n"
        + "".join(f"  {f.name:<12} {f.title}; offsets: {f.offsets}\n" for f in FORMATS.values())
        + "The export is written to a temporary .part file (folder for brat) and renamed when "
        "complete.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    exp.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="output file, or - for stdout; for brat a new or empty folder",
    )
    exp.add_argument(
        "--format", choices=list(FORMATS), default="jsonl", help="format (default jsonl)"
    )
    exp.add_argument(
        "--doccano-relations",
        action="store_true",
        help="doccano: the entities + relations variant (relation extraction projects)",
    )
    exp.add_argument(
        "--document", action="append", metavar="ID", help="only this document (repeatable)"
    )
    exp.add_argument("--label", action="append", metavar="KEY", help="only this label (repeatable)")
    exp.add_argument(
        "--author", action="append", metavar="NAME", help="only spans by this author (repeatable)"
    )
    exp.add_argument(
        "--only-annotated", action="store_true", help="leave out documents with no (kept) span"
    )

    db = sub.add_parser("db", help="database: upgrade, current, check, backup")
    dbsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    dbsub.add_parser("upgrade", help="create the database or upgrade it to this version's schema")
    dbsub.add_parser("current", help="show the database, its schema revision and the app's")
    dbsub.add_parser(
        "check",
        help="check the schema matches the app and every span's quote matches its text",
    )
    backup = dbsub.add_parser("backup", help="copy the database to a file")
    backup.add_argument("-o", "--output", metavar="FILE", help="backup file (default: beside it)")

    config = sub.add_parser(
        "config",
        help="your settings: the name recorded with your spans",
        description="Show your settings, or change them. The name is recorded with every span "
        "you make in the app, the command line and the Python API ($ANNOTATOR_AUTHOR "
        "overrides it).",
    )
    config.add_argument("--author", metavar="NAME", help="your name (empty: none)")

    stats = sub.add_parser("stats", help="documents, spans per label and per outlet")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            from ..selftest import run_self_test

            return run_self_test()
        return _dispatch(parser, args)
    except AnnotatorError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted; nothing of the current command was saved", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # e.g. `annotator export -o - | head`: the reader has gone; not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from . import commands

    return commands.COMMANDS[args.command or "gui"](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
