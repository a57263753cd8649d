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
