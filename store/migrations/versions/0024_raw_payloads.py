"""Raw items' payloads in their own table, `raw_payloads`, written once for each content.

A raw item's row is written again at each step of the pipeline (pending, normalized with its
document, loaded and emptied), and PostgreSQL keeps each version of a row whole until vacuumed
(MVCC): a payload of about 1.3 KB, too short for TOAST to move it out of the row (it only does
for rows over about 2 KB, whatever the table's `toast_tuple_target`), was stored three times,
and the freed space stays in the table's file. Its own table, written when the item is new or
changed, keeps it once. SQLite rewrites a row in place: it only gains a table.

The payloads are copied as they are stored (`store.types.pack`, the same in both columns), in
SQL, then the column is dropped. SQLite is vacuumed after; PostgreSQL's `raw_items` is
rewritten compactly by `VACUUM FULL` (which locks it while it runs, as the migration's other
statements do), so that the space of the old row versions goes back to the system.

SQLite's file is rewritten with 16 KB pages instead of 4 KB (`store.db.SQLITE_PAGE_SIZE`,
which a new database takes): an offer row of about 3.3 KB filled most of a 4 KB page, leaving
the rest unused, or spilled into overflow pages (10,000 real offers: 6.7 KB an offer instead of
7.5). SQLite changes its page size only out of WAL mode, so the rewrite leaves it a moment;
when another connection holds the file, it keeps its page size (and is vacuumed all the same).

Downgrade: the column comes back holding each item's payload, and the table goes; SQLite keeps
its page size, which no revision depends on.

Revision ID: 0024_raw_payloads
Revises: 0023_search_doc
Create Date: 2026-11-30 23:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024_raw_payloads"
down_revision: str | Sequence[str] | None = "0023_search_doc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


# `store.db.SQLITE_PAGE_SIZE` as of this revision, written out so the migration stands alone.
_SQLITE_PAGE_SIZE = 16384
# `store.db`'s busy timeout, put back after the page size is asked for.
_BUSY_TIMEOUT_MS = 30000


def _compact(table: str, *, page_size: int | None = None) -> None:
    """Give the space freed in `table` back to the system: SQLite's whole file, PostgreSQL's
    table (outside the migration's transaction, which both commands need). SQLite's file is
    rewritten with pages of `page_size` bytes when given, which it only takes out of WAL mode;
    when another connection holds the file, it stays in WAL mode and keeps its page size."""
    with op.get_context().autocommit_block():
        if not _sqlite():
            op.execute(f"VACUUM FULL {table}")
            return
        if page_size is None:
            op.execute("VACUUM")
            return
        connection = op.get_bind()
        # At once: a connection that holds the file is not waited for.
        connection.exec_driver_sql("PRAGMA busy_timeout=0")
        try:
            connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
        except sa.exc.OperationalError:  # "database is locked": another connection holds it
            pass
        else:
            connection.exec_driver_sql(f"PRAGMA page_size={int(page_size)}")
        connection.exec_driver_sql(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        connection.exec_driver_sql("VACUUM")
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def upgrade() -> None:
    op.create_table(
        "raw_payloads",
        sa.Column("raw_item_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["raw_item_id"],
            ["raw_items.id"],
            name=op.f("fk_raw_payloads_raw_item_id_raw_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("raw_item_id", name=op.f("pk_raw_payloads")),
    )
    op.execute("INSERT INTO raw_payloads (raw_item_id, payload) SELECT id, payload FROM raw_items")
    # ALTER only: SQLite 3.35 and later drop a plain column without rebuilding the table.
    op.execute("ALTER TABLE raw_items DROP COLUMN payload")
    _compact("raw_items", page_size=_SQLITE_PAGE_SIZE)


def downgrade() -> None:
    sqlite = _sqlite()
    # SQLite adds a NOT NULL column only with a default; PostgreSQL is told after the fill.
    op.add_column(
        "raw_items",
        sa.Column(
            "payload",
            sa.LargeBinary(),
            nullable=not sqlite,
            server_default=sa.text("X'3d'") if sqlite else None,  # X'3d': "" packed
        ),
    )
    op.execute(
        "UPDATE raw_items SET payload = "
        "(SELECT p.payload FROM raw_payloads AS p WHERE p.raw_item_id = raw_items.id) "
        "WHERE EXISTS (SELECT 1 FROM raw_payloads AS p WHERE p.raw_item_id = raw_items.id)"
    )
    if not sqlite:
        op.execute("UPDATE raw_items SET payload = '\\x3d'::bytea WHERE payload IS NULL")
        op.alter_column("raw_items", "payload", nullable=False)
    op.drop_table("raw_payloads")
    _compact("raw_items")
