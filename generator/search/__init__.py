"""Search: the site's Pagefind index, and passage ranking for contributors."""
