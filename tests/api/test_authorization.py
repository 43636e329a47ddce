"""Every API route, read from the app's own route table, called as every kind of caller.

A route missing from ROUTES fails `test_every_route_is_listed`: a new route must say who
may call it. Each rule names the least role that may call the route and how to build a
request for it (fresh targets for routes that delete or change something).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from app.api.main import create_api
from app.models.account import InvitationCreate, Role
from app.services import security, team
from app.services.access import Principal
from tests.conftest import Account

Request = tuple[str, dict[str, Any] | None]  # (path, JSON body)


@dataclass
class World:
    """One workspace with a member of each role, a stranger with a workspace of their own,
    and a third workspace whose invitations any caller can accept."""

    db: Any
    make_account: Callable[..., Account]
    owner: Account = field(init=False)
    members: dict[str, Account] = field(init=False)
    stranger: Account = field(init=False)
    host: Account = field(init=False)

    def __post_init__(self) -> None:
        self.owner = self.make_account()
        self.members = {role: self.make_account(join=self.owner, role=role) for role in ("viewer", "editor", "admin")}
        self.stranger = self.make_account()
        self.host = self.make_account()

    def principal(self, account: Account) -> Principal:
        return Principal(account.user_id, account.email, account.workspace_id, Role(account.role))

    def new_member(self, role: str = "viewer") -> Account:
        return self.make_account(join=self.owner, role=role)

    def new_api_key_id(self) -> str:
        from app.models.account import ApiKeyCreate
        from app.services import api_keys

        return api_keys.create_api_key(
            session=self.db, principal=self.principal(self.owner), data=ApiKeyCreate(name="k")
        ).id

    def new_invitation_id(self) -> str:
        data = InvitationCreate(email=f"{security.generate_invitation_token()[0][:8].lower()}@example.com")
        return team.invite_member(session=self.db, principal=self.principal(self.owner), data=data).id

    def new_item(self, kind: str) -> str:
        """A fresh persona, objective or agent in the workspace, for routes that change or delete it."""
        from app.models.library import AgentCreate, ObjectiveCreate, PersonaCreate
        from app.services import agents, objectives, personas

        principal = self.principal(self.owner)
        if kind == "personas":
            return personas.create_persona(session=self.db, principal=principal, data=PersonaCreate(name="P")).id
        if kind == "objectives":
            data = ObjectiveCreate.model_validate({"name": "O", "definition": {"goal": "g"}})
            return objectives.create_objective(session=self.db, principal=principal, data=data).id
        data = AgentCreate.model_validate(
            {"name": "A", "type": "hosted", "config": {"systemPrompt": "You help.", "timeoutSeconds": 10}}
        )
        return agents.create_agent(session=self.db, principal=principal, data=data).id

    def new_browser_agent(self) -> str:
        """A website agent (its site need not answer: nothing here opens it)."""
        from app.models.library import AgentCreate
        from app.services import agents

        data = AgentCreate.model_validate(
            {"name": "Site", "type": "browser", "config": {"targetUrl": "http://127.0.0.1:9/", "timeoutSeconds": 10}}
        )
        return agents.create_agent(session=self.db, principal=self.principal(self.owner), data=data).id

    def session_body(self, *, browser: bool = False) -> dict[str, str]:
        agent = self.new_browser_agent() if browser else self.new_item("agents")
        return {"agentId": agent, "personaId": self.new_item("personas"),
                "objectiveId": self.new_item("objectives")}  # fmt: skip

    def new_session(self, *, ended: bool = False, browser: bool = False) -> str:
        from app.models.session import SessionCreate
        from app.services import sessions

        principal = self.principal(self.owner)
        created = sessions.create_session(
            session=self.db, principal=principal, data=SessionCreate.model_validate(self.session_body(browser=browser))
        )
        if ended:  # a stream of an ended session replays it and closes
            asyncio.run(sessions.cancel_session(principal=principal, session_id=created.id))
        return created.id

    def configured_provider(self) -> str:
        """A provider set up in the caller's workspace (the stranger deletes its own)."""
        from app.models.providers import ProviderSettings
        from app.services import providers

        for account in (self.owner, self.stranger):
            providers.configure_provider(session=self.db, principal=self.principal(account), provider_id="ollama",
                                         data=ProviderSettings(baseUrl="http://127.0.0.1:9"))  # fmt: skip
        return "/api/providers/ollama"

    def custom_model(self) -> str:
        from app.models.providers import CustomModelCreate
        from app.services import providers

        name = f"m-{uuid.uuid4().hex[:8]}"
        data = CustomModelCreate(name=name, baseUrl="http://127.0.0.1:9/v1", model="x")
        for account in (self.owner, self.stranger):
            providers.add_custom_model(session=self.db, principal=self.principal(account), data=data)
        return f"/api/models/custom/custom/{name}"

    def invitation_token_for(self, email: str | None) -> str:
        data = InvitationCreate(email=email or "anyone@example.com", role="viewer")
        return team.invite_member(session=self.db, principal=self.principal(self.host), data=data).token


