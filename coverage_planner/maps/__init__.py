"""Matplotlib drawing shared by the GUI canvas and the exports."""
