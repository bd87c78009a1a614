"""A reference nothing cites is reported where it is listed, as a warning: use it or remove it."""

from __future__ import annotations

from pathlib import Path


def test_an_uncited_reference_is_a_warning_at_its_line(workdir: Path, run) -> None:
    references = workdir / "content/references.yaml"
    text = references.read_text()
    references.write_text(
        text + "  - id: never-cited-2020\n    kind: government\n    title: A page nobody cites\n    container: Nobody\n"
        "    year: 2020\n    url: https://example.org/never-cited\n"
    )
    line = len(text.splitlines()) + 1
    code, _, err = run("check", "--content", "content")
    assert code == 0, err
    assert (
        f"content/references.yaml:{line}:9: warning: reference 'never-cited-2020' is cited nowhere on the site: "
        "cite it in the 'sources' of the text it supports, or remove it"
    ) in err
    assert "spravato-label" not in err  # cited by the fixture's pages: no warning


def test_a_source_cited_only_by_a_crisis_option_counts_as_cited(workdir: Path, run) -> None:
    references = workdir / "content/references.yaml"
    references.write_text(
        references.read_text() + "  - id: crisis-page\n    kind: crisis-line\n    title: How to reach the line\n"
        "    container: A crisis line\n    year: 2023\n    url: https://example.org/crisis\n"
    )
    clinic = workdir / "content/clinic.yaml"
    clinic.write_text(
        clinic.read_text().replace(
            "how: call-or-text}",
            'how: call-or-text, options: [{audience: Veterans, ways: [{how: call, number: "988", then: press 1}], source: crisis-page}]}',
        )
    )
    code, _, err = run("check", "--content", "content")
    assert code == 0, err
    assert "crisis-page" not in err
