"""The published site, produced by the core: page Markdown/HTML and data files.

Nothing here imports MkDocs; the MkDocs plugin only hands these files to MkDocs.
"""
