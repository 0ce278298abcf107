"""Reports the parser was not built on (tests/data/unseen): other sites, years and layouts.

Each report has `<name>.expected.json` beside it (corpus expected.json shape, plus
`blank_cells`, `derived_cells`, `failed_checks` as check names, `sections`,
`warnings_contain`). The DOCX and PDF reports are generated at test time
(tests/parsing/unseen_docx.py, unseen_pdf.py); the others are written by unseen_build.py.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from index.models import Report
from index.parsing import parse_report
from tests.parsing import unseen_docx, unseen_html, unseen_pdf
from tests.parsing.unseen_texts import TEXT_REPORTS
from tests.parsing.corpus_tables import expected_cells, wrong_cells

UNSEEN = Path(__file__).resolve().parent.parent / "data" / "unseen"
EXPECTED = sorted(UNSEEN.glob("*.expected.json"))
# file name → reason, for a variation the parser cannot read yet (none at present).
XFAIL: dict[str, str] = {}
_CACHE: dict[str, Report] = {}


def _expected(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def _report(spec: dict[str, Any], tmp_dir: Path) -> Report:
    name = spec["file"]
    if name not in _CACHE:
        source = UNSEEN / name
        builders = {unseen_docx.NAME: unseen_docx.build, unseen_pdf.NAME: unseen_pdf.build,
                    unseen_pdf.NAME_BORDERLESS: unseen_pdf.build_borderless}
        if name in builders:
            source = builders[name](tmp_dir / name)
        _CACHE[name] = parse_report(source)
    return _CACHE[name]


@pytest.fixture(params=EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Report]:
    spec = _expected(request.param)
    if spec["file"] in XFAIL:
        request.applymarker(pytest.mark.xfail(reason=XFAIL[spec["file"]], strict=True))
    return spec, _report(spec, tmp_path_factory.getbasetemp())


GENERATED = [unseen_docx.expected(), unseen_pdf.expected(), unseen_pdf.expected(ruled=False)]


@pytest.mark.parametrize("build", TEXT_REPORTS, ids=[b.__name__ for b in TEXT_REPORTS])
def test_committed_text_reports_are_current(build: Any) -> None:
    """tests/data/unseen holds what unseen_build.py writes (run it after changing a builder)."""
    name, text, spec = build()
    assert (UNSEEN / name).read_text("utf-8") == text
    path = UNSEEN / (name.rsplit(".", 1)[0] + ".expected.json")
    assert _expected(path) == json.loads(json.dumps(spec, ensure_ascii=False))


def test_committed_html_report_is_current() -> None:
    assert (UNSEEN / unseen_html.NAME).read_bytes() == unseen_html.data()


@pytest.mark.parametrize("spec", GENERATED, ids=[s["file"] for s in GENERATED])
def test_generated_expected_is_current(spec: dict[str, Any]) -> None:
    """The committed expected.json of a report generated at test time matches its builder."""
    path = UNSEEN / (spec["file"].rsplit(".", 1)[0] + ".expected.json")
    assert _expected(path) == json.loads(json.dumps(spec, ensure_ascii=False))


def test_metadata(case: tuple[dict[str, Any], Report]) -> None:
    spec, report = case
    assert (report.agency, report.year, report.template) == (spec["agency"], spec["year"], spec["template"])
    for alias in spec.get("agency_aliases", []):
        assert alias in report.agency_aliases, report.agency_aliases


def test_sections(case: tuple[dict[str, Any], Report]) -> None:
    spec, report = case
    numbers = [s.number for s in report.sections if s.level == 1]
    for number in spec.get("sections", ["一", "二", "三", "四", "五", "六"]):
        assert number in numbers, numbers


def test_every_figure(case: tuple[dict[str, Any], Report]) -> None:
    spec, report = case
    facts = {f"{f.table}.{f.row}.{f.column}": f for f in report.facts}
    cells = expected_cells(spec)
    wrong = wrong_cells(cells, facts)
    groups = ("denied", "unable", "not_processed", "other")
    extra = [k for k in facts if k not in cells and k.split(".")[1] not in groups]
    assert not wrong and not extra, "\n".join(wrong + [f"unexpected {k}" for k in extra])
    if not cells:
        assert not report.facts


def test_no_figure_is_withheld(case: tuple[dict[str, Any], Report]) -> None:
    """Values the source fixes are stated: tables 三 and 四 of the unseen set have no
    uncertain figure (expected.json lists the ones that may be: `uncertain_cells`)."""
    spec, report = case
    unsure = [f"{f.table}.{f.row}.{f.column}" for f in report.facts if f.uncertain and f.table in "三四"]
    assert sorted(unsure) == sorted(spec.get("uncertain_cells", []))


def test_group_totals_add_up_the_items(case: tuple[dict[str, Any], Report]) -> None:
    spec, report = case
    rows = spec["facts"]["三"]
    for fact in report.facts:
        items = [row for row in rows if row.startswith(f"{fact.row}.")]
        if fact.table == "三" and items:
            assert fact.value == sum(rows[row][fact.column] for row in items), fact


def test_blank_and_derived(case: tuple[dict[str, Any], Report]) -> None:
    spec, report = case
    derived = {d.split(" = ")[0]: int(d.split(" = ")[1]) for d in spec.get("derived_cells", [])}
    blank = set(spec.get("blank_cells", []))
    groups = {"denied", "unable", "not_processed"} | ({"other"} if spec["template"] == "2021" else set())
    wrong = []
    for fact in report.facts:
        key = f"{fact.table}.{fact.row}.{fact.column}"
        if fact.table == "三" and fact.row in groups:
            want = "derived"  # a group total is the sum of its items
        else:
            want = "derived" if key in derived else "blank" if key in blank else "printed"
        if fact.status != want:
            wrong.append(f"{key}: expected {want}, got {fact.status}")
        elif key in derived and fact.value != derived[key]:
            wrong.append(f"{key}: derived value expected {derived[key]}, got {fact.value}")
    assert not wrong, "\n".join(wrong)


def test_checks(case: tuple[dict[str, Any], Report]) -> None:
    spec, report = case
    failed = Counter(c.name for c in report.checks if not c.ok and c.name.startswith("check"))
    assert failed == Counter(spec.get("failed_checks", [])), [c.detail for c in report.failed_checks]
    names = {c.name for c in report.checks}
    if spec["template"] == "free-form":
        assert not names & {"check1", "check2", "check3", "check4"}
    else:
        assert names >= {"check1", "check2", "check3", "check4"}


def test_warnings(case: tuple[dict[str, Any], Report]) -> None:
    spec, report = case
    for text in spec.get("warnings_contain", []):
        assert any(text in w for w in report.warnings), report.warnings
