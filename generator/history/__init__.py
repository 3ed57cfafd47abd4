"""Version history: git, corrections read from it, what changed since a base."""
