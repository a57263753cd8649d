"""Translations: Qt .ts files in resources/translations, read by a QTranslator.

The .ts file (Qt Linguist's XML) is read directly, so no compiled .qm file and no
Qt tools are needed to build; translators edit the .ts file in Qt Linguist.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PyQt6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}


def translations_dir() -> Path:
    here = Path(__file__).resolve().parent
    for path in (
        here.parent.parent / "resources" / "translations",
        here.parent / "resources" / "translations",
    ):
        if path.exists():
            return path
    return here


class TsTranslator(QTranslator):
    """A translator reading a Qt .ts file: {(context, source): translation}."""

    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self.messages: dict[tuple[str, str], str] = {}
        root = ET.parse(path).getroot()
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.find("translation")
                if (
                    source
                    and translation is not None
                    and translation.text
                    and translation.get("type") != "unfinished"
                ):
                    self.messages[(name, source)] = translation.text

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: N802 - Qt's name
        return self.messages.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802
        return not self.messages


class Languages:
    """Installs the chosen language's translator on the application."""

    def __init__(self) -> None:
        self._translator: TsTranslator | None = None
        self.current = "en"

    @staticmethod
    def system_default() -> str:
        return "vi" if QLocale.system().name().lower().startswith("vi") else "en"

    def set(self, code: str) -> None:
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        if code != "en":
            path = translations_dir() / f"coverage_planner_{code}.ts"
            if path.exists():
                self._translator = TsTranslator(path)
                app.installTranslator(self._translator)
        # Numbers follow the language (Vietnamese: 1.234,5), see gui/formatting.py.
        QLocale.setDefault(
            QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
            if code == "vi"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        )
        self.current = code


def interface_language() -> str:
    """The interface language as the vocabulary names it ("vi" or "en"): the one
    ``Languages.set`` made the default locale, so the app's tables and legend read
    their words from ``coverage_planner.vocabulary`` in it."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"
