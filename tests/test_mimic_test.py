"""`mimic test examples/mimic.yaml` as CI runs it: the offline model, the example support bot on
127.0.0.1, no server. Mimic opens no port (a real process: its listening sockets are watched
while it runs, and every bind it makes is recorded); the JUnit it writes is valid against the
JUnit schema; exit codes 0, 1 and 2 are each provoked; inconclusive sessions and sessions the
simulator spoiled are shown apart, never as the agent's failures; LLM calls go through the
outbound policy. Then push and pull of the same file on a running app, and `mimic test --url` there.

A process pays seconds to start Mimic's engine (litellm's import above all), so one real process
runs the healthy example (the exit-0 run, the baseline of the regression run and the first run
of the cache test) and one meets a refused file as CI does; the other local runs start the engine
in the test process, as the pytest plugin does (tests/support/cli.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest
import xmlschema
import yaml
from fastapi import FastAPI

from app.settings import PROJECT_ROOT
from tests.support.cli import run_cli, run_local_test
from tests.support.loopback import LoopbackServer, free_port
from tests.support.openai_stub import OpenAIStub
from tests.support.suites import UNDECIDABLE_OBJECTIVE, wandering_persona

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


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """The folder the module's runs share (a baseline or a cache of one run is read by another)."""
    return tmp_path_factory.mktemp("mimic-test")


@pytest.fixture(scope="module")
def healthy_bot():
    bot = Bot()
    yield bot
    bot.stop()


@pytest.fixture(scope="module")
def healthy_run(workdir: Path, healthy_bot: Bot):
    """The whole example against a healthy bot, sockets watched, LLM answers cached in cache/."""
    return mimic_test(workdir, str(EXAMPLE), "-o", "good", "--cache", "--cache-dir", "cache", bot=healthy_bot,
                      watch=True)  # fmt: skip


@pytest.fixture
def bots():
    started: list[Bot] = []

    def start(*broken: str) -> Bot:
        started.append(Bot(*broken))
        return started[-1]

    yield start
    for bot in started:
        bot.stop()


def bot_env(bot: Bot) -> dict[str, str]:
    return {"SUPPORT_BOT_URL": bot.url, "SUPPORT_BOT_TOKEN": TOKEN}


def mimic_test(tmp_path: Path, *args: str, bot: Bot | None = None, env: dict | None = None, watch: bool = False):
    """Runs `mimic test ...`; with `watch`, samples the process's listening sockets meanwhile."""
    bind_log = tmp_path / f"binds-{time.monotonic_ns()}.log"
    merged = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "COLUMNS": "200", "BIND_LOG": str(bind_log),
              "MIMIC_CONFIG_DIR": str(tmp_path / "config")}  # fmt: skip
    for name in ("MIMIC_URL", "MIMIC_API_KEY", "MIMIC_DATABASE_URL", "MIMIC_DATA_DIR"):
        merged.pop(name, None)  # a local run makes its own database
    if bot is not None:
        merged |= bot_env(bot)
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


