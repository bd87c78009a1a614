"""Stage 0, core: what every stage shares (findings, options, paths, URLs, markup helpers, the cache)."""