@dataclass(frozen=True)
class Rule:
    least_role: str  # "public" | "viewer" | "editor" | "admin" | "owner"
    request: Callable[[World, Account | None], Request] = lambda w, c: ("", None)
    path_has_ids: bool = False
    # What a member of another workspace gets when the ids are in the body instead.
    stranger_status: int | None = None


def _static(path: str, body: dict[str, Any] | None = None) -> Callable[[World, Account | None], Request]:
    return lambda w, c: (path, body)


ROUTES: dict[tuple[str, str], Rule] = {
    ("GET", "/health"): Rule("public"),
    ("GET", "/api"): Rule("public"),
    ("POST", "/api/auth/register"): Rule("public"),
    ("POST", "/api/auth/login"): Rule("public"),
    # The session cookie's endpoints act on the caller's own ticket or token, whatever the
    # role (tests/api/test_token_revocation.py).
    ("POST", "/api/auth/session"): Rule("public"),
    ("POST", "/api/auth/logout"): Rule("public"),
    ("GET", "/api/auth/me"): Rule("viewer", _static("/api/auth/me")),
    ("PATCH", "/api/auth/me"): Rule("viewer", _static("/api/auth/me", {"name": "New name"})),
    ("POST", "/api/auth/api-keys"): Rule("admin", _static("/api/auth/api-keys", {"name": "CI"})),
    ("GET", "/api/auth/api-keys"): Rule("admin", _static("/api/auth/api-keys")),
    ("DELETE", "/api/auth/api-keys/{key_id}"): Rule(
        "admin", lambda w, c: (f"/api/auth/api-keys/{w.new_api_key_id()}", None), path_has_ids=True
    ),
    ("GET", "/api/workspaces"): Rule("viewer", _static("/api/workspaces")),
    ("POST", "/api/workspaces"): Rule("viewer", _static("/api/workspaces", {"name": "Mine"})),
    ("PATCH", "/api/workspaces/current"): Rule("admin", _static("/api/workspaces/current", {"name": "Renamed"})),
    ("POST", "/api/workspaces/{workspace_id}/switch"): Rule(
        "viewer", lambda w, c: (f"/api/workspaces/{w.owner.workspace_id}/switch", None), path_has_ids=True
    ),
    ("GET", "/api/access/roles"): Rule("viewer", _static("/api/access/roles")),
    ("GET", "/api/access/team"): Rule("viewer", _static("/api/access/team")),
    ("POST", "/api/access/team/members"): Rule(
        "admin", lambda w, c: ("/api/access/team/members", {"email": "new@example.com", "role": "viewer"})
    ),
    ("PATCH", "/api/access/team/members/{user_id}"): Rule(
        "admin", lambda w, c: (f"/api/access/team/members/{w.new_member().user_id}", {"role": "editor"}), True
    ),
    ("DELETE", "/api/access/team/members/{user_id}"): Rule(
        "admin", lambda w, c: (f"/api/access/team/members/{w.new_member().user_id}", None), True
    ),
    ("DELETE", "/api/access/invitations/{invitation_id}"): Rule(
        "admin", lambda w, c: (f"/api/access/invitations/{w.new_invitation_id()}", None), True
    ),
    ("POST", "/api/access/invitations/accept"): Rule(
        "viewer",
        lambda w, c: ("/api/access/invitations/accept", {"token": w.invitation_token_for(c.email if c else None)}),
    ),
    ("GET", "/api/audit"): Rule("admin", _static("/api/audit")),
}

BODIES = {
    "personas": {"name": "Made by the matrix"},
    "objectives": {"name": "Made by the matrix", "definition": {"goal": "Check the matrix"}},
    "agents": {"name": "Made by the matrix", "type": "hosted", "config": {"systemPrompt": "You help."}},
}