def test_exit_0_locally_with_no_port_opened_and_valid_reports(workdir: Path, healthy_run) -> None:
    result, listening, binds = healthy_run
    assert result.returncode == 0, result.stdout + result.stderr
    assert listening == [] and not [b for b in binds if b.startswith("listen")], (listening, binds)
    # The only binds are to port 0 without listening: an HTTP client probing for IPv6.
    assert all(b.startswith("bind (") and b.endswith(", 0)") for b in binds), binds
    assert "Support smoke · run" in result.stdout and "100.0%" in result.stdout and "Wilson" in result.stdout
    assert "Inconclusive" in result.stdout and "Simulator errors" in result.stdout  # kept apart, even when 0
    assert "✓ Support smoke: pass rate 100.0% ≥ 90.0%" in result.stderr
    cases = _junit_cases(workdir / "good" / "junit.xml")
    assert len(cases["Support smoke"]) == 8 and len(cases["Orders only"]) == 1
    assert not any({"failure", "error", "skipped"} & set(case) for case in cases["Support smoke"])
    results = json.loads((workdir / "good" / "results.json").read_text())
    assert results["exitCode"] == 0 and results["mode"] == "local"
    assert [s["name"] for s in results["suites"]] == ["Support smoke", "Orders only"]
    smoke = results["suites"][0]
    assert smoke["thresholds"] == {"passRate": 0.9, "maxFindings": {"critical": 0}}
    assert smoke["run"]["overall"]["ci"]["low"] == pytest.approx(0.6756, abs=1e-3)  # Wilson, 8/8
    # Each criterion was decided by the objective's check bound to it, citing the agent's reply.
    session = smoke["sessions"][0]
    [criterion] = session["criteria"]
    assert criterion["status"] == "met" and criterion["source"] == "check" and criterion["blame"] is None
    assert criterion["evidenceMessageIds"] and criterion["evidenceMessageNumbers"]
    assert {c["key"] for c in session["checks"]} >= {"objective:0", "empty_reply"} and session["judgeModel"]
    summary = (workdir / "good" / "summary.md").read_text()
    assert "## ✅ Mimic: all 2 suite(s) passed" in summary and "67.6% – 100.0%" in summary
    assert "| Inconclusive | Simulator errors | Errors |" in summary and "### Findings by severity" in summary
    assert "kept out of the pass rate" not in summary and "failed session(s)" not in summary


def test_exit_1_when_a_change_breaks_the_agent_with_cells_changed_against_a_baseline(workdir: Path, healthy_run,
                                                                                     bots) -> None:  # fmt: skip
    assert healthy_run[0].returncode == 0  # the baseline: good/results.json
    broken = bots("order")  # the agent changes: order questions get no answer
    # --filter narrows the matrix to Dana's cells: Sam's, left out, are no change of the agent.
    result = run_local_test(str(EXAMPLE), "--suite", "Support smoke", "--repeat", "1", "--seed", "3",
                            "--max-concurrency", "2", "--filter", "persona=dana*",
                            "--baseline", "good/results.json", "-o", "after", env=bot_env(broken),
                            cwd=workdir)  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "✗ Support smoke: pass rate 50.0% is under 90.0%" in result.stderr
    assert ("1 cell(s) regressed against the baseline (at most 0): Dana (direct, impatient) × Order status"
            in result.stderr)  # fmt: skip
    cases = _junit_cases(workdir / "after" / "junit.xml")["Support smoke"]
    failed = [c for c in cases if "failure" in c]
    assert len(cases) == 2 and len(failed) == 1  # --repeat 1, Dana only: one session per cell
    assert failed[0]["failure"]["@message"].startswith("not met: The agent gives the delivery date")
    assert "[not_met] The agent gives the delivery date of order A-10482 (blame: agent" in failed[0]["system-out"]
    summary = (workdir / "after" / "summary.md").read_text()
    assert "## ❌ Mimic: 1 of 1 suite(s) failed the gate" in summary
    assert (
        "| Support smoke | Dana (direct, impatient) | Order status | **regressed** | 2/2 (100.0%) | 0/1 (0.0%) |"
        in summary
    )
    assert "1 failed session(s): counted against the agent" in summary
    assert "- ✗ The agent gives the delivery date of order A-10482 [agent]" in summary
    results = json.loads((workdir / "after" / "results.json").read_text())
    assert results["exitCode"] == 1
    run = results["suites"][0]["run"]
    overrides = run["suiteSnapshot"]["overrides"]
    assert (overrides["repeats"], overrides["seed"], len(overrides["personaIds"])) == (1, 3, 1)
    assert {c["personaName"] for c in results["suites"][0]["comparison"]["cells"]} == {"Dana (direct, impatient)"}
    [failing] = [s for s in results["suites"][0]["sessions"] if s["outcome"] == "failed"]
    assert failing["blame"] == "agent" and failing["criteria"][0]["blame"] == "agent"


