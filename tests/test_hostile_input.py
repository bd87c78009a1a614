"""Attacks through content, the cache and the logo: each refused where it is written, fast, or made harmless."""

from __future__ import annotations

import contextlib
import json
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import build_args
from test_build import edit

from sitegen.core import cache
from sitegen.core.findings import Findings
from sitegen.load.yaml_document import load_yaml

HOSTILE_YAML = {
    "nested aliases": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefghi", "bcdefghij", strict=True)),
    "recursive alias": "a: &a [*a]\n",
    "10,000 levels of brackets": "a: " + "[" * 10000 + "]" * 10000 + "\n",
    "10,000 levels of keys": "".join("  " * i + f"k{i}:\n" for i in range(10000)) + "  " * 10000 + "x: 1\n",
    "a 4 MB file": "a: " + "x" * (4 * 2**20) + "\n",
    "100,000 values": "a: [" + ", ".join(["1"] * 100_000) + "]\n",
    "a 100,000-digit number": "a: " + "9" * 100_000 + "\n",
}


@pytest.mark.parametrize("name", HOSTILE_YAML)
def test_hostile_yaml_is_refused_fast_with_bounded_memory(name: str, tmp_path: Path) -> None:
    path = tmp_path / "page.yaml"
    path.write_text(HOSTILE_YAML[name])
    findings = Findings()
    started = time.process_time()  # CPU time: other work on a shared machine does not count
    assert load_yaml(path, "page.yaml", findings) is None
    took = time.process_time() - started
    assert len(findings.items) == 1 and findings.items[0].line >= 1
    assert took < 1, f"{name}: {took:.2f} s"
    tracemalloc.start()  # a second time, traced: tracing slows Python down several times over
    load_yaml(path, "page.yaml", Findings())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100 * 2**20, f"{name}: {peak / 2**20:.0f} MB"


LONG_LINES = {
    "letters": "a" * 400_000,
    "digits": "1" * 400_000,
    "opening brackets": "[" * 400_000,
    "unclosed links": "[a](" * 100_000,
    "tag openings": "<a" * 200_000,
    "attribute list openings": "{:" * 200_000,
    "blank lines": "a\n" + "\n" * 400_000 + "b",
    "negated claims": "not cure " * 45_000,
    "percentages": "1% " * 130_000,
}


@pytest.mark.parametrize("name", LONG_LINES)
def test_a_400_kb_value_is_checked_in_linear_time(name: str) -> None:
    """Every text rule on one huge value: a quadratic pattern took minutes here (44.7 s in the attack run)."""
    from sitegen.check.claim_guard import ClaimGuard
    from sitegen.check.readability import grade, plain_text
    from sitegen.load.models.common import _check_prose

    text = LONG_LINES[name]
    started = time.process_time()
    with contextlib.suppress(ValueError):
        _check_prose(text)
    plain_text(text)
    ClaimGuard().check(text)  # every claim rule: approval, promises, testimonials, safety, comparisons, figures
    grade([text])
    assert time.process_time() - started < 3


def _entries(kind: str) -> dict[str, str]:
    return json.loads((Path(cache.cache_dir(kind) or "") / "bundle.json").read_text().partition("\n")[2])


def _plant(kind: str, transform, signed: bool = True) -> None:
    """Rewrite every entry of a bundle; signed with this user's key (so only the form check stands) or not."""
    body = json.dumps({k: transform(v) for k, v in _entries(kind).items()})
    signature = cache._signature(body) if signed else "0" * 64
    (Path(cache.cache_dir(kind) or "") / "bundle.json").write_text(f"{signature}\n{body}")


def _fresh_process_state() -> None:
    """What a new build.py process starts with: no bundles or QR codes in memory."""
    from sitegen.render.qr import qr_svg

    cache._bundles.clear()
    qr_svg.cache_clear()


def _forget_rendered_pages(workdir: Path) -> None:
    """The pages kept from the last build would be used as they are: without them the pages are rendered again,
    through the QR codes in the cache."""
    shutil.rmtree(workdir / "cache/rendered-pages")


