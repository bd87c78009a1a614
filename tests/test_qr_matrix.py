"""sitegen/qr_matrix.py makes, module for module, the QR codes segno 1.6.6 makes (byte mode, level M, mask 0)."""
from __future__ import annotations

import random

import pytest
import segno

from sitegen.qr_matrix import qr_matrix

# Bytes a level M code holds in byte mode, versions 1..40 (ISO/IEC 18004 table 7), written out here rather than
# taken from either encoder so that version choice is checked against the standard too.
BYTE_CAPACITY_M = (14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
                   711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989,
                   2099, 2213, 2331)

URL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-._~/?#=&%+:@!$'()*,;ABCXYZ"


def segno_matrix(text: str, version: int | None = None) -> tuple[bytearray, ...]:
    # micro, mode and encoding pinned: left to itself segno makes Micro QR codes for short text, uses numeric or
    # alphanumeric mode when every character allows it, and encodes text as ISO-8859-1 or Shift_JIS when it can.
    code = segno.make(text, error="m", mask=0, boost_error=False, micro=False, mode="byte", encoding="utf-8")
    assert (code.error, code.mask, code.mode) == ("M", 0, "byte")
    if version is not None:
        assert code.version == version
    return code.matrix


def assert_same_code(text: str, version: int | None = None) -> None:
    matrix = qr_matrix(text)
    assert isinstance(matrix, tuple) and all(isinstance(row, bytearray) for row in matrix)
    if version is not None:
        assert len(matrix) == 17 + 4 * version and all(len(row) == len(matrix) for row in matrix)
    expected = segno_matrix(text, version)
    assert len(matrix) == len(expected), f"{len(text.encode())} bytes: size {len(matrix)}, segno {len(expected)}"
    wrong = [(r, c) for r, row in enumerate(expected) for c, dark in enumerate(row) if matrix[r][c] != dark]
    assert not wrong, f"{len(wrong)} modules differ from segno's, first at (row, col) {wrong[0]}"


def random_url(rng: random.Random, length: int) -> str:
    host = rng.choice(["https://example-clinic.org/", "http://a.b/", "https://learn.harborlight.example/faq/"])
    return (host + "".join(rng.choice(URL_CHARS) for _ in range(length)))[:length]


@pytest.mark.parametrize("length", range(1, 301))
def test_urls_of_every_length_from_1_to_300(length):
    assert_same_code(random_url(random.Random(length), length))


NON_ASCII = [
    "é",
    "café",
    "https://example-clinic.org/faq/ketamin-für-depressionen/",
    "Кетамин: что нужно знать пациенту",
    "氯胺酮治疗抑郁症",
    "ケタミン療法について",
    "케타민 치료",
    "مرحبا بالعالم",
    "🙂🧠💊",
    "https://例え.テスト/パス?q=ñandú&x=Ω",
    "\x00\x01\x7f\x80\xff",
    "ﬁ",
]


@pytest.mark.parametrize("text", NON_ASCII)
def test_non_ascii_text_is_encoded_as_utf8(text):
    assert_same_code(text)


@pytest.mark.parametrize("seed", range(60))
def test_random_unicode_text(seed):
    rng = random.Random(1000 + seed)
    ranges = [(0x20, 0x7E), (0xA0, 0x2FF), (0x400, 0x4FF), (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0x1F300, 0x1FAFF)]
    chars = []
    for _ in range(rng.randint(1, 120)):
        low, high = rng.choice(ranges)
        chars.append(chr(rng.randint(low, high)))
    assert_same_code("".join(chars))


@pytest.mark.parametrize("version", range(1, 41))
def test_text_filling_a_version_exactly_uses_that_version(version):
    capacity = BYTE_CAPACITY_M[version - 1]
    assert_same_code(random_url(random.Random(-version), capacity), version)


@pytest.mark.parametrize("version", range(1, 40))
def test_one_byte_more_needs_the_next_version(version):
    capacity = BYTE_CAPACITY_M[version - 1]
    assert_same_code(random_url(random.Random(-version), capacity + 1), version + 1)


@pytest.mark.parametrize("version", [1, 6, 7, 9, 10, 27, 40])
def test_capacity_counts_utf8_bytes_not_characters(version):
    capacity = BYTE_CAPACITY_M[version - 1]
    assert_same_code("x" * (capacity - 2) + "é", version)  # exactly full: "é" is two bytes
    if version < 40:
        assert_same_code("x" * (capacity - 1) + "é", version + 1)  # one character more than fits, as bytes


def test_text_too_long_for_version_40_is_refused():
    qr_matrix("x" * 2331)
    with pytest.raises(ValueError, match="2332 bytes do not fit in a QR code"):
        qr_matrix("x" * 2332)
    with pytest.raises(ValueError, match="do not fit"):
        qr_matrix("é" * 1166)  # 1,166 characters, 2,332 bytes


@pytest.mark.parametrize("page", ["", "faq/", "faq/question-number-7-about-ketamine/", "handouts/side-effects/"])
def test_site_addresses_match_segnos_own_choices(page):
    # Page addresses are long enough for a full-size code and start with lowercase "https", so segno left to
    # itself picks byte mode and an ordinary QR code: the codes the site prints are the ones it printed before.
    url = "https://learn.harborlight.example/" + page
    assert qr_matrix(url) == segno.make(url, error="m", mask=0, boost_error=False).matrix
