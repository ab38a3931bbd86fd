"""A fetched document's bytes, held in memory or in a file on disk, read chunk by chunk.

The XML extractors stream: they never need the whole document at once, only its first bytes
(byte order mark, XML declaration, DOCTYPE) and then its bytes in order, maybe several times
(the strict reading, then the repairing one). A feed spooled to disk by the crawl
(`spiders.spool`) is read from its file in chunks of `CHUNK_BYTES`: memory stays bounded
whatever the document's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

CHUNK_BYTES = 64 * 1024
"""Bytes read, decoded and parsed at a time."""


class Document:
    """The bytes of one document: `bytes` in memory, or a file read in chunks.

    Build it with `Document.of(body)`, `body` being bytes, a `Path` or a Document.
    """

    def __init__(self, data: bytes | None = None, path: Path | None = None) -> None:
        if (data is None) == (path is None):
            raise ValueError("a document is either bytes or a file")
        self._data, self.path = data, path

    @classmethod
    def of(cls, body: bytes | bytearray | memoryview | Path | Document) -> Document:
        """`body` as a Document (a Document is returned as is)."""
        if isinstance(body, Document):
            return body
        if isinstance(body, Path):
            return cls(path=body)
        return cls(data=bytes(body))

    def __len__(self) -> int:
        """The document's size in bytes."""
        if self._data is not None:
            return len(self._data)
        assert self.path is not None
        return self.path.stat().st_size

    def head(self, size: int) -> bytes:
        """The first `size` bytes (fewer when the document is shorter)."""
        if self._data is not None:
            return self._data[:size]
        assert self.path is not None
        with self.path.open("rb") as file:
            return file.read(size)

    def chunks(self, start: int = 0, size: int = CHUNK_BYTES) -> Iterator[bytes]:
        """The bytes from offset `start` to the end, `size` bytes at a time (the last one
        shorter); a file is opened for this reading only and read as it goes."""
        if self._data is not None:
            data = self._data
            for offset in range(start, len(data), size):
                yield data[offset : offset + size]
            return
        assert self.path is not None
        with self.path.open("rb") as file:
            file.seek(start)
            while chunk := file.read(size):
                yield chunk

    def isascii(self) -> bool:
        """True when every byte is ASCII (read by chunks)."""
        return all(chunk.isascii() for chunk in self.chunks())

    def is_blank(self) -> bool:
        """True when the document holds no byte but ASCII white space (read by chunks)."""
        return all(not chunk.strip() for chunk in self.chunks())
