"""Where a crawl's records go: one JSON object per line in `items.jsonl`, written as they come."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

ITEMS_FILE = "items.jsonl"
REPORT_FILE = "report.json"
LOG_FILE = "crawl.log"


class JsonLinesWriter:
    """Item pipeline writing each record to RELAIS_OUTPUT_DIR/items.jsonl (constant memory)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / ITEMS_FILE
        self._file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonLinesWriter:
        directory = crawler.settings.get("RELAIS_OUTPUT_DIR")
        if not directory:
            raise NotConfigured("RELAIS_OUTPUT_DIR is not set")
        return cls(Path(directory))

    def open_spider(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("w", encoding="utf-8")

    def close_spider(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        assert self._file is not None, "the writer is not open"
        self._file.write(json.dumps(item, ensure_ascii=False) + "\n")
        return item
