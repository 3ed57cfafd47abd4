"""Files to the typed model: read, validate and convert sources, claims and settings."""
