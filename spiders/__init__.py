"""Scrapy project: one spider per source kind, the hardened fetch path and the pure extractors."""
