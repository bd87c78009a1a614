"""A second language: translations merged by id with errors that name both files, stale items named with what changed in
the English, and the Spanish site built at /es/ with its own language, a switch to the same page and hreflang both ways."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from conftest import FIXTURES, PAGE_URLS, ROOT, build_args

from sitegen.core.findings import Findings
from sitegen.load.ui_strings import load_ui

SPANISH = FIXTURES / "translations"


def with_spanish(workdir: Path) -> Path:
    """The fixture content with its Spanish translation and `languages: [en, es]`; returns the content folder."""
    content = workdir / "content"
    shutil.copytree(SPANISH, content / "translations")
    clinic = content / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("site_url:", "languages: [en, es]\nsite_url:", 1))
    return content


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def col_of(path: Path, text: str) -> int:
    return next(line.find(text) + 1 for line in path.read_text().splitlines() if text in line)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


# Structure: both places named ------------------------------------------------------------------------------------


def test_an_english_answer_without_its_spanish_one_names_both_places(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    es_faq = content / "translations/es/faq.yaml"
    text = es_faq.read_text()
    es_faq.write_text(text[: text.index("  - id: does-it-work")])
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 1
    english_line = line_of(content / "faq.yaml", "- id: does-it-work")
    items_line = line_of(es_faq, "items:")
    assert (
        f"content/translations/es/faq.yaml:{items_line}:1: English item 'does-it-work' (content/faq.yaml:{english_line}:5) "
        "has no es counterpart in 'items'; add it here with 'id: does-it-work'" in out
    )


def test_a_spanish_answer_without_an_english_one_names_both_places(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    es_faq = content / "translations/es/faq.yaml"
    es_faq.write_text(es_faq.read_text() + "  - id: does-it-hurt\n    question: ¿Duele?\n    answer: No mucho.\n")
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 1
    line = line_of(es_faq, "id: does-it-hurt")
    english_items = line_of(content / "faq.yaml", "items:")
    assert (
        f"content/translations/es/faq.yaml:{line}:9: 'does-it-hurt' has no English item (the English list is at content/faq.yaml:{english_items + 1}:3)"
        in out
    )


def test_a_structural_value_repeated_differently_names_both_places(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    es_faq = content / "translations/es/faq.yaml"
    es_faq.write_text(es_faq.read_text().replace("    question: ¿Funciona?\n", "    question: ¿Funciona?\n    sources: [spravato-label]\n"))
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 1
    line = line_of(es_faq, "sources: [spravato-label]")
    english = content / "faq.yaml"
    assert (
        f"content/translations/es/faq.yaml:{line}:14: 'sources' is ['spravato-label'] here but ['berman-2000'] in the English "
        f"(content/faq.yaml:{line_of(english, 'sources: [berman-2000]')}:{col_of(english, '[berman-2000]')})" in out
    )


def test_a_missing_text_and_a_list_matched_by_position_name_both_places(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    es_faq = content / "translations/es/faq.yaml"
    es_faq.write_text(
        es_faq.read_text().replace(
            "    answer: La ketamina es un medicamento. Los médicos la usan para dormir a las personas en una cirugía.\n", ""
        )
    )
    history = content / "translations/es/topics/history.yaml"
    history.write_text(history.read_text() + '  - date: "2019"\n    title: Aprobación\n    text: Algo pasó.\n')
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 1
    english_answer = line_of(content / "faq.yaml", "answer: Ketamine is a medicine.")
    item = line_of(es_faq, "- id: what-is-ketamine")
    assert f"content/translations/es/faq.yaml:{item}:5: 'answer' has no es text (English: content/faq.yaml:{english_answer}:13)" in out
    extra = line_of(history, 'date: "2019"')
    events = line_of(content / "topics/history.yaml", "events:")
    assert (
        f"content/translations/es/topics/history.yaml:{extra}:5: item 2 has no English item: the English list "
        f"(content/topics/history.yaml:{events + 1}:3) has 1" in out
    )


def test_a_missing_translation_file_and_a_translation_without_english_are_errors(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    (content / "translations/es/topics/myths.yaml").unlink()
    shutil.copy(content / "translations/es/topics/history.yaml", content / "translations/es/topics/histry.yaml")
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 1
    assert "content/translations/es/topics/myths.yaml:1:1: no es translation of content/topics/myths.yaml" in out
    assert (
        "content/translations/es/topics/histry.yaml:1:1: this translation has no English file (content/topics/histry.yaml does not exist)"
        in out
    )


def test_the_template_words_have_the_same_keys_and_placeholders_in_every_language(tmp_path: Path) -> None:
    languages = sorted(p.stem for p in (ROOT / "templates" / "ui").glob("*.yaml"))
    assert {"en", "es"} <= set(languages)
    for language in languages:
        findings = Findings()
        assert load_ui(ROOT / "templates", language, findings) is not None, [f.format() for f in findings.items]
    # A key one language lacks, and a placeholder it changed, are errors naming both files.
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    es = tmp_path / "templates/ui/es.yaml"
    text = es.read_text().replace("not_found_home: Ir a la página de inicio\n", "")
    es.write_text(text.replace('book_with: "Pida una consulta con {clinic}"', 'book_with: "Pida una consulta con {clínica}"'))
    findings = Findings()
    assert load_ui(tmp_path / "templates", "es", findings) is None
    messages = [f.format() for f in findings.items]
    en = tmp_path / "templates/ui/en.yaml"
    assert any(
        m.endswith(f"'not_found_home' has no es words (English: {en}:{line_of(en, 'not_found_home:')}:1); add it to this file")
        for m in messages
    )
    assert any(
        f"'book_with' must use the same placeholders as the English ({en}:{line_of(en, 'book_with:')}:1): {{clinic}}" in m for m in messages
    )


# Staleness -------------------------------------------------------------------------------------------------------


def test_a_changed_english_answer_makes_its_spanish_answer_stale(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    code, out, _ = run("translations", "es", "--stamp", "--by", "translator-1", "--reviewed-by", "dr-test", "--content", "content")
    assert code == 0 and "Stamped" in out
    code, out, _ = run("translations", "es", "--list", "--content", "content")
    current, _of, total = out.strip().splitlines()[-1].split()[:3]
    assert current == total and out.strip().endswith("es items are current and reviewed.")
    faq = content / "faq.yaml"
    faq.write_text(faq.read_text().replace("seven people with depression", "eight people with depression"))
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 0  # a draft (example: true) warns
    line = line_of(content / "translations/es/faq.yaml", "- id: does-it-work")
    assert (
        f"content/translations/es/faq.yaml:{line}:5: warning: [translation] before going live (example: false): 'items/does-it-work' "
        "is stale: its English (faq.yaml) changed since it was translated on 2026-11-22: «seven» → «eight»." in out
    )
    assert "'items/what-is-ketamine' is stale" not in out  # only the changed answer
    code, out, _ = run("translations", "es", "--list", "--content", "content")
    assert code == 0
    assert "faq.yaml#items/does-it-work: stale: the English changed: «seven» → «eight»" in out
    # Live, the stale answer fails the launch check; stamping it again (after updating the Spanish) clears it.
    clinic = content / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("example: true", "example: false"))
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 1
    assert f"content/translations/es/faq.yaml:{line}:5: [translation] 'items/does-it-work' is stale" in out
    run(
        "translations",
        "es",
        "--stamp",
        "--by",
        "translator-1",
        "--reviewed-by",
        "dr-test",
        "--item",
        "faq.yaml#items/does-it-work",
        "--content",
        "content",
    )
    assert "[translation]" not in "".join(run("check", "--content", "content")[1:])


def test_unstamped_and_unreviewed_translations_warn_in_draft(workdir: Path, run) -> None:
    with_spanish(workdir)
    code, out, err = run("check", "--content", "content")
    out += err
    assert code == 0
    assert re.search(
        r"content/translations/es/faq\.yaml:1:1: warning: \[translation\] .*4 item\(s\) of this file have no translation stamp", out
    )
    run("translations", "es", "--stamp", "--by", "translator-1", "--content", "content")
    out = "".join(run("check", "--content", "content")[1:])
    # A draft says it once per file, not once per item: a new language has hundreds of them.
    assert re.search(
        r"content/translations/es/faq\.yaml:1:1: warning: \[translation\] .*4 item\(s\) of this file have no medical review", out
    )
    assert out.count("content/translations/es/faq.yaml:1:1: warning") == 1 and "has no medical review of its es text" not in out


def test_a_live_site_names_each_translated_item_without_its_clinicians_review(workdir: Path, run) -> None:
    """Once live, the launch check wants the clinic's own medical review of each translated item, at its line."""
    content = with_spanish(workdir)
    run("translations", "es", "--stamp", "--by", "translator-1", "--content", "content")
    clinic = content / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("example: true", "example: false"))
    code, out, err = run("check", "--content", "content")
    faq = content / "translations/es/faq.yaml"
    line = line_of(faq, "- id: does-it-work")
    assert code == 1
    assert (
        f"content/translations/es/faq.yaml:{line}:5: [translation] 'items/does-it-work' has no medical review of its es text" in out + err
    )