def _library_rules(kind: str) -> dict[tuple[str, str], Rule]:
    base = f"/api/{kind}"
    fresh = lambda w, c: f"{base}/{w.new_item(kind)}"  # noqa: E731
    rules = {
        ("GET", base): Rule("viewer", _static(base)),
        ("POST", base): Rule("editor", _static(base, BODIES[kind])),
        ("GET", f"{base}/{{item_id}}"): Rule("viewer", lambda w, c: (fresh(w, c), None), True),
        ("PUT", f"{base}/{{item_id}}"): Rule("editor", lambda w, c: (fresh(w, c), BODIES[kind]), True),
        ("PATCH", f"{base}/{{item_id}}"): Rule("editor", lambda w, c: (fresh(w, c), {"name": "Patched"}), True),
        ("DELETE", f"{base}/{{item_id}}"): Rule("editor", lambda w, c: (fresh(w, c), None), True),
        ("POST", f"{base}/{{item_id}}/duplicate"): Rule(
            "editor", lambda w, c: (fresh(w, c) + "/duplicate", None), True
        ),
    }
    if kind != "agents":
        rules[("POST", f"{base}/import")] = Rule("editor", _static(f"{base}/import", [BODIES[kind]]))
        rules[("GET", f"{base}/export")] = Rule("viewer", _static(f"{base}/export?format=yaml"))
    return rules


for _kind in ("personas", "objectives", "agents"):
    ROUTES.update(_library_rules(_kind))
ROUTES[("POST", "/api/agents/{agent_id}/test")] = Rule(
    "editor", lambda w, c: (f"/api/agents/{w.new_item('agents')}/test", None), True
)
ROUTES[("POST", "/api/agents/test")] = Rule(
    "editor", _static("/api/agents/test", {"type": "hosted", "config": {"systemPrompt": "You help."}})
)
ROUTES[("POST", "/api/agents/{agent_id}/run")] = Rule(
    "editor", lambda w, c: (f"/api/agents/{w.new_item('agents')}/run", {"message": "Where is order A-10482?"}), True
)


def _session_rule(least_role: str, path: str, *, ended: bool = False, browser: bool = False, body=None) -> Rule:
    return Rule(least_role, lambda w, c: (path.format(id=w.new_session(ended=ended, browser=browser)), body), True)


ROUTES.update(
    {
        ("POST", "/api/sessions"): Rule(
            "editor", lambda w, c: ("/api/sessions", w.session_body()), stranger_status=422
        ),
        ("GET", "/api/sessions"): Rule("viewer", _static("/api/sessions")),
        ("GET", "/api/sessions/{session_id}"): _session_rule("viewer", "/api/sessions/{id}"),
        ("POST", "/api/sessions/{session_id}/start"): _session_rule("editor", "/api/sessions/{id}/start"),
        ("POST", "/api/sessions/{session_id}/cancel"): _session_rule("editor", "/api/sessions/{id}/cancel"),
        ("DELETE", "/api/sessions/{session_id}"): _session_rule("editor", "/api/sessions/{id}"),
        ("GET", "/api/sessions/{session_id}/export"): _session_rule("viewer", "/api/sessions/{id}/export"),
        ("GET", "/api/sessions/{session_id}/status"): _session_rule("viewer", "/api/sessions/{id}/status"),
        ("GET", "/api/sessions/{session_id}/wait"): _session_rule("viewer", "/api/sessions/{id}/wait?timeout=0"),
        ("GET", "/api/sessions/{session_id}/usage"): _session_rule("viewer", "/api/sessions/{id}/usage"),
        ("POST", "/api/sessions/{session_id}/rerun"): _session_rule("editor", "/api/sessions/{id}/rerun"),
        ("GET", "/api/sessions/{session_id}/verdicts"): _session_rule("viewer", "/api/sessions/{id}/verdicts"),
        ("GET", "/api/sessions/{session_id}/findings"): _session_rule("viewer", "/api/sessions/{id}/findings"),
        ("GET", "/api/sessions/{session_id}/judgements"): _session_rule("viewer", "/api/sessions/{id}/judgements"),
        ("GET", "/api/sessions/{session_id}/pages"): _session_rule("viewer", "/api/sessions/{id}/pages", browser=True),
        # Only a browser session has a report (a conversation's answers 422).
        ("GET", "/api/sessions/{session_id}/report"): _session_rule(
            "viewer", "/api/sessions/{id}/report", browser=True
        ),
        ("GET", "/api/events/{session_id}"): _session_rule("viewer", "/api/events/{id}"),
        ("GET", "/api/events/{session_id}/findings"): _session_rule("viewer", "/api/events/{id}/findings"),
        ("GET", "/api/events/{session_id}/stream"): _session_rule("viewer", "/api/events/{id}/stream", ended=True),
    }
)
ROUTES.update(
    {
        ("GET", "/api/providers"): Rule("viewer", _static("/api/providers")),
        ("PUT", "/api/providers/{provider_id}"): Rule(
            "admin", _static("/api/providers/ollama", {"baseUrl": "http://127.0.0.1:9"})
        ),
        ("DELETE", "/api/providers/{provider_id}"): Rule("admin", lambda w, c: (w.configured_provider(), None)),
        ("POST", "/api/providers/{provider_id}/test"): Rule(
            "admin", _static("/api/providers/ollama/test", {"model": "mimic/offline"})
        ),
        ("GET", "/api/models"): Rule("viewer", _static("/api/models")),
        ("POST", "/api/models/custom"): Rule(
            "admin",
            lambda w, c: (
                "/api/models/custom",
                {"name": f"m-{uuid.uuid4().hex[:8]}", "baseUrl": "http://127.0.0.1:9/v1", "model": "x"},
            ),  # fmt: skip
        ),
        ("DELETE", "/api/models/custom/{model_id:path}"): Rule("admin", lambda w, c: (w.custom_model(), None)),
        ("PUT", "/api/models/defaults"): Rule("admin", _static("/api/models/defaults", {"judge": "mimic/offline"})),
    }
)


