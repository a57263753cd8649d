"""Issue 11: Qt's own print dialogs read Vietnamese in the Vietnamese interface.

PyQt6's wheel ships no ``qtbase_vi``: the project's .ts file carries Qt's texts. Each
dialog is built in English and in Vietnamese; a text shown the same in both (with
letters in it) was left untranslated. Paper-size names (A4, Letter / ANSI A) and
typographic units are international names and are not compared.
"""

from __future__ import annotations

import pytest
from PyQt6.QtGui import QAction
from PyQt6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PyQt6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QWidget

from coverage_planner.gui.i18n import Languages

# Combo boxes of names that are the same in every language: paper sizes, units, copies.
NAMES_EVERYWHERE = {"pageSizeCombo", "unitCombo", "paperSource", "printers", "pagesPerSheetCombo"}


def shown_texts(dialog: QWidget) -> set[str]:
    texts = {dialog.windowTitle()}
    for w in dialog.findChildren(QWidget):
        texts.add(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.add(w.text())
        elif isinstance(w, QGroupBox):
            texts.add(w.title())
        elif isinstance(w, QLineEdit):
            texts.add(w.placeholderText())
        elif isinstance(w, QComboBox) and w.objectName() not in NAMES_EVERYWHERE:
            texts.update(w.itemText(i) for i in range(w.count()))
    for a in dialog.findChildren(QAction):
        texts.update((a.text(), a.toolTip()))
    return {t for t in texts if any(c.isalpha() for c in t)}


@pytest.mark.parametrize("make", [QPrintDialog, QPrintPreviewDialog, QPageSetupDialog])
def test_print_dialogs_have_no_english_left_in_vietnamese(qtbot, make):
    languages = Languages()
    seen = {}
    try:
        for code in ("en", "vi"):
            languages.set(code)
            printer = QPrinter()
            dialog = make(printer)
            qtbot.addWidget(dialog)
            seen[code] = shown_texts(dialog)
    finally:
        languages.set("en")
    assert seen["vi"], "the dialog shows no text at all"
    assert sorted(seen["vi"] & seen["en"]) == []


def test_printer_properties_have_no_english_left_in_vietnamese(qtbot):
    """The print dialog's Properties window (paper, job options: Qt's own dialog,
    opened modally): its texts in both languages, read while it is open."""
    from PyQt6.QtCore import QTimer
    from PyQt6.QtWidgets import QApplication, QDialog, QPushButton, QTabWidget

    languages = Languages()
    seen = {}
    try:
        for code in ("en", "vi"):
            languages.set(code)
            printer = QPrinter()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            dialog = QPrintDialog(printer)
            qtbot.addWidget(dialog)
            dialog.show()
            button = dialog.findChild(QPushButton, "properties")
            found: list[set[str]] = []

            def read_and_close(code=code, dialog=dialog, found=found):
                for w in QApplication.topLevelWidgets():
                    if isinstance(w, QDialog) and w.isVisible() and w is not dialog:
                        texts = shown_texts(w)
                        for tabs in w.findChildren(QTabWidget):
                            texts.update(tabs.tabText(i) for i in range(tabs.count()))
                        found.append(texts)
                        w.reject()

            QTimer.singleShot(300, read_and_close)
            button.click()
            assert found, "the Properties window did not open"
            seen[code] = found[0]
    finally:
        languages.set("en")
    assert sorted(seen["vi"] & seen["en"]) == []
