"""Colours and labels of the map, the same on screen and in exports.

Village status colours are from the Okabe-Ito palette, distinguishable with the
common colour-vision deficiencies.
"""

from __future__ import annotations

STATUS_COLOURS = {
    "covered": "#0072B2",  # blue
    "partial": "#E69F00",  # orange
    "uncovered": "#D55E00",  # vermillion
}
TECH_COLOURS = {"2G": "#009E73", "3G": "#56B4E9", "4G": "#CC79A7", "5G": "#F0E442"}
COMMUNE_EDGE = "#333333"
DISTRICT_EDGE = "#000000"
BACKBONE = "#7B3294"
HIGHLIGHT = "#FFD700"
COVERAGE_ALPHA = 0.25
FONT_FAMILY = ["DejaVu Sans"]  # ships with matplotlib; covers Vietnamese
