"""Push exporters: deliver outbox entries to an FT-style intake or a signed webhook."""
