"""Opening and saving the study, and the guard that never loses unsaved work.

A mixin of :class:`~coverage_planner.gui.main_window.MainWindow`: open data or a project
(asking first to save unsaved changes), save and save-as, the study description,
autosave and the recovery offered after a crash. The sites edited in the app are part
of what is saved, autosaved and restored (as changes to the site file).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PyQt6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PyQt6.QtWidgets import QMessageBox

from coverage_planner.errors import UserError
from coverage_planner.gui import file_dialogs
from coverage_planner.gui.open_dialog import OpenDataDialog
from coverage_planner.io.inputs import InputFiles
from coverage_planner.project import SUFFIX, load_project, load_site_edits, save_project


def tr(text: str) -> str:
    """Translate ``text`` in the main window's context."""
    return QCoreApplication.translate("MainWindow", text)


def saved_at_text(saved_at: str) -> str:
    """An autosave's ISO time as the language writes it, one unbreakable piece (a line
    broke between the date and the time)."""
    when = QDateTime.fromString(saved_at, Qt.DateFormat.ISODate)
    if not when.isValid():
        return saved_at
    # Qt's short format is "12/2/26" in US English: a day and a month to guess.
    text = QLocale().toString(when, tr("d MMM yyyy, HH:mm"))
    return text.replace(" ", "\u00a0")


class ProjectFiles:
    """Open, save, autosave and recover the study; ask before unsaved work is dropped."""

    def open_files(
        self, files: InputFiles, params=None, *, saved: bool = True, site_edits=None
    ) -> None:
        self._on_status(tr("Loading…"))
        self.study.open(files, params, saved=saved, site_edits=site_edits)

    def open_data(self) -> None:
        if not self.maybe_keep_changes():
            return
        dialog = OpenDataDialog(self.study.files, self, settings=self.settings)
        if dialog.exec():
            self.project_path = None
            self.retranslate()
            # New data belong to no project file yet: the study counts as modified.
            self.open_files(dialog.value(), saved=False)

    def open_project(self, path: str | Path, *, ask: bool = True) -> None:
        """Open a project file; ``ask``: first offer to save unsaved changes."""
        if ask and not self.maybe_keep_changes():
            return
        try:
            files, params = load_project(path)
            site_edits = load_site_edits(path)
        except UserError as exc:
            self.show_user_error(exc)
            return
        self.project_path = Path(path)
        self.plan.load_scenarios(self.project_path)
        self._remember(self.project_path)
        self.retranslate()
        self.open_files(files, params, site_edits=site_edits)

    def open_project_dialog(self) -> None:
        if not self.maybe_keep_changes():
            return
        path = file_dialogs.open_file(
            self,
            self.settings,
            "project",
            title=tr("Open project"),
            filters=tr("Coverage Planner project (*{0})").format(SUFFIX),
        )
        if path:
            self.open_project(path, ask=False)

    def edit_study(self) -> None:
        """File → Study…: the description every export carries."""
        from coverage_planner.gui.study_dialog import StudyDialog
        from coverage_planner.study import province_of_communes

        result = self.study.result
        dialog = StudyDialog(
            self.study.params.study,
            self,
            communes_province=province_of_communes(result.communes) if result else "",
        )
        if dialog.exec():
            self.set_study(dialog.value())

    def set_study(self, study) -> None:
        """Use ``study`` from now on: saved with the project, printed on every export.
        Not a computation input: nothing is recomputed."""
        self.study.params = replace(self.study.params, study=study)
        if self.study.result is not None:
            self.study.result.params = replace(self.study.result.params, study=study)
        self.study.modified_changed.emit(self.study.modified)

    def save_project(self) -> bool:
        """Save to the project file (asking for one the first time); True when saved."""
        if self.project_path is None:
            return self.save_project_as()
        return self._save(self.project_path)

    def save_project_as(self) -> bool:
        name = self.project_path.name if self.project_path else f"study{SUFFIX}"
        path = file_dialogs.save_file(
            self,
            self.settings,
            "project",
            title=tr("Save project"),
            name=name,
            filters=tr("Coverage Planner project (*{0})").format(SUFFIX),
        )
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        return self._save(Path(path))

    def _save(self, path: Path) -> bool:
        if self.study.files is None:
            self._on_error(tr("Open data before saving a project."), True)
            return False
        try:
            save_project(
                path, self.study.files, self.study.params, site_edits=self.study.site_edits
            )
        except OSError as exc:
            self._on_error(
                tr("The project could not be written to {0}: {1}").format(
                    path, exc.strerror or exc
                ),
                True,
            )
            return False
        self.plan.save_scenarios(path)
        self.project_path = path
        self.study.mark_saved()
        self._remember(path)
        self.retranslate()
        self._on_status(tr("Project saved: {0}").format(path))
        return True

    def maybe_keep_changes(self) -> bool:
        """Before the study is closed or replaced: with unsaved changes, ask to save
        them. True when the caller may go on (saved, discarded or nothing to save)."""
        if not self.study.modified:
            return True
        box = QMessageBox(self)
        box.setObjectName("unsaved_dialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Coverage Planner"))
        box.setText(tr("The study has unsaved changes."))
        box.setInformativeText(tr("Save them in a project file before going on?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save_project()
        return answer == QMessageBox.StandardButton.Discard

    def _on_modified(self, modified: bool) -> None:
        self.setWindowModified(modified)
        if modified:
            self._autosave_timer.start()
        else:
            self._autosave_timer.stop()
            self.autosave.clear()

    def _autosave_now(self) -> None:
        if self.study.files is None or not self.study.modified:
            return
        try:
            self.autosave.save(
                self.study.files,
                self.study.params,
                project=self.project_path,
                site_edits=self.study.site_edits,
            )
        except OSError as exc:  # a full or read-only disk must not stop the planner's work
            self._on_status(tr("Autosave failed: {0}").format(exc))

    def offer_recovery(self) -> bool:
        """If the last session ended without a clean exit, offer its autosaved study.
        True when it was restored (it opens as modified, to be saved)."""
        recovery = self.autosave.pending()
        if recovery is None:
            return False
        box = QMessageBox(self)
        box.setObjectName("recovery_dialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Coverage Planner"))
        box.setText(tr("Coverage Planner did not close normally last time."))
        study = (
            tr("The project {0}").format(recovery.project.name.removesuffix(SUFFIX))
            if recovery.project is not None
            else tr("The study (not saved as a project)")
        )
        box.setInformativeText(
            tr(
                "{0} was saved automatically at {1}, with its unsaved changes.\n\n"
                "Restore opens it as it was then. Discard deletes that copy."
            ).format(study, saved_at_text(recovery.saved_at))
        )
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        box.setStandardButtons(yes | no)
        # Yes/No say nothing of what is kept; "No" deleted the autosave unannounced.
        box.button(yes).setText(tr("Restore"))
        box.button(no).setText(tr("Discard"))
        box.setDefaultButton(yes)
        box.setEscapeButton(yes)  # closing the box must not delete the work
        if box.exec() != yes:
            self.autosave.clear()
            return False
        self.restore(recovery)
        return True

    def restore(self, recovery) -> None:
        """Open an autosaved study, under the project it came from, unsaved."""
        self.project_path = recovery.project
        self.retranslate()
        self.open_files(
            recovery.files, recovery.params, saved=False, site_edits=recovery.site_edits
        )
