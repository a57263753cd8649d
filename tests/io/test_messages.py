"""Every message of the loaders in Vietnamese: the catalogue's templates, the keys the
code uses, and every finding and error of the bad-input catalogue read in both languages
(the Vietnamese a sentence of its own, with the same file names and numbers)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from coverage_planner import cli
from coverage_planner.errors import UserError
from coverage_planner.io.inputs import load_inputs
from coverage_planner.io.messages import messages
from tests.io.catalogue import CASES

VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
PACKAGE = Path(__file__).resolve().parents[2] / "coverage_planner"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _has_vietnamese(text: str) -> bool:
    return bool(VIETNAMESE & set(text.lower()))


def _numbers(text: str) -> list[str]:
    """The numbers of a text, thousands separators and decimal marks left out (1,800 in
    English is 1.800 in Vietnamese)."""
    return re.findall(r"\d+", re.sub(r"(?<=\d)[.,](?=\d)", "", text))


def _file_names(text: str) -> set[str]:
    return set(
        re.findall(r"[\w\-]+\.(?:csv|xlsx|xls|shp|gpkg|geojson|zip|tif|toml|dbf|kml)\b", text)
    )


def _same_facts(en: str, vi: str) -> None:
    assert vi != en, f"no Vietnamese text: {en!r}"
    assert _has_vietnamese(vi), f"not Vietnamese: {vi!r}"
    missing = [n for n in _numbers(en) if n not in _numbers(vi)]
    assert not missing, f"numbers {missing} of {en!r} lost in {vi!r}"
    assert _file_names(en) <= _file_names(vi), f"file names of {en!r} lost in {vi!r}"


@pytest.mark.parametrize("key", sorted(messages()))
def test_every_template_has_a_vietnamese_sentence_with_the_same_fields(key):
    en, vi = messages()[key]
    assert _fields(en) == _fields(vi), key
    assert vi != en and _has_vietnamese(vi), key


def test_every_key_the_code_names_is_in_the_catalogue():
    used: set[str] = set()
    pattern = re.compile(
        r"""(?:key=|repair_key=|phrase_of\(|render\()\s*["']([a-z_]+\.[a-z_0-9]+)["']"""
        r"""|["']((?:sites|repair|error|hint|note|param)\.[a-z_0-9]+)["']"""
    )
    for path in PACKAGE.rglob("*.py"):
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            key = m.group(1) or m.group(2)
            if not key.endswith((".csv", ".gpkg", ".shp", ".xlsx", ".toml", ".json")):
                used.add(key)
    known = set(messages())
    assert used, "the scan found no key"
    assert used <= known, sorted(used - known)


def _run(args: list[str], language: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["check", *args, "--language", language])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_finding_and_error_of_the_catalogue_reads_in_vietnamese(case, tmp_path, capsys):
    args = case.build(tmp_path)
    code_en, out_en, err_en = _run(args, "en", capsys)
    code_vi, out_vi, err_vi = _run(args, "vi", capsys)
    assert code_en == code_vi
    if case.outcome == "error":
        en = err_en.removeprefix("coverage-planner: error: ").strip()
        vi = err_vi.removeprefix("coverage-planner: error: ").strip()
        _same_facts(en, vi)
        return
    parsed = cli.build_parser().parse_args(["check", *args])
    try:
        inputs = load_inputs(cli.input_files(parsed))
    except UserError as exc:  # pragma: no cover - the catalogue says it loads
        pytest.fail(f"{case.id} did not load: {exc}")
    for finding in inputs.findings:
        assert finding.key is not None, f"finding without a key: {finding}"
        _same_facts(finding.text("en"), finding.text("vi"))
        if finding.repair_key is not None:
            _same_facts(finding.repair_text("en"), finding.repair_text("vi"))
        assert finding.message == finding.text("en")  # older callers read .message
    # the console shows them in the language asked for
    for finding in inputs.findings:
        assert finding.text("vi") in out_vi


def test_the_messages_follow_the_systems_language_unless_one_is_chosen(
    tmp_path, capsys, monkeypatch
):
    missing = tmp_path / "không có.csv"
    args = [
        "check",
        "--communes",
        str(missing),
        "--villages",
        str(missing),
        "--sites",
        str(missing),
    ]
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp" in err and "không có.csv" in err
    assert cli.main([*args, "--language", "en"]) == 2
    assert "does not exist" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert cli.main(args) == 2
    assert "does not exist" in capsys.readouterr().err
