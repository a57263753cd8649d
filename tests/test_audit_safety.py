"""The audit's output folder and faults: inputs never overwritten, the folder replaced as
a whole, a lock, a full disk, a read-only folder, kill -9 and Ctrl-C; the audit file's
keys checked; the summary of findings printed at the end."""

from __future__ import annotations

import errno
import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coverage_planner import cli
from tests.io.catalogue import write_study


@pytest.fixture
def study(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write_study(data)
    return data


def audit(study, out, *extra):
    return [
        "audit",
        "--communes",
        str(study / "communes.gpkg"),
        "--villages",
        str(study / "villages.gpkg"),
        "--sites",
        str(study / "sites.csv"),
        "--out",
        str(out),
        "--no-maps",
        "--no-atlas",
        "--no-kmz",
        "--no-workbook",
        *extra,
    ]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under a folder (hidden ones too) with its content hash."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_out_in_the_input_folder_is_refused_before_any_work(study, capsys):
    before = fingerprint(study)
    assert cli.main(audit(study, study, "--quiet")) == 2
    err = capsys.readouterr().err
    assert "holds the input" in err and "sites.csv" in err or "communes.gpkg" in err
    assert fingerprint(study) == before


def test_out_containing_the_input_folder_is_refused(study, capsys):
    before = fingerprint(study.parent)
    assert cli.main(audit(study, study.parent, "--quiet")) == 2
    assert "holds the input" in capsys.readouterr().err
    assert fingerprint(study.parent) == before


def test_out_that_is_a_file_is_refused(study, tmp_path, capsys):
    (tmp_path / "report.txt").write_text("mine", encoding="utf-8")
    assert cli.main(audit(study, tmp_path / "report.txt", "--quiet")) == 2
    assert "is an existing file" in capsys.readouterr().err
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "mine"


def test_out_holding_other_files_is_refused(study, tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.docx").write_bytes(b"notes")
    assert cli.main(audit(study, tmp_path / "mine", "--quiet")) == 2
    assert "other files (notes.docx)" in capsys.readouterr().err
    assert (tmp_path / "mine" / "notes.docx").read_bytes() == b"notes"


def test_previous_as_out_is_refused(study, tmp_path, capsys):
    out = tmp_path / "audit"
    assert cli.main(audit(study, out, "--quiet")) == 0
    before = fingerprint(out)
    assert cli.main(audit(study, out, "--quiet", "--previous", str(out))) == 2
    assert "last year's audit" in capsys.readouterr().err
    assert fingerprint(out) == before


def test_second_run_replaces_the_folder_as_a_whole(study, tmp_path):
    out = tmp_path / "audit"
    assert cli.main(audit(study, out, "--quiet")) == 0
    first = set(fingerprint(out))
    (out / "map_4g.png").write_bytes(b"an earlier run's map")
    (out / ".partial-dead").mkdir()  # a staging folder of the old layout, left by kill -9
    (tmp_path / ".audit.partial-dead").mkdir()  # and of this one
    assert cli.main(audit(study, out, "--quiet")) == 0
    assert set(fingerprint(out)) == first  # only what this run wrote
    assert not list(tmp_path.glob(".audit.*"))
    assert not (out / ".partial-dead").exists()


def test_a_full_disk_leaves_the_previous_results_intact(study, tmp_path, monkeypatch, capsys):
    out = tmp_path / "audit"
    assert cli.main(audit(study, out, "--quiet")) == 0
    before = fingerprint(out)
    import coverage_planner.reports.audit as audit_module

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(audit_module, "summary_json", full)
    assert cli.main(audit(study, out, "--quiet")) == 2
    err = capsys.readouterr().err
    assert "disk" in err and "full" in err and "previous results are intact" in err
    assert fingerprint(out) == before
    assert not list(tmp_path.glob(".audit.*"))


def test_a_read_only_folder_is_a_message_before_any_work(study, tmp_path, monkeypatch, capsys):
    # Tests run as root in CI, where permissions do not bind: the refusal is injected where
    # the system would give it, at the first write beside the output folder.
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if self.parent == tmp_path / "ro":
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    (tmp_path / "ro").mkdir()
    monkeypatch.setattr(Path, "mkdir", read_only)
    assert cli.main(audit(study, tmp_path / "ro" / "audit", "--quiet")) == 2
    assert "read-only" in capsys.readouterr().err
    assert list((tmp_path / "ro").iterdir()) == []


def test_two_audits_into_one_folder_cannot_interleave(study, tmp_path, capsys):
    out = tmp_path / "audit"
    # another process holds the lock
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from coverage_planner.reports.output_folder import _Lock;"
            f"l = _Lock(Path({str(tmp_path / '.audit.lock')!r})); assert l.acquire();"
            "print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert cli.main(audit(study, out, "--quiet")) == 2
        assert "Another audit is writing" in capsys.readouterr().err
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    # the system releases a dead process's lock: the next run goes through
    assert cli.main(audit(study, out, "--quiet")) == 0


def _interrupted_run(study, tmp_path, sig):
    out = tmp_path / "audit"
    assert cli.main(audit(study, out, "--quiet")) == 0
    before = fingerprint(out)
    # a slow writer, so that the signal lands in the middle of writing the outputs
    code = (
        "import sys, time\n"
        "import coverage_planner.reports.audit as a\n"
        "real = a.summary_json\n"
        "def slow(*args, **kw):\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
        "    return real(*args, **kw)\n"
        "a.summary_json = slow\n"
        "from coverage_planner import cli\n"
        f"sys.exit(cli.main({audit(study, out, '--quiet')!r}))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    line = proc.stdout.readline()
    assert line.strip() == "writing", proc.stderr.read()
    assert time.monotonic() < deadline
    assert list(tmp_path.glob(".audit.partial-*"))  # the staging folder is there …
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert fingerprint(out) == before  # … and the results of the earlier run are untouched
    return out, proc.returncode, err, before


def test_kill_9_in_the_middle_of_an_audit_leaves_the_folder_as_it_was(study, tmp_path):
    out, code, _, before = _interrupted_run(study, tmp_path, signal.SIGKILL)
    assert code == -signal.SIGKILL
    # the next run removes the dead run's staging folder and replaces the results
    assert cli.main(audit(study, out, "--quiet")) == 0
    assert not list(tmp_path.glob(".audit.*"))
    assert set(fingerprint(out)) == set(before)


def test_ctrl_c_in_the_middle_of_an_audit_leaves_no_partial_file(study, tmp_path):
    _, code, err, _ = _interrupted_run(study, tmp_path, signal.SIGINT)
    assert code == 1 and "interrupted" in err and "Traceback" not in err
    assert not list(tmp_path.glob(".audit.*"))


def test_the_summary_of_findings_is_printed_at_the_end(study, tmp_path, capsys):
    assert cli.main(audit(study, tmp_path / "audit")) == 0
    err = capsys.readouterr().err
    assert "Findings: 2 warnings" in err or "Findings:" in err
    assert "village B3 lies in no commune" in err  # one of the three most important


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[coverage]\nvillage_area_shar = 0.9\n", "did you mean 'village_area_share'"),
        ("[coverag]\nvillage_area_share = 0.9\n", "did you mean 'coverage'"),
        ('[technologies.4G]\nradius_km = "ba km"\n', "radius_km must be a number"),
        ("[technologies.4G]\nradius_kms = 3\n", "did you mean 'radius_km'"),
        ('[audit]\nworkers = "two"\n', "workers must be a whole number"),
        ("[outputs]\nlanguge = 'vi'\n", "did you mean 'language'"),
        ("[broadband]\nreach_km = true\n", "reach_km must be a number"),
        ("[coverage]\nvillage_area_share = \n", "not valid TOML"),
        ('[inputs.crs]\nsitez = "EPSG:4326"\n', "did you mean 'sites'"),
        ("[technologies.4G]\nradius_km = -3\n", "must be positive"),
    ],
)
def test_config_mistakes_are_messages(study, tmp_path, capsys, toml, expected):
    (tmp_path / "a.toml").write_text(toml, encoding="utf-8")
    args = audit(study, tmp_path / "audit", "--quiet", "--config", str(tmp_path / "a.toml"))
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_audit_file_saved_as_ansi_is_read_with_a_note(study, tmp_path, capsys):
    text = (
        "# kiểm tra năm 2025 — Lai Châu\n[inputs]\n"
        f'communes = "{study / "communes.gpkg"}"\nvillages = "{study / "villages.gpkg"}"\n'
        f'sites = "{study / "sites.csv"}"\ncrs = "EPSG:3405"\n'
    )
    from tests.io.helpers import encode_cp1258

    (tmp_path / "a.toml").write_bytes(encode_cp1258(text))
    args = ["audit", "--config", str(tmp_path / "a.toml"), "--out", str(tmp_path / "audit")]
    assert cli.main([*args, "--no-maps", "--no-atlas", "--no-kmz", "--no-workbook"]) == 0
    err = capsys.readouterr().err
    assert "ANSI" in err


def test_readme_audit_file_with_global_crs_beside_gps_sites_is_not_zero(study, tmp_path):
    """The issue's worst case: crs = "EPSG:3405" beside a lon/lat list gave 0 %, exit 0."""
    import json

    (tmp_path / "a.toml").write_text(
        "[inputs]\n"
        f'communes = "{study / "communes.gpkg"}"\nvillages = "{study / "villages.gpkg"}"\n'
        f'sites = "{study / "sites.csv"}"\ncrs = "EPSG:3405"\n',
        encoding="utf-8",
    )
    args = ["audit", "--config", str(tmp_path / "a.toml"), "--out", str(tmp_path / "audit")]
    assert cli.main([*args, "--quiet", "--no-maps", "--no-atlas", "--no-kmz"]) == 0
    summary = json.loads((tmp_path / "audit" / "summary.json").read_text(encoding="utf-8"))
    # village B1 (2 km square) holds the 4G site LCU001 at its centre: covered
    assert summary["villages_covered_pct"]["4G"] > 0


def test_per_layer_crs_in_the_audit_file(study, tmp_path):
    (tmp_path / "a.toml").write_text(
        "[inputs]\n"
        f'communes = "{study / "communes.gpkg"}"\nvillages = "{study / "villages.gpkg"}"\n'
        f'sites = "{study / "sites.csv"}"\n[inputs.crs]\nsites = "EPSG:4326"\n'
        'default = "EPSG:3405"\n',
        encoding="utf-8",
    )
    from coverage_planner.batch import load_audit_config

    config = load_audit_config(tmp_path / "a.toml")
    assert config.files.sites.crs == "EPSG:4326"
    assert config.files.communes.crs is None and config.files.communes.default_crs == "EPSG:3405"


def test_every_village_uncovered_because_the_sites_miss_the_communes_stops(study, tmp_path, capsys):
    """Sites inside the communes' extent but in none of them, and every village uncovered."""
    import pandas as pd

    from tests.io.helpers import X0, Y0, lonlat

    frame = pd.read_csv(study / "sites.csv", encoding="utf-8-sig")
    # all three just south of the communes (2 km below their southern edge), 4G 3 km discs
    for i, x in enumerate((X0 + 2000, X0 + 15_000, X0 + 25_000)):
        frame.loc[i, ["Kinh độ", "Vĩ độ"]] = lonlat(x, Y0 - 5_000)
    frame["Công nghệ"] = "4G"
    frame.to_csv(study / "sites.csv", index=False, encoding="utf-8-sig")
    args = audit(study, tmp_path / "audit", "--quiet")
    assert cli.main(args) == 2
    assert "none of the 3 sites lies in a commune" in capsys.readouterr().err
    assert not (tmp_path / "audit").exists()


def test_internal_error_prints_a_report_not_a_bare_traceback(study, tmp_path, monkeypatch, capsys):
    import coverage_planner.coverage.engine as engine

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(engine, "run", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert cli.main(audit(study, tmp_path / "audit", "--quiet")) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "ZeroDivisionError" in err and "saved in" in err


def test_vietnamese_messages_with_language_vi(study, tmp_path, capsys):
    assert cli.main(audit(study, study, "--quiet", "--language", "vi")) == 2
    assert "Thư mục kết quả" in capsys.readouterr().err


def test_os_errors_on_reading_are_messages(tmp_path, capsys):
    (tmp_path / "conf").mkdir()
    assert cli.main(["audit", "--demo", "--config", str(tmp_path / "conf"), "--quiet"]) == 2
    assert "is a folder" in capsys.readouterr().err
