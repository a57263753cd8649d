"""Coverage Planner: mobile coverage planning for a Vietnamese province."""

__version__ = "0.1.0"