def test_markup_planted_in_the_qr_cache_never_reaches_a_page(workdir: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    _fresh_process_state()
    assert run("build", *build_args(workdir))[0] == 0
    honest = (workdir / "site/faq/index.html").read_text()
    _plant("qr", lambda svg: svg.replace('class="print-qr"', 'class="print-qr" onload="alert(1)"') + "<script>alert(2)</script>")
    _fresh_process_state()
    _forget_rendered_pages(workdir)
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    page = (workdir / "site/faq/index.html").read_text()
    assert "alert(" not in page and page == honest
    # The damaged entries were made again, so the next build reads honest ones.
    entries = _entries("qr")
    assert entries and not any("alert" in svg for svg in entries.values())


def test_a_qr_code_of_the_right_form_for_another_address_is_not_taken_from_someone_else(workdir: Path, run, monkeypatch) -> None:
    """The form check cannot see where a code leads: a bundle not signed with this user's key is not used at all."""
    from sitegen.render.qr import _make_svg

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    _fresh_process_state()
    assert run("build", *build_args(workdir))[0] == 0
    honest = (workdir / "site/faq/index.html").read_text()
    phishing = _make_svg("https://evil.example/")
    paths = phishing.split(' d="', 1)[1]
    _plant("qr", lambda svg: svg.split(' d="', 1)[0] + ' d="' + paths, signed=False)
    _fresh_process_state()
    _forget_rendered_pages(workdir)
    assert run("build", *build_args(workdir))[0] == 0
    assert (workdir / "site/faq/index.html").read_text() == honest


def test_damaged_or_planted_grades_and_sizes_are_computed_again(workdir: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    _fresh_process_state()
    code, honest, _ = run("check", "--content", "content")
    assert code == 0
    _plant("reading-grades", lambda entry: "1.0 1.0 <b>1</b>")
    _fresh_process_state()
    assert run("check", "--content", "content")[1] == honest
    _plant("reading-grades", lambda entry: "1.0 1.0 10", signed=False)  # the right form, from someone else
    _fresh_process_state()
    assert run("check", "--content", "content")[1] == honest
    (workdir / "cache/reading-grades/bundle.json").write_text('{"a": [1, 2], "b": ')  # cut short
    _fresh_process_state()
    assert run("check", "--content", "content")[1] == honest
    (workdir / "cache/reading-grades/bundle.json").write_text("[" * 100_000)  # nested past the JSON parser's limit
    _fresh_process_state()
    assert run("check", "--content", "content")[1] == honest


def test_only_compiled_templates_signed_with_our_key_are_loaded(workdir: Path, run, monkeypatch) -> None:
    """Jinja's bytecode cache ran any code planted in it: planted files, in its format or ours, are ignored now."""
    import jinja2

    from sitegen.core.paths import ROOT
    from sitegen.core.signed_templates import SignedBytecodeCache

    monkeypatch.setenv("SITEGEN_CACHE", str(workdir / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "config"))
    marker = workdir / "pwned"
    folder = workdir / "cache" / "page-templates"
    folder.mkdir(parents=True)
    jinja_format = jinja2.FileSystemBytecodeCache(str(folder))
    forged = SignedBytecodeCache(folder, b"k" * 32)  # signed, but with a key that is not this user's
    env = jinja2.Environment()
    templates = ROOT / "templates"
    for template in templates.rglob("*.j2"):
        name = template.relative_to(templates).as_posix()
        for planted in (jinja_format, forged):
            key = planted.get_cache_key(name, str(template))
            bucket = jinja2.bccache.Bucket(env, key, planted.get_source_checksum(template.read_text()))
            bucket.code = compile(f"open({str(marker)!r}, 'w').write('ran')", str(template), "exec")
            planted.dump_bytecode(bucket)
    _fresh_process_state()
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    assert not marker.exists()
    key_file = workdir / "config/sitegen/cache-key"
    assert key_file.stat().st_mode & 0o077 == 0 and len(key_file.read_bytes()) == 32
    # The build replaced the forged entries with its own, which the next build loads.
    signed = list(folder.glob("*.signed"))
    assert signed
    honest = SignedBytecodeCache(folder, key_file.read_bytes())
    faq_key = honest.get_cache_key("pages/faq.md.j2", str(templates / "pages/faq.md.j2"))
    data = (folder / f"{faq_key}.signed").read_bytes()
    assert data[:32] == honest._mac(faq_key, data[32:])


def test_a_key_others_can_read_is_not_used(tmp_path: Path, monkeypatch) -> None:
    from sitegen.core.signed_templates import signing_key

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert signing_key() is not None
    (tmp_path / "sitegen/cache-key").chmod(0o644)
    assert signing_key() is None


def test_an_overlay_outside_the_clinics_folder_is_refused_at_its_line(workdir: Path, run) -> None:
    (workdir / "elsewhere.overlay.yaml").write_text("faq_items: []\n")
    clinic = workdir / "content/clinic.yaml"
    clinic.write_text(clinic.read_text() + "overlay: ../elsewhere.overlay.yaml\n")
    line = len(clinic.read_text().splitlines())
    code, _, err = run("check", "--content", "content")
    assert code == 1
    assert err.splitlines()[0] == (
        f"content/clinic.yaml:{line}:10: overlay '../elsewhere.overlay.yaml' is outside the folder of clinic.yaml; put the "
        "overlay file in that folder (or a folder below it) and give its path from there, e.g. 'my-clinic.overlay.yaml'"
    )


SAFE_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n  <rect width="10" height="10" fill="#123456"/>\n'
FIX = "export the logo again as a plain SVG (shapes, text and colours only), or use a PNG"
SVG_ATTACKS = {
    "script": ("  <script>alert(1)</script>\n", "3:3: the logo has a <script> element"),
    "namespaced script": (
        '  <h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>\n',
        "3:3: the logo has a <script> element",
    ),
    "event handler": ('  <circle r="3" onload="alert(1)"/>\n', "3:3: the logo has an event handler (onload=...), which runs a script"),
    "foreignObject": (
        "  <foreignObject><p>hi</p></foreignObject>\n",
        "3:3: the logo has a <foreignObject> element (HTML inside the picture)",
    ),
    "external image": (
        '  <image href="https://tracker.example/pixel.png"/>\n',
        "3:3: the logo links to 'https://tracker.example/pixel.png'; a logo may refer only to its own parts (href=\"#id\")",
    ),
    "script link": (
        '  <a xmlns:x="http://www.w3.org/1999/xlink" x:href="javascript:alert(1)"><rect/></a>\n',
        "3:3: the logo links to 'javascript:alert(1)'; a logo may refer only to its own parts (href=\"#id\")",
    ),
    "set animation": (
        '  <set attributeName="href" to="javascript:alert(1)"/>\n',
        "3:3: the logo has a <set> animation (it can change links into scripts)",
    ),
    "outside style": (
        "  <style>@import url(https://evil.example/x.css);</style>\n",
        "3:10: the logo's <style> fetches from outside itself (@import or url(...)); refer only to its own parts (url(#id))",
    ),
    "outside fill": (
        '  <rect fill="url(https://evil.example/p.svg#g)"/>\n',
        '3:3: the logo fetches from outside itself (fill="...url(...)"); refer only to its own parts (url(#id))',
    ),
}


@pytest.mark.parametrize("name", SVG_ATTACKS)
def test_an_svg_logo_that_is_more_than_a_picture_is_refused_at_its_line(name: str, workdir: Path, run) -> None:
    part, expected = SVG_ATTACKS[name]
    (workdir / "content/logos").mkdir()
    (workdir / "content/logos/clinic.svg").write_text(SAFE_LOGO + part + "</svg>\n")
    clinic = workdir / "content/clinic.yaml"
    clinic.write_text(clinic.read_text() + "logo: logos/clinic.svg\n")
    code, _, err = run("check", "--content", "content")
    assert code == 1, err
    assert err.splitlines()[0] == f"content/logos/clinic.svg:{expected}; {FIX}"


def test_svg_logo_entities_stylesheets_and_broken_files_are_refused(workdir: Path, run) -> None:
    (workdir / "content/logos").mkdir()
    clinic = workdir / "content/clinic.yaml"
    clinic.write_text(clinic.read_text() + "logo: logos/clinic.svg\n")
    logo = workdir / "content/logos/clinic.svg"
    cases = {
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        + SAFE_LOGO
        + "</svg>\n": "content/logos/clinic.svg:2:27: the logo declares an entity (a); entities can expand a small file without limit",
        '<?xml-stylesheet href="https://evil.example/x.css"?>\n'
        + SAFE_LOGO
        + "</svg>\n": "content/logos/clinic.svg:1:1: the logo loads a style sheet from outside itself (<?xml-stylesheet ...?>)",
        SAFE_LOGO: "content/logos/clinic.svg:3:1: the logo is not a well-formed SVG file (no element found)",
    }
    for svg, expected in cases.items():
        logo.write_text(svg)
        code, _, err = run("check", "--content", "content")
        assert code == 1, err
        assert err.splitlines()[0].startswith(expected), err
    logo.write_text(SAFE_LOGO + '  <use href="#r"/>\n  <rect id="r" fill="url(#g)"/>\n</svg>\n')
    code, _, err = run("check", "--content", "content")
    assert code == 0, err


def test_a_logo_that_is_a_device_or_outside_the_folder_is_never_read(workdir: Path, run) -> None:
    clinic = workdir / "content/clinic.yaml"
    text = clinic.read_text()
    for logo, expected in (
        ("../../../../../../dev/zero", "'logo' should be a file name ending in .svg or .png"),
        ("../../../../../../etc/passwd.svg", "is outside the folder of clinic.yaml"),
    ):
        clinic.write_text(text + f"logo: {logo}\n")
        started = time.perf_counter()
        code, _, err = run("build", *build_args(workdir))
        assert code == 1 and expected in err.splitlines()[0]
        assert time.perf_counter() - started < 30
    (workdir / "content/logo.svg").symlink_to("/dev/zero")
    clinic.write_text(text + "logo: logo.svg\n")
    code, _, err = run("build", *build_args(workdir))
    assert code == 1 and "is outside the folder of clinic.yaml" in err


def test_a_content_file_that_is_a_link_to_a_device_is_not_read(workdir: Path, run) -> None:
    (workdir / "content/topics/extra.yaml").symlink_to("/dev/zero")
    code, _, err = run("check", "--content", "content")
    assert code == 1 and "Traceback" not in err
    edit(workdir / "content/clinic.yaml", "name:", "name:")  # the rest of the content is untouched
