"""What the self-check script needs, as JSON inside the page: crisis answers, rules, outcome kinds and levels."""

from __future__ import annotations

from typing import Any

import markupsafe

from sitegen.core.markup import json_for_html
from sitegen.load.models.self_check import OUTCOME_KINDS


def self_check_data(page, words: dict | None = None) -> str:
    """What the self-check script needs: which answers are crisis answers, the rules, outcome kinds and levels, and the
    words it writes itself, in the page's language (templates/ui/<lang>.yaml, keys starting 'script_')."""
    data: dict[str, Any] = {
        "words": {key.removeprefix("script_"): value for key, value in (words or {}).items() if key.startswith("script_")},
        "questions": [{"id": q.id, "text": q.text, "crisis": [o.value for o in q.options if o.crisis]} for q in page.questions],
        "rules": [{"when": [{"question": c.question, "any_of": c.any_of} for c in r.when], "outcome": r.outcome} for r in page.rules],
        "outcomes": {o.id: {"kind": o.kind, "level": o.level, "list": o.list_answers_of} for o in page.outcomes},
        "kinds": list(OUTCOME_KINDS),
        "questionnaire": None,
    }
    if page.questionnaire:
        q = page.questionnaire
        data["questionnaire"] = {
            "items": [{"id": i.id, "critical": i.critical} for i in q.items],
            "bands": [{"min": b.min, "max": b.max, "label": b.label, "outcome": b.outcome} for b in q.bands],
            "critical_outcome": q.critical_outcome,
        }
    return markupsafe.Markup(json_for_html(data))  # JSON for the script: printed as it is
