"""A small QR code encoder: UTF-8 text in byte mode, error correction level M, mask pattern 0."""
from __future__ import annotations

from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

# Level M, versions 1..40: error-correction codewords per block, and how many blocks.
_EC_PER_BLOCK = (10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
                 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28)
_BLOCKS = (1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
           17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49)
_LEVEL_M, _MASK = 0b00, 0b000
_BYTE_MODE = 0b0100
_PAD_CODEWORDS = bytes((0xEC, 0x11)) * 1200  # alternate to fill the data capacity (2,334 at most)
_BITS_TO_MODULES = bytes.maketrans(b"01", b"\x00\x01")


def qr_matrix(text: str) -> tuple[bytearray, ...]:
    """The modules of the smallest QR code holding `text`, one bytearray per row, 1 = dark (no quiet zone)."""
    data = text.encode("utf-8")
    version = _smallest_version(len(data))
    size = _size(version)
    layout = _layout(version)
    bits = format(int.from_bytes(_codewords(data, version), "big"), f"0{layout.n_bits}b")
    # One 0/1 byte per bit, then zeros for the remainder bits and for function modules to read.
    bit_values = bits.encode("ascii").translate(_BITS_TO_MODULES) + bytes(size * size + 1)
    # XOR as whole ints: every byte is 0 or 1, so no carries cross module boundaries.
    data_modules = int.from_bytes(bytes(layout.gather(bit_values)), "big")
    modules = (data_modules ^ layout.template).to_bytes(size * size, "big")
    return tuple(bytearray(modules[i:i + size]) for i in range(0, size * size, size))


def _size(version: int) -> int:
    return 17 + 4 * version


def _count_bits(version: int) -> int:
    return 8 if version < 10 else 16


@lru_cache(maxsize=None)
def _data_codeword_count(version: int) -> int:
    raw_codewords = len(_data_positions(version)) // 8
    return raw_codewords - _EC_PER_BLOCK[version - 1] * _BLOCKS[version - 1]


def _smallest_version(n_bytes: int) -> int:
    for version in range(1, 41):
        if 4 + _count_bits(version) + 8 * n_bytes <= 8 * _data_codeword_count(version):
            return version
    raise ValueError(f"{n_bytes} bytes do not fit in a QR code (level M holds at most "
                     f"{(8 * _data_codeword_count(40) - 20) // 8} bytes)")


# ---- Codewords ----------------------------------------------------------------------------------------------

