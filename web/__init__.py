"""Web: community pages (FastAPI + Jinja2)."""
