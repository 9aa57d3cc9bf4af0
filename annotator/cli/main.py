"""The ``annotator`` command: GUI launcher, import, export, database and stats subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import AnnotatorError
from . import backup_command, search_command

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
  annotator doc set ID --outlet "South Front" --published 2020-10-04 --meta desk=east
  annotator doc delete ID --yes                delete a document and its spans
  annotator outlets merge SouthFront.org --into "South Front"
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

    db = sub.add_parser("db", help="database: upgrade, current, check, backup, backups, restore")
    dbsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    dbsub.add_parser("upgrade", help="create the database or upgrade it to this version's schema")
    dbsub.add_parser("current", help="show the database, its schema revision and the app's")
    check = dbsub.add_parser(
        "check",
        help="check the schema matches the app, the search index matches the text, and every "
        "span's quote matches its text",
    )
    check.add_argument(
        "--reindex", action="store_true", help="rebuild the search index first, from the text"
    )
    backup = dbsub.add_parser("backup", help="copy the database to a file")
    backup.add_argument(
        "-o", "--output", metavar="FILE", help="backup file (default: into its backup folder)"
    )
    backup_command.add_parsers(dbsub)

    config = sub.add_parser(
        "config",
        help="your settings: the name recorded with your spans",
        description="Show your settings, or change them. The name is recorded with every span "
        "you make in the app, the command line and the Python API ($ANNOTATOR_AUTHOR "
        "overrides it).",
    )
    config.add_argument("--author", metavar="NAME", help="your name (empty: none)")
    doc = sub.add_parser(
        "doc",
        help="documents: list, show, set metadata, delete",
        description="A document's metadata is yours to edit; its text never changes (spans "
        "point into it).",
    )
    docsub = doc.add_subparsers(dest="doc_command", metavar="ACTION", required=True)
    doc_list = docsub.add_parser("list", help="every document: id, date, outlet, title")
    doc_list.add_argument("--json", action="store_true", help="print JSON lines")
    show = docsub.add_parser("show", help="a document's metadata")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")
    doc_set = docsub.add_parser(
        "set",
        help="edit a document's metadata (only the options given change)",
        description="Edit a document's metadata; only the options given change, and an "
        'empty value clears a field (--author ""). --outlet picks an outlet of the list by '
        "its normalised name (case, spaces and punctuation do not count) or adds a new one.",
    )
    doc_set.add_argument("id", metavar="ID")
    doc_set.add_argument("--title")
    doc_set.add_argument("--outlet", help="outlet name (matched by normalised name, or new)")
    doc_set.add_argument("--author", help="author / byline")
    doc_set.add_argument("--published", metavar="YYYY-MM-DD", help="publication date")
    doc_set.add_argument("--url", help="http:// or https:// address of the article")
    doc_set.add_argument("--language", help="BCP 47 language tag: en, hy, az, ru, az-Latn ...")
    doc_set.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set a free metadata key (repeatable); KEY= removes it",
    )
    doc_set.add_argument(
        "--collection", action="append", default=[], metavar="NAME",
        help="add it to this collection (repeatable; a new name makes a new collection)",
    )  # fmt: skip
    doc_delete = docsub.add_parser(
        "delete",
        help="delete documents with their spans",
        description="Delete documents with all their spans. Asks first on a terminal; "
        "elsewhere --yes is needed.",
    )
    doc_delete.add_argument("ids", nargs="+", metavar="ID")
    doc_delete.add_argument("--yes", action="store_true", help="do not ask")

    outlets = sub.add_parser("outlets", help="the outlet list: list, add, rename, merge")
    outsub = outlets.add_subparsers(dest="outlets_command", metavar="ACTION", required=True)
    out_list = outsub.add_parser("list", help="every outlet: documents, country, alignment")
    out_list.add_argument("--json", action="store_true", help="print JSON")
    out_add = outsub.add_parser("add", help="add an outlet to the list")
    out_add.add_argument("name", metavar="NAME")
    out_add.add_argument("--country")
    out_add.add_argument("--alignment", help="one of the alignment list (see outlets list)")
    out_rename = outsub.add_parser("rename", help="rename an outlet")
    out_rename.add_argument("name", metavar="NAME")
    out_rename.add_argument("new_name", metavar="NEW_NAME")
    out_merge = outsub.add_parser(
        "merge",
        help="merge outlets into one",
        description="Merge outlets into one: their documents get the target outlet, and "
        "they leave the list. Outlets are named by name (normalised) or id.",
    )
    out_merge.add_argument("sources", nargs="+", metavar="OUTLET")
    out_merge.add_argument("--into", required=True, metavar="OUTLET", help="the one to keep")

    actors = sub.add_parser("actors", help="the actor registry: list, add, merge")
    actsub = actors.add_subparsers(dest="actors_command", metavar="ACTION", required=True)
    act_list = actsub.add_parser("list", help="every actor: kind, side, aliases, references")
    act_list.add_argument("--json", action="store_true", help="print JSON")
    act_add = actsub.add_parser("add", help="add an actor")
    act_add.add_argument("name", metavar="NAME")
    act_add.add_argument(
        "--kind",
        required=True,
        help="state body, armed force, official, outlet, organisation or person",
    )
    act_add.add_argument("--side", help="side or affiliation (free text)")
    act_add.add_argument(
        "--alias", action="append", default=[], metavar="NAME", help="another name (repeatable)"
    )
    act_merge = actsub.add_parser(
        "merge",
        help="make two actors one",
        description="GONE's name and aliases become aliases of KEEP, and every span naming "
        "GONE names KEEP. Actors are named by id, name or alias.",
    )
    act_merge.add_argument("keep", metavar="KEEP")
    act_merge.add_argument("gone", metavar="GONE")

    from .compare_command import add_table_arguments

    events = sub.add_parser(
        "events",
        help="the event comparison table; the event registry: list, add, merge",
        description="Without an ACTION: the event comparison table, an account a document "
        "(outlet, alignment, date, killed / wounded / missing, sources, who was hit, who is "
        "blamed, claims and denials, links between accounts). ACTION list, add, merge: the "
        "registry.",
    )
    add_table_arguments(events)
    evsub = events.add_subparsers(dest="events_command", metavar="ACTION")
    ev_list = evsub.add_parser("list", help="every event: date, place, references")
    ev_list.add_argument("--json", action="store_true", help="print JSON")
    ev_add = evsub.add_parser("add", help="add an event")
    ev_add.add_argument("name", metavar="NAME")
    ev_add.add_argument("--date", help="YYYY-MM-DD")
    ev_add.add_argument("--place")
    ev_add.add_argument("--note")
    ev_merge = evsub.add_parser(
        "merge",
        help="make two events one",
        description="Every span naming GONE names KEEP, and GONE goes. Events are named by "
        "id or name.",
    )
    ev_merge.add_argument("keep", metavar="KEEP")
    ev_merge.add_argument("gone", metavar="GONE")

    from .stats_command import add_stats_parser

    add_stats_parser(sub)
    search_command.add_parser(sub)
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

    return (getattr(args, "run", None) or commands.COMMANDS[args.command or "gui"])(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
