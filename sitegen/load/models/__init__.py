"""Typed content models: one module per content file type."""
