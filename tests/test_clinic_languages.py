"""A clinic's own pages in a second language: the team, cost and locations pages and the overlay's own pages in Spanish,
with Spanish fixed words and the clinic's Spanish text, errors naming both files, and the overlay's hide lists in /es/."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

EXAMPLES = ROOT / "examples" / "clinics"
FACT_PAGES = ["team", "cost-and-insurance", "locations"]
# Values in sunrise.yaml's team, costs and locations that are names, addresses or numbers: the same in every language.
KEPT = {"id", "name", "file", "street", "city", "region", "postal_code", "country", "phone", "map_url", "plans_billed", "per", "service"}


def _copy_sunrise(into: Path) -> Path:
    """The Sunrise example with everything it reads (logo, photos, overlay, own pages, translations); returns its profile."""
    into.mkdir(parents=True, exist_ok=True)
    for name in ("sunrise.yaml", "sunrise.overlay.yaml", "sunrise.published.lock.yaml"):
        shutil.copy(EXAMPLES / name, into / name)
    (into / "logos").mkdir()
    shutil.copy(EXAMPLES / "logos/sunrise.svg", into / "logos/sunrise.svg")
    shutil.copytree(EXAMPLES / "photos/sunrise", into / "photos/sunrise")
    shutil.copytree(EXAMPLES / "sunrise-pages", into / "sunrise-pages")
    (into / "translations/es").mkdir(parents=True)
    for name in ("sunrise.yaml", "translation-stamps.yaml"):
        shutil.copy(EXAMPLES / "translations/es" / name, into / "translations/es" / name)
    return into / "sunrise.yaml"


def _build(run, profile: Path, out: Path) -> tuple[int, str]:
    code, stdout, err = run("build", "--clinic", str(profile), "--out", str(out / "site"), "--docs", str(out / "docs"))
    return code, stdout + err


@pytest.fixture(scope="module")
def sunrise_site(tmp_path_factory) -> Path:
    """The Sunrise example built once, as committed."""
    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("sunrise-es")
    assert main(["build", "--clinic", str(EXAMPLES / "sunrise.yaml"), "--out", str(out / "site"), "--docs", str(out / "docs")]) == 0
    return out / "site"


def _article_text(page: Path) -> str:
    """What a reader reads in the page's article: its text without tags, spaces collapsed."""
    article = re.search(r"<article\b.*?</article>", page.read_text(encoding="utf-8"), re.S)
    assert article, page
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article.group(0))).split())


def _clinic_texts(value, key: str = "") -> list[str]:
    """Every text of the clinic's own in a part of sunrise.yaml, leaving out names, addresses and numbers."""
    if isinstance(value, dict):
        return [text for k, v in value.items() if k not in KEPT for text in _clinic_texts(v, k)]
    if isinstance(value, list):
        return [text for v in value for text in _clinic_texts(v, key)]
    # One word (an abbreviation such as LCSW) may be the same in Spanish.
    return [" ".join(value.split())] if isinstance(value, str) and len(value.split()) > 1 else []


def _english_fragments() -> list[str]:
    """The English template words, as the pieces between their placeholders and citations (two words or more: a single
    word such as 'English' is the language menu's name for English, and 'No' or 'Fax' are Spanish too)."""
    english = yaml.safe_load((ROOT / "templates/ui/en.yaml").read_text(encoding="utf-8"))
    fragments = []
    for value in english.values():
        for text in value if isinstance(value, list) else [value]:
            for piece in re.split(r"\{[a-z_]+\}|\[\^[a-z0-9-]+\]|\*\*|\[|\]\([^)]*\)", str(text)):
                piece = " ".join(piece.strip(" .,:;*").split())
                if len(piece.split()) >= 2:
                    fragments.append(piece)
    return fragments


# --- the Spanish pages --------------------------------------------------------------------------------------------


