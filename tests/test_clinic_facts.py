"""A clinic's own fact pages: team with photos, locations, cost and insurance; photos resized, stripped and checked."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from test_build import edit

EXAMPLES = ROOT / "examples" / "clinics"
CONTENT = ROOT / "content_data"


def _copy_sunrise(into: Path) -> Path:
    """The Sunrise Mind Clinic profile with its logo and photos, in a folder of its own; returns the profile."""
    into.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / "sunrise.yaml", into / "sunrise.yaml")
    (into / "logos").mkdir(exist_ok=True)
    shutil.copy(EXAMPLES / "logos" / "sunrise.svg", into / "logos" / "sunrise.svg")
    shutil.copytree(EXAMPLES / "photos" / "sunrise", into / "photos" / "sunrise")
    shutil.copy(EXAMPLES / "sunrise.overlay.yaml", into / "sunrise.overlay.yaml")  # its own page and menu
    shutil.copytree(EXAMPLES / "sunrise-pages", into / "sunrise-pages")  # with its Spanish translation
    shutil.copytree(EXAMPLES / "translations", into / "translations")  # the profile's Spanish (languages: [en, es])
    return into / "sunrise.yaml"


@pytest.fixture
def sunrise(workdir: Path) -> Path:
    return _copy_sunrise(workdir / "clinics")


@pytest.fixture(scope="module")
def sunrise_site(tmp_path_factory) -> Path:
    """The example clinic built once, as committed: the built site folder."""
    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("sunrise")
    args = ["build", "--clinic", str(EXAMPLES / "sunrise.yaml"), "--out", str(out / "site"), "--docs", str(out / "docs")]
    assert main(args) == 0
    return out / "site"


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _check(run, profile: Path, content: Path = CONTENT) -> tuple[int, str]:
    code, _out, err = run("check", "--content", str(content), "--clinic", str(profile))
    return code, err


# --- the pages ---------------------------------------------------------------------------------------------------


def test_the_team_page_shows_each_person_with_a_responsive_photo(sunrise_site: Path) -> None:
    page = (sunrise_site / "team/index.html").read_text()
    for name in ("Dr. Maya Lee", "James Ortiz", "Priya Shah"):
        assert f">{name}<" in page
    assert "Medical director" in page and "MD, board-certified" in page and "15 years in practice" in page
    assert "Speaks English and Korean" in page
    pictures = re.findall(r"<picture.*?</picture>", page, re.S)
    assert len(pictures) == 3
    for picture in pictures:
        webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', picture).group(1)
        img = re.search(r"<img [^>]*>", picture).group(0)
        assert re.search(r'width="200" height="250"', img), "width and height are set, so the text never shifts"
        assert 'alt="Drawing of ' in img
        files = [c.split()[0] for c in webp.split(",")] + [c.split()[0] for c in re.search(r'srcset="([^"]+)"', img).group(1).split(",")]
        assert {Path(f).suffix for f in files} == {".webp", ".jpg"}
        assert [c.split()[1] for c in webp.split(", ")] == ["200w", "400w"]
        for file in files:
            assert (sunrise_site / "team" / file).resolve().is_file(), file


def test_no_resized_photo_carries_the_cameras_metadata(sunrise_site: Path) -> None:
    from PIL import Image

    original = Image.open(EXAMPLES / "photos/sunrise/maya-lee.jpg")
    assert original.getexif().get_ifd(0x8825), "the example photo has a GPS position, so this test can fail"
    photos = sorted((sunrise_site / "assets/photos").iterdir())
    assert len(photos) == 12  # three people, 1x and 2x, WebP and JPEG
    for photo in photos:
        data = photo.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert dict(image.getexif()) == {}, photo.name
            assert "icc_profile" not in image.info and "exif" not in image.info, photo.name
        assert b"ExampleCam" not in data and b"GPS" not in data, photo.name


def test_the_menu_lists_the_fact_pages_of_this_clinic_only(sunrise_site: Path, tmp_path: Path, run) -> None:
    home = (sunrise_site / "index.html").read_text()
    nav = re.findall(r'<a href="([^"]+)" class="md-nav__link', home)
    assert {"team/", "locations/", "cost-and-insurance/"} <= set(nav), nav
    code, _out, err = run(
        "build", "--clinic", str(EXAMPLES / "lakeside.yaml"), "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "docs")
    )
    assert code == 0, err
    assert not (tmp_path / "site/team").exists() and not (tmp_path / "site/cost-and-insurance").exists()
    assert not (tmp_path / "site/locations").exists()
    assert "team/" not in (tmp_path / "site/index.html").read_text()


def test_the_cost_page_shows_prices_insurance_and_the_sourced_insurance_note(sunrise_site: Path) -> None:
    page = (sunrise_site / "cost-and-insurance/index.html").read_text()
    text = re.sub(r"<[^>]+>", "", page)
    assert "$450 per session" in text and "$2,400 for a course of 6 sessions" in text and "$250 per visit" in text
    assert "Nurse monitoring for the whole infusion" in text
    assert "We bill these insurance plans directly: Example Health Plan" in text
    assert "health savings account (HSA) or flexible spending account (FSA) card" in text
    assert "We do not add interest or fees" in text
    note = re.search(r"IV ketamine is FDA-approved only as an anesthetic.*?before you start\.", text, re.S).group(0)
    assert "off-label" in note and "Esketamine nasal spray is FDA-approved for adults with treatment-resistant depression" in note
    assert "so many plans pay" not in note, "coverage is not claimed to follow from the label"
    assert "KETALAR" in text and "SPRAVATO (esketamine) nasal spray" in text, "both labels the note cites are listed"


def test_the_locations_page_gives_directions_and_a_plain_map_link(sunrise_site: Path) -> None:
    page = (sunrise_site / "locations/index.html").read_text()
    assert "Sunrise Mind Clinic, Pearl District" in page and "Sunrise Mind Clinic, Eastside" in page
    for words in ("Monday to Friday, 8am to 6pm", "We stamp your ticket", "An elevator goes to the third floor", "Bus 17", "yellow sun"):
        assert words in page
    links = re.findall(r'href="(https://www\.openstreetmap\.org/[^"]+)"', page)
    assert len(links) == 2 and "820%20Example%20Street" in links[0]
    assert "<iframe" not in page and '<script src="http' not in page


def test_a_clinic_without_a_team_or_prices_gets_no_such_page(workdir: Path, run) -> None:
    code, _out, err = run("build", "--content", "content", "--out", "site", "--docs", "docs")
    assert code == 0, err
    assert not any((workdir / "site" / slug).exists() for slug in ("team", "cost-and-insurance", "locations"))


# --- the claim guard on clinic facts ---------------------------------------------------------------------------


def test_facts_about_the_clinic_pass_the_claim_guard(sunrise: Path, run) -> None:
    edit(sunrise, "Dr. Lee trained in Seattle", "Dr. Lee has 15 years in practice. She trained in Seattle")
    edit(
        sunrise,
        "      note: Paid in two parts, at the first and the fourth session.",
        "      note: $450 per infusion, includes monitoring.",
    )
    code, err = _check(run, sunrise)
    assert code == 0, err


@pytest.mark.parametrize(
    ("words", "point_at"),
    [
        ("Our patients see 80% improvement in their mood.", "Our patients"),
        ("8 in 10 of our patients feel better within a week.", "our patients"),
    ],
)
def test_outcome_figures_in_a_bio_are_refused_at_their_words(sunrise: Path, run, words: str, point_at: str) -> None:
    edit(sunrise, "James stays with you during your infusion.", f"{words} James stays with you during your infusion.")
    code, err = _check(run, sunrise)
    line = _line_of(sunrise, words)
    col = sunrise.read_text().splitlines()[line - 1].index(point_at) + 1
    assert code == 1
    assert f"sunrise.yaml:{line}:{col}: [clinic-figure-needs-clinic-data]" in err, err


def test_a_medical_claim_in_a_bio_is_refused(sunrise: Path, run) -> None:
    edit(sunrise, "Priya helps you plan your care", "Ketamine cures depression. Priya helps you plan your care")
    code, err = _check(run, sunrise)
    assert code == 1 and f"sunrise.yaml:{_line_of(sunrise, 'Ketamine cures')}:" in err and "cure" in err


def test_a_us_cost_page_needs_the_sources_of_its_insurance_note(workdir: Path, run) -> None:
    profile = workdir / "content/clinic.yaml"  # the small fixture content, whose references have no ketalar-label
    profile.write_text(profile.read_text() + "costs:\n  prices:\n    - {name: Ketamine infusion (IV), amount: 450, per: session}\n")
    code, err = _check(run, profile, workdir / "content")
    assert code == 1
    assert f"clinic.yaml:{_line_of(profile, 'costs:')}:1: the cost page's note on insurance cites ketalar-label" in err, err


# --- photos refused --------------------------------------------------------------------------------------------


def _photo_error(run, profile: Path, marker: str) -> str:
    code, err = _check(run, profile)
    assert code == 1, err
    line = _line_of(profile, marker)
    found = [e for e in err.splitlines() if re.match(rf".*sunrise\.yaml:{line}:\d+: ", e)]
    assert found, err
    return found[0]


@pytest.mark.parametrize("alt", ["photo", "Image", "IMG_1234", "IMG_1234.jpg", "headshot", "staff photo 2", '""'])
def test_a_placeholder_alt_text_is_refused_at_its_line(sunrise: Path, run, alt: str) -> None:
    edit(
        sunrise,
        "alt: Drawing of a plain figure with the letters JO, on a blue background, in\n          place of a photo of James Ortiz",
        f"alt: {alt}",
    )
    error = _photo_error(run, sunrise, f"alt: {alt}")
    assert "does not describe the photo" in error or "empty" in error


def test_a_photo_without_alt_text_is_refused(sunrise: Path, run) -> None:
    edit(
        sunrise,
        "        alt: Drawing of a plain figure with the letters JO, on a blue background, in\n          place of a photo of James Ortiz\n",
        "",
    )
    error = _photo_error(run, sunrise, "file: photos/sunrise/james-ortiz.jpg")
    assert "alt" in error


def test_a_missing_photo_is_refused_at_its_line(sunrise: Path, run) -> None:
    edit(sunrise, "photos/sunrise/james-ortiz.jpg", "photos/sunrise/james-ortis.jpg")
    error = _photo_error(run, sunrise, "james-ortis.jpg")
    assert "photo file 'photos/sunrise/james-ortis.jpg' not found" in error


@pytest.mark.parametrize("path", ["../outside.jpg", "/etc/photo.jpg", "photos/../../outside.jpg"])
def test_a_photo_path_out_of_the_clinics_folder_is_refused(sunrise: Path, run, path: str) -> None:
    shutil.copy(EXAMPLES / "photos/sunrise/james-ortiz.jpg", sunrise.parent.parent / "outside.jpg")
    edit(sunrise, "photos/sunrise/james-ortiz.jpg", path)
    error = _photo_error(run, sunrise, path)
    assert "inside the clinic's folder" in error or "must match" in error


def test_a_photo_linked_from_outside_the_folder_is_refused(sunrise: Path, run) -> None:
    outside = sunrise.parent.parent / "elsewhere.jpg"
    shutil.copy(EXAMPLES / "photos/sunrise/james-ortiz.jpg", outside)
    (sunrise.parent / "photos/sunrise/linked.jpg").symlink_to(outside)
    edit(sunrise, "photos/sunrise/james-ortiz.jpg", "photos/sunrise/linked.jpg")
    assert "is outside the folder of sunrise.yaml" in _photo_error(run, sunrise, "linked.jpg")


def test_a_file_that_is_not_really_a_picture_is_refused(sunrise: Path, run) -> None:
    (sunrise.parent / "photos/sunrise/james-ortiz.jpg").write_text("<html>not a photo</html>")
    assert "is not a picture the site can use" in _photo_error(run, sunrise, "james-ortiz.jpg")


def test_a_gif_named_jpg_is_refused(sunrise: Path, run) -> None:
    from PIL import Image

    Image.new("RGB", (40, 50), "red").save(sunrise.parent / "photos/sunrise/james-ortiz.jpg", "GIF")
    assert "is a GIF file, whatever its name says" in _photo_error(run, sunrise, "james-ortiz.jpg")


def test_a_photo_over_the_size_budget_is_refused(workdir: Path, run) -> None:
    from PIL import Image

    content = workdir / "content_data"
    shutil.copytree(CONTENT, content)
    (content / "lint.yaml").write_text((content / "lint.yaml").read_text() + "\nphoto_budget_kb: 100\n")
    profile = _copy_sunrise(workdir / "clinics")
    noise = Image.frombytes("RGB", (400, 500), os.urandom(400 * 500 * 3))
    noise.save(profile.parent / "photos/sunrise/james-ortiz.jpg", "JPEG", quality=95)
    assert (profile.parent / "photos/sunrise/james-ortiz.jpg").stat().st_size > 100 * 1024
    code, err = _check(run, profile, content)
    assert code == 1
    line = _line_of(profile, "james-ortiz.jpg")
    assert re.search(rf"sunrise\.yaml:{line}:\d+: photo 'photos/sunrise/james-ortiz\.jpg' is 0\.\d MB; the limit is 0\.1 MB", err), err


def test_a_failed_check_leaves_the_site_unchanged(sunrise: Path, workdir: Path, run) -> None:
    args = ["build", "--clinic", str(sunrise), "--out", "site", "--docs", "docs"]
    assert run(*args)[0] == 0
    before = {p: p.read_bytes() for p in (workdir / "site").rglob("*") if p.is_file()}
    edit(sunrise, "photos/sunrise/james-ortiz.jpg", "photos/sunrise/nobody.jpg")
    assert run(*args)[0] == 1
    assert {p: p.read_bytes() for p in (workdir / "site").rglob("*") if p.is_file()} == before


# --- caching ---------------------------------------------------------------------------------------------------


def test_a_warm_build_reuses_the_resized_photos_and_a_tampered_one_is_made_again(tmp_path: Path, monkeypatch) -> None:
    from sitegen.core import cache
    from sitegen.load.models.clinic_pages import Photo
    from sitegen.render import photos

    monkeypatch.setenv("SITEGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_bundles", {})
    encoded: list[tuple] = []
    real = photos.encode
    monkeypatch.setattr(photos, "encode", lambda *args: encoded.append(args[1:]) or real(*args))
    photo = Photo(file="photos/sunrise/maya-lee.jpg", alt="Drawing of Dr. Maya Lee")

    def make() -> dict[str, bytes]:
        photos.render_photo.cache_clear()  # a new build process
        cache._bundles.clear()
        made = photos.Photos(EXAMPLES)
        made.picture(photo, "team.md", 200, 250)
        cache.save_bundles()
        return made.files

    cold = make()
    assert len(encoded) == 4  # 1x and 2x, WebP and JPEG
    assert make() == cold and len(encoded) == 4, "a warm build encodes nothing"
    planted = next((tmp_path / "cache/photos").glob("[0-9a-f]*"))
    planted.write_bytes(b"not the photo")
    assert make() == cold and len(encoded) == 5, "a cached file whose bytes do not match its signed digest is made again"


def test_a_copied_photo_is_the_builds_own_and_replaced_on_the_next_build(sunrise: Path, workdir: Path, run) -> None:
    args = ["build", "--clinic", str(sunrise), "--out", "site", "--docs", "docs"]
    assert run(*args)[0] == 0
    first = sorted(p.name for p in (workdir / "docs/assets/photos").iterdir())
    from PIL import Image

    Image.new("RGB", (800, 1000), "teal").save(sunrise.parent / "photos/sunrise/james-ortiz.jpg", "JPEG")
    code, _out, err = run(*args)
    assert code == 0, err
    second = sorted(p.name for p in (workdir / "docs/assets/photos").iterdir())
    assert len(second) == len(first) == 12 and second != first, "the old copies are gone, not kept as hand-written files"
    assert (workdir / "docs/assets/logo.svg").is_file()


# --- the editor and the page weight ----------------------------------------------------------------------------


def test_the_editor_offers_a_photo_as_an_image_with_alt_text_required() -> None:
    from sitegen.load.cms_config import cms_config, content_files

    files = content_files(CONTENT, EXAMPLES / "sunrise.yaml", ROOT)
    config = cms_config(files, {"name": "proxy"}, "images", "http://127.0.0.1:8000/")
    clinic = next(f for c in config["collections"] for f in c["files"] if f["name"] == "clinic")
    team = next(f for f in clinic["fields"] if f["name"] == "team")
    people = next(f for f in team["fields"] if f["name"] == "people")
    photo = next(f for f in people["fields"] if f["name"] == "photo")
    fields = {f["name"]: f for f in photo["fields"]}
    assert fields["file"]["widget"] == "image"
    # Decap requires every required field of an optional group, so a required alt would block a person without a photo
    # (decap-cms issues 2103, 2790): the form says alt text is required with a photo, and the build refuses one without.
    assert fields["alt"]["widget"] == "string" and "Required with a photo" in fields["alt"]["hint"]
    costs = next(f for f in clinic["fields"] if f["name"] == "costs")
    prices = next(f for f in costs["fields"] if f["name"] == "prices")
    amount = next(f for f in prices["fields"] if f["name"] == "amount")
    assert amount["widget"] == "number" and amount["value_type"] == "float"


def test_the_first_photo_counts_towards_the_page_weight_as_its_widest_webp_and_the_lazy_ones_not(sunrise_site: Path) -> None:
    from sitegen.site.page_weight import _resources, page_weights

    html = (sunrise_site / "team/index.html").read_bytes()
    assert html.count(b'loading="lazy"') == 2, "the first photo loads at once, the two below it as the reader scrolls"
    photos = [r for r in _resources(html, "team/index.html") if "/photos/" in r]
    assert len(photos) == 1 and photos[0].endswith("-400.webp") and "maya-lee" in photos[0]
    weight = page_weights(sunrise_site, ["team/index.html"])["team/index.html"]
    assert weight < 100 * 1024
    without = page_weights(sunrise_site, ["locations/index.html"])["locations/index.html"]
    assert weight - without >= (sunrise_site / photos[0]).stat().st_size


def test_the_fact_pages_are_valid_html(sunrise_site: Path) -> None:
    import json
    import subprocess

    from test_html_validity import VNU, _deliberate

    if not (VNU.is_file() and shutil.which("java")):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("CI must install vnu-jar (npm ci) and Java to check HTML validity")
        pytest.skip("vnu-jar or Java missing: run 'npm ci' (Java 17 is needed)")
    pages = [str(sunrise_site / slug / "index.html") for slug in ("team", "cost-and-insurance", "locations")]
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True)
    messages = [m for m in json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"] if not _deliberate(m)]
    assert [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_a_team_and_an_added_page_at_the_same_address_are_refused(workdir: Path, run) -> None:
    content = workdir / "content"
    (content / "topics/team.yaml").write_text((content / "topics/how-it-works.yaml").read_text())
    (content / "clinic.yaml").write_text(
        (content / "clinic.yaml").read_text() + "team:\n  people:\n    - {id: sam-lee, name: Sam Lee, role: Infusion nurse}\n"
    )
    code, err = _check(run, content / "clinic.yaml", content)
    assert code == 1
    line = _line_of(content / "clinic.yaml", "team:")
    assert f"clinic.yaml:{line}:1: 'team' makes the page /team/, but content/topics/team.yaml is a page at that address too" in err, err