def _new_artifact(w: World, c: Account | None) -> Request:
    """A session with a stored screenshot, and the path that serves its file."""
    from app.models.session import Artifact
    from app.settings import settings

    session_id = w.new_session()
    artifact = Artifact(workspace_id=w.owner.workspace_id, session_id=session_id, kind="screenshot",
                        name="step-001.jpg", content_type="image/jpeg", size=4,
                        path=f"sessions/{session_id}/s.jpg")  # fmt: skip
    (settings.data_dir / artifact.path).parent.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / artifact.path).write_bytes(b"\xff\xd8\xff\xd9")
    w.db.add(artifact)
    w.db.commit()
    return f"/api/sessions/{session_id}/artifacts/{artifact.id}", None


ROUTES[("GET", "/api/sessions/{session_id}/artifacts")] = _session_rule("viewer", "/api/sessions/{id}/artifacts")
ROUTES[("GET", "/api/sessions/{session_id}/artifacts/{artifact_id}")] = Rule("viewer", _new_artifact, True)


def _suite_body(w: World) -> dict[str, Any]:
    return {"name": "Matrix suite", "agentId": w.new_item("agents"), "personaIds": [w.new_item("personas")],
            "objectiveIds": [w.new_item("objectives")]}  # fmt: skip


def _new_suite(w: World) -> str:
    from app.models.suite import SuiteCreate
    from app.services import suites

    data = SuiteCreate.model_validate(_suite_body(w))
    return suites.create_suite(session=w.db, principal=w.principal(w.owner), data=data).id


def _new_run(w: World, suite_id: str | None = None) -> str:
    """A run row that has not ended (no sessions: cancelling or reading it ends it at once)."""
    from app.models.base import utcnow
    from app.models.suite import Run, Suite

    suite = w.db.get(Suite, suite_id or _new_suite(w))
    run = Run(workspace_id=suite.workspace_id, suite_id=suite.id, agent_id=suite.agent_id, status="running",
              suite_snapshot={"name": suite.name, "personaIds": [], "objectiveIds": [], "repeats": 1},
              started_at=utcnow())  # fmt: skip
    w.db.add(run)
    w.db.commit()
    return run.id


def _two_runs(w: World, c: Account | None) -> Request:
    suite_id = _new_suite(w)
    return f"/api/runs/{_new_run(w, suite_id)}/compare/{_new_run(w, suite_id)}", None


def _new_webhook(w: World) -> str:
    from app.models.webhook import WebhookCreate
    from app.services import webhooks

    data = WebhookCreate(url="http://127.0.0.1:9/hook", events=["run.completed"])
    return webhooks.create_webhook(session=w.db, principal=w.principal(w.owner), data=data).id


