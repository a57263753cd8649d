"""Property-based fuzzing (hypothesis) of what planners type: coordinates in every form,
technology cells, numbers, column names, and the CSV dialect. Each property is checked
against the value the text was generated from, never against the parser's own output."""

from __future__ import annotations

import io
import unicodedata

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage_planner.io.aliases import column_key, match_columns
from coverage_planner.io.coordinates import parse_coordinates
from coverage_planner.io.legacy import decode_vni, faults
from coverage_planner.io.sites import checked_values
from coverage_planner.io.table import read_table
from coverage_planner.io.technologies import parse_technology_cell

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

degrees = st.floats(min_value=0.0, max_value=179.999, allow_nan=False, allow_infinity=False)


def dms_text(value: float, *, style: int, comma: bool) -> str:
    total = round(value * 3600, 5)  # seconds, rounded first so that 59.999995 is never "60"
    deg, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    deg, minutes = int(deg), int(minutes)
    seconds = f"{secs:.5f}"
    if comma:
        seconds = seconds.replace(".", ",")
    marks = [
        ("°", "'", '"'),
        ("º", "′", "″"),
        (" độ ", " phút ", " giây"),
        (" ĐỘ ", " PHÚT ", " GIÂY"),
        ("d", "m", "s"),
        (" ", " ", ""),
    ][style]
    return f"{deg}{marks[0]}{minutes}{marks[1]}{seconds}{marks[2]}"


@FAST
@given(
    value=degrees,
    style=st.integers(0, 5),
    comma=st.booleans(),
    pad=st.sampled_from(["", " ", "  "]),
)
def test_dms_in_every_spelling_reads_back_its_value(value, style, comma, pad):
    text = pad + dms_text(value, style=style, comma=comma) + pad
    out, kind = parse_coordinates(pd.Series([text], dtype=object))
    assert kind[0] == "dms"
    assert abs(out[0] - value) < 1e-6  # seconds kept to 1e-5


@FAST
@given(
    value=degrees,
    hemisphere=st.sampled_from(["N", "E", "S", "W", "B", "Đ", "T", " Nam", " Tây", " Bắc"]),
)
def test_hemisphere_letters_and_words_give_the_sign(value, hemisphere):
    text = dms_text(value, style=0, comma=False) + hemisphere
    out, _ = parse_coordinates(pd.Series([text], dtype=object))
    negative = hemisphere.strip() in ("S", "W", "T", "Nam", "Tây")
    assert abs(out[0] - (-value if negative else value)) < 1e-6


@FAST
@given(value=st.floats(-180, 180, allow_nan=False), decimals=st.integers(1, 8), comma=st.booleans())
def test_decimal_points_and_commas(value, decimals, comma):
    text = f"{value:.{decimals}f}"
    if comma:
        text = text.replace(".", ",")
    out, kind = parse_coordinates(pd.Series([text], dtype=object))
    assert abs(out[0] - round(value, decimals)) < 10 ** (-decimals)
    assert kind[0] == ("decimal_comma" if comma and "," in text else "number")


@FAST
@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_any_text_is_a_number_or_unreadable_never_an_exception(cells):
    out, kind = parse_coordinates(pd.Series(cells, dtype=object))
    assert len(out) == len(cells)
    values = out.to_numpy(dtype=float)
    assert np.all(np.isfinite(values) | np.isnan(values))  # never inf
    assert set(kind) <= {"number", "decimal_comma", "dms", "unreadable", "empty"}
    assert np.all(np.isnan(values[(kind == "unreadable").to_numpy()]))


WORDS = {
    "2G": ["2G", "GSM", "gsm", "2g", "GPRS", "EDGE", "DCS1800"],
    "3G": ["3G", "UMTS", "WCDMA", "wcdma", "HSPA", "3g"],
    "4G": ["4G", "LTE", "lte", "LTE-A", "4g", "LTE1800"],
    "5G": ["5G", "NR", "5G-NR", "nr"],
}


@FAST
@given(
    techs=st.lists(st.sampled_from(sorted(WORDS)), min_size=1, max_size=4),
    data=st.data(),
    sep=st.sampled_from(["/", ", ", ";", " ", " + ", " và ", " and ", "|", " & "]),
)
def test_technology_cells_name_exactly_their_technologies(techs, data, sep):
    words = [data.draw(st.sampled_from(WORDS[t])) for t in techs]
    found, unknown = parse_technology_cell(sep.join(words))
    assert found == frozenset(techs) and unknown == []


@FAST
@given(st.text(max_size=40))
def test_any_technology_cell_is_parsed_without_exception(cell):
    found, unknown = parse_technology_cell(cell)
    assert found <= {"2G", "3G", "4G", "5G"}


