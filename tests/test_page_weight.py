"""A page heavier than the budget (compressed, with what it loads at once) gets a warning at its YAML file."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from conftest import build_args

from sitegen.site.page_weight import page_weights


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def test_a_page_weighs_its_html_and_what_it_fetches_at_once_but_not_links_or_lazy_images(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "faq").mkdir()
    files = {
        "assets/main.css": b"body{color:#123}" * 500,
        "assets/app.js": b"console.log(1);" * 700,
        "assets/logo.png": bytes(range(256)) * 8,
        "assets/photo.jpg": bytes(range(256)) * 40,
    }
    for name, data in files.items():
        (site / name).write_bytes(data)
    html = (
        '<html><head><link rel="canonical" href="https://example.org/faq/"><link rel="stylesheet" href="../assets/main.css">'
        '</head><body><img src="../assets/logo.png" alt=""><img loading="lazy" src="../assets/photo.jpg" alt="">'
        + "<p>Plain words for patients.</p>"
        * 300
        + '<script src="../assets/app.js"></script>'
        '<script src="../assets/app.js"></script></body></html>'
    ).encode()
    (site / "faq/index.html").write_bytes(html)
    expected = _gz(html) + sum(_gz(files[name]) for name in ("assets/main.css", "assets/app.js", "assets/logo.png"))
    assert page_weights(site, ["faq/index.html"]) == {"faq/index.html": expected}
    # Under the threshold the uncompressed HTML is an upper bound, which is all a budget needs.
    bound = page_weights(site, ["faq/index.html"], stop_below=10**6)["faq/index.html"]
    assert expected <= bound <= expected - _gz(html) + len(html) + 32


def test_pages_over_the_budget_are_warned_about_at_their_yaml_and_the_site_is_still_built(workdir: Path, run) -> None:
    code, _, err = run("build", *build_args(workdir))
    assert code == 0 and "KB budget" not in err  # the fixture's pages are well under 100 KB

    (workdir / "content/lint.yaml").write_text((workdir / "content/lint.yaml").read_text() + "page_weight_budget_kb: 20\n")
    code, _, err = run("build", *build_args(workdir))
    assert code == 0
    warning = re.search(r"^content/faq\.yaml:1:1: warning: the page /faq/ weighs (\d+) KB sent compressed", err, re.M)
    assert warning, err
    # Material's own script and stylesheet alone are over 50 KB compressed.
    assert 50 < int(warning.group(1)) < 100
    assert (workdir / "site/faq/index.html").is_file()
