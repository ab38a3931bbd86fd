"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, LargeBinary
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

JSONDocument = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored in UTC; SQLite, which keeps no zone, gets them back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Values longer than this many bytes are stored compressed; shorter ones as they are.
COMPRESS_ABOVE = 256
_PLAIN, _ZLIB = b"=", b"z"


def pack(data: bytes) -> bytes:
    """`data` as stored in a compressed column: a marker byte, then the bytes as they are
    ("=") or zlib-compressed ("z", RFC 1950) when longer than COMPRESS_ABOVE."""
    if len(data) > COMPRESS_ABOVE:
        return _ZLIB + zlib.compress(data, 6)
    return _PLAIN + data


def unpack(stored: bytes) -> bytes:
    """The bytes `pack` stored. ValueError for a value no `pack` wrote."""
    marker, body = stored[:1], stored[1:]
    if marker == _ZLIB:
        return zlib.decompress(body)
    if marker == _PLAIN:
        return body
    raise ValueError(f"not a packed value (marker {marker!r})")


class CompressedText(TypeDecorator[str]):
    """Text kept as packed UTF-8 bytes (see `pack`): a long payload takes a third of its size.

    Lone surrogates, which some feeds carry, are kept ("surrogatepass"). A value read as text
    is given as it is: SQLite keeps any value in any column, and a column a migration has not
    packed yet (or has unpacked again, going down) holds text."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        return pack(value.encode("utf-8", "surrogatepass"))

    def process_result_value(self, value: bytes | str | None, dialect: Dialect) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return unpack(bytes(value)).decode("utf-8", "surrogatepass")


class CompressedJSON(TypeDecorator[Any]):
    """A JSON document kept as packed UTF-8 bytes (see `pack`). Read and written whole by
    Relais, never queried inside by SQL (use `JSONDocument` for that). A value read as JSON
    text or as a JSONB document (a column a migration has not packed yet, or has unpacked
    again going down) is given as it is."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return pack(text.encode("utf-8", "surrogatepass"))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, str):  # JSON text: a column a migration has not packed (SQLite)
            return json.loads(value)
        if isinstance(value, dict | list):  # JSONB, read as such by the driver (PostgreSQL)
            return value
        return json.loads(unpack(bytes(value)).decode("utf-8", "surrogatepass"))
