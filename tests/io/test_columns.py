import pandas as pd
import pytest

from coverage_planner.errors import InputFileError, MissingColumnError
from coverage_planner.io.aliases import column_key, match_columns, require_columns
from coverage_planner.io.coordinates import parse_coordinates
from coverage_planner.io.technologies import parse_technologies, parse_technology_cell


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Mã trạm", "ma_tram"),
        ("MA_TRAM", "ma_tram"),
        ("Độ cao anten (m)", "do_cao_anten_m"),
        ("Kinh độ", "kinh_do"),
        ("  Vĩ   độ ", "vi_do"),
        ("Nhà mạng", "nha_mang"),
        ("Dân số", "dan_so"),
    ],
)
def test_column_key_strips_diacritics_case_and_punctuation(name, key):
    assert column_key(name) == key


@pytest.mark.parametrize(
    "columns",
    [
        ["Mã trạm", "Kinh độ", "Vĩ độ", "Công nghệ", "Nhà mạng"],
        ["ma_tram", "kinh_do", "vi_do", "cong_nghe", "nha_mang"],
        ["id", "lng", "lat", "tech", "operator"],
        ["SITE_ID", "Longitude", "Latitude", "Technology", "Operator"],
    ],
)
def test_site_columns_match_in_english_and_vietnamese(columns):
    found = match_columns(columns, ["site_id", "lon", "lat", "tech", "operator"])
    assert list(found.values()) == columns


def test_user_override_wins_and_unknown_override_is_an_error():
    found = match_columns(
        ["A", "B", "lon", "lat"], ["lon", "lat"], overrides={"lon": "A", "lat": "B"}
    )
    assert found == {"lon": "A", "lat": "B"}
    with pytest.raises(InputFileError, match="'Z' chosen for 'lon' does not exist.*A, B, lon, lat"):
        match_columns(["A", "B", "lon", "lat"], ["lon"], overrides={"lon": "Z"}, source="x.csv")


def test_missing_column_error_names_file_and_its_columns():
    with pytest.raises(MissingColumnError) as err:
        require_columns({}, ["tech"], columns=["Mã trạm", "Kinh độ"], source="bts.xlsx")
    text = str(err.value)
    assert "bts.xlsx" in text and "tech" in text and "Mã trạm, Kinh độ" in text


def test_coordinates_decimal_commas_and_dms():
    values = pd.Series(
        [
            "22.3951",
            "22,3951",
            "22°23'42.36\"N",
            "103 27 10.5",
            "103°27.175'E",
            "abc",
            "",
            "22°23′42″ S",
        ]
    )
    out, kind = parse_coordinates(values)
    assert out[0] == pytest.approx(22.3951)
    assert out[1] == pytest.approx(22.3951) and kind[1] == "decimal_comma"
    assert out[2] == pytest.approx(22 + 23 / 60 + 42.36 / 3600) and kind[2] == "dms"
    assert out[3] == pytest.approx(103 + 27 / 60 + 10.5 / 3600) and kind[3] == "dms"
    assert out[4] == pytest.approx(103 + 27.175 / 60)
    assert pd.isna(out[5]) and kind[5] == "unreadable"
    assert pd.isna(out[6]) and kind[6] == "empty"
    assert out[7] == pytest.approx(-(22 + 23 / 60 + 42 / 3600))


@pytest.mark.parametrize(
    ("cell", "techs"),
    [
        ("2G/3G/4G", {"2G", "3G", "4G"}),
        ("3G, 4G", {"3G", "4G"}),
        ("GSM", {"2G"}),
        ("UMTS", {"3G"}),
        ("WCDMA", {"3G"}),
        ("LTE", {"4G"}),
        ("NR/5G", {"5G"}),
        ("gsm + lte", {"2G", "4G"}),
        ("2G và 3G", {"2G", "3G"}),
        ("", set()),
        (None, set()),
    ],
)
def test_technology_cells(cell, techs):
    assert set(parse_technology_cell(cell)[0]) == techs


def test_unknown_technology_words_are_reported():
    flags, unknown = parse_technologies(pd.Series(["2G/3G", "WiMAX/4G", None]))
    assert flags["serves_4g"].tolist() == [False, True, False]
    assert unknown.tolist() == ["", "WIMAX", ""]
