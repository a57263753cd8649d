"""The loaded vector layers kept in the user's cache: the same layers as reading the
files, and read again whenever a byte of a file (or an option) changes."""

from __future__ import annotations

import os
import shutil

import pytest
from geopandas.testing import assert_geodataframe_equal

from coverage_planner.demo import demo_files
from coverage_planner.io import layer_cache
from coverage_planner.io.inputs import load_inputs
from tests.conftest import GIS_DATA


@pytest.fixture
def study(tmp_path):
    folder = tmp_path / "Dữ liệu tỉnh"
    shutil.copytree(GIS_DATA, folder)
    return folder


def _same(a, b) -> None:
    for name in ("communes", "villages", "sites", "backbone"):
        assert_geodataframe_equal(getattr(a, name), getattr(b, name), check_less_precise=False)
    assert a.crs == b.crs
    assert a.findings == b.findings
    assert a.dem == b.dem and a.population == b.population


def _no_reading(*_args, **_kwargs):
    raise AssertionError("the files were read again")


def test_second_load_comes_from_the_cache_and_equals_the_files(study, tmp_path, monkeypatch):
    files, cache = demo_files(study), tmp_path / "cache"
    first = layer_cache.load_inputs_cached(files, folder=cache)
    _same(first, load_inputs(files))
    assert len(list(cache.glob("*.pickle"))) == 1
    monkeypatch.setattr(layer_cache, "load_vector_layers", _no_reading)
    second = layer_cache.load_inputs_cached(files, folder=cache)
    _same(second, load_inputs(files))
    assert second.communes is not first.communes


def test_a_changed_byte_is_read_again_even_with_the_same_size_and_time(study, tmp_path):
    files, cache = demo_files(study), tmp_path / "cache"
    layer_cache.load_inputs_cached(files, folder=cache)
    csv = study / "bts_sites.csv"
    stat = csv.stat()
    with csv.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    # One site moved a little: same length, same modification time.
    lines = text.splitlines(keepends=True)
    row = lines[1].split(",")
    lon = lines[0].split(",").index("Kinh độ")
    digit = row[lon][-3]
    row[lon] = row[lon][:-3] + ("1" if digit != "1" else "2") + row[lon][-2:]
    lines[1] = ",".join(row)
    with csv.open("w", encoding="utf-8", newline="") as handle:
        handle.write("".join(lines))
    os.utime(csv, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert csv.stat().st_size == stat.st_size

    again = layer_cache.load_inputs_cached(files, folder=cache)
    _same(again, load_inputs(files))
    assert len(list(cache.glob("*.pickle"))) == 2


def test_options_are_part_of_the_key(study):
    files = demo_files(study)
    other = files.with_defaults(encoding="cp1258")
    assert layer_cache.layers_key(files) != layer_cache.layers_key(other)
    assert layer_cache.layers_key(files) == layer_cache.layers_key(demo_files(study))


def test_a_damaged_entry_is_ignored_and_replaced(study, tmp_path):
    files, cache = demo_files(study), tmp_path / "cache"
    layer_cache.load_inputs_cached(files, folder=cache)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    _same(layer_cache.load_inputs_cached(files, folder=cache), load_inputs(files))
    assert entry.read_bytes() != b"not a pickle"


def test_an_entry_stored_under_another_key_is_not_used(study, tmp_path, monkeypatch):
    files, cache = demo_files(study), tmp_path / "cache"
    layer_cache.load_inputs_cached(files, folder=cache)
    (entry,) = cache.glob("*.pickle")
    (study / "bts_sites.csv").write_text("site_id,lon,lat\n", encoding="utf-8")
    entry.rename(cache / f"{layer_cache.layers_key(files)}.pickle")  # a wrong name
    monkeypatch.setattr(layer_cache, "load_vector_layers", _no_reading)
    with pytest.raises(AssertionError, match="read again"):
        layer_cache.load_inputs_cached(files, folder=cache)


def test_an_unwritable_cache_folder_only_costs_the_cache(study, tmp_path):
    cache = tmp_path / "cache"
    cache.write_text("a file where the folder should be")
    files = demo_files(study)
    _same(layer_cache.load_inputs_cached(files, folder=cache), load_inputs(files))
