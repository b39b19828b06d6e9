"""`zerorun catalog report`: measuring zero in a region, for an applicant who shares every
record and one who shares nothing."""

from __future__ import annotations

import os
import subprocess

import orjson
import pytest
from support import zerorun as cli

from backend.catalog.report import CONSENTING, NO_CONSENT, UnknownRegion, measure
from backend.settings import ROOT

CATALOG = ROOT / "form_schemas"
XIHU = "330106"
OFFERED_IN_XIHU = 9  # the nine county versions; the templates they localise are not offered


def zerorun(*args: str) -> subprocess.CompletedProcess[str]:
    return cli(*args, env=os.environ)


def test_the_report_counts_every_matter_offered_in_the_county_once_per_applicant() -> None:
    report = measure(CATALOG, XIHU)

    assert len(report.matters) == OFFERED_IN_XIHU
    assert all(m.code.startswith(f"{XIHU}-") for m in report.matters)
    for applicant in (CONSENTING, NO_CONSENT):
        assert sum(report.tally[applicant].values()) == OFFERED_IN_XIHU


def test_sharing_data_never_costs_a_trip() -> None:
    report = measure(CATALOG, XIHU)

    for m in report.matters:
        assert m.runs[CONSENTING] <= m.runs[NO_CONSENT], m.code


def test_the_tally_agrees_with_the_run_counts_of_the_matters() -> None:
    report = measure(CATALOG, XIHU)

    for applicant in (CONSENTING, NO_CONSENT):
        runs = [m.runs[applicant] for m in report.matters]
        assert report.tally[applicant] == {
            "0": runs.count(0),
            "1": runs.count(1),
            "more": sum(r > 1 for r in runs),
        }


def test_blockers_name_matters_that_need_a_trip_for_that_applicant() -> None:
    report = measure(CATALOG, XIHU)

    for applicant, blockers in report.blockers.items():
        assert len(blockers) <= 5
        needing = {m.code for m in report.matters if m.runs[applicant] > 0}
        for b in blockers:
            assert b.kind in {"original", "on_site", "pickup"}
            assert b.name["zh"]
            assert set(b.matters) <= needing
        counts = [len(b.matters) for b in blockers]
        assert counts == sorted(counts, reverse=True)


def test_a_province_code_offers_only_the_templates() -> None:
    report = measure(CATALOG, "330000")

    assert report.matters
    assert all(m.code.startswith("330000-") for m in report.matters)


def test_an_unknown_region_is_refused_by_name() -> None:
    with pytest.raises(UnknownRegion, match="999999"):
        measure(CATALOG, "999999")


def test_the_cli_prints_the_report_as_json() -> None:
    result = zerorun("catalog", "report", "--region", XIHU, "--json")

    assert result.returncode == 0, result.stderr
    data = orjson.loads(result.stdout)
    assert data["region"] == XIHU
    assert len(data["matters"]) == OFFERED_IN_XIHU
    for m in data["matters"]:
        assert m["runs"][CONSENTING] <= m["runs"][NO_CONSENT]
    assert sum(data["tally"][NO_CONSENT].values()) == OFFERED_IN_XIHU


def test_the_cli_prints_a_table_naming_every_matter() -> None:
    result = zerorun("catalog", "report", "--region", XIHU)

    assert result.returncode == 0, result.stderr
    for code in (f"{XIHU}-ZJ-00{i}" for i in range(1, 10)):
        assert code in result.stdout


def test_the_cli_refuses_an_unknown_region_naming_the_code() -> None:
    result = zerorun("catalog", "report", "--region", "999999", "--json")

    assert result.returncode == 1
    assert "999999" in result.stderr
    assert result.stdout == ""


def test_a_matter_with_parties_reports_each_partys_run_count_and_the_worst_as_its_own() -> None:
    report = measure(CATALOG, XIHU)
    matters = {m.code: m for m in report.matters}

    transfer = matters["330106-ZJ-002"]
    assert transfer.party_runs[NO_CONSENT] == {"seller": 1, "buyer": 0, "spouse": 0}
    assert transfer.party_runs[CONSENTING] == {"seller": 0, "buyer": 0, "spouse": 0}
    for m in report.matters:
        for applicant, runs in m.party_runs.items():
            assert m.runs[applicant] == max(runs.values(), default=m.runs[applicant]), m.code
    assert matters["330106-ZJ-009"].party_runs[NO_CONSENT] == {}
