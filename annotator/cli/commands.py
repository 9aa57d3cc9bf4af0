"""The subcommands behind ``annotator``. Each returns an exit status."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

import orjson

from ..errors import AnnotatorError, DatabaseError
from ..services.importer import ImportProgress
from ..storage import migrate
from ..storage.engine import make_engine, resolve_url
from ..workspace import Workspace, open_workspace
from .progress import Progress
from .stats_command import stats


def _say(message: str) -> None:
    print(message, file=sys.stderr)


@contextmanager
def _workspace(args: argparse.Namespace):
    ws = open_workspace(args.db)
    if ws.upgrade_result and ws.upgrade_result.backup:
        _say(f"upgraded the database; backup of the old one: {ws.upgrade_result.backup}")
    try:
        yield ws
    finally:
        ws.close()


def gui(args: argparse.Namespace) -> int:
    try:
        from ..gui.shell.app import run
    except ImportError as exc:
        raise AnnotatorError(
            f"the app cannot start: {exc}. Install the GUI libraries (see README, Quick start)."
        ) from exc
    return run(db=args.db, open_ids=getattr(args, "open", []) or [])


def import_(args: argparse.Namespace) -> int:
    if not args.paths and not args.samples:
        raise AnnotatorError("import needs at least one PATH (or --samples)")
    progress = Progress()

    def show(p: ImportProgress) -> None:
        progress.show(f"importing… {p.documents} documents, {p.spans} spans  {p.source}")

    with _workspace(args) as ws:
        total_docs = total_spans = 0
        try:
            if args.samples:
                from ..samples import import_samples

                report = import_samples(ws)
                total_docs += report.documents
                _print_notices(report)
            if args.paths:
                report = ws.import_paths(
                    args.paths,
                    split=args.split,
                    strip_boilerplate=args.strip_boilerplate,
                    author=args.author if args.author is not None else ws.author,
                    progress=show,
                )
                total_docs += report.documents
                total_spans += report.spans
                _print_notices(report)
        finally:
            progress.done()
        _say(f"imported {total_docs} document(s), {total_spans} span(s) into {_where(ws)}")
    return 0


def _print_notices(report) -> None:
    for line in report.notices():
        _say(f"notice: {line}")


def _where(ws: Workspace) -> str:
    return ws.url.render_as_string(hide_password=True)


def export(args: argparse.Namespace) -> int:
    from ..exporting.formats import get_format
    from ..exporting.writer import ExportOptions

    fmt = get_format(args.format)
    if args.output == "-" and fmt.folder:
        raise AnnotatorError(f"{fmt.name} writes a folder of files: give a folder, not -")
    progress = Progress()
    with _workspace(args) as ws:
        kwargs = dict(
            format=fmt.name,
            documents=args.document,
            labels=args.label,
            authors=args.author,
            only_annotated=args.only_annotated,
            options=ExportOptions(doccano_relations=args.doccano_relations),
            progress=lambda r: progress.show(
                f"exporting… {r.documents} documents, {r.spans} spans"
                + (
                    f" ({r.read_documents * 100 // r.total_documents}%)"
                    if r.total_documents
                    else ""
                )
            ),
        )
        try:
            if args.output == "-":
                report = ws.export(sys.stdout.buffer, **kwargs)
                sys.stdout.buffer.flush()
            else:
                report = ws.export(args.output, **kwargs)
        finally:
            progress.done()
        for notice in report.notices:
            _say(f"notice: {notice}")
        if report.skipped_spans:
            _say(f"notice: {report.skipped_spans} span(s) could not be written in {fmt.name}")
        where = "standard output" if args.output == "-" else args.output
        _say(
            f"exported {report.documents} document(s), {report.spans} span(s) to {where} "
            f"({fmt.name})"
        )
    return 0


def db(args: argparse.Namespace) -> int:
    engine = make_engine(resolve_url(args.db))
    try:
        where = engine.url.render_as_string(hide_password=True)
        action = args.db_command
        if action == "upgrade":
            result = migrate.upgrade(engine)
            if result.created:
                _say(f"created {where} at schema revision {result.after}")
            elif result.before == result.after:
                _say(f"{where} is up to date (schema revision {result.after})")
            else:
                _say(f"upgraded {where} from {result.before} to {result.after}")
                if result.backup:
                    _say(f"backup of the old database: {result.backup}")
                if result.note:
                    _say(result.note)
            return 0
        if action == "current":
            current = _current(engine, where)
            head = migrate.head_revision()
            state = "up to date" if current == head else "needs `annotator db upgrade`"
            if current is None:
                state = "empty: created at first use"
            print(f"database: {where}")
            print(f"schema revision: {current or '(none)'}")
            print(f"this app's schema revision: {head} ({state})")
            return 0
        if action == "check":
            return _check(engine, where, reindex=args.reindex)
        if action == "backup":
            current = _current(engine, where)
            output = Path(args.output) if args.output else None
            if engine.dialect.name == "sqlite":
                dest = migrate.backup_database(engine, output)
                _say(f"backed up {where} to {dest}")
            else:
                _say(_backup_postgresql(engine, where, current, output))
            return 0
        raise AnnotatorError(f"unknown db action {action!r}")
    finally:
        engine.dispose()


def _backup_postgresql(engine, where: str, current: str | None, dest: Path | None) -> str:
    """pg_dump's custom format when pg_dump is on PATH and works, else a native JSONL export
    of every document and span (what a fresh workspace imports); returns what was written."""
    import shutil

    if dest is None:
        raise DatabaseError("PostgreSQL backup needs an output file (annotator db backup -o FILE)")
    if dest.exists():
        raise DatabaseError(f"{dest}: backup file exists already; choose another name")
    why = "pg_dump is not on PATH"
    if shutil.which("pg_dump"):
        try:
            migrate.pg_dump_backup(engine, dest)
        except DatabaseError as exc:
            why = str(exc)
        else:
            return f"backed up {where} to {dest} (pg_dump custom format; restore with pg_restore)"
    head = migrate.head_revision()
    if current != head:
        raise DatabaseError(
            f"{where}: {why}, and a JSONL export needs the schema at this app's revision "
            f"{head} (the database is at {current or '(none)'}). Install pg_dump, or run "
            "`annotator db upgrade` first (on PostgreSQL it runs in one transaction)."
        )
    ws = Workspace(engine)  # not open_workspace: a backup never upgrades the database
    report = ws.export(dest, format="jsonl")
    return (
        f"{why}: wrote a native JSONL export instead: {report.documents} document(s), "
        f"{report.spans} span(s) of {where} to {dest} (restore with `annotator import`; "
        "label names, colours and shortcuts are not in it)"
    )


def _current(engine, where: str) -> str | None:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return migrate.current_revision(engine)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"{where}: cannot open the database: {exc}") from exc


def _check(engine, where: str, *, reindex: bool = False) -> int:
    from ..services.integrity import check_database, rebuild_search_index

    current = _current(engine, where)
    head = migrate.head_revision()
    if current != head:
        raise DatabaseError(
            f"{where}: schema revision {current or '(none)'}, the app's is {head}; "
            "run `annotator db upgrade` first"
        )
    if reindex:
        rebuild_search_index(engine)
        _say(f"{where}: rebuilt the search index")
    problems = check_database(engine)
    for problem in problems:
        print(problem)
    if problems:
        _say(f"{where}: {len(problems)} problem(s) found")
        return 1
    _say(
        f"{where}: schema matches the app, the search index matches the text, every span's "
        "quote matches its text"
    )
    return 0


# -- documents ---------------------------------------------------------------------------------
def doc(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        return {"list": _doc_list, "show": _doc_show, "set": _doc_set, "delete": _doc_delete}[
            args.doc_command
        ](ws, args)


def _metadata_json(meta) -> dict:
    return {
        "id": meta.id,
        "title": meta.title,
        "outlet": meta.outlet,
        "author": meta.author,
        "published": meta.published.isoformat() if meta.published else None,
        "url": meta.url,
        "language": meta.language,
        "collections": list(meta.collections),
        "meta": meta.meta,
    }


def _doc_list(ws: Workspace, args: argparse.Namespace) -> int:
    for d in ws.documents.list():
        if args.json:
            line = {
                "id": d.id,
                "title": d.title,
                "outlet": d.outlet,
                "author": d.author,
                "published": d.published.isoformat() if d.published else None,
                "collections": list(d.collections),
                "spans": sum(d.span_counts.values()),
            }
            sys.stdout.write(orjson.dumps(line).decode() + "\n")
        else:
            date = d.published.isoformat() if d.published else "-" * 10
            print(f"{d.id}  {date}  {(d.outlet or '-')[:24]:<24}  {d.title}")
    return 0


def _doc_show(ws: Workspace, args: argparse.Namespace) -> int:
    meta = ws.documents.metadata(args.id)
    data = _metadata_json(meta)
    if args.json:
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    for key, value in data.items():
        if key == "collections":
            value = ", ".join(value) or None
        elif key == "meta":
            if value:
                print("meta:")
            for k, v in value.items():
                print(f"  {k}: {v if isinstance(v, str) else orjson.dumps(v).decode()}")
            continue
        print(f"{key + ':':<12} {'' if value is None else value}")
    return 0


def _doc_set(ws: Workspace, args: argparse.Namespace) -> int:
    fields: dict = {}
    for name in ("title", "outlet", "author", "published", "url", "language"):
        value = getattr(args, name)
        if value is not None:
            fields[name] = value
    updates = {}
    for item in args.meta:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise AnnotatorError(f"--meta {item!r}: give KEY=VALUE (KEY= removes the key)")
        updates[key.strip()] = value if value != "" else None
    if updates:
        fields["meta_updates"] = updates
    before = ws.documents.metadata(args.id)
    if args.collection:
        fields["collections"] = [*before.collection_ids, *args.collection]
    if not fields:
        raise AnnotatorError("doc set: nothing to change (see annotator doc set --help)")
    change = ws.documents.update(args.id, expected=before, **fields)
    if not change.documents_updated:
        _say(f"document {args.id}: nothing changed")
        return 0
    ((old, new),) = change.documents_updated
    old_json, new_json = _metadata_json(old), _metadata_json(new)
    for key in old_json:
        if old_json[key] != new_json[key]:
            _say(f"{key}: {_shown(old_json[key])} -> {_shown(new_json[key])}")
    for outlet in change.outlets_added:
        _say(f"notice: new outlet added to the list: {outlet.name}")
    for collection in change.collections_added:
        _say(f"notice: new collection: {collection.name}")
    _say(f"saved document {args.id}")
    return 0


def _shown(value) -> str:
    if value is None or value == [] or value == {}:
        return "(none)"
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _doc_delete(ws: Workspace, args: argparse.Namespace) -> int:
    ids = list(dict.fromkeys(args.ids))
    titles = [ws.documents.metadata(i).title for i in ids]  # every id checked first
    spans = ws.documents.count_spans(ids)
    what = f"document '{titles[0]}'" if len(ids) == 1 else f"{len(ids)} documents"
    its = "its" if len(ids) == 1 else "their"
    question = f"delete {what} and {its} {spans} span(s)? This cannot be undone. [y/N] "
    if not args.yes:
        if not sys.stdin.isatty():
            raise AnnotatorError(
                f"refusing to delete {what} ({spans} span(s)) without --yes "
                "(standard input is not a terminal)"
            )
        sys.stderr.write(question)
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            _say("nothing deleted")
            return 1
    ws.documents.delete(*ids)
    _say(f"deleted {what} and {its} {spans} span(s)")
    return 0


# -- outlets -----------------------------------------------------------------------------------
def outlets(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        action = args.outlets_command
        if action == "list":
            return _outlets_list(ws, args)
        if action == "add":
            change = ws.outlets.add(args.name, country=args.country, alignment=args.alignment)
            _say(f"added outlet '{change.outlets_added[0].name}'")
            return 0
        if action == "rename":
            change = ws.outlets.rename(_outlet_ref(ws, args.name), args.new_name)
            _say(change.description if change.outlets_updated else "nothing changed")
            return 0
        if action == "merge":
            change = ws.outlets.merge(
                [_outlet_ref(ws, s) for s in args.sources], into=_outlet_ref(ws, args.into)
            )
            moved = len(change.documents_updated)
            _say(f"{change.description}: {moved} document(s) now refer to it")
            return 0
        raise AnnotatorError(f"unknown outlets action {action!r}")


def _outlet_ref(ws: Workspace, text: str) -> str | int:
    """An outlet by name; digits name an outlet id when no outlet has that name."""
    if text.strip().isdigit() and ws.outlets.find(text) is None:
        return int(text)
    return text


def _outlets_list(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.outlets.list()
    if args.json:
        data = {
            "outlets": [
                {
                    "id": o.id,
                    "name": o.name,
                    "country": o.country,
                    "alignment": o.alignment,
                    "documents": o.documents,
                }
                for o in rows
            ],
            "alignments": [a.name for a in ws.outlets.alignments()],
        }
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    width = max((len(o.name) for o in rows), default=4)
    for o in rows:
        print(
            f"{o.id:>5}  {o.name:<{width}}  {o.documents:>6} docs  "
            f"{o.country or '-':<14}  {o.alignment or '-'}"
        )
    _say(f"{len(rows)} outlet(s); alignments: {', '.join(a.name for a in ws.outlets.alignments())}")
    return 0


# -- actors and events ------------------------------------------------------------------------
def actors(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        action = args.actors_command
        if action == "list":
            rows = ws.actors.list()
            if args.json:
                data = [
                    {
                        "id": a.id,
                        "name": a.name,
                        "kind": a.kind,
                        "side": a.side,
                        "aliases": list(a.aliases),
                        "references": a.references,
                    }
                    for a in rows
                ]
                sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
                return 0
            for a in rows:
                aliases = f"  (also: {', '.join(a.aliases)})" if a.aliases else ""
                print(
                    f"{a.id}  {a.name}  [{a.kind}; {a.side or '-'}]  "
                    f"{a.references} span(s){aliases}"
                )
            _say(f"{len(rows)} actor(s)")
            return 0
        if action == "add":
            change = ws.actors.add(args.name, kind=args.kind, side=args.side, aliases=args.alias)
            record = change.actors_added[0]
            _say(f"added actor '{record.name}' ({record.id})")
            return 0
        if action == "merge":
            change = ws.actors.merge(args.keep, args.gone)
            _say(f"{change.description}: {len(change.references_repointed)} span(s) re-pointed")
            return 0
        raise AnnotatorError(f"unknown actors action {action!r}")


def events(args: argparse.Namespace) -> int:
    if args.events_command is None:  # `annotator events [--event ID]`: the comparison table
        from .compare_command import events_table

        return events_table(args)
    with _workspace(args) as ws:
        action = args.events_command
        if action == "list":
            rows = ws.events.list()
            if args.json:
                data = [
                    {
                        "id": e.id,
                        "name": e.name,
                        "date": e.date.isoformat() if e.date else None,
                        "place": e.place,
                        "note": e.note,
                        "references": e.references,
                    }
                    for e in rows
                ]
                sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
                return 0
            for e in rows:
                when = e.date.isoformat() if e.date else "----------"
                print(f"{e.id}  {when}  {e.name}  [{e.place or '-'}]  {e.references} span(s)")
            _say(f"{len(rows)} event(s)")
            return 0
        if action == "add":
            change = ws.events.add(args.name, date=args.date, place=args.place, note=args.note)
            record = change.events_added[0]
            _say(f"added event '{record.name}' ({record.id})")
            return 0
        if action == "merge":
            change = ws.events.merge(args.keep, args.gone)
            _say(f"{change.description}: {len(change.references_repointed)} span(s) re-pointed")
            return 0
        raise AnnotatorError(f"unknown events action {action!r}")


def config(args: argparse.Namespace) -> int:
    from .. import settings

    if args.author is not None:
        path = settings.save(author=args.author.strip() or None)
        print(f"saved in {path}")
    name = settings.author()
    print(f"author: {name if name else '(not set: spans record no author)'}")
    return 0


COMMANDS = {
    "gui": gui,
    "import": import_,
    "export": export,
    "db": db,
    "stats": stats,
    "config": config,
    "doc": doc,
    "outlets": outlets,
    "actors": actors,
    "events": events,
}
