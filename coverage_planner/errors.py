"""The project's own exceptions for errors a user can cause.

The GUI shows their message in a dialog; the CLI prints it and exits with code 2.
A message names the file, the column or row, and says what to do.
"""

from __future__ import annotations


class UserError(Exception):
    """An error caused by the user's input or settings, explained in plain words."""


class InputFileError(UserError):
    """A file cannot be read, or its content cannot be used."""


class MissingColumnError(InputFileError):
    """A required column is absent from a file."""


class CrsError(InputFileError):
    """A file has no coordinate reference system, or an unusable one."""


class EncodingError(InputFileError):
    """A file's text is not in a known encoding."""


class ConfigError(UserError):
    """A configuration file or parameter value is invalid."""


class FileInUseError(UserError):
    """An output file cannot be replaced: another program (Excel, QGIS) holds it open."""


class Cancelled(Exception):
    """The user cancelled a long computation."""
