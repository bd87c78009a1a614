"""Stage 5, commands: what `build.py` runs (build, check, lock, all, schema, serve) and its command line."""
