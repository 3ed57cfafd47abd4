"""The `factcheck` command line."""
