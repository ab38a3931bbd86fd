"""Big documents go to disk: a download handler that writes a response body into a file.

Scrapy's HTTP/1.1 download handler keeps every body in memory (a `BytesIO`), and its
compression middleware decodes it in memory again. A feed of a million offers is several GiB:
requests whose meta names a folder (`SPOOL_META`) have their body written there as it arrives,
then decoded (gzip, deflate, br, zstd) chunk by chunk into another file, and come back as a
`SpooledResponse` whose `path` is that file and whose `body` is empty. Everything else about
the fetch is Scrapy's own, unchanged: the connection, the guarded resolver and the address
checks (`spiders.middlewares`), TLS, timeouts, redirects and the size cap (the request's
`download_maxsize`, applied to the bytes received and to the decoded bytes alike). Other
requests are downloaded by Scrapy's handler as before.
"""

from __future__ import annotations

import os
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

import brotli
from backports import zstd
from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler, _ScrapyAgent
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils._download_handlers import wrap_twisted_exceptions
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.web.client import Response as TxResponse

SPOOL_META = "relais_spool"
"""Request meta: the folder (str) a response body is written into instead of memory."""
CHUNK_BYTES = 64 * 1024
"""Bytes decoded, written or read at a time: the most of a body held in memory at once."""
_DECODED = {b"gzip", b"x-gzip", b"deflate", b"br", b"zstd"}