WEBHOOK_BODY = {"url": "http://127.0.0.1:9/hook", "events": ["session.completed"], "secret": "s3cret-value"}
ROUTES.update(
    {
        ("GET", "/api/suites"): Rule("viewer", _static("/api/suites")),
        ("POST", "/api/suites"): Rule("editor", lambda w, c: ("/api/suites", _suite_body(w)), stranger_status=422),
        ("GET", "/api/suites/{item_id}"): Rule("viewer", lambda w, c: (f"/api/suites/{_new_suite(w)}", None), True),
        ("PUT", "/api/suites/{item_id}"): Rule(
            "editor", lambda w, c: (f"/api/suites/{_new_suite(w)}", _suite_body(w)), True
        ),
        ("PATCH", "/api/suites/{item_id}"): Rule(
            "editor", lambda w, c: (f"/api/suites/{_new_suite(w)}", {"repeats": 2}), True
        ),
        ("DELETE", "/api/suites/{item_id}"): Rule("editor", lambda w, c: (f"/api/suites/{_new_suite(w)}", None), True),
        ("POST", "/api/suites/{item_id}/duplicate"): Rule(
            "editor", lambda w, c: (f"/api/suites/{_new_suite(w)}/duplicate", None), True
        ),
        ("POST", "/api/suites/{suite_id}/run"): Rule(
            "editor", lambda w, c: (f"/api/suites/{_new_suite(w)}/run", None), True
        ),
        ("GET", "/api/runs"): Rule("viewer", _static("/api/runs?limit=5&offset=0")),
        ("GET", "/api/runs/{run_id}"): Rule("viewer", lambda w, c: (f"/api/runs/{_new_run(w)}", None), True),
        ("GET", "/api/runs/{run_id}/status"): Rule(
            "viewer", lambda w, c: (f"/api/runs/{_new_run(w)}/status", None), True
        ),
        ("GET", "/api/runs/{run_id}/wait"): Rule(
            "viewer", lambda w, c: (f"/api/runs/{_new_run(w)}/wait?timeout=0", None), True
        ),
        ("POST", "/api/runs/{run_id}/cancel"): Rule(
            "editor", lambda w, c: (f"/api/runs/{_new_run(w)}/cancel", None), True
        ),
        ("GET", "/api/runs/{run_id}/compare/{baseline_id}"): Rule("viewer", _two_runs, True),
        ("GET", "/api/runs/{run_id}/compare/{baseline_id}/transcripts"): Rule(
            "viewer", lambda w, c: (_two_runs(w, c)[0] + "/transcripts", None), True
        ),
        ("GET", "/api/runs/{run_id}/junit"): Rule(
            "viewer", lambda w, c: (f"/api/runs/{_new_run(w)}/junit", None), True
        ),
        ("GET", "/api/runs/{run_id}/report"): Rule(
            "viewer", lambda w, c: (f"/api/runs/{_new_run(w)}/report", None), True
        ),
        ("GET", "/api/schemas/mimic.yaml.json"): Rule("public", _static("/api/schemas/mimic.yaml.json")),
        ("POST", "/api/mimic-yaml/import"): Rule(
            "editor", _static("/api/mimic-yaml/import", {"document": {"version": 1, "personas": [{"name": "Filed"}]}})
        ),
        ("GET", "/api/mimic-yaml/export"): Rule("viewer", _static("/api/mimic-yaml/export?persona=Filed")),
        ("GET", "/api/webhooks/events"): Rule("viewer", _static("/api/webhooks/events")),
        ("GET", "/api/webhooks"): Rule("admin", _static("/api/webhooks")),
        ("POST", "/api/webhooks"): Rule("admin", _static("/api/webhooks", WEBHOOK_BODY)),
        ("GET", "/api/webhooks/{webhook_id}"): Rule(
            "admin", lambda w, c: (f"/api/webhooks/{_new_webhook(w)}", None), True
        ),
        ("PUT", "/api/webhooks/{webhook_id}"): Rule(
            "admin", lambda w, c: (f"/api/webhooks/{_new_webhook(w)}", WEBHOOK_BODY), True
        ),
        ("PATCH", "/api/webhooks/{webhook_id}"): Rule(
            "admin", lambda w, c: (f"/api/webhooks/{_new_webhook(w)}", {"active": False}), True
        ),
        ("DELETE", "/api/webhooks/{webhook_id}"): Rule(
            "admin", lambda w, c: (f"/api/webhooks/{_new_webhook(w)}", None), True
        ),
        ("POST", "/api/webhooks/{webhook_id}/test"): Rule(
            "admin", lambda w, c: (f"/api/webhooks/{_new_webhook(w)}/test", None), True
        ),
        ("GET", "/api/webhooks/{webhook_id}/deliveries"): Rule(
            "admin", lambda w, c: (f"/api/webhooks/{_new_webhook(w)}/deliveries", None), True
        ),
        ("GET", "/api/search"): Rule("viewer", _static("/api/search?q=matrix&types=persona,suite,session")),
    }
)