def test_translations_usage_errors(workdir: Path, run) -> None:
    with_spanish(workdir)
    assert run("translations", "--list", "--content", "content")[0] == 2
    assert run("translations", "fr", "--list", "--content", "content")[0] == 2
    assert run("translations", "es", "--stamp", "--content", "content")[0] == 2
    assert run("translations", "es", "--stamp", "--by", "x", "--reviewed-by", "nobody", "--content", "content")[0] == 2
    assert run("build", "--stamp", "--content", "content")[0] == 2


# The built site --------------------------------------------------------------------------------------------------

ENGLISH_TEMPLATE_WORDS = [
    "Need help now?",
    "Medically reviewed by",
    "Last reviewed",
    "Example site",
    "Sources for the questions",
    "Page not found",
]


def build_spanish_site(root: Path) -> Path:
    """The valid fixture with its Spanish translation and `languages: [en, es]`, built into root/site."""
    import os

    from sitegen.commands.cli import main

    shutil.copytree(FIXTURES / "valid", root / "content")
    shutil.copytree(SPANISH, root / "content" / "translations")
    clinic = root / "content" / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("site_url:", "languages: [en, es]\nsite_url:", 1))
    old = os.environ.get("SITEGEN_TODAY")
    os.environ["SITEGEN_TODAY"] = "2026-11-22"
    try:
        assert main(["build", "--content", str(root / "content"), "--out", str(root / "site"), "--docs", str(root / "docs")]) == 0
    finally:
        if old is None:
            os.environ.pop("SITEGEN_TODAY")
    return root / "site"


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    return build_spanish_site(tmp_path_factory.mktemp("spanish"))


