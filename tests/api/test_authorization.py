"""Every API route, read from the app's own route table, called as every kind of caller.

A route missing from ROUTES fails `test_every_route_is_listed`: a new route must say who
may call it. Each rule names the least role that may call the route and how to build a
request for it (fresh targets for routes that delete or change something).
"""

from __future__ import annotations

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

    def session_body(self) -> dict[str, str]:
        return {"agentId": self.new_item("agents"), "personaId": self.new_item("personas"),
                "objectiveId": self.new_item("objectives")}  # fmt: skip

    def new_session(self, *, ended: bool = False) -> str:
        from app.models.session import SessionCreate
        from app.services import sessions

        principal = self.principal(self.owner)
        created = sessions.create_session(
            session=self.db, principal=principal, data=SessionCreate.model_validate(self.session_body())
        )
        if ended:  # a stream of an ended session replays it and closes
            sessions.cancel_session(session=self.db, principal=principal, session_id=created.id)
        return created.id

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
ROUTES[("POST", "/api/agents/{agent_id}/run")] = Rule(
    "editor", lambda w, c: (f"/api/agents/{w.new_item('agents')}/run", {"message": "Where is order A-10482?"}), True
)


def _session_rule(least_role: str, path: str, *, ended: bool = False, body=None) -> Rule:
    return Rule(least_role, lambda w, c: (path.format(id=w.new_session(ended=ended)), body), True)


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
        ("GET", "/api/events/{session_id}"): _session_rule("viewer", "/api/events/{id}"),
        ("GET", "/api/events/{session_id}/findings"): _session_rule("viewer", "/api/events/{id}/findings"),
        ("GET", "/api/events/{session_id}/stream"): _session_rule("viewer", "/api/events/{id}/stream", ended=True),
    }
)
# Bots under test answer with the agent's own token, never with a user's credentials.
ROUTES[("POST", "/api/whatsapp/{agent_id}/messages")] = Rule("agent-token")

RANK = {"viewer": 0, "editor": 1, "admin": 2, "owner": 3}
SUCCESS = {200, 201, 204}


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