ROUTES.update(
    {
        ("GET", "/api/analytics/sessions"): Rule("viewer", _static("/api/analytics/sessions")),
        ("GET", "/api/analytics/overview"): Rule("viewer", _static("/api/analytics/overview")),
        ("GET", "/api/analytics/breakdown"): Rule("viewer", _static("/api/analytics/breakdown")),
        ("GET", "/api/analytics/agents/{agent_id}"): Rule(
            "viewer", lambda w, c: (f"/api/analytics/agents/{w.new_item('agents')}", None), True
        ),
        ("GET", "/api/analytics/agents/{agent_id}/report"): Rule(
            "viewer", lambda w, c: (f"/api/analytics/agents/{w.new_item('agents')}/report", None), True
        ),
        # The agents are named in the query: another workspace's agent is not found (404).
        ("GET", "/api/analytics/pages"): Rule(
            "viewer",
            lambda w, c: (
                f"/api/analytics/pages?agentId={w.new_browser_agent()}&baselineAgentId={w.new_browser_agent()}",
                None,
            ),
            stranger_status=404,
        ),
    }
)

# ---- voice (issue 24): a call's figures and the workspace's audio retention ----------------


def _voice_call(w: World) -> str:
    """A session with the figures of a voice call stored on it, as the voice runner stores them."""
    from app.models.session import SimSession
    from app.models.voice import VoiceCall

    session_id = w.new_session(ended=True)
    workspace_id = w.db.get(SimSession, session_id).workspace_id
    w.db.add(VoiceCall(session_id=session_id, workspace_id=workspace_id, transport="http", turns=1, duration_ms=1200))
    w.db.commit()
    return session_id


ROUTES.update(
    {
        ("GET", "/api/sessions/{session_id}/voice"): Rule(
            "viewer", lambda w, c: (f"/api/sessions/{_voice_call(w)}/voice", None), True
        ),
        ("GET", "/api/voice/settings"): Rule("viewer", _static("/api/voice/settings")),
        ("PUT", "/api/voice/settings"): Rule("admin", _static("/api/voice/settings", {"audioRetentionDays": 7})),
    }
)


# ---- judging (issue 18): re-judging, reviews, judged conversations, settings, calibration ----

CONVERSATION = {"persona": {"name": "Dana"}, "objective": {"goal": "Learn the delivery date.",
                "successCriteria": ["The agent gives the date"]}, "judgeModel": "mimic/offline", "transcript": [
                {"senderType": "persona", "content": "When does order A-10482 arrive?"},
                {"senderType": "agent", "content": "It arrives on Friday."}]}  # fmt: skip


def _labelled_set(name: str) -> dict[str, Any]:
    case = {"id": "c1", "persona": CONVERSATION["persona"], "objective": CONVERSATION["objective"],
            "transcript": [{"id": f"m{i}", **m} for i, m in enumerate(CONVERSATION["transcript"], 1)],
            "labels": [{"criterion": 0, "status": "met", "evidence": ["m2"]}]}  # fmt: skip
    return {"name": name, "cases": [case]}


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _ended_session(w: World, *, run_id: str | None = None, judged: bool = False, reviewed: bool = False) -> str:
    """A session that ran to its end (a persona message and the agent's reply), judged by the
    offline judge and reviewed when asked."""
    import asyncio

    from app.models.base import utcnow
    from app.models.judgement import JudgeRequest
    from app.models.library import ObjectiveCreate
    from app.models.review import ReviewCreate
    from app.models.session import Message, SimSession
    from app.services import judging, objectives, reviews

    principal = w.principal(w.owner)
    objective = objectives.create_objective(
        session=w.db,
        principal=principal,
        data=ObjectiveCreate.model_validate(
            {"name": "O", "definition": {"goal": "Learn the date", "successCriteria": ["The agent gives the date"]}}
        ),
    )
    session_id = w.new_session()
    row = w.db.get(SimSession, session_id)
    for i, (role, text) in enumerate((("persona", "When?"), ("agent", "On Friday."))):
        w.db.add(Message(workspace_id=row.workspace_id, session_id=row.id, sequence=i, role=role, content=text))
    row.objective_id, row.run_id, row.status, row.end_reason = objective.id, run_id, "completed", "goal_met"
    row.message_count, row.ended_at = 2, utcnow()
    w.db.commit()
    if judged or reviewed:
        asyncio.run(judging.rejudge_session(principal=principal, session_id=session_id, data=JudgeRequest()))
    if reviewed:
        data = ReviewCreate.model_validate({"criteria": [{"index": 0, "status": "met"}]})
        reviews.submit_review(session=w.db, principal=principal, session_id=session_id, data=data)
    return session_id  # fmt: skip


def _ended_run(w: World) -> str:
    from app.models.base import utcnow
    from app.models.suite import Run

    run = w.db.get(Run, _new_run(w))
    run.status, run.ended_at = "completed", utcnow()
    w.db.commit()
    _ended_session(w, run_id=run.id)
    return run.id


