"""The project's own exceptions for errors a user can cause.

The GUI shows their message in a dialog; the CLI prints it and exits with code 2.
A message names the file, the column or row, and says what to do.

A message is named by a stable key of the catalogue
(:mod:`coverage_planner.io.messages`) with its parameters: raise
``InputFileError(key="error.file_empty", file=path)`` and show ``exc.text(language)``.
The older form ``InputFileError(english, vi=vietnamese)`` still works; where no
Vietnamese text was given, ``text("vi")`` falls back to the English one.
"""

from __future__ import annotations


class UserError(Exception):
    """An error caused by the user's input or settings, explained in plain words.

    Parameters
    ----------
    message
        The English text (also ``str(exc)``), where no ``key`` is given.
    vi
        The same message in Vietnamese, where the raiser has it.
    key
        The message's key in the catalogue; its English and Vietnamese sentences are
        then written from ``params`` (the file, the values, the counts).
    """

    def __init__(
        self, message: str = "", *, vi: str | None = None, key: str | None = None, **params: object
    ) -> None:
        self.key = key
        self.params = params
        if key is not None:
            from coverage_planner.io.messages import render

            message, vi = render(key, "en", params), render(key, "vi", params)
        super().__init__(message)
        self.vi = vi

    def text(self, language: str = "en") -> str:
        """The message in ``language`` ("vi" or "en"), English where no translation exists."""
        if language == "vi" and self.vi:
            return self.vi
        return str(self)


class InputFileError(UserError):
    """A file cannot be read, or its content cannot be used."""


class MissingColumnError(InputFileError):
    """A required column is absent from a file."""


class CrsError(InputFileError):
    """A file has no coordinate reference system, or an unusable one."""


class EncodingError(InputFileError):
    """A file's text is not in a known encoding."""


class ImplausibleInputError(InputFileError):
    """The inputs cannot describe the province (e.g. the sites lie far outside it)."""


class ConfigError(UserError):
    """A configuration file or parameter value is invalid."""


class OutputError(UserError):
    """The output folder cannot be used or written (an input inside it, no space, read-only)."""


class FileInUseError(UserError):
    """An output file cannot be replaced: another program (Excel, QGIS) holds it open."""


class Cancelled(Exception):
    """The user cancelled a long computation."""
