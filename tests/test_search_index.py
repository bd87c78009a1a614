"""The site search index written at build time: sections of a page, terms in the right sections, shards, stemming."""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.site.search_index import KEY_LETTERS, SHARD_BYTES, SiteIndex, page_sections, shard_name, without_excluded
from sitegen.site.search_words import fold, stemmer, words

PAGE = """<aside aria-label="Get help now" class="crisis-help"><p>Call <a href="tel:988">988</a> for crisis help.</p></aside>
<h1 id="side-effects">Side effects<a class="headerlink" href="#side-effects">&para;</a></h1>
<p class="page-summary">What you may feel during a session.</p>
<div class="page-review"><p>Reviewed by Dr. Ellis.</p></div>
<p>Most people feel dizzy<sup class="cite">[<a href="#src-label">1</a>]</sup>. It fades.</p>
<h2 id="bladder">Bladder problems<a class="headerlink" href="#bladder">&para;</a></h2>
<p>Frequent use can harm the <abbr title="The organ that holds urine">bladder</abbr> and the kidneys.</p>
<h2 id="related">Related questions</h2><ul><li><a href="../faq/liver/">Liver risks</a></li></ul>
<div class="print-only print-handout"><p>Read online <span class="print-url">https://x.example/</span></p><div>QR</div></div>"""


def _terms(folder: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in (folder / "search" / "terms").glob("*.json"):
        found.update(json.loads(path.read_text(encoding="utf-8")))
    return found


def _sections_of(postings: list[int]) -> list[int]:
    numbers, at = [], 0
    for gap in postings[::2]:
        at += gap
        numbers.append(at)
    return numbers


def test_a_page_is_cut_at_its_headings_without_the_boxes_every_page_repeats() -> None:
    sections = page_sections(without_excluded(PAGE), "Side effects")
    assert [(s.anchor, s.title) for s in sections] == [
        ("", "Side effects"),
        ("bladder", "Bladder problems"),
        ("related", "Related questions"),
    ]
    assert sections[0].text == "What you may feel during a session. Most people feel dizzy. It fades."
    assert "988" not in " ".join(s.text for s in sections) and "Ellis" not in sections[0].text and "QR" not in sections[-1].text
    assert "urine" not in sections[1].text  # a glossary definition is the term's tooltip, not the page's text


def test_a_term_is_found_in_the_sections_it_occurs_in_with_its_heading_counting_more(tmp_path: Path) -> None:
    index = SiteIndex("en")
    index.add_page("side-effects/", "Side effects", PAGE)
    index.add_page("faq/liver/", "Liver and bladder risks", '<h1 id="x">Liver and bladder risks</h1><p>Rarely, the liver.</p>')
    index.write(tmp_path)
    data = json.loads((tmp_path / "search" / "sections.json").read_text(encoding="utf-8"))
    assert data["pages"][0] == ["side-effects/", "Side effects", "What you may feel during a session."]
    assert [s[:3] for s in data["sections"]] == [[0, "", ""], [0, "bladder", "Bladder problems"], [1, "", ""]]
    assert data["sections"][1][3] == "Frequent use can harm the bladder and the kidneys."
    terms = _terms(tmp_path)
    bladder = terms[stemmer("en")("bladder")]
    assert _sections_of(bladder) == [1, 2]  # not the top of the side-effects page, nor its Related list
    kidneys = terms[stemmer("en")("kidneys")]  # in the same section's text only
    assert _sections_of(kidneys) == [1] and 1 <= kidneys[1] <= 8
    assert bladder[1] == 8 + kidneys[1]  # in its heading (8) and once in its text, like 'kidneys'
    assert bladder[3] >= 16  # in the page's title, which counts twice a heading
    assert "988" not in terms and stemmer("en")("reviewed") not in terms and stemmer("en")("urine") not in terms
    assert stemmer("en")("kidneys") in terms and "dizzi" in terms  # 'dizzy', stemmed


def test_shards_hold_terms_by_their_first_letters_and_the_index_lists_them(tmp_path: Path) -> None:
    index = SiteIndex("en")
    text = " ".join(f"{a}{b}word{n}" for a in "abcdefghij" for b in "abcdefghij" for n in range(12))
    index.add_page("", "Home", f'<h1 id="h">Home</h1><p>{text} año zoë 42</p>')
    index.write(tmp_path)
    starts = json.loads((tmp_path / "search" / "sections.json").read_text(encoding="utf-8"))["shards"]
    assert starts == sorted(starts) and len(starts) > 5
    for number, first in enumerate(starts):
        path = tmp_path / "search" / "terms" / f"{shard_name(first)}.json"
        terms = json.loads(path.read_text(encoding="utf-8"))
        after = starts[number + 1] if number + 1 < len(starts) else None
        # Every term of a shard has a key from the shard's first to the next shard's (the worker's look-up).
        assert all(first <= term[:KEY_LETTERS] and (after is None or term[:KEY_LETTERS] < after) for term in terms)
        assert len(path.read_bytes()) < 2 * SHARD_BYTES
    assert sorted(_terms(tmp_path)) == sorted(index.postings) and "año" in index.postings
    assert shard_name("añ") == "a_f1"


def test_words_are_folded_and_stemmed_in_english_and_spanish() -> None:
    assert words("VEJIGA, vejíga y Dolór: año 2026") == ["vejiga", "vejiga", "y", "dolor", "año", "2026"]
    assert fold("Ñandú") == "ñandu"
    spanish = stemmer("es")
    assert spanish("tratamientos") == spanish("tratamiento") == "tratamient"
    assert spanish(fold("náuseas")) == spanish("nauseas")
    english = stemmer("en-US")
    assert english("bladders") == english("bladder") == "bladder" and english("addictive") == english("addiction")
    assert stemmer("xx")("words") == "words"  # no stemmer for the language: words as they are


def test_the_build_writes_each_languages_index_and_its_stemmer(tmp_path: Path) -> None:
    index = SiteIndex("es")
    index.add_page("", "Inicio", '<h1 id="i">Inicio</h1><p>Un tratamiento.</p>')
    (tmp_path / "search" / "terms").mkdir(parents=True)
    (tmp_path / "search" / "terms" / "old.json").write_text("{}")  # a shard of an earlier build
    index.write(tmp_path)
    folder = tmp_path / "search"
    data = json.loads((folder / "sections.json").read_text(encoding="utf-8"))
    assert data["lang"] == "es" and data["stemmer"] == "spanish-stemmer.js"
    assert (folder / "spanish-stemmer.js").is_file() and (folder / "base-stemmer.js").is_file()
    assert not (folder / "english-stemmer.js").exists() and not (folder / "terms" / "old.json").exists()