def _new_set(w: World) -> str:
    from app.services import calibration_sets

    return calibration_sets.import_set(session=w.db, principal=w.principal(w.owner), fmt="json",
                                       content=json.dumps(_labelled_set(_unique("set")))).id  # fmt: skip


def _new_report(w: World) -> str:
    """A calibration report that has ended (judged nothing: its figures do not matter here)."""
    from app.models.base import utcnow
    from app.models.calibration import CalibrationReport

    report = CalibrationReport(workspace_id=w.owner.workspace_id, set_id=_new_set(w), set_name="set",
                               judge_model="mimic/offline", prompt_version="v", status="completed",
                               completed_at=utcnow())  # fmt: skip
    w.db.add(report)
    w.db.commit()
    return report.id


def _judged_conversation(w: World) -> str:
    import asyncio

    from app.models.judgement import ConversationJudgeCreate
    from app.services import conversations

    data = ConversationJudgeCreate.model_validate(CONVERSATION)
    return asyncio.run(conversations.judge_conversation(principal=w.principal(w.owner), data=data)).id


ROUTES.update(
    {
        ("POST", "/api/sessions/{session_id}/judgements"): Rule(
            "editor", lambda w, c: (f"/api/sessions/{_ended_session(w)}/judgements", {"repeats": 2}), True
        ),
        ("GET", "/api/sessions/{session_id}/reviews"): _session_rule("viewer", "/api/sessions/{id}/reviews"),
        ("POST", "/api/sessions/{session_id}/reviews"): Rule(
            "editor",
            lambda w, c: (
                f"/api/sessions/{_ended_session(w, judged=True)}/reviews",
                {"criteria": [{"index": 0, "status": "not_met", "note": "No date."}]},
            ),
            True,
        ),  # fmt: skip
        ("POST", "/api/runs/{run_id}/judgements"): Rule(
            "editor", lambda w, c: (f"/api/runs/{_ended_run(w)}/judgements", None), True
        ),
        ("POST", "/api/judgements"): Rule("editor", _static("/api/judgements", CONVERSATION)),
        ("GET", "/api/judgements"): Rule("viewer", _static("/api/judgements?reference=x")),
        ("GET", "/api/judgements/{judgement_id}"): Rule(
            "viewer", lambda w, c: (f"/api/judgements/{_judged_conversation(w)}", None), True
        ),
        ("GET", "/api/reviews"): Rule("viewer", _static("/api/reviews?failed=true")),
        ("GET", "/api/judging/settings"): Rule("viewer", _static("/api/judging/settings")),
        ("PUT", "/api/judging/settings"): Rule(
            "admin", _static("/api/judging/settings", {"judgeRepeats": 3, "reviewSampleRate": 0.25})
        ),
        ("GET", "/api/analytics/judge"): Rule("viewer", _static("/api/analytics/judge")),
        ("GET", "/api/calibration-sets"): Rule("viewer", _static("/api/calibration-sets")),
        ("POST", "/api/calibration-sets/import"): Rule(
            "editor", lambda w, c: ("/api/calibration-sets/import", _labelled_set(_unique("imported")))
        ),
        ("POST", "/api/calibration-sets/from-reviews"): Rule(
            "editor",
            lambda w, c: (
                "/api/calibration-sets/from-reviews",
                {"name": _unique("reviewed"), "sessionIds": [_ended_session(w, reviewed=True)]},
            ),
            stranger_status=422,
        ),  # fmt: skip
        ("GET", "/api/calibration-sets/{set_id}"): Rule(
            "viewer", lambda w, c: (f"/api/calibration-sets/{_new_set(w)}", None), True
        ),
        ("GET", "/api/calibration-sets/{set_id}/export"): Rule(
            "viewer", lambda w, c: (f"/api/calibration-sets/{_new_set(w)}/export?format=json", None), True
        ),
        ("DELETE", "/api/calibration-sets/{set_id}"): Rule(
            "editor", lambda w, c: (f"/api/calibration-sets/{_new_set(w)}", None), True
        ),
        ("POST", "/api/calibrations"): Rule(
            "editor",
            lambda w, c: ("/api/calibrations", {"setId": _new_set(w), "judgeModel": "mimic/offline"}),
            stranger_status=422,
        ),
        ("GET", "/api/calibrations"): Rule("viewer", _static("/api/calibrations?status=completed")),
        ("GET", "/api/calibrations/{report_id}"): Rule(
            "viewer", lambda w, c: (f"/api/calibrations/{_new_report(w)}", None), True
        ),
        ("DELETE", "/api/calibrations/{report_id}"): Rule(
            "editor", lambda w, c: (f"/api/calibrations/{_new_report(w)}", None), True
        ),
    }
)


