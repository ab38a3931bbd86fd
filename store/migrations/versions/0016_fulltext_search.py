"""Full-text search over offers (accents, case and French endings forgiven) and the indexes
the search's filters and sort use at a million offers.

PostgreSQL: the `unaccent` extension, the `relais_french` text search configuration (unaccent,
then the Snowball French stemmer, no stop words), a generated `offers.search_vector` column
(built here for the offers already stored) and its GIN index. SQLite: the FTS5 table
`offers_fts` filled with the offers already stored, and the triggers that keep it in step.
Both: a partial index of live offers newest first, and indexes on coordinates.

Revision ID: 0016_fulltext
Revises: 0015_intake_digest
Create Date: 2026-11-30 13:10:00
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from store import fulltext

revision: str = "0016_fulltext"
down_revision: str | Sequence[str] | None = "0015_intake_digest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("status = 'published'")
WORD_TOKENS = (
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part, "
    "numword, numhword, hword_numpart"
)


def _postgresql_configuration() -> None:
    """`relais_french`: unaccent (when the server has it) then the Snowball French stemmer."""
    bind = op.get_bind()
    dictionaries = "unaccent, relais_french_stem"
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except sa.exc.DBAPIError:
        warnings.warn(
            "L'extension PostgreSQL unaccent est absente : la recherche par mots-clés "
            "distinguera les accents (installez postgresql-contrib puis relancez la migration).",
            stacklevel=1,
        )
        dictionaries = "relais_french_stem"
    op.execute(
        "CREATE TEXT SEARCH DICTIONARY relais_french_stem (TEMPLATE = snowball, Language = french)"
    )
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {fulltext.CONFIGURATION} (COPY = french)")
    op.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {fulltext.CONFIGURATION} "
        f"ALTER MAPPING FOR {WORD_TOKENS} WITH {dictionaries}"
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _postgresql_configuration()
        op.execute(
            "ALTER TABLE offers ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('{fulltext.CONFIGURATION}'::regconfig, "
            f"{fulltext.postgresql_document_sql()})) STORED"
        )
        op.execute(f"CREATE INDEX {fulltext.POSTGRESQL_INDEX} ON offers USING gin (search_vector)")
    else:
        fulltext.install_sqlite(bind)
    newest = sa.text("coalesce(posted_at, first_seen_at) DESC, id DESC")
    op.create_index(
        "ix_offers_live_newest",
        "offers",
        [newest],
        postgresql_where=LIVE,
        postgresql_include=[
            "contract_type_contrat",
            "contract_nature",
            "experience_months",
            "experience_requirement",
        ],
        sqlite_where=LIVE,
    )
    op.create_index(
        "ix_offers_place_latitude_place_longitude",
        "offers",
        ["place_latitude", "place_longitude"],
        postgresql_where=LIVE,
        sqlite_where=LIVE,
    )
    op.create_index("ix_offer_places_latitude_longitude", "offer_places", ["latitude", "longitude"])


def downgrade() -> None:
    op.drop_index("ix_offer_places_latitude_longitude", table_name="offer_places")
    op.drop_index("ix_offers_place_latitude_place_longitude", table_name="offers")
    op.drop_index("ix_offers_live_newest", table_name="offers")
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX {fulltext.POSTGRESQL_INDEX}")
        op.execute("ALTER TABLE offers DROP COLUMN search_vector")
        op.execute(f"DROP TEXT SEARCH CONFIGURATION {fulltext.CONFIGURATION}")
        op.execute("DROP TEXT SEARCH DICTIONARY relais_french_stem")
    else:
        fulltext.uninstall_sqlite(bind)
