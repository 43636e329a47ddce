"""`mimic test examples/mimic.yaml` as CI runs it: a real process, the offline model, the example
support bot on 127.0.0.1, no server. Mimic opens no port (its listening sockets are watched
while it runs, and every bind it makes is recorded); the JUnit it writes is valid against the
JUnit schema; exit codes 0, 1 and 2 are each provoked. Then push and pull of the same file on a
running app, and `mimic test --url` there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import xmlschema
import yaml

from app.settings import PROJECT_ROOT
from tests.support.loopback import free_port

EXAMPLE = PROJECT_ROOT / "examples" / "mimic.yaml"
JUNIT_XSD = xmlschema.XMLSchema(str(PROJECT_ROOT / "schemas" / "junit.xsd"))
TOKEN = "dev-token-for-tests"
# Runs the command line recording every socket bind (an audit hook) and every listen() of the
# process; psutil watches from outside for listening sockets made below Python.
WITH_BIND_LOG = (
    "import atexit, os, runpy, socket, sys\n"
    "seen = []\n"
    "sys.addaudithook(lambda event, args: seen.append('bind ' + repr(args[1])) if event == 'socket.bind' else None)\n"
    "listen = socket.socket.listen\n"
    "def recorded(self, *args):\n"
    "    seen.append('listen ' + repr(self.getsockname()))\n"
    "    return listen(self, *args)\n"
    "socket.socket.listen = recorded\n"
    "atexit.register(lambda: open(os.environ['BIND_LOG'], 'w').write('\\n'.join(seen)))\n"
    "sys.argv = ['mimic', *sys.argv[1:]]\n"
    "runpy.run_module('app.cli', run_name='__main__')\n"
)


class Bot:
    """examples/support_bot.py as its own process on a free port of 127.0.0.1."""

    def __init__(self, *broken: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, str(PROJECT_ROOT / "examples" / "support_bot.py"), "--port", str(self.port),
                "--token", TOKEN, *(a for topic in broken for a in ("--broken", topic))]  # fmt: skip
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        assert "support bot on" in self.process.stdout.readline()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def bots():
    started: list[Bot] = []

    def start(*broken: str) -> Bot:
        started.append(Bot(*broken))
        return started[-1]

    yield start
    for bot in started:
        bot.stop()


def mimic_test(tmp_path: Path, *args: str, bot: Bot | None = None, env: dict | None = None, watch: bool = False):
    """Runs `mimic test ...`; with `watch`, samples the process's listening sockets meanwhile."""
    bind_log = tmp_path / f"binds-{time.monotonic_ns()}.log"
    merged = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "COLUMNS": "200", "BIND_LOG": str(bind_log),
              "MIMIC_CONFIG_DIR": str(tmp_path / "config")}  # fmt: skip
    for name in ("MIMIC_URL", "MIMIC_API_KEY", "MIMIC_DATABASE_URL", "MIMIC_DATA_DIR"):
        merged.pop(name, None)  # a local run makes its own database
    if bot is not None:
        merged |= {"SUPPORT_BOT_URL": bot.url, "SUPPORT_BOT_TOKEN": TOKEN}
    merged |= env or {}
    process = subprocess.Popen([sys.executable, "-c", WITH_BIND_LOG, "test", *args], cwd=tmp_path, env=merged,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    listening: list = []
    if watch:

        def sample() -> None:
            watched = psutil.Process(process.pid)
            while process.poll() is None:
                try:
                    listening.extend(c for c in watched.net_connections(kind="all") if c.status == psutil.CONN_LISTEN)
                except psutil.Error:
                    return
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    stdout, stderr = process.communicate(timeout=300)
    if watch:
        sampler.join(timeout=5)
    binds = bind_log.read_text().split("\n") if bind_log.exists() and bind_log.read_text() else []
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), listening, binds


def _junit_cases(path: Path) -> dict[str, list]:
    JUNIT_XSD.validate(str(path))  # raises with the reason when the document breaks the schema
    tree = JUNIT_XSD.to_dict(str(path))
    return {suite["@name"]: suite.get("testcase", []) for suite in tree["testsuite"]}


