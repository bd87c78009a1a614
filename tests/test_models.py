"""The content models: every field explains itself (the text becomes editor help), unknown keys are refused."""

from __future__ import annotations

import inspect

import pytest
from pydantic import BaseModel, ValidationError

from sitegen.load.models import clinic, common, faq, glossary, lint_config, references, self_check, topics

MODELS = sorted(
    {
        obj
        for module in (clinic, common, faq, glossary, lint_config, references, self_check, topics)
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, BaseModel) and obj.__module__.startswith("sitegen.load.models")
    },
    key=lambda m: m.__name__,
)


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_field_has_a_description(model) -> None:
    undocumented = [name for name, info in model.model_fields.items() if not info.description]
    assert undocumented == []


def test_unknown_keys_are_refused_everywhere() -> None:
    assert all(m.model_config.get("extra") == "forbid" for m in MODELS)
    with pytest.raises(ValidationError):
        glossary.GlossaryTerm(term="x", definition="y", colour="red")