@pytest.mark.parametrize("url", PAGE_URLS + ["handouts/", "faq/does-it-work/"])
def test_every_page_has_its_spanish_page_with_lang_hreflang_and_a_switch_to_the_same_page(spanish_site: Path, url: str) -> None:
    english = (spanish_site / url / "index.html").read_text()
    spanish = (spanish_site / "es" / url / "index.html").read_text()
    assert '<html lang="en"' in english and '<html lang="es"' in spanish
    for page in (english, spanish):
        links = re.findall(r'<link rel="alternate " hreflang="([a-z-]+)" href="([^"]+)">', page)
        assert links == [
            ("en", f"https://test-clinic.example/{url}"),
            ("es", f"https://test-clinic.example/es/{url}"),
            ("x-default", f"https://test-clinic.example/{url}"),
        ]
        assert 'rel="alternate" href=' not in page  # Material's links to each language's home page are gone
    # Each switch link, resolved from the page's own address, is the same page in the other language.
    site = "https://test-clinic.example/"
    for page, address in ((english, site + url), (spanish, site + "es/" + url)):
        switch = re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link">', page)
        assert {lang: urljoin(address, href) for href, lang in switch} == {"en": site + url, "es": site + "es/" + url}
    if "application/ld+json" in spanish and url != "faq/does-it-work/":
        assert '"inLanguage": "es"' in spanish and '"inLanguage": "en"' in english
    for words in ENGLISH_TEMPLATE_WORDS:
        assert words not in spanish, f"English template words on the Spanish page /es/{url}: {words!r}"


