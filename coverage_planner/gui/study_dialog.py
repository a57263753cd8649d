"""The *Study…* dialog: the study description every export carries (province, title,
organisation, year). Built from a :class:`~coverage_planner.study.StudyDescription` and
returning one, so tests fill the fields and call ``accept()``."""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from coverage_planner.study import StudyDescription

NO_YEAR = 1999
"""The spin box's lowest value, shown as "—": no year given."""


def tr(text: str) -> str:
    return QCoreApplication.translate("StudyDialog", text)


class StudyDialog(QDialog):
    """Edit a study description; ``communes_province`` is what the communes say (shown
    as the province's placeholder: left empty, it is used)."""

    def __init__(
        self,
        study: StudyDescription,
        parent: QWidget | None = None,
        *,
        communes_province: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Study"))
        form = QFormLayout(self)
        hint = QLabel(tr("Every map, atlas page and workbook carries this description."), self)
        hint.setWordWrap(True)
        form.addRow(hint)
        self.province = QLineEdit(study.province, self)
        self.province.setPlaceholderText(
            tr("from the communes: {0}").format(communes_province)
            if communes_province
            else tr("e.g. Lai Châu")
        )
        form.addRow(tr("Province"), self.province)
        self.title = QLineEdit(study.title, self)
        self.title.setPlaceholderText(tr("e.g. Mobile coverage review 2025"))
        form.addRow(tr("Title"), self.title)
        self.organisation = QLineEdit(study.organisation, self)
        self.organisation.setPlaceholderText(tr("e.g. Department of Science and Technology"))
        form.addRow(tr("Organisation"), self.organisation)
        self.year = QSpinBox(self)
        self.year.setRange(NO_YEAR, 2200)
        self.year.setSpecialValueText("—")
        self.year.setValue(study.year or NO_YEAR)
        form.addRow(tr("Year"), self.year)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(460)

    def value(self) -> StudyDescription:
        year = self.year.value()
        return StudyDescription(
            province=self.province.text().strip(),
            title=self.title.text().strip(),
            organisation=self.organisation.text().strip(),
            year=None if year == NO_YEAR else year,
        )
