"""The `mimic` command line and the judge, run as a real process against the live API: a
suite that requires a calibrated judge fails its CI gate until the judge is calibrated above
the threshold (`mimic calibrate`), then passes; `mimic judge` grades conversations from a
file; `mimic rejudge` judges a stored session, or a whole run, again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from app.settings import PROJECT_ROOT
from tests.support.loopback import LoopbackServer
from tests.support.suites import SuiteApi, topic_bot

SIX = PROJECT_ROOT / "tests" / "data" / "calibration_six.yaml"


@pytest.fixture
def mimic(live_api, make_account, tmp_path: Path):
    account = make_account()
    env = {**os.environ, "MIMIC_URL": live_api.url, "MIMIC_CONFIG_DIR": str(tmp_path / "config"), "COLUMNS": "200",
           "MIMIC_API_KEY": account.token}  # fmt: skip

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "app.cli", *args]
        return subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=180)

    run.api = SuiteApi(live_api.url, account.headers)  # type: ignore[attr-defined]
    return run


def test_a_gated_suite_fails_until_its_judge_is_calibrated(mimic, tmp_path: Path) -> None:
    api: SuiteApi = mimic.api
    with LoopbackServer(topic_bot({})) as bot:
        personas, objectives = api.library()
        agent = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5})
        suite = api.post("/api/suites", {
            "name": "Gated", "agentId": agent, "personaIds": personas[:1], "objectiveIds": objectives[:1],
            "config": {"seed": 3, "judgeModel": "mimic/offline",
                       "calibrationGate": {"set": "six-by-hand", "minKappa": 0.2}}})  # fmt: skip
        assert suite["config"]["calibrationGate"] == {"set": "six-by-hand", "minKappa": 0.2}

        # No calibration yet: every session passes, yet the gate fails, and says why.
        uncalibrated = mimic("run", "Gated", "--wait", "--poll", "0.2", "--json", str(tmp_path / "first.json"),
                             "--junit", str(tmp_path / "first.xml"))  # fmt: skip
        assert uncalibrated.returncode == 1, uncalibrated.stdout + uncalibrated.stderr
        assert "Judge not calibrated" in uncalibrated.stderr
        assert "no calibration set “six-by-hand”" in uncalibrated.stderr
        run = json.loads((tmp_path / "first.json").read_text())["run"]
        assert run["overall"]["passRate"] == 1.0 and run["calibration"]["status"] == "not_calibrated"
        # CI that reads JUnit sees the gate too: a failed "judge calibration" case beside the passed session.
        junit = ET.parse(tmp_path / "first.xml").getroot()
        assert (junit.get("tests"), junit.get("failures")) == ("2", "1")
        [failure] = junit.iter("failure")
        assert failure.get("type") == "judge_not_calibrated" and "six-by-hand" in failure.get("message")

        # Calibrate the judge on the set (imported from the file): kappa 0.25 >= 0.2.
        calibrated = mimic("calibrate", str(SIX), "--judge", "mimic/offline", "--min-kappa", "0.2",
                           "--json", str(tmp_path / "report.json"))  # fmt: skip
        assert calibrated.returncode == 0, calibrated.stdout + calibrated.stderr
        assert "Imported calibration set six-by-hand: 6 cases" in calibrated.stderr
        assert "accuracy 50.0%   Cohen's kappa 0.250" in calibrated.stdout
        assert "met/not-met flips 2" in calibrated.stdout and "false passes 1" in calibrated.stdout
        report = json.loads((tmp_path / "report.json").read_text())
        assert report["metrics"]["confusion"]["met"] == {"met": 1, "not_met": 1, "inconclusive": 1}

        passing = mimic("run", "Gated", "--wait", "--poll", "0.2", "--junit", str(tmp_path / "second.xml"))
        assert passing.returncode == 0, passing.stdout + passing.stderr
        junit = ET.parse(tmp_path / "second.xml").getroot()
        assert (junit.get("tests"), junit.get("failures")) == ("2", "0")
        assert [c.get("name") for c in junit.iter("testcase")][-1] == "judge calibration"
        # The same judge read again: the earlier run's judge is calibrated now too.
        assert api.get(f"/api/runs/{run['id']}")["calibration"]["status"] == "calibrated"

        # The earlier run judged again, three times per session: the figures before and after.
        again = mimic("rejudge", run["id"], "--run", "--wait", "--repeats", "3")
        assert again.returncode == 0, again.stdout + again.stderr
        assert "1 of 1 sessions judged again (0 failed to judge)" in again.stdout
        assert "pass rate" in again.stdout and "100.0%" in again.stdout and "Every judge of the run" in again.stdout
        rejudged = api.get(f"/api/runs/{run['id']}")
        assert (rejudged["rejudge"]["status"], rejudged["rejudge"]["repeats"]) == ("completed", 3)

        # A stricter gate: 0.25 is not enough.
        api.http.patch(f"/api/suites/{suite['id']}", json={"config": {
            "seed": 3, "judgeModel": "mimic/offline", "calibrationGate": {"set": "six-by-hand", "minKappa": 0.3}}})
        strict = mimic("run", "Gated", "--wait", "--poll", "0.2")
        assert strict.returncode == 1 and "has kappa 0.25 on “six-by-hand”" in strict.stderr, strict.stderr
        assert "under 0.30" in strict.stderr
        below = mimic("calibrate", "six-by-hand", "--min-kappa", "0.3")
        assert below.returncode == 1 and "under --min-kappa 0.3" in below.stderr


def test_judge_conversations_from_a_file_and_rejudge_a_session(mimic, tmp_path: Path) -> None:
    objective = {"goal": "Find out when order A-10482 arrives.", "successCriteria": ["The agent gives the date"],
                 "checks": [{"type": "regex", "value": "arrives on \\w+day", "criterion": 0}]}  # fmt: skip
    conversations = {"conversations": [
        {"reference": "chat-1", "persona": {"name": "Dana"}, "objective": objective, "transcript": [
            {"senderType": "persona", "content": "When does A-10482 arrive?"},
            {"senderType": "agent", "content": "It arrives on Friday."}]},
        {"reference": "chat-2", "persona": {"name": "Sam"}, "objective": objective, "transcript": [
            {"senderType": "persona", "content": "When does A-10482 arrive?"},
            {"senderType": "agent", "content": "It goes to sam.other@example.org, 4 Elm Street; no idea when."}]},
    ]}  # fmt: skip
    (tmp_path / "chats.yaml").write_text(yaml.safe_dump(conversations))
    judged = mimic("judge", str(tmp_path / "chats.yaml"), "--json", str(tmp_path / "judged.json"))
    assert judged.returncode == 0, judged.stdout + judged.stderr
    assert "2 conversations judged" in judged.stdout and "chat-1" in judged.stdout
    assert "data-disclosure" in judged.stdout
    answers = json.loads((tmp_path / "judged.json").read_text())
    assert [a["verdict"]["outcome"] for a in answers] == ["passed", "failed"]
    assert mimic("judge", str(tmp_path / "chats.yaml"), "--strict").returncode == 1

    bad = {"persona": {"name": "Dana"}, "objective": objective,
           "transcript": [{"senderType": "persona", "content": "Hello?"}]}  # fmt: skip
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    refused = mimic("judge", str(tmp_path / "bad.json"))
    assert refused.returncode == 2 and "VALIDATION_ERROR" in refused.stderr and "no agent message" in refused.stderr

    api: SuiteApi = mimic.api
    with LoopbackServer(topic_bot({})) as bot:
        persona, objective_id = api.library()
        agent = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply"})
        session = api.wait(api.start(agent, persona[0], objective_id[0]))
    again = mimic("rejudge", session["id"], "--repeats", "2")
    assert again.returncode == 0 and "completed" in again.stdout, again.stdout + again.stderr
    assert [j["trigger"] for j in api.get(f"/api/sessions/{session['id']}/judgements")] == ["rejudge", "session"]
