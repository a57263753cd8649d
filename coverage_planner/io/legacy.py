"""The pre-Unicode Vietnamese encodings of provincial archives: TCVN3 (ABC), VNI-Windows
and Windows-1258 — told apart by how Vietnamese the decoded text reads, and converted.

TCVN3 (TCVN 5712:1993, the ".Vn" fonts) stores each lower-case toned letter, and the
seven upper-case letters Ă Â Ê Ô Ơ Ư Đ, as one byte above 0x80; upper-case toned
letters were drawn by the "…H" fonts from the lower-case codes. VNI-Windows (the "VNI-"
fonts) writes a base letter followed by one byte for its marks (``a`` + ``ù`` = á,
``e`` + ``ä`` = ệ); ư, ơ, đ, the toned i and ỵ are single bytes. Excel workbooks typed
with those fonts hold the same bytes as Latin-1 letters ("M­êng TÌ"), so text is
checked too, not only bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

TCVN3_NAME, VNI_NAME, CP1258_NAME = "TCVN3", "VNI-Windows", "cp1258"

# byte -> letter, from the TCVN 5712:1993 (VN3) table.
_TCVN3_ROWS = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}
for _start, _letters in (
    (0xB5, "àảãáạ"),
    (0xBB, "ằẳẵắ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xDC, "ĩíịò"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
):
    for _i, _ch in enumerate(_letters):
        _TCVN3_ROWS[_start + _i] = _ch
TCVN3_TABLE: dict[int, str] = {b: chr(b) for b in range(256)} | _TCVN3_ROWS
"""Every byte's character in TCVN3; bytes the standard leaves free read as Latin-1."""

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
TONES = (_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT)
SHAPES = (_CIRC, _BREVE, "\u031b")  # circumflex, breve, horn

_VNI_LETTERS = {
    "ö": "ư",
    "Ö": "Ư",
    "ô": "ơ",
    "Ô": "Ơ",
    "ñ": "đ",
    "Ñ": "Đ",
    "ì": "ì",
    "Ì": "Ì",
    "í": "í",
    "Í": "Í",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}
_VNI_MARKS: dict[str, str] = {}
for _lower, _marks in (
    ("â", _CIRC),
    ("á", _CIRC + _ACUTE),
    ("à", _CIRC + _GRAVE),
    ("å", _CIRC + _HOOK),
    ("ã", _CIRC + _TILDE),
    ("ä", _CIRC + _DOT),
    ("ê", _BREVE),
    ("é", _BREVE + _ACUTE),
    ("è", _BREVE + _GRAVE),
    ("ú", _BREVE + _HOOK),
    ("ü", _BREVE + _TILDE),
    ("ë", _BREVE + _DOT),
    ("ù", _ACUTE),
    ("ø", _GRAVE),
    ("û", _HOOK),
    ("õ", _TILDE),
    ("ï", _DOT),
):
    _VNI_MARKS[_lower] = _marks
    _VNI_MARKS[_lower.upper()] = _marks
_VOWELS = set("aeiouyAEIOUY")


def decode_tcvn3(raw: bytes) -> str:
    """TCVN3 bytes as Unicode text (NFC)."""
    text = "".join(TCVN3_TABLE[b] for b in raw)
    return _capitals(unicodedata.normalize("NFC", text))


def decode_vni(raw: bytes) -> str:
    """VNI-Windows bytes as Unicode text (NFC); marks after a letter that cannot take
    them are kept as the Latin-1 letters they are."""
    out: list[str] = []
    for ch in raw.decode("latin1"):
        if ch in _VNI_LETTERS:
            out.append(_VNI_LETTERS[ch])
            continue
        marks = _VNI_MARKS.get(ch)
        if marks and out and _takes(out[-1], marks):
            out[-1] = unicodedata.normalize("NFC", out[-1] + marks)
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _takes(letter: str, marks: str) -> bool:
    """Whether a VNI mark byte can follow this letter (a tone once, a shape on a/e/o)."""
    parts = unicodedata.normalize("NFD", letter)
    base, present = parts[0], parts[1:]
    if base not in _VOWELS:
        return False
    if any(t in present for t in TONES):
        return False
    if _CIRC in marks:
        return base in "aeoAEO" and not any(s in present for s in SHAPES)
    if _BREVE in marks:
        return base in "aA" and not any(s in present for s in SHAPES)
    return True


