"""`build.py translations LANG`: --list shows each translated item that is missing, stale or unreviewed; --stamp records
that the items were translated (and reviewed) from the English as it reads now."""

from __future__ import annotations

import sys

from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.load.content import Content
from sitegen.load.translation_stamps import translation_states, write_stamps

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def translations_command(
    content: Content, options: Options, language: str, stamp: bool, by: str | None, reviewed_by: str | None, items: list[str]
) -> int:
    if language not in content.clinic.site_languages[1:]:
        print(
            f"build.py: error: '{language}' is not a further language of this site; clinic.yaml 'languages' lists "
            f"{content.clinic.site_languages}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    findings = Findings()
    states = translation_states(content, options.content_dir, options.clinic_file, language, findings)
    if not stamp:
        shown = [s for s in states if s.status != "current" or not (s.stamp or {}).get("reviewed_by")]
        for state in shown:
            what = {"stale": f"stale: the English changed: {state.change}", "unstamped": "not stamped"}.get(
                state.status, "not medically reviewed"
            )
            print(f"{state.file}#{state.key}: {what}")
        print(f"{len(states) - len(shown)} of {len(states)} {language} items are current and reviewed.")
        return EXIT_OK
    if not by:
        print(
            "build.py: error: --stamp needs --by TRANSLATOR-ID (and --reviewed-by REVIEWER-ID once a clinician has read it)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    reviewers = {r.id for r in content.clinic.reviewers}
    if reviewed_by is not None and reviewed_by not in reviewers:
        print(
            f"build.py: error: --reviewed-by {reviewed_by}: not a reviewer of clinic.yaml ({', '.join(sorted(reviewers))})", file=sys.stderr
        )
        return EXIT_USAGE
    known = {f"{s.file}#{s.key}" for s in states}
    unknown = [item for item in items if item not in known]
    if unknown:
        print(
            f"build.py: error: --item {unknown[0]}: no such item; `python build.py translations {language} --list` names them",
            file=sys.stderr,
        )
        return EXIT_USAGE
    written = write_stamps(language, states, by, reviewed_by, options.today, set(items) if items else None)
    for path, count in written.items():
        print(f"Stamped {count} {language} item(s) in {display_path(path)}.")
    return EXIT_OK
