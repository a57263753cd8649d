"""``coverage-planner convert-encoding IN OUT`` and the legacy tables, checked on known
names typed by hand in TCVN3 and VNI-Windows (not produced by the converter)."""

from __future__ import annotations

import pandas as pd
import pyogrio
import pytest

from coverage_planner import cli
from coverage_planner.io.legacy import decode_tcvn3, decode_vni, guess_bytes_encoding
from tests.io.catalogue import SITE_NAMES, TCVN3, VNI, legacy_font_text, shapefile
from tests.io.helpers import communes_utm, encode_cp1258

KNOWN = ["Mường Tè", "Sìn Hồ", "Phong Thổ", "Nậm Nhùn", "Lai Châu"]


@pytest.mark.parametrize("name", KNOWN)
def test_known_names_decode_from_tcvn3_and_vni(name):
    assert decode_tcvn3(TCVN3[name]) == name
    assert decode_vni(VNI[name]) == name


def test_the_tcvn3_phrase_every_archive_has():
    raw = b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam"  # as typed with .VnTime
    assert decode_tcvn3(raw) == "Cộng hoà xã hội chủ nghĩa Việt Nam"


def test_tcvn3_capitals_typed_with_an_h_font():
    assert decode_tcvn3(b"M\xad\xeaNG T\xccN") == "MƯỜNG TÈN"


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda n: TCVN3[n], "TCVN3"),
        (lambda n: VNI[n], "VNI-Windows"),
        (encode_cp1258, "cp1258"),
    ],
)
def test_the_encoding_is_told_apart(encode, expected):
    assert guess_bytes_encoding([encode(n) for n in KNOWN]) == expected


@pytest.mark.parametrize("table", ["tcvn3", "vni"])
def test_convert_a_csv(tmp_path, capsys, table):
    names = TCVN3 if table == "tcvn3" else VNI
    raw = b"ma,ten\r\n" + b"".join(
        f"{i},".encode() + names[n] + b"\r\n" for i, n in enumerate(KNOWN)
    )
    (tmp_path / "in.csv").write_bytes(raw)
    assert cli.main(["convert-encoding", str(tmp_path / "in.csv"), str(tmp_path / "out.csv")]) == 0
    assert pd.read_csv(tmp_path / "out.csv", encoding="utf-8-sig")["ten"].tolist() == KNOWN
    assert (tmp_path / "in.csv").read_bytes() == raw  # the input untouched
    assert "read as" in capsys.readouterr().err


def test_convert_with_the_encoding_given(tmp_path):
    (tmp_path / "in.txt").write_bytes(b"\n".join(TCVN3[n] for n in KNOWN))
    args = [
        "convert-encoding",
        str(tmp_path / "in.txt"),
        str(tmp_path / "out.txt"),
        "--from",
        "abc",
    ]
    assert cli.main(args) == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines() == KNOWN


def test_convert_a_workbook_typed_with_a_vn_font(tmp_path):
    frame = pd.DataFrame({"ten": [legacy_font_text(TCVN3[n]) for n in SITE_NAMES]})
    frame.to_excel(tmp_path / "in.xlsx", index=False)
    assert (
        cli.main(["convert-encoding", str(tmp_path / "in.xlsx"), str(tmp_path / "out.xlsx")]) == 0
    )
    assert pd.read_excel(tmp_path / "out.xlsx")["ten"].tolist() == SITE_NAMES


def test_convert_a_shapefile_without_cpg(tmp_path):
    shp = shapefile(tmp_path, encode=lambda t: VNI[t] if t in VNI else t.encode())
    out = tmp_path / "out" / "xa.gpkg"
    out.parent.mkdir()
    assert cli.main(["convert-encoding", str(shp), str(out)]) == 0
    got = pyogrio.read_dataframe(out)
    assert got["ten_xa"].tolist() == communes_utm()["ten_xa"].tolist()


def test_convert_refuses_to_write_over_its_input(tmp_path, capsys):
    (tmp_path / "in.csv").write_bytes(TCVN3["Lai Châu"])
    assert cli.main(["convert-encoding", str(tmp_path / "in.csv"), str(tmp_path / "in.csv")]) == 2
    assert "the input itself" in capsys.readouterr().err
    assert (tmp_path / "in.csv").read_bytes() == TCVN3["Lai Châu"]


def test_convert_says_when_there_is_nothing_to_convert(tmp_path, capsys):
    (tmp_path / "in.csv").write_text("ten\nMường Tè\n", encoding="utf-8")
    assert cli.main(["convert-encoding", str(tmp_path / "in.csv"), str(tmp_path / "o.csv")]) == 2
    assert "already Unicode" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()
