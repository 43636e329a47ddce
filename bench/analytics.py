"""How fast the analytics answer on a big workspace.

Fills a SQLite file (migrated by alembic, as `make run` does) with 100,000 sessions and
1,000,000 messages (5 agents, the starter library's 15 personas and 12 objectives), spread
over the last 365 days, with bulk inserts through SQLAlchemy Core. Then calls every analytics
endpoint in process through the real API app and prints its time: first with the default
range (the last 30 days: about 8,200 sessions and 82,000 messages), then over the whole year
(every session and message).

    PYTHONPATH=. .venv/bin/python bench/analytics.py [sessions] [messages per session]

The database is deleted afterwards unless MIMIC_BENCH_KEEP=1.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="mimic-bench-analytics-"))
os.environ["MIMIC_DATABASE_URL"] = f"sqlite:///{_TMP / 'analytics.db'}"
os.environ["MIMIC_RATE_LIMIT_ENABLED"] = "false"
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("MIMIC_SECRET_KEY", "bench-secret-key-bench-secret-key-0000")

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import select  # noqa: E402

from app.api.main import create_api  # noqa: E402
from app.db import get_engine, session_scope  # noqa: E402
from app.models import Agent, Finding, Message, Objective, Persona, SimSession  # noqa: E402
from app.models.account import Membership, RegisterRequest  # noqa: E402
from app.models.base import new_id  # noqa: E402
from app.services import accounts, security  # noqa: E402
from app.settings import PROJECT_ROOT, settings  # noqa: E402

SESSIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
MESSAGES_PER_SESSION = int(sys.argv[2]) if len(sys.argv) > 2 else 10
AGENTS = 5
HISTORY_DAYS = 365
BATCH = 20_000
RUNS = 7
OUTCOMES = [("completed", "passed")] * 55 + [("completed", "failed")] * 30 + [("error", "error")] * 8
OUTCOMES += [("cancelled", "cancelled")] * 5 + [("running", None)] * 2
# Texts with counts and ids in them, as the checks write them: the inbox groups them by signature.
FINDINGS = [("tone", "low", "Terse greeting"), ("hallucination", "high", "Invented delivery date {n} for order A-{id}"),
            ("ux-issue", "medium", "Asked for the order number {n} times"), ("bug", "critical", "Reply cut off"),
            ("policy-violation", "high", "Promised a refund of ${n} without checking")]  # fmt: skip


def migrate() -> None:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", settings.database_url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")


def workspace() -> tuple[str, str, list[str], list[str], list[str]]:
    """A registered user whose workspace has the starter library, plus a few more agents."""
    with session_scope() as db:
        user = accounts.register(
            session=db, data=RegisterRequest(email="bench@example.com", password="bench-password-1", name="Bench")
        )
        ws = db.exec(select(Membership.workspace_id).where(Membership.user_id == user.id)).one()
        for i in range(AGENTS - 1):
            db.add(Agent(workspace_id=ws, name=f"Bench agent {i + 1}", type="hosted", config={}))
        db.flush()
        ids = [list(db.exec(select(m.id).where(m.workspace_id == ws)).all()) for m in (Agent, Persona, Objective)]
    return ws, security.create_access_token(user.id).access_token, *ids


def fill(ws: str, agents: list[str], personas: list[str], objectives: list[str]) -> tuple[int, int, int]:
    rng = random.Random(7)
    now = datetime.now(UTC)
    start = now - timedelta(days=HISTORY_DAYS - 1, hours=now.hour, minutes=now.minute)
    span = (now - start).total_seconds() - 3600
    engine = get_engine()
    counts = [0, 0, 0]
    # Chronological, as a real workspace fills up.
    offsets = sorted(rng.random() * span for _ in range(SESSIONS))
    for first in range(0, SESSIONS, BATCH):
        sessions, messages, findings = [], [], []
        for offset in offsets[first : first + BATCH]:
            created = start + timedelta(seconds=offset)
            status, outcome = rng.choice(OUTCOMES)
            duration_ms = int(rng.lognormvariate(10, 0.8)) if status != "running" else None
            sid = new_id()
            sessions.append({
                "id": sid, "workspace_id": ws, "agent_id": rng.choice(agents), "persona_id": rng.choice(personas),
                "objective_id": rng.choice(objectives), "status": status, "outcome": outcome, "config": {},
                "llm_config": {}, "vision_config": {}, "message_count": MESSAGES_PER_SESSION, "action_count": 0,
                "total_cost": round(rng.random() * 0.02, 6), "total_tokens": rng.randint(500, 5000),
                "started_at": created, "ended_at": None if duration_ms is None else created + timedelta(
                    milliseconds=duration_ms), "duration_ms": duration_ms, "created_at": created, "updated_at": created,
            })  # fmt: skip
            for seq in range(MESSAGES_PER_SESSION):
                agent_turn = seq % 2 == 1
                messages.append({
                    "id": new_id(), "workspace_id": ws, "session_id": sid, "sequence": seq + 1,
                    "role": "agent" if agent_turn else "persona", "content": "Order A-10482 arrives on Friday.",
                    "latency_ms": int(rng.lognormvariate(6.5, 0.7)) if agent_turn else None, "meta": {},
                    "created_at": created + timedelta(seconds=seq),
                })  # fmt: skip
            if outcome == "failed" or rng.random() < 0.2:
                kind, severity, text = rng.choice(FINDINGS)
                description = text.format(n=rng.randint(2, 9), id=rng.randint(10000, 99999))
                findings.append({
                    "id": new_id(), "workspace_id": ws, "session_id": sid, "type": kind, "severity": severity,
                    "description": description, "persona_perspective": "", "evidence": {}, "source": "judge",
                    "created_at": created + timedelta(milliseconds=duration_ms or 0),
                })  # fmt: skip
        with engine.begin() as connection:
            connection.execute(SimSession.__table__.insert(), sessions)
            connection.execute(Message.__table__.insert(), messages)
            connection.execute(Finding.__table__.insert(), findings)
        counts[0] += len(sessions)
        counts[1] += len(messages)
        counts[2] += len(findings)
        print(f"  {counts[0]:>7} sessions, {counts[1]:>8} messages", end="\r", flush=True)
    print()
    return counts[0], counts[1], counts[2]


def timed(client: TestClient, headers: dict[str, str], path: str) -> tuple[float, float]:
    response = client.get(path, headers=headers)  # warm up (and check)
    assert response.status_code == 200, response.text
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return statistics.median(samples), max(samples)


def main() -> None:
    migrate()
    ws, token, agents, personas, objectives = workspace()
    print(f"filling {_TMP / 'analytics.db'}: {SESSIONS} sessions x {MESSAGES_PER_SESSION} messages")
    started = time.perf_counter()
    n_sessions, n_messages, n_findings = fill(ws, agents, personas, objectives)
    print(f"  inserted {n_sessions} sessions, {n_messages} messages, {n_findings} findings "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

    headers = {"Authorization": f"Bearer {token}"}
    agent, persona = agents[0], personas[0]
    year = (datetime.now(UTC) - timedelta(days=HISTORY_DAYS - 1)).date().isoformat()
    default_range = [
        ("sessions", "/api/analytics/sessions"),
        ("sessions, one agent", f"/api/analytics/sessions?agentId={agent}"),
        ("sessions, one persona", f"/api/analytics/sessions?personaId={persona}"),
        ("agent performance", f"/api/analytics/agents/{agent}"),
        ("dashboard overview", "/api/analytics/overview"),
        ("analytics page breakdown", "/api/analytics/breakdown"),
        ("analytics page breakdown, one agent", f"/api/analytics/breakdown?agentId={agent}"),
        ("analytics page breakdown, agent + persona", f"/api/analytics/breakdown?agentId={agent}&personaId={persona}"),
    ]
    whole_year = [
        ("sessions", f"/api/analytics/sessions?startDate={year}"),
        ("sessions, one agent", f"/api/analytics/sessions?startDate={year}&agentId={agent}"),
        ("agent performance", f"/api/analytics/agents/{agent}?startDate={year}"),
        ("dashboard overview", f"/api/analytics/overview?startDate={year}"),
        ("analytics page breakdown", f"/api/analytics/breakdown?startDate={year}"),
        ("analytics page breakdown, one agent", f"/api/analytics/breakdown?startDate={year}&agentId={agent}"),
    ]
    inbox = [
        ("findings inbox, last seen first", "/api/findings/groups"),
        ("findings inbox, most frequent", "/api/findings/groups?sort=count"),
        ("findings inbox, to do (open, acknowledged, regressed)", "/api/findings/groups?state=active"),
        ("findings inbox, one agent, high or worse", f"/api/findings/groups?agentId={agent}&severity=high"),
    ]
    with TestClient(create_api()) as client:
        for title, endpoints in (
            ("default range, the last 30 days (target: under 300 ms)", default_range),
            (f"the whole year: {n_sessions} sessions, {n_messages} messages in range", whole_year),
            (f"the findings inbox over all {n_findings} findings, grouped by signature", inbox),
        ):
            print(f"\n{title}; GET through the API app in process, median and max of {RUNS} runs:")
            for label, path in endpoints:
                median, worst = timed(client, headers, path)
                print(f"  {label:<46} {median:>7.1f} ms  (max {worst:.1f})")
        started = time.perf_counter()
        response = client.get(f"/api/analytics/agents/{agent}/report?format=html", headers=headers)
        assert response.status_code == 200, response.text
        elapsed = (time.perf_counter() - started) * 1000
        print(f"\nprintable report of one agent, last 30 days (HTML + 7 PNG charts through kaleido): {elapsed:.0f} ms")
        print("  (one run; most of it is starting Chromium)")


if __name__ == "__main__":
    try:
        main()
    finally:
        # The file takes about 700 MB; MIMIC_BENCH_KEEP=1 keeps it for a closer look.
        if not os.environ.get("MIMIC_BENCH_KEEP"):
            shutil.rmtree(_TMP, ignore_errors=True)
