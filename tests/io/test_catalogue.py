"""Every case of the bad-input catalogue through ``coverage-planner check``: the outcome a
planner sees (exit code, message naming the file, finding, or the clean run's result)."""

from __future__ import annotations

import numpy as np
import pytest

from coverage_planner import cli
from coverage_planner.io.inputs import load_inputs
from tests.io.catalogue import CASES, write_study


def _inputs_of(args):
    """The layers `check` loaded for these arguments (same parser, same loader)."""
    parsed = cli.build_parser().parse_args(["check", *args])
    return load_inputs(cli.input_files(parsed))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clean")
    write_study(folder)
    from tests.io.catalogue import files

    return _inputs_of(files(folder))


def test_the_catalogue_has_at_least_80_cases():
    assert len(CASES) >= 80
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case, tmp_path, capsys, clean):
    args = case.build(tmp_path)
    code = cli.main(["check", *args])
    out, err = capsys.readouterr()
    text = (out + err).lower()
    assert "traceback" not in text
    if case.outcome == "error":
        assert code == 2, out + err
        assert err.startswith("coverage-planner: error:"), err
    else:
        assert code == 0, err
    for needle in case.texts:
        assert needle.lower() in text, f"{needle!r} not in:\n{out}{err}"
    if case.outcome == "error":
        return
    inputs = _inputs_of(args)
    if case.sites is not None:
        assert len(inputs.sites) == case.sites
    if case.names:
        found = {
            *inputs.sites.get("site_name", []),
            *inputs.communes["commune_name"],
        }
        assert set(case.names) <= found, found
    if case.outcome == "clean":
        # a repaired input gives the clean run's layers: same sites at the same places
        assert inputs.crs == clean.crs
        assert sorted(inputs.sites["site_id"]) == sorted(clean.sites["site_id"])
        got = inputs.sites.sort_values("site_id").geometry
        want = clean.sites.sort_values("site_id").geometry
        np.testing.assert_allclose(got.x, want.x, atol=1.0)  # metres
        np.testing.assert_allclose(got.y, want.y, atol=1.0)
        assert len(inputs.communes) == len(clean.communes)
        assert sorted(inputs.villages["commune_id"]) == sorted(clean.villages["commune_id"])


def test_the_readme_lists_every_case():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c.id for c in CASES if f"| `{c.id}` |" not in readme]
    assert not missing, f"README's catalogue lacks {missing}"
