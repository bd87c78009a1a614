"""Spanish pages: reading ease by Szigriszt-Pazos on the INFLESZ scale, with Spanish syllables, and glossary coverage."""

from __future__ import annotations

import pyphen
import pytest

from sitegen.check.readability import inflesz_label, perspicuity, reading_ease, spanish_syllables
from sitegen.check.wording import medical_terms, page_reading_ease, undefined_terms
from sitegen.load.models.lint_config import LintConfig

# Syllables as Spanish divides them: hiatus (dí-a, po-e-sí-a), diphthongs (cui-da-do), silent u (que, gui-ta-rra).
SYLLABLES = {
    "día": 2, "poesía": 4, "aerosol": 4, "oído": 3, "país": 2, "leer": 2, "reír": 2, "peatón": 3, "ahora": 3,
    "ciudad": 2, "cuidado": 3, "agua": 2, "hielo": 2, "aire": 2, "muy": 1, "hoy": 1, "que": 1, "guitarra": 3,
    "pingüino": 3, "ketamina": 4, "esketamina": 5, "depresión": 3, "tratamiento": 4, "antidepresivo": 6, "náuseas": 3,
}  # fmt: skip


@pytest.mark.parametrize(("word", "count"), SYLLABLES.items())
def test_spanish_words_have_their_syllables(word: str, count: int) -> None:
    assert spanish_syllables(word) == count


def test_hyphenation_would_have_undercounted_the_same_words() -> None:
    # Why the count is ours: pyphen (textstat's syllables) never splits a hiatus, so easy-looking scores.
    hyphen = pyphen.Pyphen(lang="es")
    under = [w for w, n in SYLLABLES.items() if len(hyphen.positions(w)) + 1 < n]
    assert {"día", "poesía", "aerosol", "leer"} <= set(under)


def test_perspicuity_is_szigriszt_pazos_formula() -> None:
    # 24 syllables, 10 words, 2 sentences: 206.835 - 62.3 * 2.4 - 5 = 52.3
    assert perspicuity("La ketamina es un medicamento. Puede ayudar a algunas personas.") == 52.3


def test_inflesz_scale_bands() -> None:
    assert [inflesz_label(s) for s in (30, 40, 54.9, 55, 64.9, 65, 80, 95)] == [
        "muy difícil", "algo difícil", "algo difícil", "normal", "normal", "bastante fácil", "muy fácil", "muy fácil",
    ]  # fmt: skip


def test_plainer_spanish_scores_easier() -> None:
    plain = ["Puede sentirse raro por una hora. Una enfermera se queda con usted. Luego vuelve a casa con alguien."]
    dense = [
        "La administración intravenosa de ketamina, un antagonista no competitivo del receptor NMDA, produce efectos "
        "disociativos transitorios cuya intensidad depende de la velocidad de infusión y de la susceptibilidad individual."
    ]
    assert reading_ease(plain).score > 65 > reading_ease(dense).score
    assert reading_ease(dense).label in {"muy difícil", "algo difícil"}


def test_a_hard_spanish_patient_page_is_refused_and_a_clinician_page_only_reported() -> None:
    lint = LintConfig()
    dense = ["La administración intravenosa de ketamina produce efectos disociativos transitorios considerables. " * 12]
    page, message = page_reading_ease("side-effects", "content_data/translations/es/topics/side-effects.yaml", dense, "es", lint)
    assert page.checked and message is not None
    assert message.startswith(f"reading ease is {page.ease.score} (")
    assert "INFLESZ" in message and "must score 55 or more" in message
    page, message = page_reading_ease("for-clinicians", "x.yaml", dense, "es", lint)
    assert not page.checked and message is None
    short = ["La administración intravenosa de ketamina produce efectos disociativos transitorios."]
    page, message = page_reading_ease("side-effects", "x.yaml", short, "es", lint)
    assert page.ease.score < 55 and message is None  # fewer than 100 words: reported, not enforced


def test_a_language_without_a_formula_is_named() -> None:
    with pytest.raises(ValueError, match="no reading-ease formula for language 'fr'"):
        reading_ease(["Bonjour."], "fr")


def test_spanish_medical_terms_are_found_in_their_plural_and_other_gender() -> None:
    lint = LintConfig(medical_terms_by_language={"es": ["disociativo", "disociación", "cistitis", "receptor NMDA"]})
    terms = medical_terms(lint, "es")
    text = "Las experiencias disociativas pasan. Las disociaciones son breves. La ketamina bloquea el receptor NMDA."
    assert undefined_terms(text, terms, set(), "es") == ["disociativo", "disociación", "receptor NMDA"]
    assert undefined_terms(text, terms, {"disociativo", "disociación", "receptor nmda"}, "es") == []
    assert undefined_terms("Nada de eso aquí.", terms, set(), "es") == []


def test_each_language_has_its_own_list_and_the_bundled_spanish_list_mirrors_the_english() -> None:
    from sitegen.commands.check import check
    from sitegen.core.options import Options

    lint = check(Options()).content.lint
    assert medical_terms(lint, "en") == list(lint.medical_terms)
    spanish = medical_terms(lint, "es")
    assert "depresión resistente al tratamiento" in spanish and "dissociation" not in spanish
    assert len(spanish) >= len(lint.medical_terms) - 5


def test_a_spanish_page_is_checked_with_spanish_rules_at_its_own_lines(workdir) -> None:
    from test_i18n import with_spanish

    from sitegen.commands.check import check
    from sitegen.core.options import Options

    content = with_spanish(workdir)
    faq = content / "translations" / "es" / "faq.yaml"
    faq.write_text(faq.read_text().replace("La ketamina es un medicamento.", "La ketamina cura la depresión. Es un medicamento.", 1))
    lint = content / "lint.yaml"
    lint.write_text(lint.read_text() + "medical_terms_by_language:\n  es: [cirugía]\n")
    result = check(Options(content_dir=content))
    line = next(n for n, text in enumerate(faq.read_text().splitlines(), 1) if "cura la depresión" in text)
    messages = [(f.path, f.line, f.message) for f in result.findings.items]
    spanish = "translations/es/faq.yaml"
    assert any(path.endswith(spanish) and n == line and m.startswith("[promise] 'cura'") for path, n, m in messages), messages
    assert any(path.endswith(spanish) and "medical term 'cirugía' is not in the 'es' glossary" in m for path, n, m in messages), messages
    assert {e.lang for e in result.eases} == {"es"} and all("translations/es/" in e.path for e in result.eases)
