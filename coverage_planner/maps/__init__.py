"""matplotlib drawing shared by the GUI canvas and the exports."""

from coverage_planner.fonts import register_matplotlib_fonts

# Before anything is drawn: the shipped DejaVu Sans is found on every machine.
register_matplotlib_fonts()
