"""Why an item could not become an offer: kept in quarantine, never dropped silently."""

from __future__ import annotations

from pydantic import Field

from schemas.base import StrictModel


class RejectionReason(StrictModel):
    """One problem with one field, said so that the person who can fix it understands."""

    field: str = Field(description="The SourceOffer field at fault, or 'item' for the whole item.")
    code: str = Field(
        description="Stable machine code, e.g. 'missing', 'invalid_url', 'unreadable'."
    )
    message: str
    value: str | None = Field(default=None, description="The offending value, shortened.")


class Rejection(StrictModel):
    """An item of a source that cannot make a valid offer."""

    source: str
    external_id: str | None = None
    reasons: list[RejectionReason] = Field(min_length=1)

    def summary(self) -> str:
        """One line naming every reason, for logs and the CLI."""
        return "; ".join(f"{r.field}: {r.message}" for r in self.reasons)