def test_the_spanish_team_cost_and_locations_pages_read_in_spanish(sunrise_site: Path) -> None:
    team = _article_text(sunrise_site / "es/team/index.html")
    assert "Nuestro equipo" in team and "Directora médica" in team and "15 años de experiencia" in team
    assert "Habla inglés y coreano" in team and "La Dra. Lee estudió su especialidad en Seattle" in team
    cost = _article_text(sunrise_site / "es/cost-and-insurance/index.html")
    assert "Precios" in cost and "$450 por sesión" in cost and "$2,400 por un ciclo de 6 sesiones" in cost
    assert "Incluye:" in cost and "Una llamada de seguimiento al día siguiente" in cost
    assert "Seguro médico" in cost and "Planes de pago" in cost and "Puede pagar un ciclo de infusiones en partes" in cost
    # The insurance note keeps its sources, cited at the same sentences and listed on the page.
    page = (sunrise_site / "es/cost-and-insurance/index.html").read_text(encoding="utf-8")
    assert re.search(r"un medicamento para cirugías y otros procedimientos<sup[^>]*>\[<a href=\"#src-ketalar-label\">", page)
    assert 'id="src-ketalar-label"' in page and 'id="src-spravato-label"' in page
    places = _article_text(sunrise_site / "es/locations/index.html")
    assert "Ubicaciones y horarios" in places and "Horario de atención" in places and "De lunes a viernes, de 8 a. m. a 6 p. m." in places
    assert "Estacionamiento : Hay estacionamiento de pago" in places and "Ver Sunrise Mind Clinic, Eastside en un mapa" in places
    # Numbers, prices, phones and addresses are the English ones.
    assert "Teléfono: (503) 555-0143" in places and "4100 Sample Avenue, Portland, OR 97215" in places


@pytest.mark.parametrize("slug", FACT_PAGES)
def test_no_english_words_are_left_on_a_spanish_fact_page(sunrise_site: Path, slug: str) -> None:
    spanish = _article_text(sunrise_site / "es" / slug / "index.html")
    english = _article_text(sunrise_site / slug / "index.html")
    profile = yaml.safe_load((EXAMPLES / "sunrise.yaml").read_text(encoding="utf-8"))
    clinic = _clinic_texts({key: profile[key] for key in ("team", "costs", "locations")})
    template = _english_fragments()
    assert len(clinic) > 30 and len(template) > 100
    shown = [text for text in clinic + template if text in english]
    assert shown, "the English page shows the texts looked for"
    assert [text for text in clinic + template if text in spanish] == []


