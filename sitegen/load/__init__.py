"""Stage 1, load: YAML with positions into typed models (pydantic), the clinic's overlay merged in."""
