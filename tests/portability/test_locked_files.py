"""Replacing an output another program holds open, as Windows refuses to do while Excel
shows the file: a brief retry, then a message naming the file, and nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from coverage_planner.errors import FileInUseError
from coverage_planner.io import writers
from coverage_planner.io.writers import write_csv


class ExcelHolds:
    """``os.replace`` as on Windows while ``target`` is open in Excel, for ``times`` tries."""

    def __init__(self, target: Path, times: float) -> None:
        self.target, self.times, self.refused = Path(target), times, 0
        self._replace = os.replace

    def __call__(self, src, dst) -> None:
        # Windows also refuses to rename the folder that holds the open file
        held = Path(dst) == self.target or Path(src) == self.target.parent
        if held and self.refused < self.times:
            self.refused += 1
            raise PermissionError(
                13, "The process cannot access the file because it is being used", str(dst)
            )
        self._replace(src, dst)


@pytest.fixture
def old_csv(tmp_path):
    target = tmp_path / "Báo cáo phủ sóng 2025.csv"
    write_csv(pd.DataFrame({"xã": ["Mường Tè"], "4G": [78.0]}), target)
    return target


def test_a_brief_lock_is_waited_out(old_csv, monkeypatch):
    holds = ExcelHolds(old_csv, times=3)
    monkeypatch.setattr(writers.os, "replace", holds)
    write_csv(pd.DataFrame({"xã": ["Sìn Hồ"], "4G": [92.5]}), old_csv)
    assert holds.refused == 3
    assert pd.read_csv(old_csv, encoding="utf-8-sig")["xã"].tolist() == ["Sìn Hồ"]
    assert sorted(p.name for p in old_csv.parent.iterdir()) == [old_csv.name]


def test_a_file_kept_open_gives_a_clear_message_and_loses_nothing(old_csv, monkeypatch):
    monkeypatch.setattr(writers, "REPLACE_WAIT_S", 0.2)
    monkeypatch.setattr(writers.os, "replace", ExcelHolds(old_csv, times=float("inf")))
    with pytest.raises(FileInUseError) as info:
        write_csv(pd.DataFrame({"xã": ["Sìn Hồ"], "4G": [92.5]}), old_csv)
    message = str(info.value)
    aside = old_csv.with_name("Báo cáo phủ sóng 2025 (new).csv")
    assert str(old_csv) in message and aside.name in message
    vietnamese = info.value.text("vi")  # the same message in Vietnamese, names kept
    assert "đang được mở" in vietnamese and aside.name in vietnamese
    # the old file is untouched, the new version is complete beside it, no temporary left
    assert pd.read_csv(old_csv, encoding="utf-8-sig")["xã"].tolist() == ["Mường Tè"]
    assert pd.read_csv(aside, encoding="utf-8-sig")["xã"].tolist() == ["Sìn Hồ"]
    assert sorted(p.name for p in old_csv.parent.iterdir()) == sorted([old_csv.name, aside.name])


def test_a_second_locked_save_does_not_overwrite_the_first_kept_copy(old_csv, monkeypatch):
    monkeypatch.setattr(writers, "REPLACE_WAIT_S", 0.0)
    monkeypatch.setattr(writers.os, "replace", ExcelHolds(old_csv, times=float("inf")))
    for value in ("a", "b"):
        with pytest.raises(FileInUseError):
            write_csv(pd.DataFrame({"v": [value]}), old_csv)
    assert pd.read_csv(old_csv.with_name(f"{old_csv.stem} (new).csv"))["v"].tolist() == ["a"]
    assert pd.read_csv(old_csv.with_name(f"{old_csv.stem} (new 2).csv"))["v"].tolist() == ["b"]


def test_audit_folder_with_a_workbook_open_in_excel(demo_result, tmp_path, monkeypatch):
    """Every other output moves in; the open one stays, its new version beside it."""
    from coverage_planner.reports.audit import write_audit

    out = tmp_path / "Kiểm tra 2025"
    write_audit(demo_result, out)
    before = (out / "communes.csv").read_bytes()
    (out / "summary.json").write_text("{}", encoding="utf-8")  # to see it replaced
    monkeypatch.setattr(writers, "REPLACE_WAIT_S", 0.1)
    monkeypatch.setattr(writers.os, "replace", ExcelHolds(out / "communes.csv", float("inf")))
    with pytest.raises(FileInUseError) as info:
        write_audit(demo_result, out)
    assert "communes.csv" in str(info.value) and "communes (new).csv" in str(info.value)
    assert (out / "communes.csv").read_bytes() == before
    assert (out / "communes (new).csv").read_bytes() == before  # same result, complete
    assert (out / "summary.json").read_text(encoding="utf-8") != "{}"
    assert not [p for p in out.iterdir() if p.name.startswith(".partial")]


def test_cli_prints_the_message_and_exits_2(tmp_path, monkeypatch, capsys):
    from coverage_planner.cli import main

    out = tmp_path / "audit"
    args = ["audit", "--demo", "--model", "disk", "--no-maps", "--no-atlas", "--no-kmz"]
    assert main([*args, "--out", str(out), "--quiet"]) == 0
    monkeypatch.setattr(writers, "REPLACE_WAIT_S", 0.1)
    monkeypatch.setattr(writers.os, "replace", ExcelHolds(out / "coverage.xlsx", float("inf")))
    assert main([*args, "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "coverage.xlsx" in err and "coverage (new).xlsx" in err and "Traceback" not in err
