"""Evidence: what a span records beyond its label (field schemas per label, their values)."""
