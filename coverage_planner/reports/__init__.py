"""Audit outputs, year-over-year comparison, boundary crosswalk."""
