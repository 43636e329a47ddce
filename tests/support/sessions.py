"""Helpers for tests that run sessions over the real API."""

from __future__ import annotations

import time
from typing import Any

import httpx

TERMINAL = {"completed", "cancelled", "error", "interrupted"}

PERSONA = {
    "name": "Dana (direct, impatient)",
    "description": "Wants her parcel, now.",
    "definition": {"identity": "A nurse on night shifts", "techProfile": "Phone", "personality": "Direct",
                   "tendencies": ["Short messages"]},
    "traits": {"communication_style": "direct", "patience_level": "medium", "urgency": "high"},
    "config": {"messageInterval": 0, "sessionDuration": 120},
}  # fmt: skip
OBJECTIVE = {
    "name": "Where is order A-10482",
    "definition": {
        "goal": "Find out when order A-10482 will be delivered.",
        "constraints": ["Will not call by phone"],
        "successCriteria": ["The agent gives the delivery date of order A-10482"],
    },
    "config": {"maxTurns": 4},
    # Decides the criterion where the judge cannot tell (the offline judge): a date, in the bot's words.
    "checks": [{"type": "regex", "value": r"delivered on \w+day", "criterion": 0}],
}


def sign_up(base_url: str, email: str, password: str = "correct-horse-battery") -> dict[str, str]:
    """Registers an account on a running app and signs in: the headers that carry its token."""
    account = {"email": email, "password": password}
    # A fresh process's first registration loads the password checker's dictionaries and hashes
    # with argon2: seconds on a loaded 2-core machine, over httpx's 5 s default.
    httpx.post(f"{base_url}/api/auth/register", json=account, timeout=60).raise_for_status()
    login = httpx.post(f"{base_url}/api/auth/login", json=account, timeout=60)
    login.raise_for_status()
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


class Api:
    """A thin client for the live API, as a script or CI job would use it."""

    def __init__(self, base_url: str, headers: dict[str, str]) -> None:
        self.http = httpx.Client(base_url=base_url, headers=headers, timeout=30)

    def post(self, path: str, body: Any = None) -> dict:
        response = self.http.post(path, json=body)
        assert response.status_code < 300, response.text
        return response.json()

    def get(self, path: str) -> dict:
        response = self.http.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    def library(self) -> tuple[str, str]:
        return self.post("/api/personas", PERSONA)["id"], self.post("/api/objectives", OBJECTIVE)["id"]

    def agent(self, type: str, config: dict) -> str:
        return self.post("/api/agents", {"name": f"{type} bot", "type": type, "config": config})["id"]

    def start(self, agent_id: str, persona_id: str, objective_id: str, **extra: Any) -> str:
        body = {"agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id, "autoStart": True, **extra}
        return self.post("/api/sessions", body)["id"]

    def wait(self, session_id: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            detail = self.get(f"/api/sessions/{session_id}")
            if detail["status"] in TERMINAL:
                return detail
            time.sleep(0.05)
        raise AssertionError(f"session {session_id} did not end within {timeout} s: {detail['status']}")
