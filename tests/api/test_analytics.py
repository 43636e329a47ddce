"""/api/analytics against a hand-computed fixture: ten sessions over several days, two agents,
two personas, two objectives and every outcome, with agent replies and findings; and one
session of another workspace. The rows are inserted directly (test data); the analytics
service and the API are the real ones. Every expected number is worked out in the comments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from app.models import Agent, Finding, Message, Objective, Persona, SimSession
from app.services import analytics_report
from tests.conftest import Account

RANGE = {"startDate": "2026-03-01", "endDate": "2026-03-04"}


def at(day: int, hour: int = 12, minute: int = 0, second: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


@dataclass
class Fixture:
    owner: Account
    stranger: Account
    agents: dict[str, str]
    personas: dict[str, str]
    objectives: dict[str, str]
    sessions: dict[str, str]


# name: (created_at, agent, persona, objective, status, outcome, duration_ms, message_count, cost, tokens,
#        agent reply latencies, findings [(type, severity, description)])
SESSIONS = {
    # 2026-03-01
    "s1": (at(1, 10), "A1", "P1", "O1", "completed", "passed", 2000, 4, 0.01, 100, [100, 300],
           [("tone", "low", "Terse greeting")]),
    "s2": (at(1, 11), "A1", "P2", "O1", "completed", "failed", 4000, 6, 0.02, 200, [200, 400, 1000],
           [("hallucination", "high", "Invented a delivery date"), ("tone", "low", "Terse greeting")]),
    "s3": (at(1, 23, 59, 59), "A2", "P1", "O2", "error", "error", 1000, 2, 0.005, 50, [2000],
           [("bug", "critical", "Reply cut off")]),
    # 2026-03-02 (s4 on the stroke of midnight belongs to the 2nd)
    "s4": (at(2, 0), "A1", "P1", "O2", "completed", "passed", 3000, 4, 0.01, 100, [50], []),
    "s5": (at(2, 12), "A1", "P1", "O1", "cancelled", "cancelled", 500, 2, 0.0, 0, [], []),
    "s6": (at(2, 13), "A2", "P2", "O2", "running", None, None, 3, 0.001, 10, [150], []),
    # 2026-03-03: nothing. 2026-03-04:
    "s7": (at(4, 9), "A1", "P2", "O2", "completed", "passed", 6000, 8, 0.03, 300, [700, 900],
           [("tone", "medium", "Too formal")]),
    "s8": (at(4, 10), "A2", "P2", "O1", "completed", "failed", 2000, 4, 0.02, 200, [250, 600], []),
    # Just outside the range on either side.
    "s9": (at(28, 23, 59, 59, month=2), "A1", "P1", "O1", "completed", "passed", 9000, 10, 1.0, 1000, [5000],
           [("bug", "high", "Outside the range")]),
    "s10": (at(5, 0), "A1", "P1", "O1", "completed", "failed", 9000, 10, 1.0, 1000, [5000], []),
}  # fmt: skip


@pytest.fixture
def fx(db, make_account) -> Fixture:
    owner, stranger = make_account(), make_account()
    ws = owner.workspace_id
    agents = {n: Agent(workspace_id=ws, name=f"Agent {n}", type="hosted", config={}) for n in ("A1", "A2")}
    personas = {n: Persona(workspace_id=ws, name=f"Persona {n}") for n in ("P1", "P2")}
    objectives = {n: Objective(workspace_id=ws, name=f"Objective {n}") for n in ("O1", "O2")}
    db.add_all([*agents.values(), *personas.values(), *objectives.values()])
    db.flush()
    ids = {}
    for name, (
        created,
        a,
        p,
        o,
        status,
        outcome,
        duration,
        count,
        cost,
        tokens,
        latencies,
        findings,
    ) in SESSIONS.items():
        row = SimSession(
            workspace_id=ws, agent_id=agents[a].id, persona_id=personas[p].id, objective_id=objectives[o].id,
            status=status, outcome=outcome, duration_ms=duration, message_count=count, total_cost=cost,
            total_tokens=tokens, created_at=created, started_at=created,
            ended_at=None if duration is None else created + timedelta(milliseconds=duration),
        )  # fmt: skip
        db.add(row)
        db.flush()
        ids[name] = row.id
        sequence = 0
        for latency in latencies:
            # A persona turn (its latency must not count), then the agent's reply.
            for role, value in (("persona", 5), ("agent", latency)):
                sequence += 1
                db.add(Message(workspace_id=ws, session_id=row.id, sequence=sequence, role=role, content="…",
                               latency_ms=value, created_at=created + timedelta(seconds=sequence)))  # fmt: skip
        if name == "s2":  # an agent reply without a measured latency is left out
            db.add(Message(workspace_id=ws, session_id=row.id, sequence=99, role="agent", created_at=created))
        for type_, severity, description in findings:
            db.add(Finding(workspace_id=ws, session_id=row.id, type=type_, severity=severity,
                           description=description, created_at=created + timedelta(minutes=5)))  # fmt: skip
    # Another workspace's session on the same day: never counted here.
    other = stranger.workspace_id
    other_agent = Agent(workspace_id=other, name="Theirs", type="hosted")
    other_persona = Persona(workspace_id=other, name="Theirs")
    db.add_all([other_agent, other_persona])
    db.flush()
    db.add(SimSession(workspace_id=other, agent_id=other_agent.id, persona_id=other_persona.id, status="completed",
                      outcome="passed", duration_ms=1000, message_count=2, created_at=at(1, 12)))  # fmt: skip
    db.commit()
    return Fixture(
        owner, stranger, {k: v.id for k, v in agents.items()}, {k: v.id for k, v in personas.items()},
        {k: v.id for k, v in objectives.items()}, ids,
    )  # fmt: skip


def get(client, account: Account, path: str, **params) -> dict:
    response = client.get(path, params=params, headers=account.headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_session_analytics_match_the_hand_computed_figures(client, fx: Fixture) -> None:
    body = get(client, fx.owner, "/api/analytics/sessions", **RANGE)
    # s1..s8: s6 is running; s1, s2, s4, s7, s8 completed; passed s1, s4, s7; failed s2, s8;
    # error s3 (left out of the rate); cancelled s5.
    assert {k: v for k, v in body.items() if k != "dailyStats"} == {
        "startDate": "2026-03-01", "endDate": "2026-03-04",
        "totalSessions": 8, "activeSessions": 1, "completedSessions": 5, "failedSessions": 2, "passedSessions": 3,
        "cancelledSessions": 1, "infrastructureErrors": 1, "simulatorErrors": 0, "inconclusiveSessions": 0,
        "averageDuration": 2.643,  # (2000 + 4000 + 1000 + 3000 + 500 + 6000 + 2000) / 7 ms; s6 has none yet
        "totalMessages": 33,  # 4 + 6 + 2 + 4 + 2 + 3 + 8 + 4
        "successRate": 0.6,  # 3 / (3 + 2)
        "totalCost": 0.096, "totalTokens": 960,
    }  # fmt: skip
    assert body["dailyStats"] == [
        {"date": "2026-03-01", "sessions": 3, "messages": 12, "avgDuration": 2.333, "passed": 1, "failed": 1,
         "infrastructureErrors": 1, "simulatorErrors": 0, "inconclusive": 0, "successRate": 0.5, "cost": 0.035,
         "tokens": 350},
        {"date": "2026-03-02", "sessions": 3, "messages": 9, "avgDuration": 1.75, "passed": 1, "failed": 0,
         "infrastructureErrors": 0, "simulatorErrors": 0, "inconclusive": 0, "successRate": 1.0, "cost": 0.011,
         "tokens": 110},
        {"date": "2026-03-03", "sessions": 0, "messages": 0, "avgDuration": None, "passed": 0, "failed": 0,
         "infrastructureErrors": 0, "simulatorErrors": 0, "inconclusive": 0, "successRate": None, "cost": 0.0,
         "tokens": 0},
        {"date": "2026-03-04", "sessions": 2, "messages": 12, "avgDuration": 4.0, "passed": 1, "failed": 1,
         "infrastructureErrors": 0, "simulatorErrors": 0, "inconclusive": 0, "successRate": 0.5, "cost": 0.05,
         "tokens": 500},
    ]  # fmt: skip


def test_spoiled_and_undecided_sessions_stay_out_of_the_rate(client, db, fx: Fixture) -> None:
    """A session the simulator spoiled and one the judge could not decide, on the empty day:
    counted, never passed or failed, never in successRate."""
    ws = fx.owner.workspace_id
    for outcome in ("simulator_error", "inconclusive"):
        db.add(SimSession(workspace_id=ws, agent_id=fx.agents["A1"], persona_id=fx.personas["P1"],
                          objective_id=fx.objectives["O1"], status="completed", outcome=outcome, duration_ms=1000,
                          message_count=2, created_at=at(3, 12), started_at=at(3, 12)))  # fmt: skip
    db.commit()
    body = get(client, fx.owner, "/api/analytics/sessions", **RANGE)
    assert (body["successRate"], body["passedSessions"], body["failedSessions"]) == (0.6, 3, 2)
    assert (body["simulatorErrors"], body["inconclusiveSessions"], body["totalSessions"]) == (1, 1, 10)
    day = next(d for d in body["dailyStats"] if d["date"] == "2026-03-03")
    assert (day["sessions"], day["passed"], day["failed"], day["simulatorErrors"], day["inconclusive"],
            day["successRate"]) == (2, 0, 0, 1, 1, None)  # fmt: skip
    agent = get(client, fx.owner, f"/api/analytics/agents/{fx.agents['A1']}", **RANGE)
    p1 = next(p for p in agent["byPersona"] if p["personaName"] == "Persona P1")
    assert (p1["sessions"], p1["passed"], p1["failed"], p1["simulatorErrors"], p1["inconclusive"],
            p1["successRate"]) == (5, 2, 0, 1, 1, 1.0)  # fmt: skip


def test_filters_by_agent_and_persona(client, fx: Fixture) -> None:
    by_agent = get(client, fx.owner, "/api/analytics/sessions", agentId=fx.agents["A1"], **RANGE)
    # A1: s1 passed, s2 failed, s4 passed, s5 cancelled, s7 passed.
    assert (by_agent["totalSessions"], by_agent["passedSessions"], by_agent["failedSessions"]) == (5, 3, 1)
    assert (by_agent["successRate"], by_agent["averageDuration"], by_agent["totalMessages"]) == (0.75, 3.1, 24)
    by_persona = get(client, fx.owner, "/api/analytics/sessions", personaId=fx.personas["P2"], **RANGE)
    # P2: s2 failed, s6 running, s7 passed, s8 failed.
    assert (by_persona["totalSessions"], by_persona["activeSessions"], by_persona["successRate"]) == (4, 1, 0.3333)
    both = get(client, fx.owner, "/api/analytics/sessions", agentId=fx.agents["A2"], personaId=fx.personas["P1"],
               **RANGE)  # fmt: skip
    assert (both["totalSessions"], both["infrastructureErrors"], both["successRate"]) == (1, 1, None)  # s3 only


def test_agent_performance(client, fx: Fixture) -> None:
    body = get(client, fx.owner, f"/api/analytics/agents/{fx.agents['A1']}", **RANGE)
    assert (body["agentId"], body["agentName"], body["totalSessions"], body["successRate"]) == (
        fx.agents["A1"], "Agent A1", 5, 0.75,
    )  # fmt: skip
    personas = [
        (p["personaName"], p["sessions"], p["passed"], p["failed"], p["successRate"]) for p in body["byPersona"]
    ]
    assert personas == [
        ("Persona P1", 3, 2, 0, 1.0),  # s1, s4 passed; s5 cancelled
        ("Persona P2", 2, 1, 1, 0.5),  # s7 passed, s2 failed
    ]  # fmt: skip
    assert [(o["objectiveName"], o["sessions"], o["successRate"]) for o in body["byObjective"]] == [
        ("Objective O1", 3, 0.5),  # s1 passed, s2 failed, s5 cancelled
        ("Objective O2", 2, 1.0),  # s4, s7 passed
    ]
    # A1's agent replies: 50 100 200 300 400 700 900 1000 (n = 8; s2's reply without latency is out).
    # p50 at rank 3.5: 300 + 0.5 * 100 = 350; p95 at rank 6.65: 900 + 0.65 * 100 = 965.
    latency = body["latency"]
    assert (latency["samples"], latency["p50Ms"], latency["p95Ms"]) == (8, 350.0, 965.0)
    assert [(d["date"], d["samples"], d["p50Ms"], d["p95Ms"]) for d in latency["daily"]] == [
        ("2026-03-01", 5, 300.0, 880.0),  # 100 200 300 400 1000: p95 at rank 3.8 = 400 + 0.8 * 600
        ("2026-03-02", 1, 50.0, 50.0),
        ("2026-03-03", 0, None, None),
        ("2026-03-04", 2, 800.0, 890.0),  # 700 900
    ]
    assert body["findings"] == {
        "total": 4,
        "bySeverity": {"low": 2, "medium": 1, "high": 1, "critical": 0},
        "byType": {"tone": 3, "hallucination": 1},
        "byTypeAndSeverity": [
            {"type": "tone", "severity": "low", "count": 2},
            {"type": "hallucination", "severity": "high", "count": 1},
            {"type": "tone", "severity": "medium", "count": 1},
        ],
    }
    assert body["cost"]["total"] == 0.07 and body["cost"]["tokens"] == 700
    assert [(d["date"], d["cost"]) for d in body["cost"]["daily"]] == [
        ("2026-03-01", 0.03), ("2026-03-02", 0.01), ("2026-03-03", 0.0), ("2026-03-04", 0.03),
    ]  # fmt: skip


def test_breakdown_for_the_analytics_page(client, fx: Fixture) -> None:
    body = get(client, fx.owner, "/api/analytics/breakdown", **RANGE)
    assert body["summary"]["totalSessions"] == 8
    cells = {(c["personaName"], c["objectiveName"]): (c["sessions"], c["passed"], c["failed"], c["successRate"])
             for c in body["matrix"]}  # fmt: skip
    assert cells == {
        ("Persona P1", "Objective O1"): (2, 1, 0, 1.0),  # s1 passed, s5 cancelled
        ("Persona P1", "Objective O2"): (2, 1, 0, 1.0),  # s4 passed, s3 error (left out)
        ("Persona P2", "Objective O1"): (2, 0, 2, 0.0),  # s2, s8 failed
        ("Persona P2", "Objective O2"): (2, 1, 0, 1.0),  # s7 passed, s6 running
    }
    # Durations 0.5 | 1 2 2 3 4 | 6 seconds.
    assert [b["count"] for b in body["durationHistogram"]] == [1, 5, 1, 0, 0, 0, 0, 0, 0]
    assert body["durationHistogram"][1] == {"label": "1–5 s", "lower": 1, "upper": 5, "count": 5}
    # Every agent reply: 50 | 100 150 200 | 250 300 400 | 600 700 900 | 1000 | 2000 (n = 12)
    assert [b["count"] for b in body["latencyHistogram"]] == [1, 3, 3, 3, 1, 1, 0, 0]
    # p50 at rank 5.5: 300 + 0.5 * 100; p95 at rank 10.45: 1000 + 0.45 * 1000.
    assert (body["latency"]["samples"], body["latency"]["p50Ms"], body["latency"]["p95Ms"]) == (12, 350.0, 1450.0)
    top = body["topFindings"][0]
    assert (top["type"], top["severity"], top["description"], top["count"], top["sessions"]) == (
        "tone", "low", "Terse greeting", 2, 2,
    )  # fmt: skip
    assert len(body["topFindings"]) == 4
    assert body["findings"]["bySeverity"] == {"low": 2, "medium": 1, "high": 1, "critical": 1}
    assert body["cost"]["total"] == 0.096

    one = get(client, fx.owner, "/api/analytics/breakdown", agentId=fx.agents["A2"], personaId=fx.personas["P2"],
              **RANGE)  # fmt: skip
    # A2 x P2: s6 (running, reply 150) and s8 (failed, replies 250 600).
    assert one["summary"]["totalSessions"] == 2 and one["latency"]["samples"] == 3
    assert one["latency"]["p50Ms"] == 250.0 and one["matrix"][0]["objectiveName"] in {"Objective O1", "Objective O2"}


def test_dashboard_overview(client, fx: Fixture) -> None:
    body = get(client, fx.owner, "/api/analytics/overview", **RANGE)
    assert body["sessions"]["totalSessions"] == 8 and body["sessions"]["successRate"] == 0.6
    assert (body["latency"]["p95Ms"], len(body["latency"]["daily"])) == (1450.0, 4)
    assert body["findings"]["total"] == 5
    # The failed sessions of the range, the most recent first.
    assert [(f["id"], f["agentName"], f["personaName"], f["objectiveName"]) for f in body["recentFailures"]] == [
        (fx.sessions["s8"], "Agent A2", "Persona P2", "Objective O1"),
        (fx.sessions["s2"], "Agent A1", "Persona P2", "Objective O1"),
    ]


def test_the_default_range_is_the_last_30_days(client, fx: Fixture) -> None:
    body = get(client, fx.owner, "/api/analytics/sessions")
    today = datetime.now(UTC).date()
    assert (body["startDate"], body["endDate"]) == ((today - timedelta(days=29)).isoformat(), today.isoformat())
    assert len(body["dailyStats"]) == 30
    only_end = get(client, fx.owner, "/api/analytics/sessions", endDate="2026-03-04")
    assert (only_end["startDate"], only_end["totalSessions"]) == ("2026-02-03", 9)  # s9 falls inside now
    only_start = get(client, fx.owner, "/api/analytics/sessions", startDate="2026-03-04")
    assert only_start["endDate"] == today.isoformat()


def test_an_empty_range(client, fx: Fixture) -> None:
    body = get(client, fx.owner, "/api/analytics/sessions", startDate="2026-01-01", endDate="2026-01-10")
    assert (body["totalSessions"], body["successRate"], body["averageDuration"], body["totalMessages"]) == (
        0, None, None, 0,
    )  # fmt: skip
    assert len(body["dailyStats"]) == 10 and all(d["sessions"] == 0 for d in body["dailyStats"])
    agent = get(client, fx.owner, f"/api/analytics/agents/{fx.agents['A1']}", startDate="2026-01-01",
                endDate="2026-01-01")  # fmt: skip
    assert agent["latency"] == {
        "samples": 0,
        "p50Ms": None,
        "p95Ms": None,
        "daily": [{"date": "2026-01-01", "samples": 0, "p50Ms": None, "p95Ms": None}],
    }
    assert (agent["byPersona"], agent["findings"]["total"], agent["cost"]["total"]) == ([], 0, 0.0)
    breakdown = get(client, fx.owner, "/api/analytics/breakdown", startDate="2026-01-01", endDate="2026-01-01")
    assert breakdown["matrix"] == [] and breakdown["topFindings"] == []
    assert sum(b["count"] for b in breakdown["latencyHistogram"]) == 0


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"startDate": "2026-13-01"}, "startDate", "YYYY-MM-DD"),
        ({"startDate": "yesterday"}, "startDate", "YYYY-MM-DD"),
        ({"endDate": "2026-02-30"}, "endDate", "YYYY-MM-DD"),
        ({"startDate": "20260301"}, "startDate", "YYYY-MM-DD"),
        ({"startDate": "2026-03-04", "endDate": "2026-03-01"}, "endDate", "must not be before startDate"),
        ({"startDate": "2024-01-01", "endDate": "2026-01-01"}, "startDate", "at most 366 days"),
    ],
)
@pytest.mark.parametrize("path", ["/api/analytics/sessions", "/api/analytics/agents/{agent}",
                                  "/api/analytics/breakdown", "/api/analytics/overview"])  # fmt: skip
def test_bad_or_reversed_dates_answer_422(client, fx: Fixture, path, params, field, message) -> None:
    response = client.get(path.format(agent=fx.agents["A1"]), params=params, headers=fx.owner.headers)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert [d["field"] for d in error["details"]] == [field] and message in error["details"][0]["message"]


def test_workspace_isolation(client, fx: Fixture) -> None:
    # Another workspace's agent does not exist for the caller.
    response = client.get(f"/api/analytics/agents/{fx.agents['A1']}", params=RANGE, headers=fx.stranger.headers)
    assert response.status_code == 404 and response.json()["error"]["code"] == "RESOURCE_NOT_FOUND"
    report = client.get(f"/api/analytics/agents/{fx.agents['A1']}/report", params=RANGE, headers=fx.stranger.headers)
    assert report.status_code == 404
    # The stranger sees their own one session, never these.
    theirs = get(client, fx.stranger, "/api/analytics/sessions", **RANGE)
    assert (theirs["totalSessions"], theirs["passedSessions"]) == (1, 1)
    filtered = get(client, fx.stranger, "/api/analytics/breakdown", agentId=fx.agents["A1"], **RANGE)
    assert filtered["summary"]["totalSessions"] == 0 and filtered["latency"]["samples"] == 0
    assert get(client, fx.stranger, "/api/analytics/overview", **RANGE)["recentFailures"] == []


def test_success_rate_is_documented_in_the_openapi_schema(client) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    described = schemas["SessionAnalytics"]["properties"]["successRate"]["description"]
    assert "passed / (passed + failed)" in described and "Infrastructure errors" in described
    assert "left out of successRate" in schemas["SessionAnalytics"]["properties"]["infrastructureErrors"]["description"]


def test_printable_report_has_the_charts_as_png(client, fx: Fixture) -> None:
    response = client.get(f"/api/analytics/agents/{fx.agents['A1']}/report", params=RANGE, headers=fx.owner.headers)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "Agent A1" in html and "2026-03-01 to 2026-03-04" in html
    # Seven charts, each rendered by kaleido in Chromium and embedded as a PNG data URL, with its table.
    assert html.count('<img src="data:image/png;base64,iVBORw0KGgo') == 7
    assert "Success by persona" in html and "<td>Persona P2</td>" in html
    # A1 had no infrastructure error in the range, and one cancelled session (s5).
    assert "0 infrastructure errors" in html and "1 cancelled session." in html
    # Its Print button runs the app's own script file (the page's policy allows no inline script)...
    assert "<script>" not in html and '<script src="/report-print.js" defer></script>' in html
    # ...and its tables leave out the rows with nothing but zeros (a day without a session).
    rows = re.findall(r"<tr>\s*(<td.*?)</tr>", html, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows if "class=\"n\"" in row]
    assert cells and not [c for c in cells if all(v in ("0", "0.0", "0.000000", "") for v in c[1:])]
    assert "left out." in html  # and says so


def test_report_opens_from_a_link_with_the_dashboard_cookie_or_a_token(client, db, fx: Fixture, monkeypatch) -> None:
    async def no_images(figures):
        return [None] * len(figures)

    monkeypatch.setattr(analytics_report, "render_png", no_images)
    db.get(Agent, fx.agents["A1"]).name = "Bot <script>alert(1)</script>"
    db.commit()
    path = f"/api/analytics/agents/{fx.agents['A1']}/report"
    by_token = client.get(path, params={**RANGE, "token": fx.owner.token})
    assert by_token.status_code == 200 and "could not be rendered" in by_token.text
    client.cookies.set("mimic_token", fx.owner.token)
    try:
        assert client.get(path, params=RANGE).status_code == 200
    finally:
        client.cookies.clear()
    assert client.get(path, params={**RANGE, "format": "pdf"}, headers=fx.owner.headers).status_code == 422
    # Names are escaped, never markup.
    assert "<script>alert" not in by_token.text and "Bot &lt;script&gt;" in by_token.text
