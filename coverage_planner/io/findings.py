"""Validation findings: what a loader noticed, and what it repaired, never silently."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One thing a planner should know about an input.

    ``feature`` is the feature's id (or its row number in the file, from 1 for the
    first data row) so the GUI can zoom to it; ``repair`` says what was done about it.

    A loader gives ``key`` (and ``repair_key``) with ``params`` instead of the English
    sentences: ``message`` and ``repair`` are then filled in English (for existing
    callers and ``findings.csv``), and :meth:`text` / :meth:`repair_text` give either
    language from :mod:`coverage_planner.io.messages`.
    """

    severity: Severity
    layer: str
    message: str = ""
    feature: str | None = None
    repair: str | None = None
    key: str | None = None
    params: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    repair_key: str | None = None

    def __post_init__(self) -> None:
        if self.key is not None and not self.message:
            object.__setattr__(self, "message", self.text("en"))
        if self.repair_key is not None and self.repair is None:
            object.__setattr__(self, "repair", self.repair_text("en"))

    def text(self, language: str = "en") -> str:
        """The finding's sentence in ``language`` ("vi" or "en").

        A finding made without a key (by code outside ``io/``) keeps its one text.
        """
        if self.key is None:
            return self.message
        from coverage_planner.io.messages import render

        return render(self.key, language, self.params)

    def repair_text(self, language: str = "en") -> str | None:
        """What was done about it, in ``language``."""
        if self.repair_key is None:
            return self.repair
        from coverage_planner.io.messages import render

        return render(self.repair_key, language, self.params)

    def line(self, language: str = "en") -> str:
        """One line for a console or a list: severity, layer, feature, text, repair."""
        where = f" [{self.feature}]" if self.feature is not None else ""
        fix = self.repair_text(language)
        fix = f" — {fix}" if fix else ""
        if language == "vi":
            head = f"{_SEVERITY_VI[self.severity].upper()} {_LAYER_VI.get(self.layer, self.layer)}"
        else:
            head = f"{self.severity.upper()} {self.layer}"
        return f"{head}{where}: {self.text(language)}{fix}"

    def __str__(self) -> str:
        return self.line("en")


def findings_frame(findings: list[Finding], *, language: str = "en") -> pd.DataFrame:
    """The findings as a table (severity, layer, feature, message, repair, key), the
    message and repair in ``language``; ``key`` is the stable message key (empty for a
    finding made without one)."""
    cols = ["severity", "layer", "feature", "message", "repair", "key"]
    rows = [
        (f.severity, f.layer, f.feature, f.text(language), f.repair_text(language), f.key)
        for f in findings
    ]
    return pd.DataFrame(rows, columns=cols)


_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}
_LAYER_VI = {
    "communes": "xã",
    "villages": "thôn bản",
    "sites": "trạm",
    "backbone": "cáp quang",
    "population": "dân số",
    "terrain": "địa hình",
    "terrain (DEM)": "địa hình (DEM)",
    "dem": "địa hình",
}


def findings_summary(findings: list[Finding], *, language: str = "en", top: int = 3) -> list[str]:
    """A short summary for the end of a run: counts by severity, then the ``top`` most
    important findings (errors first, then warnings, in the order they were made)."""
    if not findings:
        return ["Không có phát hiện nào." if language == "vi" else "No findings."]
    counts = {s: sum(1 for f in findings if f.severity == s) for s in _ORDER}
    if language == "vi":
        head = "Phát hiện: " + ", ".join(f"{n} {_SEVERITY_VI[s]}" for s, n in counts.items() if n)
    else:
        head = "Findings: " + ", ".join(
            f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n
        )
    ranked = sorted(range(len(findings)), key=lambda i: (_ORDER[findings[i].severity], i))
    lines = [head]
    for i in ranked[:top]:
        text = findings[i].line(language)
        lines.append("  " + (text if len(text) <= 200 else text[:197] + "…"))
    if len(findings) > top:
        more = len(findings) - top
        lines.append(
            f"  … và {more} phát hiện khác (findings.csv)"
            if language == "vi"
            else f"  … and {more} more (findings.csv)"
        )
    return lines