def test_the_clinics_own_page_is_spanish_and_marked_as_the_clinics(sunrise_site: Path) -> None:
    page = _article_text(sunrise_site / "es/first-visit-at-sunrise/index.html")
    assert "Su primera visita a Sunrise Mind Clinic" in page and "Antes de venir" in page and "Escrito por Sunrise Mind Clinic." in page
    assert "Before you come" not in page and "Your first visit" not in page
    menu = (sunrise_site / "es/index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', menu)
    order = ["Primera visita a Sunrise", "Nuestro equipo", "Costos y seguro médico", "Ubicaciones y horarios"]
    assert [t for t in titles if t in order][:4] == order, "the overlay's menu order, in Spanish"


def test_a_hidden_answer_is_hidden_and_forwarded_in_spanish_too(sunrise_site: Path) -> None:
    question = next(
        item["question"]
        for item in yaml.safe_load((ROOT / "content_data/translations/es/faq.yaml").read_text(encoding="utf-8"))["items"]
        if item["id"] == "migraine"
    )
    assert question not in (sunrise_site / "es/faq/index.html").read_text(encoding="utf-8")
    assert "/es/faq/migraine/ /es/faq/chronic-pain/ 301" in (sunrise_site / "_redirects").read_text(encoding="utf-8")
    forward = (sunrise_site / "es/faq/migraine/index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta http-equiv="refresh" content="0; url=[^"]*chronic-pain/"', forward)


def test_the_published_lock_covers_the_spanish_clinic_pages() -> None:
    lock = yaml.safe_load((EXAMPLES / "sunrise.published.lock.yaml").read_text(encoding="utf-8"))
    for slug in [*FACT_PAGES, "first-visit-at-sunrise"]:
        assert f"/es/{slug}/" in lock["pages"] and f"/{slug}/" in lock["pages"]


def test_a_hidden_page_is_hidden_and_forwarded_in_spanish_too(workdir: Path, run) -> None:
    profile = _copy_sunrise(workdir / "clinics")
    overlay = profile.parent / "sunrise.overlay.yaml"
    text = overlay.read_text(encoding="utf-8").replace("  - history\n", "")
    overlay.write_text(
        text.replace("hide_answers:", "hide_pages:\n  - page: history\n    forward_to: home\nhide_answers:"), encoding="utf-8"
    )
    code, out = _build(run, profile, workdir / "out")
    assert code == 0, out
    site = workdir / "out/site"
    assert "/es/history/ /es/ 301" in (site / "_redirects").read_text(encoding="utf-8")
    assert re.search(r'<meta http-equiv="refresh" content="0; url=\.\./"', (site / "es/history/index.html").read_text(encoding="utf-8"))
    assert "Historia" not in re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', (site / "es/index.html").read_text())


# --- errors that name both files -----------------------------------------------------------------------------------


def _line_of(path: Path, text: str, after: int = 0) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if n > after and text in line)


def test_a_missing_spanish_bio_is_an_error_at_both_files_lines(workdir: Path, run) -> None:
    profile = _copy_sunrise(workdir / "clinics")
    spanish = profile.parent / "translations/es/sunrise.yaml"
    text = spanish.read_text(encoding="utf-8")
    start = text.index("    - id: james-ortiz")
    bio = text.index("      bio: >-\n", start)
    end = text.index("      languages:", bio)
    spanish.write_text(text[:bio] + text[end:], encoding="utf-8")
    code, out = _build(run, profile, workdir / "out")
    assert code == 1
    item = _line_of(spanish, "- id: james-ortiz")
    english = _line_of(profile, "bio: ", after=_line_of(profile, "- id: james-ortiz"))
    assert (
        f"clinics/translations/es/sunrise.yaml:{item}:7: 'bio' has no es text (English: clinics/sunrise.yaml:{english}:12); "
        "translate it here, under team.people.1"
    ) in out
    assert not (workdir / "out/site").exists(), "a failed build writes nothing"


def test_a_spanish_person_the_english_does_not_have_is_an_error_at_both_files(workdir: Path, run) -> None:
    profile = _copy_sunrise(workdir / "clinics")
    spanish = profile.parent / "translations/es/sunrise.yaml"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text.replace("    - id: priya-shah\n", "    - id: priya-sha\n"), encoding="utf-8")
    code, out = _build(run, profile, workdir / "out")
    assert code == 1
    line = _line_of(spanish, "- id: priya-sha")
    people = _line_of(profile, "- id: maya-lee")
    assert (
        f"clinics/translations/es/sunrise.yaml:{line}:11: 'priya-sha' has no English item (the English list is at clinics/sunrise.yaml:{people}:5)"
        in out
    )
    assert "English item 'priya-shah'" in out and "add it here with 'id: priya-shah'" in out


def test_a_missing_translation_of_the_clinics_own_page_names_both_files(workdir: Path, run) -> None:
    profile = _copy_sunrise(workdir / "clinics")
    (profile.parent / "sunrise-pages/translations/es/first-visit-at-sunrise.yaml").unlink()
    code, out = _build(run, profile, workdir / "out")
    assert code == 1
    assert (
        "clinics/sunrise-pages/translations/es/first-visit-at-sunrise.yaml:1:1: no es translation of "
        "clinics/sunrise-pages/first-visit-at-sunrise.yaml; create this file"
    ) in out


def test_an_overlay_with_its_own_answers_cannot_add_a_language_yet(workdir: Path, run) -> None:
    """Its own answers and rewritten texts are words of the overlay file, which has no translation yet: refused, not mixed."""
    folder = workdir / "clinics"
    folder.mkdir()
    for name in ("cedar-ridge.yaml", "cedar-ridge.overlay.yaml", "cedar-ridge.published.lock.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    shutil.copytree(EXAMPLES / "logos", folder / "logos")
    profile = folder / "cedar-ridge.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: en\nlanguages: [en, es]\n"))
    code, out = _build(run, profile, workdir / "out")
    assert code == 1
    line = _line_of(folder / "cedar-ridge.overlay.yaml", "faq_items:")
    assert f"clinics/cedar-ridge.overlay.yaml:{line}:1: the overlay's own 'faq_items' cannot be translated yet" in out


# --- stamps ----------------------------------------------------------------------------------------------------------


def test_the_clinics_own_translations_are_stamped_beside_it(workdir: Path, run) -> None:
    """Another clinic shares only the content folder: a clinic's own items are stamped in its own folder, and go stale there."""
    profile = _copy_sunrise(workdir / "clinics")
    stamps = profile.parent / "translations/es/translation-stamps.yaml"
    recorded = yaml.safe_load(stamps.read_text(encoding="utf-8"))
    assert {"sunrise.yaml", "sunrise-pages/first-visit-at-sunrise.yaml"} <= recorded.keys()
    assert all(stamp["reviewed_by"] is None for items in recorded.values() for stamp in items.values()), "no clinician read them"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Bus 15 stops", "Bus 16 stops"), encoding="utf-8")
    code, out, err = run("check", "--clinic", str(profile))
    assert code == 0, out + err
    line = _line_of(profile.parent / "translations/es/sunrise.yaml", "- id: eastside")
    assert (
        f"clinics/translations/es/sunrise.yaml:{line}:5: warning: [translation] before going live (example: false): "
        "'locations/eastside' is stale: its English (sunrise.yaml) changed since it was translated on"
    ) in err
    assert "«15» → «16»" in err