def test_spanish_pages_read_in_spanish_with_spanish_addresses_and_qr(spanish_site: Path) -> None:
    answer = (spanish_site / "es/faq/does-it-work/index.html").read_text()
    assert "siete personas con depresión" in answer and "seven people" not in answer
    assert "¿Necesita ayuda ahora?" in answer and "Revisión médica: Dr. Test Person" in answer and "1 de octubre de 2026" in answer
    assert "https://test-clinic.example/es/faq/does-it-work/" in answer  # the printed address the QR code opens
    assert 'aria-label="Código QR de https://test-clinic.example/es/faq/does-it-work/"' in answer
    assert "Hecho con" in answer and "Made with" not in answer
    faq = (spanish_site / "es/faq/index.html").read_text()
    assert 'data-share-base="https://test-clinic.example/es/faq/"' in faq and 'data-copy-label="Copiar el enlace a esta respuesta"' in faq
    check = (spanish_site / "es/is-this-right-for-me/index.html").read_text()
    data = re.search(r'<script type="application/json" id="self-check-data">(.*?)</script>', check, re.S).group(1)
    assert '"next_step":"Su siguiente paso"' in data and '"start_again":"Empezar de nuevo"' in data
    glossary = (spanish_site / "es/glossary/index.html").read_text()
    assert "ketamina" in glossary and '<abbr title="Un tratamiento falso que no tiene medicamento.">placebo</abbr>' in answer
    assert "No se encontró la página" in (spanish_site / "es/404.html").read_text()
    assert "Fuentes" in (spanish_site / "es/references/index.html").read_text()
    # The old address of a renamed answer forwards in Spanish too (a published address stays protected).
    assert "/es/faq/is-it-effective/ /es/faq/does-it-work/ 301" in (spanish_site / "_redirects").read_text()
    assert (spanish_site / "es/faq/is-it-effective/index.html").is_file()
    assert "Sitemap: https://test-clinic.example/es/sitemap.xml" in (spanish_site / "robots.txt").read_text()


def jsonld_about(page: str) -> list[str]:
    """The names the page's MedicalWebPage structured data says it is about."""
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    return next([thing["name"] for thing in b["about"]] for b in blocks if b.get("@type") == "MedicalWebPage")


def test_a_page_that_names_no_subject_is_about_ketamine_in_its_own_language(spanish_site: Path) -> None:
    """The fixture's pages write no 'about': the structured data falls back to the template words of the page's language."""
    for url in ("history/", "faq/does-it-work/"):
        assert jsonld_about((spanish_site / url / "index.html").read_text()) == ["Ketamine"]
        assert jsonld_about((spanish_site / "es" / url / "index.html").read_text()) == ["Ketamina"]


def test_crisis_help_for_the_readers_language_comes_first(tmp_path: Path) -> None:
    """On Spanish pages the crisis box and the self-check's crisis result list 'En español' first; English pages keep the
    clinic's order, with 'En español' marked as Spanish."""
    from sitegen.commands.check import load_resolved
    from sitegen.core.options import Options
    from sitegen.render.crisis_box import crisis_box_html
    from sitegen.render.pages import render_pages

    shutil.copytree(ROOT / "content_data", tmp_path / "content")
    clinic = tmp_path / "content" / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("\nlanguage: en\n", "\nlanguage: en\nlanguages: [en, es]\n", 1))
    loaded = load_resolved(Options(content_dir=tmp_path / "content"))
    assert loaded.content is not None and not loaded.findings.errors
    english, spanish = loaded.content, loaded.content.translations["es"]

    def options_in_box(content) -> list[str]:
        return re.findall(r"<li>(.*?):", crisis_box_html(content, ROOT / "templates", content.words))

    assert options_in_box(english) == ["Veterans and service members", '<span lang="es">En español</span>', "Deaf or hard of hearing"]
    assert options_in_box(spanish) == [
        "En español",
        "Veteranos y miembros del servicio militar",
        "Personas sordas o con problemas de audición",
    ]
    check = next(
        p for p in render_pages(spanish, ROOT / "templates", words=spanish.words, english=english) if p.slug == "is-this-right-for-me"
    )
    crisis_result = check.text[check.text.index('id="outcome-get-help-now"') :]
    assert crisis_result.index("- En español:") < crisis_result.index("- Veteranos")


