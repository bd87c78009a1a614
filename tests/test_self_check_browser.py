"""The self-check in a real browser: crisis help first, every outcome reachable, private, accessible, works without JS."""

from __future__ import annotations

import pytest
from browser import axe_violations

PAGE = "is-this-right-for-me/"


@pytest.fixture
def page(browser, bundled_site):
    context = browser.new_context(viewport={"width": 412, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(bundled_site + PAGE)
    page.requests = requests  # type: ignore[attr-defined]
    yield page
    context.close()


def answer(page, choices: dict[str, list[str] | str]) -> None:
    for question, values in choices.items():
        for value in [values] if isinstance(values, str) else values:
            page.check(f"#q-{question}-{value}")


def result_title(page) -> str:
    page.click("text=See my next step")
    return page.locator("#self-check-result .admonition-title").inner_text()


def test_a_crisis_answer_shows_988_at_once_before_any_button(page) -> None:
    assert page.locator("#self-check-crisis").is_hidden()
    page.check("#q-safety-yes-now")
    crisis = page.locator("#self-check-crisis")
    assert crisis.is_visible()
    assert "988" in crisis.inner_text() and "911" in crisis.inner_text()
    assert page.evaluate("document.activeElement.id") == "self-check-crisis"
    assert page.locator("#self-check-result").is_hidden()


def test_crisis_help_stays_on_top_of_a_later_result(page) -> None:
    answer(page, {"safety": "recently", "antidepressants": "two-or-more", "adult": "yes", "ride": "yes"})
    title = result_title(page)
    assert title == "Please get help now"
    crisis_top = page.locator("#self-check-crisis").bounding_box()["y"]
    result_top = page.locator("#self-check-result").bounding_box()["y"]
    assert page.locator("#self-check-crisis").is_visible() and crisis_top < result_top


READY = {
    "safety": "no",
    "goal": "depression",
    "antidepressants": "two-or-more",
    "therapy": "yes",
    "medical": "none",
    "psychosis": "no",
    "pregnancy": "no",
    "substances": "no",
    "adult": "yes",
}
OWN_DOCTOR = "Talk to your own doctor first about these points"
HEART_AND_BLOOD_PRESSURE = "Talk with your doctor about your heart and blood pressure first"
NOT_SUITABLE = "Esketamine must not be used, and ketamine infusions are not advised either"
ALLERGIC = "Esketamine and ketamine must not be used"
SKIPPED = "Answer the health and safety questions first"
CLINIC_BUTTONS = 'a[href="tel:(555)010-0142"], a[href="https://ketamine-clinic.example/book/"]'


@pytest.mark.parametrize(
    "choices, expected",
    [
        ({"safety": "yes-now"}, "Please get help now"),
        ({"safety": "no", "medical": ["blood-pressure", "aneurysm"], "antidepressants": "two-or-more"}, NOT_SUITABLE),
        ({"safety": "no", "medical": ["blood-pressure", "allergy"]}, ALLERGIC),
        ({"safety": "no", "medical": ["blood-pressure"], "antidepressants": "two-or-more"}, HEART_AND_BLOOD_PRESSURE),
        ({**READY, "medical": ["heart"], "ride": "yes"}, HEART_AND_BLOOD_PRESSURE),  # heart disease alone, blood pressure fine
        ({"safety": "no", "medical": ["stroke"]}, "Ask your doctor what kind of stroke you had"),
        ({"safety": "no", "psychosis": "not-sure"}, OWN_DOCTOR),
        ({"safety": "no", "goal": ["bipolar-depression"]}, OWN_DOCTOR),
        ({"safety": "no", "pregnancy": "yes", "medical": "blood-pressure"}, "Talk with your own doctor or pregnancy doctor first"),
        ({"safety": "no", "substances": "yes"}, OWN_DOCTOR),
        ({"safety": "no", "adult": "no"}, "Talk with your own doctor first"),
        ({"safety": "no", "antidepressants": "none"}, "Other treatments are usually tried first"),
        ({"safety": "no", "goal": "depression", "antidepressants": "one"}, "Check with your doctor what you have tried"),
        ({"safety": "no", "goal": "depression"}, "Check with your doctor what you have tried"),
        ({"safety": "no", "goal": "depression", "antidepressants": "two-or-more", "therapy": "no"}, "Ask about talk therapy too"),
        (
            {"safety": "no", "goal": "anxiety", "antidepressants": "two-or-more", "therapy": "yes"},
            "Ketamine therapy is mostly studied for depression",
        ),
        ({"safety": "no"}, "Answer a few more questions for a clearer next step"),
        ({"goal": "depression", "antidepressants": "two-or-more", "therapy": "yes"}, SKIPPED),
        ({**READY, "ride": "no"}, "Worth asking about, once you plan a ride home"),
        ({**READY, "goal": ["depression", "ptsd"], "ride": "yes"}, "Worth discussing with the clinic"),
    ],
)
def test_every_outcome_is_reachable_through_the_page(page, choices, expected) -> None:
    answer(page, choices)
    assert result_title(page) == expected
    result = page.locator("#self-check-result")
    assert "not a diagnosis" in result.inner_text()
    assert page.evaluate("document.activeElement.id") == "self-check-result"
    assert page.locator("#self-check-live").inner_text() == f"Your next step: {expected}"


@pytest.mark.parametrize(
    "contraindication, title", [("aneurysm", NOT_SUITABLE), ("brain-bleed", NOT_SUITABLE), ("avm", NOT_SUITABLE), ("allergy", ALLERGIC)]
)
def test_a_labeled_contraindication_points_to_your_own_doctor_with_no_clinic_button(page, contraindication, title) -> None:
    answer(page, {**READY, "medical": contraindication, "ride": "yes"})  # every other answer would lead to booking
    assert result_title(page) == title
    result = page.locator("#self-check-result")
    text = result.inner_text()
    assert "must not be used" in text and "Your own doctor can help you find other treatments" in text
    assert "does not mean you can never have it" not in text and "usually" not in text
    label = page.locator(f'label[for="q-medical-{contraindication}"]').inner_text()
    assert f"Do any of these apply to you? {label}" in text  # listed under the answers to talk about first
    assert result.locator(CLINIC_BUTTONS).count() == 0 and result.locator(".md-button--primary").count() == 0
    assert page.locator("#outcome-not-suitable").locator(CLINIC_BUTTONS).count() == 0  # the printed list of results too


@pytest.mark.parametrize("antidepressants", ["one", "not-sure"])
def test_one_antidepressant_or_not_sure_never_leads_to_booking(page, antidepressants) -> None:
    answer(page, {**READY, "antidepressants": antidepressants, "ride": "yes"})
    assert result_title(page) == "Check with your doctor what you have tried"
    result = page.locator("#self-check-result")
    assert result.locator('a[href="https://ketamine-clinic.example/book/"]').count() == 0


def test_crisis_help_comes_first_even_with_a_contraindication_and_every_other_answer_ready(page) -> None:
    page.check("#q-safety-recently")
    crisis = page.locator("#self-check-crisis")
    assert crisis.is_visible() and page.evaluate("document.activeElement.id") == "self-check-crisis"
    answer(page, {key: value for key, value in READY.items() if key != "safety"} | {"medical": "allergy", "ride": "yes"})
    assert result_title(page) == "Please get help now"
    assert crisis.is_visible() and crisis.bounding_box()["y"] < page.locator("#self-check-result").bounding_box()["y"]
    assert page.locator("#self-check-result").locator(CLINIC_BUTTONS).count() == 0
    assert "988" in crisis.inner_text()


def test_the_cautions_a_person_ticked_are_listed_in_the_result(page) -> None:
    answer(page, {"safety": "no", "medical": ["blood-pressure", "heart"], "substances": "yes"})
    assert result_title(page) == HEART_AND_BLOOD_PRESSURE
    listed = page.locator("#self-check-result > ul").inner_text()
    assert "High blood pressure that is not under control" in listed
    assert "Heart disease, or a past heart attack" in listed
    assert "In the past year, has your use of alcohol or drugs caused problems for you? Yes" in listed


def test_every_caution_is_listed_whichever_outcome_wins(page) -> None:
    answer(page, {"safety": "no", "pregnancy": "yes", "medical": "blood-pressure", "psychosis": "yes"})
    assert result_title(page) == "Talk with your own doctor or pregnancy doctor first"
    listed = page.locator("#self-check-result > ul").inner_text().splitlines()
    assert listed == [
        "Are you pregnant, trying to get pregnant, or breastfeeding? Yes",
        "Do any of these apply to you? High blood pressure that is not under control",
        "Have you ever had psychosis (losing touch with what is real) or mania (very high, driven moods)? Yes",
    ]


def test_a_stroke_of_unknown_kind_is_not_weighed_like_heart_disease(page) -> None:
    assert "stroke" not in page.locator('label[for="q-medical-heart"]').inner_text()
    assert "stroke caused by bleeding" in page.locator('label[for="q-medical-brain-bleed"]').inner_text()
    answer(page, {**READY, "medical": "stroke", "ride": "yes"})
    assert result_title(page) == "Ask your doctor what kind of stroke you had"
    result = page.locator("#self-check-result")
    assert "If your stroke was caused by bleeding in the brain, esketamine must not be used." in result.inner_text()
    assert result.locator(CLINIC_BUTTONS).count() == 0


@pytest.mark.parametrize("skipped", ["safety", "medical", "psychosis", "pregnancy", "substances", "adult"])
def test_booking_needs_every_safety_and_health_question_answered(page, skipped) -> None:
    answer(page, {key: value for key, value in READY.items() if key != skipped} | {"ride": "yes"})
    assert result_title(page) == SKIPPED
    result = page.locator("#self-check-result")
    assert result.locator('a[href="https://ketamine-clinic.example/book/"]').count() == 0
    assert "Nothing in your answers rules out" not in result.inner_text()


def test_the_reviewers_path_with_only_three_answers_gets_no_booking_button(page) -> None:
    answer(page, {"goal": "depression", "antidepressants": "two-or-more", "therapy": "yes"})
    assert result_title(page) == SKIPPED
    result = page.locator("#self-check-result")
    assert result.locator('a[href="https://ketamine-clinic.example/book/"]').count() == 0
    assert "thoughts of hurting yourself, health problems, psychosis or mania, pregnancy" in result.inner_text()
    answer(page, {key: value for key, value in READY.items() if key not in ("goal", "antidepressants", "therapy")})
    assert result_title(page) == "Worth discussing with the clinic"
    assert page.locator("#self-check-result").locator('a[href="https://ketamine-clinic.example/book/"]').count() == 1


def test_answering_sends_nothing_anywhere_and_stores_nothing(page, bundled_site) -> None:
    answer(page, {"safety": "no", "goal": ["anxiety"], "antidepressants": "one", "medical": "heart"})
    result_title(page)
    page.click("text=Start again")
    assert all(url.startswith(bundled_site) for url in page.requests), [u for u in page.requests if not u.startswith(bundled_site)]
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_keyboard_alone_can_answer_and_get_a_result(page) -> None:
    page.focus("#q-safety-no")
    page.keyboard.press("Space")
    assert page.is_checked("#q-safety-no")
    page.focus("#q-antidepressants-none")
    page.keyboard.press("Space")
    page.focus("text=See my next step")
    page.keyboard.press("Enter")
    assert page.locator("#self-check-result .admonition-title").inner_text() == "Other treatments are usually tried first"
    assert page.evaluate("document.activeElement.id") == "self-check-result"


def test_axe_finds_no_wcag_violations_before_and_after_a_result(page) -> None:
    assert axe_violations(page) == []
    page.check("#q-safety-yes-now")
    result_title(page)
    assert axe_violations(page) == []


def test_without_javascript_the_questions_guidance_and_988_are_readable(browser, bundled_site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_site + PAGE)
    assert page.locator("legend").count() == 10
    assert page.locator("legend").first.inner_text().startswith("1. Are you having thoughts of ending your life")
    body = page.locator("article").inner_text()
    assert "988" in body and "What your answers may mean" in body
    assert page.locator(".self-check__outcome").count() == 16
    assert page.locator("text=See my next step").count() == 0 or page.locator("text=See my next step").is_hidden()
    context.close()


def test_printing_a_result_gives_the_summary_without_the_form(page) -> None:
    answer(page, {"safety": "no", "medical": ["heart"], "antidepressants": "two-or-more"})
    result_title(page)
    page.emulate_media(media="print")
    assert page.locator("#self-check").is_hidden()
    assert page.locator("#self-check-result").is_visible()
    assert "Your answers, to bring to your appointment" in page.locator("#self-check-result").inner_text()
    assert page.locator(".md-header").is_hidden()
