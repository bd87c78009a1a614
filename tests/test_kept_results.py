"""Work kept between builds (content files as loaded and validated, rendered pages): used when nothing it was made
from changed, never hiding a finding, never run when planted."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest


@pytest.fixture
def validations(workdir: Path, monkeypatch) -> list[str]:
    """The content files validated afresh during each run (the rest were taken as an earlier build kept them)."""
    from sitegen.load import content

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    seen: list[str] = []
    real = content.validate_document

    def counting(doc, model, findings):
        seen.append(Path(doc.path).name)
        return real(doc, model, findings)

    monkeypatch.setattr(content, "validate_document", counting)
    return seen


def test_an_unchanged_file_is_not_read_again_and_an_edited_one_reports_its_error_every_time(workdir: Path, run, validations) -> None:
    assert run("check", "--content", "content")[0] == 0
    assert "history.yaml" in validations and "faq.yaml" in validations
    validations.clear()
    assert run("check", "--content", "content")[0] == 0
    assert validations == []

    history = workdir / "content/topics/history.yaml"
    good = history.read_text()
    history.write_text(good.replace("title: History of ketamine", "title: History of ketamine\ncolour: red"))
    for _ in range(2):  # a file with a finding is never kept, so the second build reports it too
        code, _, err = run("check", "--content", "content")
        assert code == 1
        assert "content/topics/history.yaml:2:1:" in err and "colour" in err
    assert validations == ["history.yaml", "history.yaml"]

    history.write_text(good)
    validations.clear()
    assert run("check", "--content", "content")[0] == 0
    assert validations == []  # the good version's entry was made before the edit and still matches it


def test_a_file_refused_while_it_is_read_but_valid_as_data_is_reported_every_time(workdir: Path, run, validations) -> None:
    """A duplicate key is found by the reader; the data (the first value) still validates: the file must not be kept."""
    assert run("check", "--content", "content")[0] == 0
    history = workdir / "content/topics/history.yaml"
    history.write_text(history.read_text().replace("title: History of ketamine\n", "title: History of ketamine\ntitle: Ketamine\n", 1))
    for _ in range(2):
        code, _, err = run("check", "--content", "content")
        assert code == 1
        assert "content/topics/history.yaml:2:1: duplicate key 'title'" in err


def test_a_planted_entry_is_never_unpickled(workdir: Path, run, validations) -> None:
    """An entry not signed with this user's key is ignored: the code a pickle names never runs."""
    assert run("check", "--content", "content")[0] == 0
    marker = workdir / "planted-code-ran"

    class Plant:
        def __reduce__(self):
            return (Path.touch, (marker,))

    entries = list((workdir / "cache/documents").glob("*.signed"))
    assert len(entries) >= 10
    for entry in entries:
        data = entry.read_bytes()
        made_from = data[32:].partition(b"\n")[0]
        entry.write_bytes(b"\0" * 32 + made_from + b"\n" + pickle.dumps(Plant()))
    validations.clear()
    assert run("check", "--content", "content")[0] == 0
    assert not marker.exists()
    assert "history.yaml" in validations  # read afresh instead


def _content(workdir: Path):
    from sitegen.commands.check import load_resolved
    from sitegen.core.options import Options

    result = load_resolved(Options(content_dir=workdir / "content"))
    assert result.content is not None and not result.findings.errors
    return result.content


def test_pages_are_rendered_again_when_a_template_or_a_content_file_changes(workdir: Path, monkeypatch) -> None:
    from sitegen.core.paths import ROOT
    from sitegen.render import kept_pages, pages

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    templates = workdir / "templates"
    shutil.copytree(ROOT / "templates", templates)
    rendered: list[int] = []
    real = pages.render_pages
    monkeypatch.setattr(pages, "render_pages", lambda *args: rendered.append(1) or real(*args))

    def history_page() -> str:
        return next(p.text for p in kept_pages.render_site(_content(workdir), templates) if p.slug == "history")

    first = history_page()
    assert history_page() == first and len(rendered) == 1  # the second time, the pages kept from the first
    monkeypatch.setenv("SITEGEN_CACHE", "off")
    assert history_page() == first  # kept pages are the very pages a fresh render makes
    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))

    page_template = templates / "pages/history.md.j2"
    page_template.write_text(page_template.read_text() + "\nA line added to the template.\n")
    assert "A line added to the template." in history_page()

    history = workdir / "content/topics/history.yaml"
    history.write_text(history.read_text().replace("Seven people took part.", "Seven adults took part."))
    assert "Seven adults took part." in history_page()
    assert len(rendered) == 4


