"""Offer -> outside world: France Travail v2 JSON, and later feeds, JSON-LD and pushes."""