def _capitals(text: str) -> str:
    """Words typed in capitals with a TCVN3 "H" font come out with lower-case toned
    letters among capitals ("MườNG"); such a word is written in capitals."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            return word.upper()
        return word

    return re.sub(r"\w+", fix, text)


def decode(raw: bytes, encoding: str) -> str:
    """Bytes in ``encoding`` (TCVN3, VNI-Windows or any Python codec) as NFC text."""
    key = encoding_key(encoding)
    if key == TCVN3_NAME:
        return decode_tcvn3(raw)
    if key == VNI_NAME:
        return decode_vni(raw)
    return unicodedata.normalize("NFC", raw.decode(key))


def encoding_key(encoding: str) -> str:
    """The name of an encoding as the user types it ("tcvn3", "ABC", "vni", "1258")."""
    text = str(encoding).strip()
    low = re.sub(r"[\s_\-]", "", text.lower())
    if low in ("tcvn3", "tcvn", "abc", "vn3", "tcvn5712"):
        return TCVN3_NAME
    if low in ("vni", "vniwindows", "vniwin"):
        return VNI_NAME
    if low.isdigit():
        return "utf-8" if low == "65001" else f"cp{low}"
    if low.startswith("ansi") and low[4:].isdigit():
        return f"cp{low[4:]}"
    if low.startswith("windows") and low[7:].isdigit():
        return f"cp{low[7:]}"
    import codecs

    return codecs.lookup(text).name  # LookupError for an unknown name


# --- telling them apart ----------------------------------------------------------

_TOKEN = re.compile(r"[^\s!-/:-@\[-`{-~]+")  # runs between spaces and ASCII punctuation


def _is_vietnamese_letter(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum()
    if ch in "đĐ":
        return True
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if not (base.isascii() and base.isalpha()) or not marks:
        return False
    tones = [m for m in marks if m in TONES]
    shapes = [m for m in marks if m in SHAPES]
    if len(tones) + len(shapes) != len(marks) or len(tones) > 1 or len(shapes) > 1:
        return False
    if base not in _VOWELS:
        return False
    if shapes:
        allowed = {_CIRC: "aeoAEO", _BREVE: "aA", "\u031b": "ouOU"}[shapes[0]]
        return base in allowed
    return True


def faults(texts: Iterable[str]) -> tuple[int, int]:
    """How un-Vietnamese text reads: (faulty words, words with letters beyond ASCII).

    A word is faulty when it holds a character that is not a Vietnamese letter or a
    digit, or more than one tone mark (a Vietnamese syllable carries one).
    """
    bad = total = 0
    for text in texts:
        for token in _TOKEN.findall(unicodedata.normalize("NFC", text)):
            if token.isascii():
                continue
            total += 1
            tones = sum(1 for ch in unicodedata.normalize("NFD", token) if ch in TONES)
            if tones > 1 or not all(_is_vietnamese_letter(c) for c in token):
                bad += 1
    return bad, total


def as_bytes(text: str) -> bytes | None:
    """The bytes a legacy font's text was typed as, from its Latin-1 / Windows-1252
    letters; None when the text holds characters beyond those (it is real Unicode)."""
    try:
        return text.encode("latin1")
    except UnicodeEncodeError:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            return None


def guess_bytes_encoding(samples: list[bytes]) -> str | None:
    """The legacy encoding (cp1258, TCVN3 or VNI-Windows) the bytes read best in, or
    None when none reads as Vietnamese."""
    best: tuple[float, str] | None = None
    for name in (CP1258_NAME, TCVN3_NAME, VNI_NAME):
        try:
            texts = [decode(s, name) for s in samples]
        except UnicodeDecodeError:
            continue
        bad, total = faults(texts)
        if total == 0:
            continue
        score = bad / total
        if best is None or score < best[0]:
            best = (score, name)
    if best is None or best[0] > 0.05:
        return None
    return best[1]


def guess_text_encoding(texts: list[str]) -> str | None:
    """TCVN3 or VNI-Windows when Unicode text is in fact such bytes shown as Latin-1
    letters (typed with a legacy font) and reads far better once converted; else None."""
    raw = [as_bytes(t) for t in texts]
    if any(r is None for r in raw):
        return None
    bad_now, total = faults(texts)
    if bad_now == 0:
        return None
    for name in (TCVN3_NAME, VNI_NAME):
        bad, _ = faults(decode(r, name) for r in raw if r is not None)
        if bad * 10 <= bad_now and bad <= 0.05 * total:
            return name
    return None


def convert_text(text: str, encoding: str) -> str:
    """Legacy-font text (Latin-1 letters) as real Unicode."""
    raw = as_bytes(text)
    return text if raw is None else decode(raw, encoding)