def test_a_self_check_proved_sound_is_not_proved_again_but_an_unsound_edit_is_refused_every_time(
    workdir: Path, run, validations, monkeypatch
) -> None:
    from sitegen.check import self_check

    proofs: list[int] = []
    real = self_check.check_self_check
    monkeypatch.setattr(self_check, "check_self_check", lambda *args: proofs.append(1) or real(*args))
    assert run("check", "--content", "content")[0] == 0
    assert run("check", "--content", "content")[0] == 0
    assert len(proofs) == 1

    page = workdir / "content/self_check.yaml"
    allergy = (
        '  - id: allergy\n    text: Are you allergic?\n    options:\n      - {value: "yes", label: "Yes", contraindication: labeled}\n'
    )
    page.write_text(page.read_text().replace("  - id: tried\n", allergy + '      - {value: "no", label: "No"}\n  - id: tried\n', 1))
    for _ in range(2):
        code, _, err = run("check", "--content", "content")
        assert code == 1 and "a labeled contraindication" in err
    assert len(proofs) == 3


def test_any_file_the_rendering_read_is_an_input_of_the_kept_pages(workdir: Path, monkeypatch) -> None:
    """A new feature that reads a file while rendering (a photo, a price list) has its pages made again when the
    file or its folder changes, with no list of inputs to keep up to date."""
    from sitegen.core.paths import ROOT
    from sitegen.render import kept_pages, pages

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    photos = workdir / "photos"
    photos.mkdir()
    (photos / "team.txt").write_text("Dr. A")
    real = pages.render_pages

    def with_team(*args):
        team = " and ".join((photos / name).read_text() for name in sorted(p.name for p in photos.iterdir()))
        return [kept_pages.RenderedPage("team", "team.md", f"Our team: {team}"), *real(*args)]

    monkeypatch.setattr(pages, "render_pages", with_team)
    content = _content(workdir)

    def team_page() -> str:
        return kept_pages.render_site(content, ROOT / "templates")[0].text

    assert team_page() == "Our team: Dr. A"
    (photos / "team.txt").write_text("Dr. B")
    assert team_page() == "Our team: Dr. B"  # a file it read changed
    (photos / "zz.txt").write_text("Dr. C")
    assert team_page() == "Our team: Dr. B and Dr. C"  # a folder it listed changed
    monkeypatch.setattr(pages, "render_pages", lambda *args: [])
    assert team_page() == "Our team: Dr. B and Dr. C"  # nothing changed: the kept pages, without rendering


def test_a_clinic_with_photos_gets_the_same_site_from_kept_pages_and_new_copies_of_a_replaced_photo(
    workdir: Path, run, monkeypatch
) -> None:
    """Rendering makes the resized photos as a side effect: kept pages bring them back, and a replaced photo is seen."""
    from sitegen.core.paths import ROOT
    from sitegen.render import pages

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    rendered: list[int] = []
    real = pages.render_pages
    monkeypatch.setattr(pages, "render_pages", lambda *args: rendered.append(1) or real(*args))
    examples = ROOT / "examples" / "clinics"
    clinics = workdir / "clinics"
    (clinics / "logos").mkdir(parents=True)
    shutil.copy(examples / "sunrise.yaml", clinics / "sunrise.yaml")
    shutil.copy(examples / "logos" / "sunrise.svg", clinics / "logos" / "sunrise.svg")
    shutil.copytree(examples / "photos" / "sunrise", clinics / "photos" / "sunrise")
    shutil.copy(examples / "sunrise.overlay.yaml", clinics / "sunrise.overlay.yaml")  # its own page and menu
    shutil.copytree(examples / "sunrise-pages", clinics / "sunrise-pages")
    shutil.copytree(examples / "translations", clinics / "translations")  # its Spanish (languages: [en, es])

    def built(name: str) -> dict[str, bytes]:
        args = ["--clinic", str(clinics / "sunrise.yaml"), "--out", str(workdir / name), "--docs", str(workdir / f"{name}-docs")]
        assert run("build", *args)[0] == 0
        return {p.relative_to(workdir / name).as_posix(): p.read_bytes() for p in (workdir / name).rglob("*") if p.is_file()}

    first = built("first")
    photos = sorted(name for name in first if name.startswith("assets/photos/"))
    assert photos
    # Sunrise is in English and Spanish: each language renders once, then the same site, photos and all, from the kept pages.
    assert len(rendered) == 2
    assert built("second") == first and len(rendered) == 2

    portraits = sorted((clinics / "photos" / "sunrise").iterdir())
    portraits[0].write_bytes(portraits[1].read_bytes())  # one person's photo replaced by another's
    third = built("third")
    assert sorted(name for name in third if name.startswith("assets/photos/")) != photos and len(rendered) == 4


