"""Patient-education site generator: YAML facts to a static MkDocs Material site."""
