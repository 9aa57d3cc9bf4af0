"""The process the crash tests kill: random edits through the services, each acknowledged.

    python tests/reliability/crash_child.py DB SEED [--ops N]

Prints ``{"opening": DB}``, opens the workspace on the SQLite file DB (created if new), makes
sure its two documents, actors and events are there, prints ``{"ready": ...}``, then edits
until killed (or for N commands): adds, retags, moves and deletes spans, restores deleted
ones, edits notes and field values (valid for the label's fields, with actor and event
references), adds links between spans of one or both documents, edits and deletes them, and
now and then runs several of these as one ``Store.batch()``. Every command is one line
``{"intent": N, "op": ...}`` before the call and ``{"ack": N, "op": ..., "versions": ...}``
after it returned, each flushed at once; ``crash_check`` explains what the two lines promise.
The edits follow from SEED and the database's state alone, so a run is reproducible.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
import uuid

from crash_check import apply, read_state  # this script's folder is on sys.path

from annotator import open_workspace
from annotator.text import graphemes

DOCUMENTS = (
    (
        "Night shelling of Tavush villages",
        "Night shelling of Tavush villages\r\n\r\n"
        "Residents of Berd said the shelling began after midnight and lasted “about two "
        "hours”; the regional office counted 7 houses hit and 3 people wounded 🏚️.\r\n"
        "A spokeswoman for the ministry, Anahit Sargsyan, said: «Our positions did not "
        "fire first.» The other side called the figures invented.\r\n"
        "Local doctors in Իջևան treated two children 👩🏽‍⚕️ for shrapnel wounds.\r\n",
    ),
    (
        "Ministry: border posts came under fire",
        "Ministry: border posts came under fire\n\n"
        "The ministry in Bakı reported that its posts near Ağdam and Qazax were fired on "
        "from the opposite bank; one soldier, Rəşad Məmmədov, was killed.\n"
        "Officials denied any strike on villages 🇦🇿 and called reports of wounded "
        "civilians “a provocation”.\n"
        "Observers could not verify either account; café owners in Tovuz heard explosions.\n",
    ),
)
ACTORS = (
    ("Ministry of Defence", "state body", "one side"),
    ("Border Guard", "armed force", "the other side"),
    ("Anahit Sargsyan", "official", "one side"),
    ("Tavush regional office", "organisation", None),
)
EVENTS = (("Shelling of Berd", "2031-03-11", "Berd"), ("Fire at Qazax posts", None, "Qazax"))
NOTES = ("check the figure", "second source needed", "hedged: «about»", "quoted twice 🔁", "—")
PLACES = ("Berd", "Իջևան", "Qazax", "Ağdam", "Tovuz")
# how often each command is drawn
WEIGHTS = {
    "add": 24,
    "retag": 8,
    "move": 10,
    "note": 10,
    "fields": 12,
    "delete": 6,
    "restore": 3,
    "link": 10,
    "unlink": 4,
    "link_note": 4,
    "batch": 5,
}


class Child:
    def __init__(self, ws, seed: int) -> None:
        self.ws = ws
        self.rng = random.Random(seed)
        self.state = read_state(ws.engine)  # the mirror: the model of crash_check
        self.number = 0
        self.deleted: dict[str, object] = {}  # span id -> the record its delete returned
        self.texts: dict[str, str] = {}
        self.bounds: dict[str, list[int]] = {}

    # -- output ---------------------------------------------------------------------------
    @staticmethod
    def emit(entry: dict) -> None:
        sys.stdout.write(json.dumps(entry, sort_keys=True) + "\n")
        sys.stdout.flush()

    def run(self, op: dict) -> None:
        """Announce ``op``, do it through the services, then acknowledge it."""
        self.number += 1
        self.emit({"intent": self.number, "op": op})
        if op["op"] == "batch":
            with self.ws.store.batch() as changes:
                for sub in op["ops"]:
                    self.call(sub)
        else:
            changes = [self.call(op)]
        versions: dict[str, int] = {}
        for change in filter(None, changes):
            for record in change.added:
                versions[record.id] = record.version
            for _, after in change.updated:
                versions[after.id] = after.version
            for record in change.removed:
                versions.pop(record.id, None)
        apply(self.state, op)
        self.emit({"ack": self.number, "op": op, "versions": versions})

    def call(self, op: dict):
        ws, kind = self.ws, op["op"]
        if kind == "doc":
            body = next(body for title, body in DOCUMENTS if title == op["title"])
            ws.add_document(body, title=op["title"])
            return None
        if kind == "actor":
            return ws.actors.add(op["name"], kind=op["kind"], side=op["side"])
        if kind == "event":
            return ws.events.add(op["name"], date=op["date"], place=op["place"])
        if kind == "add":
            return ws.annotations.add(
                op["doc"],
                op["start"],
                op["end"],
                op["label"],
                note=op["note"],
                attributes=op["attributes"],
                id=op["id"],
            )
        if kind == "restore":
            return ws.annotations.restore(self.deleted.pop(op["id"]))
        version = op.get("version")
        if kind == "retag":
            return ws.annotations.retag(op["id"], op["label"], expected_version=version)
        if kind == "move":
            return ws.annotations.move(op["id"], op["start"], op["end"], expected_version=version)
        if kind == "note":
            return ws.annotations.edit(op["id"], note=op["note"], expected_version=version)
        if kind == "fields":
            return ws.annotations.edit(
                op["id"], attributes=op["attributes"], expected_version=version
            )
        if kind == "delete":
            change = ws.annotations.delete(op["id"], expected_version=version)
            self.deleted[op["id"]] = change.removed[0]
            return change
        if kind == "link":
            return ws.links.add(
                op["source"], op["target"], op["kind"], note=op["note"], id=op["id"]
            )
        if kind == "unlink":
            return ws.links.delete(op["id"])
        if kind == "link_note":
            return ws.links.edit(op["id"], note=op["note"])
        raise ValueError(kind)

    # -- what is there --------------------------------------------------------------------
    def setup(self) -> None:
        """The documents, actors and events the edits use, added when missing."""
        for title, body in DOCUMENTS:
            sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
            if sha not in self.state["docs"]:
                self.run({"op": "doc", "sha256": sha, "title": title})
        for name, kind, side in ACTORS:
            if name not in self.state["actors"]:
                self.run({"op": "actor", "name": name, "kind": kind, "side": side})
        for name, date, place in EVENTS:
            if name not in self.state["events"]:
                self.run({"op": "event", "name": name, "date": date, "place": place})
        for doc in self.ws.documents.list():
            text = self.ws.documents.get(doc.id).text
            self.texts[doc.id] = text
            self.bounds[doc.id] = [
                i for i in range(len(text) + 1) if graphemes.is_boundary(text, i)
            ]
        self.schemas = {label.key: label.fields for label in self.ws.labels.list()}
        self.kinds = {kind.key: kind.directed for kind in self.ws.links.kinds()}
        self.actor_ids = sorted(a.id for a in self.ws.actors.list())
        self.event_ids = sorted(e.id for e in self.ws.events.list())

    # -- drawing commands -----------------------------------------------------------------
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def offsets(self, doc: str, near: tuple[int, int] | None = None) -> tuple[int, int]:
        bounds = self.bounds[doc]
        if near is None:
            i = self.rng.randrange(len(bounds) - 1)
        else:
            i = max(0, min(len(bounds) - 2, bounds.index(near[0]) + self.rng.randint(-3, 3)))
        j = min(len(bounds) - 1, i + self.rng.randint(1, 40))
        return bounds[i], bounds[j]

    def field_values(self, label: str) -> dict:
        rng, values = self.rng, {}
        for spec in self.schemas[label]:
            if rng.random() < 0.5:
                continue
            if spec.kind == "text":
                values[spec.name] = rng.choice(PLACES)
            elif spec.kind == "choice":
                values[spec.name] = rng.choice(spec.choices)
            elif spec.kind == "yesno":
                values[spec.name] = rng.random() < 0.5
            elif spec.kind == "date":
                values[spec.name] = f"2031-03-{rng.randint(1, 28):02d}"
            elif spec.kind == "estimate":
                low = rng.randint(0, 20)
                parts = {"low": low, "best": low + rng.randint(0, 5), "high": None}
                values[spec.name] = {k: v for k, v in parts.items() if rng.random() < 0.8}
            elif spec.kind == "actor":
                refs = [{"actor": a} for a in rng.sample(self.actor_ids, rng.randint(1, 2))]
                values[spec.name] = refs if len(refs) > 1 else refs[0]
            elif spec.kind == "event":
                values[spec.name] = {"event": rng.choice(self.event_ids)}
        return values

    def draw(self, state: dict, kinds: dict[str, int]) -> dict | None:
        """One command that is valid in ``state`` and changes it, or None."""
        rng = self.rng
        kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
        spans, links = state["spans"], state["links"]
        span_id = rng.choice(sorted(spans)) if spans else None
        span = spans.get(span_id)
        if kind == "add" or (span is None and kind not in ("restore", "batch")):
            doc = rng.choice(sorted(self.texts))
            start, end = self.offsets(doc)
            label = rng.choice(sorted(self.schemas))
            note = rng.choice(("",) + NOTES)
            attributes = self.field_values(label) if rng.random() < 0.5 else {}
            return {
                "op": "add",
                "id": self.new_id(),
                "doc": doc,
                "start": start,
                "end": end,
                "label": label,
                "note": note,
                "attributes": attributes,
            }
        base = {"id": span_id, "version": span["version"]} if span else {}
        if kind == "retag":
            others = sorted(set(self.schemas) - {span["label"]})
            return {"op": "retag", **base, "label": rng.choice(others)}
        if kind == "move":
            start, end = self.offsets(span["doc"], (span["start"], span["end"]))
            if (start, end) == (span["start"], span["end"]):
                return None
            return {"op": "move", **base, "start": start, "end": end}
        if kind == "note":
            note = rng.choice(NOTES) + f" {rng.randint(0, 999)}"
            return None if note == span["note"] else {"op": "note", **base, "note": note}
        if kind == "fields":
            values = self.field_values(span["label"])
            if values == span["attributes"]:
                return None
            return {"op": "fields", **base, "attributes": values}
        if kind == "delete":
            return {"op": "delete", **base}
        if kind == "restore":
            gone = sorted(set(self.deleted) - set(spans))
            if not gone or state is not self.state:
                return None
            record = self.deleted[rng.choice(gone)]
            return {
                "op": "restore",
                "id": record.id,
                "doc": record.document_id,
                "start": record.start,
                "end": record.end,
                "label": record.label,
                "note": record.note,
                "attributes": record.attributes,
            }
        if kind == "link":
            if len(spans) < 2:
                return None
            source, target = rng.sample(sorted(spans), 2)
            link_kind = rng.choice(sorted(self.kinds))
            for other in links.values():
                same = (other["source"], other["target"]) == (source, target)
                mirrored = (other["source"], other["target"]) == (target, source)
                if other["kind"] == link_kind and (
                    same or (mirrored and not self.kinds[link_kind])
                ):
                    return None
            note = rng.choice(("",) + NOTES)
            return {
                "op": "link",
                "id": self.new_id(),
                "source": source,
                "target": target,
                "kind": link_kind,
                "note": note,
            }
        if kind in ("unlink", "link_note"):
            if not links:
                return None
            link_id = rng.choice(sorted(links))
            if kind == "unlink":
                return {"op": "unlink", "id": link_id}
            note = rng.choice(NOTES) + f" {rng.randint(0, 999)}"
            if note == links[link_id]["note"]:
                return None
            return {"op": "link_note", "id": link_id, "note": note}
        if kind == "batch":  # several commands drawn in turn over a scratch copy
            scratch, ops = copy.deepcopy(state), []
            plain = {k: w for k, w in kinds.items() if k not in ("batch", "restore")}
            for _ in range(rng.randint(2, 4)):
                sub = self.draw(scratch, plain)
                if sub is not None:
                    apply(scratch, sub)
                    ops.append(sub)
            return {"op": "batch", "ops": ops} if ops else None
        raise ValueError(kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("seed", type=int)
    parser.add_argument("--ops", type=int, default=0, help="stop after N commands (0: never)")
    args = parser.parse_args(argv)
    Child.emit({"opening": args.db})
    ws = open_workspace(args.db, author="crash-child")
    child = Child(ws, args.seed)
    child.setup()
    child.emit({"ready": len(child.state["spans"])})
    done = 0
    while not args.ops or done < args.ops:
        op = child.draw(child.state, WEIGHTS)
        if op is not None:
            child.run(op)
            done += 1
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