def test_a_translation_is_kept_like_an_english_file_and_its_pages_are_those_a_fresh_build_makes(
    workdir: Path, run, validations, monkeypatch
) -> None:
    """A translation merged over the English, once validated without a finding, is not merged and validated again, nor
    its pages rendered again; an error in it is reported on every build; an English edit reaches the Spanish pages."""
    from test_i18n import with_spanish

    from sitegen.load import translations
    from sitegen.render import pages

    real_validate, real_render = translations.validate_document, pages.render_pages
    monkeypatch.setattr(
        translations, "validate_document", lambda doc, *a: validations.append(Path(doc.path).name) or real_validate(doc, *a)
    )
    rendered: list[str] = []
    monkeypatch.setattr(pages, "render_pages", lambda content, *a: rendered.append(content.language) or real_render(content, *a))
    content = with_spanish(workdir)

    def built(name: str, cache: str = "cache") -> dict[str, str]:
        monkeypatch.setenv("SITEGEN_CACHE", cache if cache == "off" else str(workdir / cache))
        assert run("build", "--content", "content", "--out", name, "--docs", f"{name}-docs")[0] == 0
        docs = workdir / f"{name}-docs"
        return {p.relative_to(docs).as_posix(): p.read_text() for p in docs.rglob("*.md")}

    first = built("first")
    assert "es/faq/does-it-work.md" in first and validations.count("faq.yaml") == 2 and rendered == ["en", "es"]
    validations.clear()
    assert built("second") == first and validations == [] and rendered == ["en", "es"]  # all kept

    answer = "La ketamina es un medicamento. Los médicos la usan para dormir a las personas en una cirugía."
    es_faq = content / "translations/es/faq.yaml"
    es_faq.write_text(es_faq.read_text().replace(answer, answer + " Se usa desde 1970."))
    kept = built("third")
    assert "Se usa desde 1970." in kept["es/faq/what-is-ketamine.md"] and rendered == ["en", "es", "es"]
    assert kept == built("fresh", cache="off")  # the kept English pages and the new Spanish ones: a fresh build's

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    english = content / "faq.yaml"
    english.write_text(english.read_text().replace("    category: basics\n", "    category: basics\n\n", 1))
    validations.clear()
    assert run("check", "--content", "content")[0] == 0
    assert validations == ["faq.yaml", "faq.yaml"]  # the English file changed: its translation is merged over it again
    es_faq.write_text(es_faq.read_text().replace("  - id: what-is-ketamine\n", "  - id: what-is-ketamine\n    colour: red\n", 1))
    for _ in range(2):  # a translation with a finding is never kept
        code, _, err = run("check", "--content", "content")
        assert code == 1 and "translations/es/faq.yaml:9:5: unknown key 'colour'" in err


@pytest.mark.parametrize(
    ("file", "before", "after", "again"),
    [
        ("faq.yaml", "to sleep for surgery.", "to sleep for surgery and for tests.", {"faq", "faq/what-is-ketamine"}),
        ("faq.yaml", "question: What is ketamine?", "question: What is ketamine, exactly?", {"faq", "faq/what-is-ketamine", "handouts"}),
        ("topics/history.yaml", "Seven people took part.", "Seven adults took part.", {"history"}),
        # Its title is linked from the answers that point to it, and listed by the handouts page.
        ("topics/history.yaml", "title: History of ketamine", "title: The history", {"history", "handouts", "faq", "faq/what-is-ketamine"}),
        ("glossary.yaml", "given as a nasal spray.", "given as a spray in the nose.", "most"),  # tooltips on every page
        ("clinic.yaml", 'phone: "555 0100"', 'phone: "555 0199"', "most"),  # on every page
    ],
)
def test_after_an_edit_only_the_pages_it_reaches_are_rendered_again_and_the_site_is_a_fresh_renders(
    workdir: Path, monkeypatch, file: str, before: str, after: str, again: set[str] | str
) -> None:
    """The pages kept from the last build and those rendered again make, byte for byte, the pages a full render makes."""
    from sitegen.core.paths import ROOT
    from sitegen.render import kept_pages, pages

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    rendered: list[str] = []
    real = pages.render_page
    monkeypatch.setattr(pages, "render_page", lambda job, shared: rendered.append(job.key) or real(job, shared))

    def site() -> dict[str, tuple[str, str]]:
        return {page.path: (page.slug, page.text) for page in kept_pages.render_site(_content(workdir), ROOT / "templates")}

    old = site()
    path = workdir / "content" / file
    assert before in path.read_text()
    path.write_text(path.read_text().replace(before, after, 1))
    rendered.clear()
    kept = site()
    rendered_again = set(rendered)
    monkeypatch.setenv("SITEGEN_CACHE", "off")
    assert kept == site()  # byte for byte what a full render makes
    changed = {slug for name, (slug, text) in kept.items() if old[name][1] != text}
    assert changed and changed <= rendered_again  # every page whose text changed was rendered again (not taken as kept)
    if again == "most":
        assert len(rendered_again) > len(kept) / 2
    else:
        assert rendered_again == again
