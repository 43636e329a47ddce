"""The `mimic` command line against the live API: log in, create resources from files, build a
suite by names, run it as CI would, and gate on the results (exit 0 or 1), with JUnit XML that a
JUnit reader takes and JSON beside it. The commands run in the test process (tests/support/cli.py:
a process start costs seconds); a real process reads the stored login, and the installed wrapper
runs from any folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
import yaml

from app.settings import PROJECT_ROOT
from tests.conftest import PASSWORD
from tests.support.cli import run_cli
from tests.support.loopback import LoopbackServer
from tests.support.suites import OBJECTIVES, PERSONAS, UNDECIDABLE_OBJECTIVE, topic_bot


@pytest.fixture
def mimic(live_api, tmp_path: Path):
    env = {"MIMIC_URL": live_api.url, "MIMIC_CONFIG_DIR": str(tmp_path / "config")}

    def run(*args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        return run_cli(*args, env={**env, **(extra_env or {})})

    return run


def _junit(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    return root.find("testsuite")


def test_ci_flow_with_exit_codes_and_reports(mimic, live_api, make_account, tmp_path: Path) -> None:
    account = make_account()
    login = mimic("login", "--email", account.email, "--password", PASSWORD)
    assert login.returncode == 0, login.stderr
    config = tmp_path / "config" / "config.json"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600 and json.loads(config.read_text())["token"]
    # Another process reads the stored login.
    env = {k: v for k, v in os.environ.items() if k != "MIMIC_API_KEY"}
    whoami = subprocess.run([sys.executable, "-m", "app.cli", "whoami"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=120, env={**env, "MIMIC_URL": live_api.url,
                                                         "MIMIC_CONFIG_DIR": str(config.parent)})  # fmt: skip
    assert whoami.returncode == 0 and account.email in whoami.stdout, whoami.stderr

    state: dict = {}
    with LoopbackServer(topic_bot(state)) as bot:
        (tmp_path / "personas.yaml").write_text(yaml.safe_dump(PERSONAS))
        (tmp_path / "objectives.json").write_text(json.dumps([*OBJECTIVES, UNDECIDABLE_OBJECTIVE]))
        (tmp_path / "agent.json").write_text(json.dumps({"name": "CLI bot", "type": "http", "config": {
            "url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5}}))  # fmt: skip
        for kind, file in (("personas", "personas.yaml"), ("objectives", "objectives.json"), ("agents", "agent.json")):
            made = mimic(kind, "create", str(tmp_path / file))
            assert made.returncode == 0 and "created" in made.stdout, made.stderr
        assert "Sam (polite, patient)" in mimic("personas", "list", "--q", "Sam").stdout
        suite = mimic("suites", "new", "--name", "CI smoke", "--agent", "cli bot", "--persona", PERSONAS[0]["name"],
                      "--persona", PERSONAS[1]["name"], "--objective", "Order status", "--objective", "Opening hours",
                      "--repeats", "2", "--seed", "5")  # fmt: skip
        assert suite.returncode == 0 and "4 cells, 8 sessions" in suite.stdout, suite.stderr

        # A healthy agent: exit 0, a result table, JUnit and JSON.
        good = mimic("run", "CI smoke", "--wait", "--poll", "0.2", "--junit", str(tmp_path / "good.xml"),
                     "--json", str(tmp_path / "good.json"))  # fmt: skip
        assert good.returncode == 0, good.stdout + good.stderr
        assert "Order status" in good.stdout and "100.0%" in good.stdout and "Wilson" in good.stdout
        suite_xml = _junit(tmp_path / "good.xml")
        assert (suite_xml.get("tests"), suite_xml.get("failures"), suite_xml.get("errors")) == ("8", "0", "0")
        assert len(suite_xml.findall("testcase")) == 8
        baseline = json.loads((tmp_path / "good.json").read_text())["run"]
        assert baseline["status"] == "completed" and baseline["overall"]["passRate"] == 1.0

        # The agent changes and order tracking breaks: half the sessions fail.
        state["broken"] = {"order": "unhelpful"}
        gate = ("--threshold", "0.4", "--baseline", baseline["id"])
        reports = ("--junit", str(tmp_path / "bad.xml"), "--json", str(tmp_path / "bad.json"))
        regressed = mimic("run", "CI smoke", "--wait", "--poll", "0.2", *gate, *reports)
        assert regressed.returncode == 1, regressed.stdout + regressed.stderr
        assert "regressed: Dana (direct, impatient) × Order status" in regressed.stderr
        assert "regressed: Sam (polite, patient) × Order status" in regressed.stderr
        bad_xml = _junit(tmp_path / "bad.xml")
        assert (bad_xml.get("tests"), bad_xml.get("failures")) == ("8", "4")
        failing = {case.get("name") for case in bad_xml.iter("testcase") if case.find("failure") is not None}
        assert failing == {"Order status #1", "Order status #2"}
        report = json.loads((tmp_path / "bad.json").read_text())
        assert report["comparison"]["counts"]["regressed"] == 2

        # The threshold alone decides without a baseline (a smaller suite: one session per cell).
        half = mimic("suites", "new", "--name", "CI half", "--agent", "cli bot", "--persona", PERSONAS[0]["name"],
                     "--objective", "Order status", "--objective", "Opening hours")  # fmt: skip
        assert half.returncode == 0 and "2 cells, 2 sessions" in half.stdout, half.stderr
        assert mimic("run", "CI half", "--wait", "--poll", "0.2", "--threshold", "0.4").returncode == 0
        under = mimic("run", "CI half", "--wait", "--poll", "0.2", "--threshold", "0.9")
        assert under.returncode == 1 and "under the threshold" in under.stderr

        # A criterion the offline judge cannot decide: inconclusive, set apart, and gated on.
        undecided = mimic("suites", "new", "--name", "CI undecided", "--agent", "cli bot", "--persona",
                          PERSONAS[0]["name"], "--objective", "Returns")  # fmt: skip
        assert undecided.returncode == 0, undecided.stderr
        gated = mimic("run", "CI undecided", "--wait", "--poll", "0.2", "--max-inconclusive", "0.5", "--junit",
                      str(tmp_path / "undecided.xml"))  # fmt: skip
        assert gated.returncode == 1, gated.stdout + gated.stderr
        problems = " ".join(gated.stderr.split())
        assert "1 of 1 sessions are inconclusive, more than --max-inconclusive allows (50.0%)" in problems
        assert "no session was passed or failed" in problems
        assert "Inconclusive" in gated.stdout and "inconclusive" in gated.stdout
        [case] = _junit(tmp_path / "undecided.xml").iter("testcase")
        assert case.find("failure") is None and case.find("skipped").get("message").startswith(
            "inconclusive (blame: judge): undecided: The agent explains how to return a parcel"
        )

        current = report["run"]["id"]
        assert mimic("runs", "compare", current, baseline["id"]).returncode == 1
        assert mimic("runs", "compare", baseline["id"], baseline["id"]).returncode == 0
        assert "CI smoke" in mimic("runs", "list", "--suite", "CI smoke").stdout


def test_api_keys_and_failures_to_run(mimic, live_api, make_account) -> None:
    account = make_account()
    key = httpx.post(f"{live_api.url}/api/auth/api-keys", json={"name": "CI"}, headers=account.headers).json()["key"]
    assert account.email in mimic("whoami", extra_env={"MIMIC_API_KEY": key}).stdout
    assert account.email in mimic("--api-key", key, "whoami").stdout
    listed = mimic("suites", "list", extra_env={"MIMIC_API_KEY": key})
    assert listed.returncode == 0 and "Suites" in listed.stdout

    wrong = mimic("--api-key", "mk_not-a-key", "run", "anything")
    assert wrong.returncode == 2 and "AUTHENTICATION_ERROR" in wrong.stderr
    unknown = mimic("run", "no such suite", extra_env={"MIMIC_API_KEY": key})
    assert unknown.returncode == 2 and "no suite named" in unknown.stderr
    unreachable = mimic("--url", "http://127.0.0.1:9", "--api-key", key, "whoami")
    assert unreachable.returncode == 2 and "cannot reach" in unreachable.stderr


def test_the_makefile_installs_a_mimic_command(tmp_path: Path) -> None:
    wrapper = PROJECT_ROOT / ".venv" / "bin" / "mimic"
    if not wrapper.exists():
        pytest.skip("`make cli` (a prerequisite of `make test`) has not run")
    # It works from any folder: the wrapper points Python at the project.
    answer = subprocess.run([str(wrapper), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert answer.returncode == 0 and "Usage: mimic" in answer.stdout