class SpooledResponse(Response):
    """A response whose body is in the file `path`, not in memory (`body` is empty)."""

    attributes: tuple[str, ...] = (*Response.attributes, "path")

    def __init__(self, *args: Any, path: Path, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.path = path


class Spool:
    """The file one response body is written into, as Scrapy's reader writes its buffer.

    It stands for the reader's `BytesIO`: `write` appends to the file, `truncate(0)` (the
    size cap reached) empties it, and `getvalue` gives no bytes (the body stays on disk).
    `largest_write` is the most bytes ever handed over at once.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix="document-", suffix=".partial", dir=folder)
        self.path = Path(name)
        self._file: BinaryIO = os.fdopen(handle, "wb")
        self.written = 0
        self.largest_write = 0

    def write(self, data: bytes) -> int:
        self.largest_write = max(self.largest_write, len(data))
        self.written += len(data)
        written = self._file.write(data)
        self._file.flush()  # what was received is on disk, not in a buffer of this process
        return written

    def truncate(self, size: int = 0) -> int:
        self._file.seek(size)
        self.written = size
        return self._file.truncate(size)

    def getvalue(self) -> bytes:
        self.close()
        return b""

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    def discard(self) -> None:
        """Close and delete the file."""
        self.close()
        self.path.unlink(missing_ok=True)


class _SpooledBody:
    """A Twisted response whose body is delivered into `spool` instead of memory."""

    def __init__(self, response: Any, spool: Spool) -> None:
        self._response = response
        self._spool = spool

    def __getattr__(self, name: str) -> Any:
        return getattr(self._response, name)

    def deliverBody(self, protocol: Any) -> None:  # noqa: N802 - Twisted's name
        if not hasattr(protocol, "_bodybuf"):  # Scrapy's reader changed: never buffer silently
            raise RuntimeError("le lecteur de réponses de Scrapy n'a plus de tampon _bodybuf")
        protocol._bodybuf = self._spool
        self._response.deliverBody(protocol)


class _SpoolingAgent(_ScrapyAgent):
    """Scrapy's agent, its response body delivered into a Spool."""

    def __init__(self, *, spool: Spool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._spool = spool

    def _cb_bodyready(self, txresponse: Any, request: Request) -> Any:
        body = cast("TxResponse", _SpooledBody(txresponse, self._spool))
        return super()._cb_bodyready(body, request)


class SpoolingDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler; a request with `SPOOL_META` gets a SpooledResponse."""

    async def download_request(self, request: Request) -> Response:
        folder = request.meta.get(SPOOL_META)
        if not folder:
            return await super().download_request(request)
        maxsize = int(request.meta.get("download_maxsize", self._default_maxsize))
        spool = Spool(Path(folder))
        agent = _SpoolingAgent(
            spool=spool,
            contextFactory=self._contextFactory,
            bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=maxsize,
            warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss,
            crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging,
        )
        try:
            with wrap_twisted_exceptions():
                response = await maybe_deferred_to_future(agent.download_request(request))
            spool.close()
            return _decoded(response, spool, maxsize, request)
        except BaseException:
            spool.discard()
            raise


def _decoded(response: Response, spool: Spool, maxsize: int, request: Request) -> Response:
    """The SpooledResponse of `response`, its body decoded from its Content-Encoding into a
    file beside the spool (IgnoreRequest naming DOWNLOAD_MAXSIZE when the decoded body
    exceeds `maxsize`, as Scrapy's compression middleware says it)."""
    headers = response.headers.copy()
    listed = [
        name.strip().lower()
        for value in headers.getlist("Content-Encoding")
        for name in value.split(b",")
        if name.strip()
    ]
    path = spool.path
    decoded: list[bytes] = []
    while listed and listed[-1] in _DECODED:  # the last encoding applied is undone first
        decoded.append(listed.pop())
    if decoded and request.method != "HEAD":
        path = _decode_file(spool.path, decoded, maxsize, request)
        spool.path.unlink(missing_ok=True)
        if listed:
            headers[b"Content-Encoding"] = b", ".join(listed)
        else:
            del headers[b"Content-Encoding"]
        headers.pop(b"Content-Length", None)
    return SpooledResponse(
        url=response.url,
        status=response.status,
        headers=headers,
        body=b"",
        flags=response.flags,
        certificate=response.certificate,
        ip_address=response.ip_address,
        protocol=response.protocol,
        path=path,
    )


def _decode_file(source: Path, encodings: list[bytes], maxsize: int, request: Request) -> Path:
    """Undo `encodings` (outermost first) of the file `source` into a new file, in chunks."""
    target = source.with_name(source.name.replace(".partial", ".decoded"))

    def read() -> Iterator[bytes]:
        with source.open("rb") as file:
            while chunk := file.read(CHUNK_BYTES):
                yield chunk

    chunks: Iterator[bytes] = read()
    for encoding in encodings:
        chunks = _DECODERS[encoding](chunks)
    size = 0
    try:
        with target.open("wb") as file:
            for chunk in chunks:
                size += len(chunk)
                if maxsize and size > maxsize:
                    raise IgnoreRequest(
                        f"Ignored response to {request} because its body exceeded "
                        f"DOWNLOAD_MAXSIZE ({maxsize} B) during decompression."
                    )
                file.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _zlib(wbits: int) -> Callable[[Iterator[bytes]], Iterator[bytes]]:
    def decode(chunks: Iterator[bytes]) -> Iterator[bytes]:
        decompressor = zlib.decompressobj(wbits)
        given = False
        try:
            for chunk in chunks:
                data = chunk
                while data:
                    if decompressor.eof:  # another gzip member follows
                        data = decompressor.unused_data + data
                        decompressor = zlib.decompressobj(wbits)
                    output = decompressor.decompress(data, CHUNK_BYTES)
                    given = given or bool(output)
                    yield output
                    data = decompressor.unconsumed_tail
        except zlib.error:
            if not given:  # as Scrapy's gunzip: what was read of a damaged stream is kept
                raise
        else:
            yield decompressor.flush()

    return decode


def _deflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """deflate as HTTP says (zlib-wrapped), or raw deflate as some servers send it."""
    first = next(chunks, b"")
    try:
        zlib.decompressobj().decompress(first, 1)
        wbits = zlib.MAX_WBITS
    except zlib.error:
        wbits = -zlib.MAX_WBITS
    yield from _zlib(wbits)(_prepend(first, chunks))


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _brotli(chunks: Iterator[bytes]) -> Iterator[bytes]:
    decompressor = brotli.Decompressor()
    for chunk in chunks:
        yield decompressor.process(chunk, output_buffer_limit=CHUNK_BYTES)
        while not decompressor.is_finished() and not decompressor.can_accept_more_data():
            yield decompressor.process(b"", output_buffer_limit=CHUNK_BYTES)
    while not decompressor.is_finished():  # what the last input still holds
        output = decompressor.process(b"", output_buffer_limit=CHUNK_BYTES)
        if not output:
            break
        yield output


def _zstd(chunks: Iterator[bytes]) -> Iterator[bytes]:
    decompressor = zstd.ZstdDecompressor()
    for chunk in chunks:
        data = chunk
        while not decompressor.eof:
            yield decompressor.decompress(data, CHUNK_BYTES)
            data = b""
            if decompressor.needs_input:
                break


_DECODERS: dict[bytes, Callable[[Iterator[bytes]], Iterator[bytes]]] = {
    b"gzip": _zlib(16 + zlib.MAX_WBITS),
    b"x-gzip": _zlib(16 + zlib.MAX_WBITS),
    b"deflate": _deflate,
    b"br": _brotli,
    b"zstd": _zstd,
}