@FAST
@given(
    values=st.lists(st.floats(0.01, 99.0, allow_nan=False), min_size=1, max_size=10),
    comma=st.booleans(),
)
def test_radius_numbers_as_typed_are_read_and_kept(values, comma):
    texts = [f"{v:.3f}".replace(".", ",") if comma else f"{v:.3f}" for v in values]
    findings = []
    rows = pd.Series([str(i + 2) for i in range(len(values))])
    out = checked_values(
        pd.Series(texts, dtype=object),
        column="radius_km",
        what="radius_km",
        rows=rows,
        findings=findings,
    )
    np.testing.assert_allclose(out.to_numpy(), np.round(values, 3))
    assert findings == []


@FAST
@given(
    good=st.floats(0.5, 50, allow_nan=False),
    bad=st.one_of(
        st.floats(-1e6, 0.0, allow_nan=False),
        st.floats(100.01, 1e9, allow_nan=False),
        st.sampled_from(["ba km", "xa", "?", "inf", "-inf"]),
    ),
)
def test_implausible_radii_are_reported_and_never_used(good, bad):
    findings = []
    out = checked_values(
        pd.Series([good, bad], dtype=object),
        column="Bán kính",
        what="radius_km",
        rows=pd.Series(["2", "3"]),
        findings=findings,
    )
    assert out[0] == good and np.isnan(out[1])
    assert len(findings) == 1 and "row 3" in findings[0].message


ROLE_NAMES = {
    "lon": "Kinh độ",
    "lat": "Vĩ độ",
    "tech": "Công nghệ",
    "site_id": "Mã trạm",
    "operator": "Nhà mạng",
}


def respell(name: str, data) -> str:
    """The same column name as another person types it: case, diacritics, separators."""
    if data.draw(st.booleans()):
        name = "".join(
            c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
        )
        name = name.replace("đ", "d").replace("Đ", "D")
    case = data.draw(st.sampled_from([str.lower, str.upper, str.title, lambda s: s]))
    sep = data.draw(st.sampled_from([" ", "_", "  ", "-", "."]))
    pad = data.draw(st.sampled_from(["", " "]))
    return pad + case(name).replace(" ", sep) + pad


@FAST
@given(data=st.data())
def test_column_names_are_recognised_however_they_are_spelt(data):
    spelt = {role: respell(name, data) for role, name in ROLE_NAMES.items()}
    if len({column_key(v) for v in spelt.values()}) < len(spelt):
        return
    cols = match_columns(list(spelt.values()), list(ROLE_NAMES), source="fuzz")
    assert cols == spelt


cell_text = (
    st.lists(
        st.sampled_from(list("abcxyz019 ,;|\t\"'") + ["Mường", "Tè", "Sìn", "Hồ", "ậ"]),
        min_size=1,
        max_size=8,
    )
    .map(lambda parts: "".join(parts).strip())
    .filter(lambda s: s != "")
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(st.lists(cell_text, min_size=4, max_size=4), min_size=2, max_size=8),
    sep=st.sampled_from([",", ";", "\t", "|"]),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_csv_dialects_read_back_the_table_written(tmp_path_factory, rows, sep, bom, crlf):
    frame = pd.DataFrame(rows, columns=["Mã trạm", "Tên trạm", "Ghi chú", "Địa chỉ"])
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    buffer = io.StringIO()
    frame.to_csv(buffer, sep=sep, index=False, quoting=1, lineterminator="\r\n" if crlf else "\n")
    path.write_bytes(buffer.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    out = read_table(path)
    assert list(out.columns) == list(frame.columns)
    assert out.astype(str).to_numpy().tolist() == frame.astype(str).to_numpy().tolist()


syllables = st.sampled_from(
    [
        "Mường",
        "Tè",
        "Sìn",
        "Hồ",
        "Phong",
        "Thổ",
        "Nậm",
        "Nhùn",
        "Lai",
        "Châu",
        "Bản",
        "Xã",
        "Pá",
        "Vây",
        "Sử",
        "Huổi",
        "Ngà",
        "Đắk",
        "Lắk",
    ]
)


@FAST
@given(st.lists(syllables, min_size=1, max_size=6))
def test_real_unicode_vietnamese_is_never_taken_for_a_legacy_font(words):
    from coverage_planner.io.legacy import guess_text_encoding

    text = " ".join(words)
    assert faults([text]) == (0, sum(1 for w in words if not w.isascii()))
    assert guess_text_encoding([text]) is None


@FAST
@given(st.binary(max_size=64))
def test_vni_decoding_any_bytes_never_fails(raw):
    assert isinstance(decode_vni(raw), str)
