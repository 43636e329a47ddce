"""For judging tests: judge models served by tests/support/openai_stub.py that read only what a
real model reads (the prompt, the seed, the forced tool), an objective the offline judge
cannot decide (no check), a one-cell suite, and waiting for re-judges and calibrations."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

from tests.support.openai_stub import StubRequest, ToolCall
from tests.support.sessions import PERSONA
from tests.support.suites import SuiteApi

# The offline judge cannot rule on this criterion (no objective check decides it): inconclusive.
UNDECIDED_OBJECTIVE = {
    "name": "Delivery date (needs a model)", "config": {"maxTurns": 3},
    "definition": {"goal": "Find out when order A-10482 will be delivered.",
                   "successCriteria": ["The agent gives the delivery date of order A-10482"]},
}  # fmt: skip


def transcript_of(request: StubRequest) -> list[dict]:
    text = request.body["messages"][-1]["content"]
    block = re.search(r"<transcript>\n(.*?)\n</transcript>", text, re.S).group(1)
    return [json.loads(line) for line in block.splitlines()]


def criteria_count(request: StubRequest) -> int:
    prompt = request.body["messages"][-1]["content"]
    return prompt.split("Success criteria (numbered from 0):\n", 1)[1].split("\n\n", 1)[0].count("\n") + 1


def tool_of(request: StubRequest) -> str:
    return request.body["tool_choice"]["function"]["name"]


def judge_by(
    rule: Callable[[int, int, StubRequest], str], findings: Callable[[int, list[str]], list[dict]] | None = None
):
    """A judge model whose ruling of criterion i is rule(i, seed, request), citing the agent's
    messages; its audit reports findings(seed, agent message ids)."""

    def answer(request: StubRequest):
        agent = [m["id"] for m in transcript_of(request) if m["sender"] == "agent"]
        seed = int(request.body.get("seed") or 0)
        if tool_of(request) == "submit_findings":
            return ToolCall({"findings": findings(seed, agent) if findings else []})
        criteria = []
        for i in range(criteria_count(request)):
            status = rule(i, seed, request)
            criteria.append({"index": i, "evidenceMessageIds": agent, "reasoning": f"seed {seed} says {status}",
                             "status": status, "blame": None if status == "met" else "agent"})  # fmt: skip
        return ToolCall({"criteria": criteria, "simulator": {"verdict": "fair"}, "summary": f"seed {seed}"})

    return answer


def one_cell_suite(api: SuiteApi, bot_url: str, **config) -> dict:
    """One persona x the undecided objective against the bot, seed 11."""
    persona = api.post("/api/personas", PERSONA)["id"]
    objective = api.post("/api/objectives", UNDECIDED_OBJECTIVE)["id"]
    agent = api.agent("http", {"url": bot_url, "replyPath": "data.reply", "timeoutSeconds": 5})
    return api.post("/api/suites", {"name": "Judged again", "agentId": agent, "personaIds": [persona],
                                     "objectiveIds": [objective], "config": {"seed": 11, **config}})  # fmt: skip


def wait_rejudge(api: SuiteApi, run_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = api.get(f"/api/runs/{run_id}")
        if run["rejudge"].get("status") not in (None, "running"):
            return run
        time.sleep(0.1)
    raise AssertionError(f"the re-judge of run {run_id} did not end: {run['rejudge']}")


def wait_report(api: SuiteApi, report_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = api.get(f"/api/calibrations/{report_id}")
        if report["status"] != "running":
            return report
        time.sleep(0.1)
    raise AssertionError(f"calibration report {report_id} did not end: {report['doneCases']} cases done")