def _codewords(data: bytes, version: int) -> bytes:
    """Data and error-correction codewords, interleaved across blocks in the order they are placed."""
    capacity = _data_codeword_count(version)
    count_bits = _count_bits(version)
    # Mode, count, data and the 4-bit terminator: the header is 12 or 20 bits, so this always ends on a byte
    # boundary and always fits (the version was chosen for the data and header).
    stream = (_BYTE_MODE << count_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    message = (stream << 4).to_bytes((8 + count_bits + 8 * len(data)) // 8, "big")
    # segno 1.6.6 adds a whole zero byte of "padding bits" when the terminator ends on a byte boundary, before the
    # pad codewords; doing the same keeps every code identical to the ones it made. Readers stop at the
    # terminator, so the byte is never read.
    message = (message + b"\x00" + _PAD_CODEWORDS)[:capacity]
    blocks = _split(message, _BLOCKS[version - 1])
    ec_len = _EC_PER_BLOCK[version - 1]
    ec_blocks = [_ec_codewords(block, ec_len) for block in blocks]
    return _interleave(blocks) + _interleave(ec_blocks)


def _split(data: bytes, n_blocks: int) -> list[bytes]:
    # Blocks differ by at most one codeword; the shorter ones come first.
    short_len, n_long = divmod(len(data), n_blocks)
    blocks, at = [], 0
    for i in range(n_blocks):
        length = short_len + (i >= n_blocks - n_long)
        blocks.append(data[at:at + length])
        at += length
    return blocks


def _interleave(blocks: list[bytes]) -> bytes:
    """The first codeword of every block, then the second, and so on; the longer blocks' last codewords end it."""
    shortest = min(len(block) for block in blocks)
    return bytes(chain.from_iterable(zip(*blocks))) + bytes(block[-1] for block in blocks if len(block) > shortest)


# ---- Reed-Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 ------------------------------------------

def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 512, [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    exp[255:510] = exp[0:255]  # lets products skip the modulo
    return exp, log


_EXP, _LOG = _gf_tables()


def _gf_mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


def _generator(degree: int) -> list[int]:
    """Coefficients of (x - a^0)(x - a^1)...(x - a^(degree-1)), highest power first, leading 1 left out."""
    poly = [1]
    for root in range(degree):
        shifted = poly + [0]
        for i, coefficient in enumerate(poly):
            shifted[i + 1] ^= _gf_mul(coefficient, _EXP[root])
        poly = shifted
    return poly[1:]


@lru_cache(maxsize=None)
def _generator_multiples(degree: int) -> tuple[int, ...]:
    # The generator times each possible leading factor, as one int of `degree` bytes, so a division step is a
    # shift and an XOR rather than `degree` table look-ups.
    generator = _generator(degree)
    return tuple(int.from_bytes(bytes(_gf_mul(c, factor) for c in generator), "big") for factor in range(256))


def _ec_codewords(block: bytes, degree: int) -> bytes:
    multiples = _generator_multiples(degree)
    top_shift, keep = 8 * (degree - 1), (1 << 8 * degree) - 1
    remainder = 0
    for codeword in block:
        factor = (remainder >> top_shift) ^ codeword
        remainder = ((remainder << 8) & keep) ^ multiples[factor]
    return remainder.to_bytes(degree, "big")


# ---- Module layout --------------------------------------------------------------------------------------------

class _Layout(NamedTuple):
    template: int  # the function patterns, and mask 0 on data modules, as 0/1 bytes in row order
    gather: itemgetter  # picks each module's data bit, in row order, out of the bits in placement order
    n_bits: int  # codeword bits; any further data modules are remainder bits


@lru_cache(maxsize=None)
def _layout(version: int) -> _Layout:
    size = _size(version)
    grid, reserved = _function_patterns(version)
    template = bytearray(size * size)
    for row in range(size):
        for col in range(size):
            if reserved[row][col]:
                template[row * size + col] = grid[row][col]
            elif (row + col) % 2 == 0:  # mask pattern 0
                template[row * size + col] = 1
    # Placing bits one at a time costs a Python step each; one itemgetter over all modules does it in C.
    # Function modules read an index past the codeword and remainder bits, where the bits are padded with 0.
    sources = [size * size] * (size * size)
    for bit_index, (row, col) in enumerate(_data_positions(version)):
        sources[row * size + col] = bit_index
    n_bits = 8 * (_data_codeword_count(version) + _EC_PER_BLOCK[version - 1] * _BLOCKS[version - 1])
    return _Layout(int.from_bytes(template, "big"), itemgetter(*sources), n_bits)


@lru_cache(maxsize=None)
def _data_positions(version: int) -> tuple[tuple[int, int], ...]:
    """(row, col) of every data module in placement order: two-column strips from the right, alternately up
    and down, stepping over the vertical timing column."""
    size = _size(version)
    _, reserved = _function_patterns(version)
    positions = []
    right, upward = size - 1, True
    while right > 0:
        if right == 6:
            right = 5
        rows = range(size - 1, -1, -1) if upward else range(size)
        for row in rows:
            for col in (right, right - 1):
                if not reserved[row][col]:
                    positions.append((row, col))
        right -= 2
        upward = not upward
    return tuple(positions)


@lru_cache(maxsize=None)
def _function_patterns(version: int) -> tuple[list[bytearray], list[bytearray]]:
    """Module values of the function patterns and which modules they reserve."""
    size = _size(version)
    grid = [bytearray(size) for _ in range(size)]
    reserved = [bytearray(size) for _ in range(size)]

    def put(row: int, col: int, dark: int) -> None:
        grid[row][col] = dark
        reserved[row][col] = 1

    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        _put_finder(put, size, top, left)
    for i in range(8, size - 8):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    _put_alignment_patterns(put, version)
    _put_format_info(put, size)
    put(size - 8, 8, 1)  # the dark module
    if version >= 7:
        _put_version_info(put, size, version)
    return grid, reserved


def _put_finder(put, size: int, top: int, left: int) -> None:
    # Includes the light separator ring around the 7x7 pattern, clipped at the symbol's edge.
    for row in range(top - 1, top + 8):
        for col in range(left - 1, left + 8):
            if 0 <= row < size and 0 <= col < size:
                ring = max(abs(row - top - 3), abs(col - left - 3))
                put(row, col, ring != 2 and ring != 4)


def _alignment_centres(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    last = _size(version) - 7
    # The centres are evenly spaced back from the last one by an even step; version 32 is the one exception
    # where the standard's step is smaller than this rule gives.
    step = 26 if version == 32 else _even_step(last - 6, count - 1)
    return [6] + [last - step * i for i in range(count - 2, -1, -1)]


def _even_step(span: int, gaps: int) -> int:
    return -(-span // (2 * gaps)) * 2  # span / gaps rounded up to an even number


def _put_alignment_patterns(put, version: int) -> None:
    centres = _alignment_centres(version)
    last = centres[-1] if centres else 0
    for row in centres:
        for col in centres:
            if (row, col) in ((6, 6), (6, last), (last, 6)):
                continue  # would overlap a finder pattern
            for r in range(row - 2, row + 3):
                for c in range(col - 2, col + 3):
                    put(r, c, max(abs(r - row), abs(c - col)) != 1)


def _bch(data: int, data_bits: int, generator: int) -> int:
    """`data` followed by its BCH check bits: the remainder of data * x^k divided by `generator` (degree k)."""
    degree = generator.bit_length() - 1
    remainder = data << degree
    for shift in range(data_bits - 1, -1, -1):
        if remainder >> (shift + degree) & 1:
            remainder ^= generator << shift
    return data << degree | remainder


def _put_format_info(put, size: int) -> None:
    bits = _bch(_LEVEL_M << 3 | _MASK, 5, 0b10100110111) ^ 0b101010000010010
    bit = [bits >> i & 1 for i in range(15)]
    # First copy, around the top-left finder: bits 0-7 down column 8 (skipping the timing row), 8-14 along row 8.
    for i, row in enumerate((0, 1, 2, 3, 4, 5, 7, 8)):
        put(row, 8, bit[i])
    for i, col in zip(range(8, 15), (7, 5, 4, 3, 2, 1, 0)):
        put(8, col, bit[i])
    # Second copy, split between the other two finders.
    for i in range(8):
        put(8, size - 1 - i, bit[i])
    for i in range(8, 15):
        put(size - 15 + i, 8, bit[i])


def _put_version_info(put, size: int, version: int) -> None:
    bits = _bch(version, 6, 0b1111100100101)
    for i in range(18):
        a, b = size - 11 + i % 3, i // 3
        put(a, b, bits >> i & 1)
        put(b, a, bits >> i & 1)
