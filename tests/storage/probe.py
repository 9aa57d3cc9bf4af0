"""Test-only migration scripts: a copy of the bundled migrations folder with extra "probe"
revisions after the real head, passed to ``migrate.upgrade(..., script_location=...)``. Never
shipped in migrations/versions."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotator.storage import migrate

PROBE = "9001"
PROBE_2 = "9002"

WORKS = """
def upgrade():
    op.create_table("probe", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO probe (id) VALUES (1)")


def downgrade():
    op.drop_table("probe")
"""

# Creates a table and a row, then fails: nothing of it may stay behind.
FAILS = """
def upgrade():
    op.create_table("probe_partial", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO probe_partial (id) VALUES (1)")
    raise RuntimeError("probe migration failed on purpose")


def downgrade():
    op.drop_table("probe_partial")
"""


def _script(revision: str, down: str, body: str) -> str:
    return (
        f"revision = {revision!r}\ndown_revision = {down!r}\n"
        "branch_labels = None\ndepends_on = None\n\n"
        "import sqlalchemy as sa\nfrom alembic import op\n" + body
    )


def probe_scripts(where: Path, *bodies: str) -> Path:
    """The bundled migrations plus one probe revision per body (9001, 9002, ...) after the
    real head, in ``where/migrations``; returns that folder."""
    scripts = where / "migrations"
    shutil.copytree(migrate.bundled_path("migrations"), scripts)
    shutil.rmtree(scripts / "versions" / "__pycache__", ignore_errors=True)
    down = migrate.head_revision()
    for n, body in enumerate(bodies):
        revision = str(int(PROBE) + n)
        (scripts / "versions" / f"{revision}_probe.py").write_text(_script(revision, down, body))
        down = revision
    return scripts