def test_a_clinic_without_spanish_gets_no_spanish_site(workdir: Path, run) -> None:
    shutil.copytree(SPANISH, workdir / "content" / "translations")  # files present, but clinic.yaml does not ask for es
    assert run("build", *build_args(workdir))[0] == 0
    assert not (workdir / "site" / "es").exists() and not (workdir / "docs" / "es").exists()
    assert "hreflang" not in (workdir / "site" / "index.html").read_text()


def test_a_failed_spanish_build_leaves_site_and_docs_as_they_were(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    assert run("build", *build_args(workdir))[0] == 0
    before = tree_digest(workdir / "site"), tree_digest(workdir / "docs")
    # Only the Spanish text links to a section that does not exist: the English build passes, the Spanish one fails.
    es_faq = content / "translations/es/faq.yaml"
    es_faq.write_text(
        es_faq.read_text().replace("Un *placebo* no les ayudó.", "Un *placebo* no les ayudó. Vea [la historia](page:history#nada).")
    )
    code, out, err = run("build", *build_args(workdir))
    assert code == 1, out + err
    assert "nada" in out + err
    assert (tree_digest(workdir / "site"), tree_digest(workdir / "docs")) == before


def test_the_bundled_spanish_clinic_words_and_crisis_help_follow_the_lifeline(tmp_path: Path) -> None:
    """The bundled clinic's Spanish profile: 988, press 2, text AYUDA, as the Lifeline's cited page says."""
    data = yaml.safe_load((ROOT / "content_data/translations/es/clinic.yaml").read_text())
    spanish = next(o for line in data["crisis"]["lines"] for o in line["options"] if o["audience"] == "En español")
    assert spanish["ways"][0]["then"] == "marque 2"


def test_glossary_aliases_are_each_languages_own_list(workdir: Path, run) -> None:
    """Plurals and spellings differ per language: a term's aliases need not match the English one for one."""
    content = with_spanish(workdir)
    glossary = content / "translations/es/glossary.yaml"
    glossary.write_text(glossary.read_text().replace("  - term: ketamina\n", "  - term: ketamina\n    aliases: [la ketamina]\n"))
    glossary.write_text(glossary.read_text().replace("aliases: [placebos]", "aliases: [placebos, los placebos]"))
    code, out, err = run("check", "--content", "content")
    assert code == 0, out + err


def test_the_bundled_spanish_translation_loads_over_the_bundled_content(tmp_path: Path, run) -> None:
    """The bundled site keeps `languages: [en]` until its Spanish is launched; turned on, every file merges cleanly."""
    shutil.copytree(ROOT / "content_data", tmp_path / "content")
    clinic = tmp_path / "content" / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("\nlanguage: en\n", "\nlanguage: en\nlanguages: [en, es]\n", 1))
    code, out, err = run("check", "--content", str(tmp_path / "content"))
    assert code == 0, out + err
    assert "[translation]" in err  # not stamped yet: a draft warns


def test_published_spanish_addresses_are_locked_like_the_english_ones(workdir: Path, run) -> None:
    content = with_spanish(workdir)
    assert run("lock", "--content", "content")[0] == 0
    lock = (content / "published.lock.yaml").read_text()
    assert "- /es/side-effects/\n" in lock and "- /side-effects/\n" in lock
    # Dropping Spanish after it was published breaks every /es/ link a reader has: refused, at the lock's line.
    clinic = content / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("languages: [en, es]\n", ""))
    code, out, err = run("check", "--content", "content")
    assert code == 1
    line = line_of(content / "published.lock.yaml", "- /es/side-effects/")
    assert (
        f"content/published.lock.yaml:{line}:3: published page '/es/side-effects/' is in the 'es' site, which clinic.yaml "
        "'languages' no longer lists (['en']); keep 'es' there, or run 'python build.py lock --content content' to unpublish it on purpose"
    ) in out + err
