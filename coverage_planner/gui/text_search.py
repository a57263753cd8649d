"""Text matching as planners type: without diacritics, whatever the case.

"xa bon" finds "Xà Bon", "muong te" finds "Mường Tè", "dien bien" finds "Điện Biên":
the accents are taken off (Unicode decomposition), đ becomes d, case is folded.
No Qt here; the tables and the search box use it.
"""

from __future__ import annotations

import unicodedata


def fold(text: object) -> str:
    """``text`` without diacritics, in lower case, with runs of spaces made one."""
    s = str(text).replace("đ", "d").replace("Đ", "d")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().split())


def matches(query: str, text: object) -> bool:
    """Every word of ``query`` is found in ``text`` (diacritics and case ignored)."""
    folded = fold(text)
    return all(word in folded for word in fold(query).split())
