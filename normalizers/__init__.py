"""Pure functions turning what a source says (SourceOffer) into the canonical Offer."""
