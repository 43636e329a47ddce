"""`mimic suites threshold`, `mimic run --label`, `mimic suites trend` and the findings inbox
(`mimic findings list` and `state`) against a real server on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.loopback import LoopbackServer
from tests.support.suites import OBJECTIVES, PERSONAS, SuiteApi, topic_bot


@pytest.fixture
def mimic(live_api, make_account, tmp_path: Path):
    account = make_account()
    api = SuiteApi(live_api.url, account.headers)
    key = api.post("/api/auth/api-keys", {"name": "cli"})["key"]
    env = {"MIMIC_URL": live_api.url, "MIMIC_API_KEY": key, "MIMIC_CONFIG_DIR": str(tmp_path / "config")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return run_cli(*args, env=env)

    run.api = api  # type: ignore[attr-defined]
    return run


def test_threshold_label_trend_and_findings_from_the_command_line(mimic) -> None:
    api: SuiteApi = mimic.api
    state: dict = {"broken": {"order": "unhelpful"}}
    with LoopbackServer(topic_bot(state)) as bot:
        personas = [api.post("/api/personas", p)["id"] for p in PERSONAS[:1]]
        objectives = [api.post("/api/objectives", o)["id"] for o in OBJECTIVES]
        agent = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5})
        api.post("/api/suites", {"name": "CLI trend", "agentId": agent, "personaIds": personas,
                                 "objectiveIds": objectives, "config": {"seed": 3}})  # fmt: skip

        assert mimic("suites", "threshold", "CLI trend", "1.5").returncode != 0
        set_it = mimic("suites", "threshold", "CLI trend", "0.8")
        assert set_it.returncode == 0 and "threshold 80.0%" in set_it.stdout, set_it.stderr
        ran = mimic("run", "CLI trend", "--wait", "--label", "v3.1.4", "--threshold", "0")
        assert ran.returncode == 0, ran.stderr

    trend = mimic("suites", "trend", "CLI trend", "--json")
    assert trend.returncode == 0, trend.stderr
    [point] = json.loads(trend.stdout)["points"]
    assert (point["version"], point["passRate"], point["belowThreshold"]) == ("v3.1.4", 0.5, True)
    shown = mimic("suites", "trend", "CLI trend")
    assert "v3.1.4" in shown.stdout and "BELOW" in shown.stdout and "threshold 80.0%" in shown.stdout

    listed = mimic("findings", "list", "--json", "--sort", "count")
    assert listed.returncode == 0, listed.stderr
    groups = json.loads(listed.stdout)["data"]
    assert groups and all(g["state"] == "open" for g in groups)
    signature = groups[0]["signature"]
    assert mimic("findings", "state", signature, "closed").returncode != 0
    marked = mimic("findings", "state", signature, "acknowledged", "--note", "TICKET-9")
    assert marked.returncode == 0 and "acknowledged" in marked.stdout, marked.stderr
    acknowledged = json.loads(mimic("findings", "list", "--state", "acknowledged", "--json").stdout)["data"]
    assert [(g["signature"], g["note"]) for g in acknowledged] == [(signature, "TICKET-9")]
