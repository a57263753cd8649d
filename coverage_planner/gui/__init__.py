"""The desktop application (PyQt6). Only this package imports Qt."""