def _finding_group(w: World) -> str:
    """The signature of a finding recorded in the owner's workspace (a fresh text each time)."""
    from app.models.session import Finding

    session_id = w.new_session()
    finding = Finding(workspace_id=w.owner.workspace_id, session_id=session_id, type="loop", severity="low",
                      description=f"The agent repeated itself about {_unique('topic')}", source="check")  # fmt: skip
    w.db.add(finding)
    w.db.commit()
    return finding.signature


ROUTES.update(
    {
        ("GET", "/api/findings/groups"): Rule("viewer", _static("/api/findings/groups?state=open&sort=count")),
        ("GET", "/api/findings/groups/{signature}"): Rule(
            "viewer", lambda w, c: (f"/api/findings/groups/{_finding_group(w)}", None), True
        ),
        ("PATCH", "/api/findings/groups/{signature}"): Rule(
            "editor", lambda w, c: (f"/api/findings/groups/{_finding_group(w)}", {"state": "acknowledged"}), True
        ),
        ("GET", "/api/suites/{suite_id}/trend"): Rule(
            "viewer", lambda w, c: (f"/api/suites/{_new_suite(w)}/trend", None), True
        ),
        ("PUT", "/api/suites/{suite_id}/threshold"): Rule(
            "editor", lambda w, c: (f"/api/suites/{_new_suite(w)}/threshold", {"passRate": 0.8}), True
        ),
    }
)


# Bots under test answer with the agent's own token, never with a user's credentials.
ROUTES[("POST", "/api/whatsapp/{agent_id}/messages")] = Rule("agent-token")

RANK = {"viewer": 0, "editor": 1, "admin": 2, "owner": 3}
# 202: accepted, carried on in the background (a run re-judged, a calibration).
SUCCESS = {200, 201, 202, 204}


def _api_routes() -> set[tuple[str, str]]:
    found = set()
    for context in iter_route_contexts(create_api().routes):
        if isinstance(context.original_route, APIRoute) and context.include_in_schema:
            for method in context.methods - {"HEAD", "OPTIONS"}:
                found.add((method, context.path))
    return found


def test_every_route_is_listed() -> None:
    routes = _api_routes()
    assert routes - set(ROUTES) == set(), "routes with no authorization rule: add them to ROUTES"
    assert set(ROUTES) - routes == set(), "rules for routes that no longer exist"


@pytest.fixture
def world(db, make_account) -> World:
    return World(db, make_account)


def _anonymous_callers(world: World, client) -> dict[str, dict[str, str]]:
    revoked = client.post("/api/auth/api-keys", json={"name": "old"}, headers=world.owner.headers).json()
    client.delete(f"/api/auth/api-keys/{revoked['id']}", headers=world.owner.headers)
    expired = security.create_access_token(world.owner.user_id, ttl_seconds=-5).access_token
    return {
        "nobody": {},
        "malformed token": {"Authorization": "Bearer not-a-token"},
        "wrong scheme": {"Authorization": f"Basic {world.owner.token}"},
        "expired token": {"Authorization": f"Bearer {expired}"},
        "revoked api key": {"X-API-Key": revoked["key"]},
    }


@pytest.mark.parametrize(
    "route", sorted(k for k, v in ROUTES.items() if v.least_role not in ("public", "agent-token")), ids=" ".join
)
def test_route_answers_each_caller_as_its_role_allows(route, world: World, client) -> None:
    method, _template = route
    rule = ROUTES[route]
    outcomes: dict[str, tuple[int, int | set[int]]] = {}

    for name, headers in _anonymous_callers(world, client).items():
        path, body = rule.request(world, None)
        outcomes[name] = (client.request(method, path, json=body, headers=headers).status_code, 401)

    for role, account in world.members.items():
        path, body = rule.request(world, account)
        expected = SUCCESS if RANK[role] >= RANK[rule.least_role] else 403
        outcomes[role] = (client.request(method, path, json=body, headers=account.headers).status_code, expected)

    # A member of another workspace (its owner, so no role rule stands in the way) never
    # reaches this workspace's rows: an id from here answers 404.
    path, body = rule.request(world, world.stranger)
    expected = rule.stranger_status or (404 if rule.path_has_ids else SUCCESS)
    outcomes["other workspace"] = (
        client.request(method, path, json=body, headers=world.stranger.headers).status_code,
        expected,
    )

    wrong = {
        caller: (got, want)
        for caller, (got, want) in outcomes.items()
        if not (got in want if isinstance(want, set) else got == want)
    }
    assert wrong == {}, f"{method} {_template}: caller -> (got, expected)"
