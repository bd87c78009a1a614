"""Stage 4, site: the docs tree on disk, the MkDocs build with its hooks, page weights and the swap into site/."""
