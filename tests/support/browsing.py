"""A scripted persona at the browser, answering the `browser_action` tool call through the
OpenAIStub as a real model would: it reads the ARIA snapshot in the request and picks the
element of each scripted step by its role and name.

    script = BrowserScript([click("link", "News"), type_("textbox", "Message", "Hi"), done()])
    with OpenAIStub(script=script) as stub: ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from tests.support.openai_stub import StubRequest, ToolCall

Step = Callable[[str], dict[str, Any]]  # the snapshot -> the tool call's arguments


def _text(content: Any) -> str:
    if isinstance(content, list):  # text and image parts
        return "\n".join(part.get("text", "") for part in content if part.get("type") == "text")
    return str(content)


def user_text(request: StubRequest) -> str:
    return "\n".join(_text(m.get("content")) for m in request.body["messages"] if m["role"] == "user")


def snapshot_of(request: StubRequest) -> str:
    found = re.search(r"```aria\n(.*?)\n```", user_text(request), re.S)
    return found.group(1) if found else ""


def visit_of(request: StubRequest) -> dict[str, Any]:
    """What a browser judge model reads: the JSON between <visit> and </visit>."""
    text = request.body["messages"][-1]["content"]
    return json.loads(text[text.index("<visit>") + len("<visit>") : text.rindex("</visit>")])


def ref_of(snapshot: str, role: str, name: str) -> str:
    found = re.search(rf'- {role} "{re.escape(name)}"[^\n]*\[ref=([^\]]+)\]', snapshot)
    assert found, f'no {role} "{name}" in the page:\n{snapshot}'
    return found.group(1)


def _step(kind: str, role: str = "", name: str = "", value: str = "", thought: str = "", finding=None) -> Step:
    def build(snapshot: str) -> dict[str, Any]:
        target = {"ref": ref_of(snapshot, role, name), "description": name} if role else {"ref": "", "description": ""}
        arguments = {
            "action": {"type": kind, "target": target, "value": value},
            "reasoning": {"observation": f"I see the page ({len(snapshot)} characters).",
                          "thought": thought or f"{kind} {name}".strip(), "confidence": 0.8},
        }  # fmt: skip
        if finding:
            arguments["finding"] = finding
        return arguments

    return build


def click(role: str, name: str, **extra) -> Step:
    return _step("click", role, name, **extra)


def type_(role: str, name: str, value: str, **extra) -> Step:
    return _step("type", role, name, value, **extra)


def select(role: str, name: str, value: str, **extra) -> Step:
    return _step("select", role, name, value, **extra)


def navigate(url: str, **extra) -> Step:
    return _step("navigate", value=url, **extra)


def done(**extra) -> Step:
    return _step("done", thought="That is what I came for.", **extra)


def give_up(**extra) -> Step:
    return _step("give_up", **extra)


PURCHASE = [
    click("link", "Products"),
    click("link", "Trail Jacket, waterproof, 99 EUR"),
    select("combobox", "Size", "M"),
    click("button", "Add to cart"),
    click("link", "Checkout"),
    type_("textbox", "Full name", "Dana Kelly"),
    type_("textbox", "Email", "dana@example.com"),
    type_("textbox", "Delivery address", "12 Main Street, Galway"),
    type_("textbox", "Card number", "4242 4242 4242 4242"),
    click("button", "Place order"),
    done(),
]


class BrowserScript:
    """The persona plays `steps` in order (then gives up); the browser judge, when asked, says a
    criterion is met when a page of the visit shows `met_when`, citing the last such step, and
    its audit reports `findings`."""

    def __init__(self, steps: list[Step], *, met_when: str = "Purchase complete", findings: list | None = None) -> None:
        self.steps = list(steps)
        self.met_when = met_when
        self.findings = findings or []  # what the judge reports (each with its evidenceStepIds)
        self.requests: list[StubRequest] = []
        self.judge_requests: list[StubRequest] = []

    def __call__(self, request: StubRequest):
        tool = request.body["tool_choice"]["function"]["name"]
        if tool == "browser_action":
            self.requests.append(request)
            index = len(self.requests) - 1
            step = self.steps[index] if index < len(self.steps) else give_up()
            return ToolCall(step(snapshot_of(request)))
        self.judge_requests.append(request)
        if tool == "submit_browser_findings":
            return ToolCall({"findings": self.findings})
        assert tool == "submit_browser_verdict", tool
        visit = visit_of(request)
        pages = [s["id"] for s in visit["steps"] if self.met_when in f"{s.get('pageTitle')} {s.get('pageText')}"]
        return ToolCall(
            {
                "criteria": [{"index": i, "criterion": c, "evidenceStepIds": pages[-1:],
                              "reasoning": "The page says so." if pages else "Never shown.",
                              "status": "met" if pages else "not_met"} for i, c in visit["successCriteria"]],
                "simulator": {"verdict": "fair"},
                "summary": "Judged from the steps.",
            }
        )  # fmt: skip
