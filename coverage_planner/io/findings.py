"""Validation findings: what a loader noticed, and what it repaired, never silently."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One thing a planner should know about an input.

    ``feature`` is the feature's id (or its row number in the file, from 1 for the
    first data row) so the GUI can zoom to it; ``repair`` says what was done about it.
    """

    severity: Severity
    layer: str
    message: str
    feature: str | None = None
    repair: str | None = None

    def __str__(self) -> str:
        where = f" [{self.feature}]" if self.feature is not None else ""
        fix = f" — {self.repair}" if self.repair else ""
        return f"{self.severity.upper()} {self.layer}{where}: {self.message}{fix}"


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a table (severity, layer, feature, message, repair)."""
    cols = ["severity", "layer", "feature", "message", "repair"]
    return pd.DataFrame([asdict(f) for f in findings], columns=cols)


_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}


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
        text = str(findings[i])
        lines.append("  " + (text if len(text) <= 200 else text[:197] + "…"))
    if len(findings) > top:
        more = len(findings) - top
        lines.append(
            f"  … và {more} phát hiện khác (findings.csv)"
            if language == "vi"
            else f"  … and {more} more (findings.csv)"
        )
    return lines
