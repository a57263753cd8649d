"""The checked header of the terrain cache's npz files (coverage.terrain.npz_header),
read from files written by hand."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coverage_planner.coverage.terrain.npz_header import checked_header, header_array


def npz(tmp_path, **arrays):
    path = tmp_path / "f.npz"
    np.savez(path, **arrays)
    return np.load(path, allow_pickle=False)


def raw(obj) -> np.ndarray:
    return np.frombuffer(json.dumps(obj).encode(), dtype=np.uint8)


def test_a_header_of_the_version_and_key_is_read_with_its_fields(tmp_path):
    with npz(tmp_path, header=raw({"version": 3, "key": "abc", "techs": ["4G"]})) as data:
        assert checked_header(data, version=3, key="abc")["techs"] == ["4G"]
    with npz(tmp_path, header=header_array(3, "abc", techs=["2G"])) as data:
        assert json.loads(bytes(data["header"]).decode()) == {
            "version": 3,
            "key": "abc",
            "techs": ["2G"],
        }


@pytest.mark.parametrize(
    "arrays",
    [
        {"header": raw({"version": 2, "key": "abc"})},  # another version
        {"header": raw({"version": 3, "key": "abd"})},  # another key
        {"header": raw({"key": "abc"})},  # no version
        {"header": raw([3, "abc"])},  # not an object
        {"header": np.frombuffer(b"\xff\xfe{", dtype=np.uint8)},  # not JSON
        {"levels": np.zeros(3)},  # no header at all
    ],
)
def test_a_foreign_header_is_refused(tmp_path, arrays):
    with npz(tmp_path, **arrays) as data, pytest.raises(ValueError):
        checked_header(data, version=3, key="abc")