def test_exit_0_locally_with_no_port_opened_and_valid_reports(tmp_path: Path, bots) -> None:
    bot = bots()
    result, listening, binds = mimic_test(tmp_path, str(EXAMPLE), "-o", "out", bot=bot, watch=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert listening == [] and not [b for b in binds if b.startswith("listen")], (listening, binds)
    # The only binds are to port 0 without listening: an HTTP client probing for IPv6.
    assert all(b.startswith("bind (") and b.endswith(", 0)") for b in binds), binds
    assert "Support smoke · run" in result.stdout and "100.0%" in result.stdout and "Wilson" in result.stdout
    assert "✓ Support smoke: pass rate 100.0% ≥ 90.0%" in result.stderr
    cases = _junit_cases(tmp_path / "out" / "junit.xml")
    assert len(cases["Support smoke"]) == 8 and len(cases["Orders only"]) == 1
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    assert results["exitCode"] == 0 and results["mode"] == "local"
    assert [s["name"] for s in results["suites"]] == ["Support smoke", "Orders only"]
    smoke = results["suites"][0]
    assert smoke["thresholds"] == {"passRate": 0.9, "maxFindings": {"critical": 0}}
    assert smoke["run"]["overall"]["ci"]["low"] == pytest.approx(0.6756, abs=1e-3)  # Wilson, 8/8
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert "## ✅ Mimic: all 2 suite(s) passed" in summary and "67.6% – 100.0%" in summary
    assert "### Findings by severity" in summary


def test_exit_1_when_a_change_breaks_the_agent_with_cells_changed_against_a_baseline(tmp_path: Path, bots) -> None:
    good = bots()
    baseline, _, _ = mimic_test(tmp_path, str(EXAMPLE), "--suite", "Support smoke", "-o", "before", bot=good)
    assert baseline.returncode == 0, baseline.stderr
    broken = bots("order")  # the agent changes: order questions get no answer
    result, _, _ = mimic_test(tmp_path, str(EXAMPLE), "--suite", "Support smoke", "--repeat", "1", "--seed", "3",
                              "--max-concurrency", "2",
                              "--baseline", "before/results.json", "-o", "after", bot=broken)  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "✗ Support smoke: pass rate 50.0% is under 90.0%" in result.stderr
    assert "2 cell(s) regressed against the baseline" in result.stderr
    cases = _junit_cases(tmp_path / "after" / "junit.xml")["Support smoke"]
    failed = [c for c in cases if "failure" in c]
    assert len(cases) == 4 and len(failed) == 2  # --repeat 1: one session per cell
    assert all(c["failure"]["@message"].startswith("not met: The agent gives the delivery date") for c in failed)
    summary = (tmp_path / "after" / "summary.md").read_text()
    assert "## ❌ Mimic: 1 of 1 suite(s) failed the gate" in summary
    assert (
        "| Support smoke | Dana (direct, impatient) | Order status | **regressed** | 2/2 (100.0%) | 0/1 (0.0%) |"
        in summary
    )
    assert "session(s) that did not pass" in summary
    results = json.loads((tmp_path / "after" / "results.json").read_text())
    assert results["exitCode"] == 1
    assert results["suites"][0]["run"]["suiteSnapshot"]["overrides"] == {"repeats": 1, "seed": 3}

    # --filter narrows the matrix: only the cells about opening hours run, and they pass.
    hours, _, _ = mimic_test(tmp_path, str(EXAMPLE), "--suite", "Support smoke", "--filter", "objective=opening*",
                             "-o", "hours", bot=broken)  # fmt: skip
    assert hours.returncode == 0, hours.stderr
    assert len(_junit_cases(tmp_path / "hours" / "junit.xml")["Support smoke"]) == 4


def test_exit_2_for_configuration_and_infrastructure_errors(tmp_path: Path, bots) -> None:
    # A variable the agents need is not set: nothing runs.
    unset, _, _ = mimic_test(tmp_path, str(EXAMPLE), env={"SUPPORT_BOT_URL": "http://127.0.0.1:9"})
    assert unset.returncode == 2 and "${SUPPORT_BOT_TOKEN}" in unset.stderr
    # An inline secret is refused with the field and what to write instead.
    document = yaml.safe_load(EXAMPLE.read_text())
    document["agents"][0]["config"]["headers"]["Authorization"] = "Bearer sk-inline-123"
    (tmp_path / "inline.yaml").write_text(yaml.safe_dump(document))
    inline, _, _ = mimic_test(tmp_path, "inline.yaml", bot=bots())
    assert inline.returncode == 2
    assert "agents[0].config.headers.Authorization: an inline secret" in inline.stderr
    missing_file, _, _ = mimic_test(tmp_path, "nothing.yaml")
    assert missing_file.returncode == 2 and "no such file" in missing_file.stderr
    # The agent is down: every session ends in an infrastructure error, never a failed agent.
    down, _, _ = mimic_test(tmp_path, str(EXAMPLE), "--suite", "Orders only", "-o", "down",
                            env={"SUPPORT_BOT_URL": f"http://127.0.0.1:{free_port()}",
                                 "SUPPORT_BOT_TOKEN": TOKEN})  # fmt: skip
    assert down.returncode == 2, down.stdout + down.stderr
    assert "1 of 1 sessions ended in an infrastructure error" in down.stderr
    cases = _junit_cases(tmp_path / "down" / "junit.xml")["Orders only"]
    assert "error" in cases[0] and "failure" not in cases[0]


def test_the_cache_answers_a_rerun_from_disk(tmp_path: Path, bots) -> None:
    bot = bots()
    args = (str(EXAMPLE), "--suite", "Orders only", "--cache", "--cache-dir", "cache")
    first, _, _ = mimic_test(tmp_path, *args, "-o", "first", bot=bot)
    assert first.returncode == 0, first.stderr
    stored = sorted(p.name for p in (tmp_path / "cache").rglob("*.json"))
    assert stored  # the simulator's and the judge's answers, one file each
    second, _, _ = mimic_test(tmp_path, *args, "-o", "second", bot=bot)
    assert second.returncode == 0, second.stderr
    assert sorted(p.name for p in (tmp_path / "cache").rglob("*.json")) == stored  # every call was a hit

    def transcript(folder: str) -> list:
        sessions = json.loads((tmp_path / folder / "results.json").read_text())["suites"][0]["sessions"]
        return [(s["outcome"], [c["status"] for c in s["criteria"]]) for s in sessions]

    assert transcript("first") == transcript("second")


def _cli(tmp_path: Path, live_api, key: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    merged = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "COLUMNS": "200", "MIMIC_URL": live_api.url,
              "MIMIC_API_KEY": key, "MIMIC_CONFIG_DIR": str(tmp_path / "config"), **(env or {})}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=tmp_path, env=merged, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def test_push_pull_round_trip_and_mimic_test_on_a_running_app(tmp_path: Path, live_api, client, make_account,
                                                               bots) -> None:  # fmt: skip
    account = make_account()
    key = client.post("/api/auth/api-keys", json={"name": "CI"}, headers=account.headers).json()["key"]
    bot = bots()
    secrets = {"SUPPORT_BOT_URL": bot.url, "SUPPORT_BOT_TOKEN": TOKEN}
    pushed = _cli(tmp_path, live_api, key, "push", str(EXAMPLE), env=secrets)
    assert pushed.returncode == 0, pushed.stderr
    assert "created agents: Support bot" in pushed.stdout

    # Pulled back into a copy of the file: identical, and the token is still a reference.
    copy = tmp_path / "mimic.yaml"
    copy.write_text(EXAMPLE.read_text())
    pulled = _cli(tmp_path, live_api, key, "pull", str(copy))
    assert pulled.returncode == 0, pulled.stderr
    assert yaml.safe_load(copy.read_text()) == yaml.safe_load(EXAMPLE.read_text())
    assert "Authorization: Bearer ${SUPPORT_BOT_TOKEN}" in copy.read_text() and TOKEN not in copy.read_text()
    assert copy.read_text().startswith("# yaml-language-server: $schema=")
    again = _cli(tmp_path, live_api, key, "push", str(copy))  # no variables set: the stored values stay
    assert again.returncode == 0 and "unchanged agents: Support bot" in again.stdout, again.stderr

    # The same file run on the server: the runs land in its dashboard.
    remote = _cli(tmp_path, live_api, key, "test", str(EXAMPLE), "--suite", "Orders only", "-o", "remote",
                  env=secrets)  # fmt: skip
    assert remote.returncode == 0, remote.stdout + remote.stderr
    results = json.loads((tmp_path / "remote" / "results.json").read_text())
    assert results["mode"] == "server"
    run_id = results["suites"][0]["run"]["id"]
    assert client.get(f"/api/runs/{run_id}", headers=account.headers).json()["status"] == "completed"
    _junit_cases(tmp_path / "remote" / "junit.xml")
    # A run id of the server is a baseline there.
    compared = _cli(tmp_path, live_api, key, "test", str(EXAMPLE), "--suite", "Orders only", "--baseline", run_id,
                    "-o", "remote2", env=secrets)  # fmt: skip
    assert compared.returncode == 0, compared.stderr
    assert "against the baseline: {'unchanged': 1}" in compared.stdout


def test_the_ci_examples_run_mimic_test_and_post_the_summary() -> None:
    github = yaml.safe_load((PROJECT_ROOT / "examples" / "ci" / "github-actions.yml").read_text())
    steps = github["jobs"]["mimic"]["steps"]
    run = "\n".join(step.get("run", "") for step in steps)
    assert "pull_request" in github[True] and "make -C .mimic cli" in run
    assert ".mimic/.venv/bin/mimic test mimic.yaml" in run and "--baseline baseline/results.json" in run
    assert "gh pr comment" in run and "mimic-results/summary.md" in run
    gitlab = yaml.safe_load((PROJECT_ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text())["mimic"]
    script = "\n".join(gitlab["script"])
    assert "mimic test mimic.yaml" in script and "merge_requests/$CI_MERGE_REQUEST_IID/notes" in script
    assert gitlab["artifacts"]["reports"]["junit"] == "mimic-results/junit.xml" and "exit $status" in script
