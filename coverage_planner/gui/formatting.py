"""Numbers as the interface language writes them.

Vietnamese writes 419.000 for four hundred and nineteen thousand and 3,5 for three
and a half; English 419,000 and 3.5. The language's QLocale is made the default when
the language is chosen (``i18n.Languages.set``), and every number on screen goes
through here, so a population is never shown as "419.000" for 419 people.
"""

from __future__ import annotations

import math

from PyQt6.QtCore import QLocale
from PyQt6.QtWidgets import QDoubleSpinBox


def is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def number(value, decimals: int = 0) -> str:
    """``value`` with the language's thousands separator and decimal mark; "—" if missing."""
    if is_missing(value):
        return "—"
    if decimals == 0:
        return QLocale().toString(int(round(float(value))))
    return QLocale().toString(float(value), "f", decimals)


def percent(value, decimals: int = 1) -> str:
    """A percentage (0–100) such as "75,0 %"; "—" if missing."""
    return "—" if is_missing(value) else f"{number(value, decimals)} %"


def share(value, decimals: int = 0) -> str:
    """A share (0–1) as a percentage."""
    return "—" if is_missing(value) else percent(100 * float(value), decimals)


def km(value, decimals: int = 1) -> str:
    return "—" if is_missing(value) else f"{number(value, decimals)} km"


class DecimalSpinBox(QDoubleSpinBox):
    """A number box that also takes "." as the decimal mark where the language writes
    ",": in Vietnamese, Qt refused the "." of a typed "3.5" (it read 35) and of a
    pasted "22.35991". Only in boxes whose values stay under 1000, where "." cannot be
    a thousands separator."""

    def _decimal(self, text: str) -> str:
        mark = self.locale().decimalPoint()
        if mark != "." and self.maximum() < 1000 and mark not in text:
            return text.replace(".", mark)
        return text

    def validate(self, text: str, pos: int):
        return super().validate(self._decimal(text), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt's name
        return super().valueFromText(self._decimal(text))