def test_inconclusive_spoiled_unreachable_and_refused_sessions_are_set_apart(tmp_path: Path, healthy_bot: Bot) -> None:
    document = yaml.safe_load(EXAMPLE.read_text())
    # The offline judge cannot decide a criterion no check is bound to: inconclusive.
    document["objectives"].append(UNDECIDABLE_OBJECTIVE)
    document["agents"].append({"name": "Down bot", "type": "http", "config": {"url": "${DOWN_BOT_URL}/chat"}})
    dana = "Dana (direct, impatient)"
    document["suites"] = [
        {"name": "Mixed", "agent": "Support bot", "thresholds": {"maxInconclusiveRate": 0.9},
         "matrix": {"personas": [dana], "objectives": ["Order status", "Returns"]}},
        # The simulator is a scripted model that wanders off: the session is spoiled, not failed.
        {"name": "Wandering", "agent": "Support bot", "model": "openai/gpt-4o-mini",
         "matrix": {"personas": [dana], "objectives": ["Order status"]}},
        {"name": "Down", "agent": "Down bot", "matrix": {"personas": [dana], "objectives": ["Order status"]}},
        # The simulator's model lives at an address the outbound policy refuses: never called.
        {"name": "Refused model", "agent": "Support bot", "model": "ollama/llama-test",
         "matrix": {"personas": [dana], "objectives": ["Order status"]}},
        # A judge that must be calibrated on a set this throwaway database does not have.
        {"name": "Gated", "agent": "Support bot", "calibrationGate": {"set": "support-set", "minKappa": 0.5},
         "judgeRepeats": 2, "matrix": {"personas": [dana], "objectives": ["Order status"]}},
    ]  # fmt: skip
    (tmp_path / "apart.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    reached: list[str] = []
    refused_app = FastAPI()
    refused_app.add_api_route("/{path:path}", lambda path: reached.append(path), methods=["GET", "POST"])
    with OpenAIStub(script=wandering_persona, required_key="sk-persona") as persona_model, \
            LoopbackServer(refused_app, host="127.0.0.2") as refused_model:  # fmt: skip
        env = {**bot_env(healthy_bot), "OPENAI_API_BASE": persona_model.base_url, "OPENAI_API_KEY": "sk-persona",
               "DOWN_BOT_URL": f"http://127.0.0.1:{free_port()}", "OLLAMA_API_BASE": refused_model.url,
               # The bot and the wandering model on 127.0.0.1 only: 127.0.0.2 is refused.
               "MIMIC_OUTBOUND_ALLOW": "127.0.0.1"}  # fmt: skip
        # --max-inconclusive overrides the file's 0.9 for every suite.
        result = run_local_test("apart.yaml", "--max-inconclusive", "0.4", "-o", "apart", env=env, cwd=tmp_path)
    assert reached == []  # no request ever reached the refused model
    assert result.returncode == 2, result.stdout + result.stderr  # nothing trustworthy of Wandering and Down
    assert "✗ Mixed: 1 of 2 sessions are inconclusive, more than the maxInconclusiveRate threshold allows (40.0%)" in (
        result.stderr
    )
    assert ("Wandering: no session was passed or failed: 0 inconclusive (the judge could not decide), 1 spoiled "
            "by the simulator, 0 infrastructure error(s)") in result.stderr  # fmt: skip
    assert "Down: 1 of 1 sessions ended in an infrastructure error" in result.stderr
    assert "Refused model: 1 of 1 sessions ended in an infrastructure error" in result.stderr
    assert "✗ Gated: Judge not calibrated" in result.stderr and "“support-set”" in result.stderr

    cases = _junit_cases(tmp_path / "apart" / "junit.xml")
    # None of them is a failure of the agent: skipped (with whose it is) or an error.
    assert not [c for suite in cases.values() for c in suite if "failure" in c and c["@name"] != "judge calibration"]
    mixed = {c["@name"]: c for c in cases["Mixed"]}
    assert set(mixed["Order status #1"]) & {"failure", "error", "skipped"} == set()
    assert mixed["Returns #1"]["skipped"]["@message"] == (
        "inconclusive (blame: judge): undecided: The agent explains how to return a parcel"
    )
    [wandering] = cases["Wandering"]
    assert wandering["skipped"]["@message"].startswith(
        "simulator_error (blame: simulator): the persona spoiled the session: The agent gives the delivery date"
    )
    [down] = cases["Down"]
    assert "error" in down and "skipped" not in down
    [refused] = cases["Refused model"]
    assert "MIMIC_OUTBOUND_ALLOW" in refused["error"]["@message"], refused
    gated = {c["@name"]: c for c in cases["Gated"]}  # the session passed; the judge calibration case did not
    assert set(gated["Order status #1"]) & {"failure", "error", "skipped"} == set()
    assert gated["judge calibration"]["failure"]["@type"] == "judge_not_calibrated"

    results = json.loads((tmp_path / "apart" / "results.json").read_text())
    suites = {s["name"]: s for s in results["suites"]}
    overall = suites["Mixed"]["run"]["overall"]
    assert (overall["n"], overall["passed"], overall["inconclusive"], overall["passRate"]) == (1, 1, 1, 1.0)
    assert suites["Mixed"]["thresholds"]["maxInconclusiveRate"] == 0.4
    returns = next(s for s in suites["Mixed"]["sessions"] if s["objectiveName"] == "Returns")
    assert (returns["outcome"], returns["blame"], returns["criteria"][0]["blame"]) == ("inconclusive", "judge", "judge")
    [spoiled] = suites["Wandering"]["sessions"]
    assert (spoiled["outcome"], spoiled["blame"]) == ("simulator_error", "simulator")
    assert spoiled["criteria"][0]["blame"] == "simulator" and spoiled["transcript"][0]["number"] == 1
    assert suites["Wandering"]["run"]["overall"]["simulatorErrors"] == 1
    assert suites["Down"]["sessions"][0]["outcome"] == "error"
    [gated_session] = suites["Gated"]["sessions"]  # judged twice, as its suite says
    assert gated_session["outcome"] == "passed" and "Repeats: passed 2 of 2." in gated_session["verdictSummary"]
    assert suites["Gated"]["run"]["calibration"]["status"] == "not_calibrated"

    summary = (tmp_path / "apart" / "summary.md").read_text()
    assert "| Mixed | 100.0% |" in summary and "| 1/1 | 1 | 0 | 0 |" in summary  # passed/judged, inconclusive, ...
    assert "| Wandering | — |" in summary and "| 0/0 | 0 | 1 | 0 |" in summary
    assert "4 session(s) kept out of the pass rate" in summary and "failed session(s)" not in summary
    assert "- Gated: Judge not calibrated: there is no calibration set “support-set”" in summary
    assert "error: 127.0.0.2 is a loopback address: outbound requests go to public addresses only" in summary
    assert f"- **Mixed** · {dana} × Returns #1: inconclusive, blame: judge" in summary
    assert "  - ? The agent explains how to return a parcel [judge]" in summary
    assert f"- **Wandering** · {dana} × Order status #1: simulator_error, blame: simulator" in summary


def test_exit_2_for_configuration_errors(tmp_path: Path) -> None:
    env: dict[str, str | None] = {"SUPPORT_BOT_URL": "http://127.0.0.1:9", "SUPPORT_BOT_TOKEN": None}
    # A variable the agents need is not set: nothing runs.
    unset = run_cli("test", str(EXAMPLE), env=env)
    assert unset.returncode == 2 and "${SUPPORT_BOT_TOKEN}" in unset.stderr
    # An inline secret is refused with the field and what to write instead.
    document = yaml.safe_load(EXAMPLE.read_text())
    document["agents"][0]["config"]["headers"]["Authorization"] = "Bearer sk-inline-123"
    (tmp_path / "inline.yaml").write_text(yaml.safe_dump(document))
    inline = run_cli("test", str(tmp_path / "inline.yaml"), env=env)
    assert inline.returncode == 2
    assert "agents[0].config.headers.Authorization: an inline secret" in inline.stderr
    # A check the API would refuse is named by its place in the file.
    document = yaml.safe_load(EXAMPLE.read_text())
    document["objectives"][0]["checks"][0]["value"] = "delivered (on"
    (tmp_path / "bad-check.yaml").write_text(yaml.safe_dump(document))
    bad_check = run_cli("test", str(tmp_path / "bad-check.yaml"), env=env)
    assert bad_check.returncode == 2 and "objectives[0].checks[0].value: " in bad_check.stderr
    assert "not a valid regular expression" in bad_check.stderr
    missing_file = run_cli("test", str(tmp_path / "nothing.yaml"), env=env)
    assert missing_file.returncode == 2 and "no such file" in missing_file.stderr
    # The same refusal from a real process, as CI meets it.
    refused, _, _ = mimic_test(tmp_path, "bad-check.yaml")
    assert refused.returncode == 2 and "not a valid regular expression" in refused.stderr


def test_the_cache_answers_a_rerun_from_disk(workdir: Path, healthy_run, healthy_bot: Bot) -> None:
    assert healthy_run[0].returncode == 0  # the first run: it filled cache/
    stored = sorted(p.name for p in (workdir / "cache").rglob("*.json"))
    assert stored  # the simulator's and the judge's answers, one file each
    rerun = run_local_test(str(EXAMPLE), "--suite", "Orders only", "--cache", "--cache-dir", "cache", "-o", "second",
                           env=bot_env(healthy_bot), cwd=workdir)  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(p.name for p in (workdir / "cache").rglob("*.json")) == stored  # every call was a hit

    def transcript(folder: str) -> list:
        suites = json.loads((workdir / folder / "results.json").read_text())["suites"]
        sessions = next(s for s in suites if s["name"] == "Orders only")["sessions"]
        return [(s["outcome"], [c["status"] for c in s["criteria"]], [c["status"] for c in s["checks"]])
                for s in sessions]  # fmt: skip

    assert transcript("good") == transcript("second")


def _cli(tmp_path: Path, live_api, key: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, env={"MIMIC_URL": live_api.url, "MIMIC_API_KEY": key, "SUPPORT_BOT_URL": None,
                                  "SUPPORT_BOT_TOKEN": None, "MIMIC_CONFIG_DIR": str(tmp_path / "config"),
                                  **(env or {})})  # fmt: skip


def test_push_pull_round_trip_and_mimic_test_on_a_running_app(tmp_path: Path, live_api, make_account,
                                                               healthy_bot: Bot) -> None:  # fmt: skip
    account = make_account()
    # The shared app over HTTP (its OpenAPI document, which checks every body, is built once).
    # The first request of a loaded machine may wait on the document's checks being compiled.
    created = httpx.post(f"{live_api.url}/api/auth/api-keys", json={"name": "CI"}, headers=account.headers, timeout=60)
    key = created.json()["key"]
    bot = healthy_bot
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
    assert yaml.safe_load(copy.read_text())["objectives"][0]["checks"][0]["criterion"] == 0  # checks come back
    assert "Authorization: Bearer ${SUPPORT_BOT_TOKEN}" in copy.read_text() and TOKEN not in copy.read_text()
    assert copy.read_text().startswith("# yaml-language-server: $schema=")
    again = _cli(tmp_path, live_api, key, "push", str(copy))  # no variables set: the stored values stay
    assert again.returncode == 0 and "unchanged agents: Support bot" in again.stdout, again.stderr

    # The same file run on the server: the runs land in its dashboard.
    remote = _cli(tmp_path, live_api, key, "test", str(EXAMPLE), "--suite", "Orders only", "-o",
                  str(tmp_path / "remote"), env=secrets)  # fmt: skip
    assert remote.returncode == 0, remote.stdout + remote.stderr
    results = json.loads((tmp_path / "remote" / "results.json").read_text())
    assert results["mode"] == "server"
    run_id = results["suites"][0]["run"]["id"]
    stored = httpx.get(f"{live_api.url}/api/runs/{run_id}", headers=account.headers, timeout=60)
    assert stored.json()["status"] == "completed"
    _junit_cases(tmp_path / "remote" / "junit.xml")
    # A run id of the server is a baseline there.
    compared = _cli(tmp_path, live_api, key, "test", str(EXAMPLE), "--suite", "Orders only", "--baseline", run_id,
                    "-o", str(tmp_path / "remote2"), env=secrets)  # fmt: skip
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
