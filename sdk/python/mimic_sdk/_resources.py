"""Every resource of the Mimic REST API. A method is one line naming its call; the transport
(blocking or async) runs it. Keyword arguments are the API's fields in snake_case (sent as
camelCase); a `body` dict is sent as it is. Answers are the API's JSON (camelCase dicts)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from mimic_sdk._http import AsyncTransport, SyncTransport, async_sse_events, sse_events

TERMINAL = frozenset({"completed", "cancelled", "error", "interrupted"})
Json = Any


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def payload(body: dict[str, Any] | None, fields: dict[str, Any]) -> dict[str, Any]:
    """The request body: `body` as given, plus the keyword fields in camelCase (None left out)."""
    return {**(body or {}), **{camel(k): v for k, v in fields.items() if v is not None}}


def query(params: dict[str, Any]) -> dict[str, Any]:
    return {camel(k): v for k, v in params.items() if v is not None}


class Resource:
    path = ""

    def __init__(self, transport: SyncTransport | AsyncTransport) -> None:
        self._t = transport

    def _call(self, method: str, sub: str = "", **kwargs: Any) -> Any:
        return self._t.call(method, self.path + sub, **kwargs)


class ListResource(Resource):
    """GET with page/limit (and filters) answering {data, pagination}."""

    offset_style = False

    def list(self, **params: Any) -> Json:
        """One page: {data, pagination: {page, limit, total, pages}}."""
        return self._call("GET", params=query(params))

    def iterate(self, **params: Any) -> Iterator[Json] | AsyncIterator[Json]:
        """Every item over all pages (`for` or, on the async client, `async for`)."""
        params.setdefault("limit", 100)
        return self._t.paginate(self.path, query(params), offset_style=self.offset_style)


class CrudResource(ListResource):
    def get(self, item_id: str) -> Json:
        return self._call("GET", f"/{item_id}")

    def create(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        return self._call("POST", json_body=payload(body, fields))

    def replace(self, item_id: str, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        return self._call("PUT", f"/{item_id}", json_body=payload(body, fields))

    def update(self, item_id: str, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        return self._call("PATCH", f"/{item_id}", json_body=payload(body, fields))

    def delete(self, item_id: str) -> None:
        return self._call("DELETE", f"/{item_id}")

    def duplicate(self, item_id: str) -> Json:
        return self._call("POST", f"/{item_id}/duplicate")


class TransferMixin(Resource):
    def import_(self, content: str | bytes | list | dict, *, format: str | None = None) -> Json:
        """Import JSON or YAML text, or Python objects: all or nothing."""
        if isinstance(content, (list, dict)):
            return self._call("POST", "/import", json_body=content)
        media = "application/yaml" if (format or "yaml") == "yaml" else "application/json"
        return self._call("POST", "/import", content=content, headers={"Content-Type": media})

    def export(self, *, format: str = "json", ids: list[str] | None = None) -> str:
        return self._call("GET", "/export", params=query({"format": format, "ids": ids}))


class Personas(CrudResource, TransferMixin):
    path = "/api/personas"


class Objectives(CrudResource, TransferMixin):
    path = "/api/objectives"


class Agents(CrudResource):
    path = "/api/agents"

    def test(self, agent_id: str) -> Json:
        """Send one probe message (or load the website): {reachable, latencyMs, reply, error, statusCode}."""
        return self._call("POST", f"/{agent_id}/test")

    def run(self, agent_id: str, message: str, context: dict[str, Any] | None = None) -> Json:
        """One answer of a hosted agent: {content, model, usage, createdAt}."""
        return self._call("POST", f"/{agent_id}/run", json_body={"message": message, "context": context or {}})


class Suites(CrudResource):
    path = "/api/suites"

    def run(self, suite_id: str, body: dict[str, Any] | None = None, **overrides: Any) -> Json:
        """Start a run; overrides for this run only: repeats, seed, persona_ids, objective_ids,
        label (the agent's version, shown on the suite's trend)."""
        body = payload(body, overrides)
        return self._call("POST", f"/{suite_id}/run", json_body=body or None)

    def trend(self, suite_id: str, *, limit: int | None = None) -> Json:
        """The pass rate of the suite's latest runs with intervals, labels and the threshold."""
        return self._call("GET", f"/{suite_id}/trend", params=query({"limit": limit}))

    def set_threshold(self, suite_id: str, pass_rate: float | None) -> Json:
        """The least pass rate of a run (0 to 1; None removes it): under it, run.below_threshold."""
        return self._call("PUT", f"/{suite_id}/threshold", json_body={"passRate": pass_rate})


class FindingGroups(Resource):
    """The findings inbox: findings grouped across sessions by a normalised signature."""

    path = "/api/findings/groups"

    def list(self, **params: Any) -> Json:
        """One page of groups: state, severity, agent_id, type, sort, page, limit."""
        return self._call("GET", params=query(params))

    def iterate(self, **params: Any) -> Iterator[Json] | AsyncIterator[Json]:
        params.setdefault("limit", 100)
        return self._t.paginate(self.path, query(params), offset_style=False)

    def get(self, signature: str) -> Json:
        return self._call("GET", f"/{signature}")

    def set_state(self, signature: str, state: str, *, note: str | None = None) -> Json:
        """open, acknowledged, fixed or wont_fix (with an optional note), for later occurrences too."""
        return self._call("PATCH", f"/{signature}", json_body=payload(None, {"state": state, "note": note}))


class Runs(ListResource):
    path = "/api/runs"
    offset_style = True

    def get(self, run_id: str) -> Json:
        return self._call("GET", f"/{run_id}")

    def cancel(self, run_id: str) -> Json:
        return self._call("POST", f"/{run_id}/cancel")

    def compare(self, run_id: str, baseline_id: str) -> Json:
        return self._call("GET", f"/{run_id}/compare/{baseline_id}")

    def compare_transcripts(self, run_id: str, baseline_id: str) -> Json:
        """Per changed cell, a session of each run side by side and the verdict rows that changed."""
        return self._call("GET", f"/{run_id}/compare/{baseline_id}/transcripts")

    def junit(self, run_id: str) -> str:
        return self._call("GET", f"/{run_id}/junit", headers={"Accept": "application/xml"})

    def report(self, run_id: str) -> Json:
        return self._call("GET", f"/{run_id}/report")

    def rejudge(self, run_id: str, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """Judge every ended session again in the background (judge_model, repeats,
        temperature): the run, whose `rejudge` follows the progress."""
        return self._call("POST", f"/{run_id}/judgements", json_body=payload(body, fields) or None)

    def state(self, run_id: str) -> Json:
        """The run's status and progress without its matrix (GET /api/runs/{id}/status)."""
        return self._call("GET", f"/{run_id}/status")

    def wait(self, run_id: str, *, timeout: float = 3600, poll: float = 1.0,
             on_progress: Callable[[Json], Any] | None = None) -> Json:  # fmt: skip
        """The run (with its matrix) once it has ended. Waits on the server (GET
        /api/runs/{id}/wait, a long-poll answered when a session of the run ends or the run
        does): `on_progress` gets the run's state at each change. `poll` is kept for callers of
        older versions; nothing is read on a timer."""
        if isinstance(self._t, AsyncTransport):
            return _async_wait_run(self, run_id, timeout, on_progress)
        deadline = time.monotonic() + timeout
        done = None
        while True:
            state = self._call("GET", f"/{run_id}/wait", params=_wait_params(self._t, deadline, done))
            if on_progress:
                on_progress(state)
            if state.get("endedAt"):
                return self.get(run_id)
            if time.monotonic() >= deadline:
                raise TimeoutError(f"run {run_id} did not end within {timeout:g} s")
            done = state["progress"]["done"]


def _wait_params(transport: SyncTransport | AsyncTransport, deadline: float, done: int | None) -> dict[str, Any]:
    """One long-poll: at most 30 s, well within the client's own request timeout, and never
    past the caller's deadline."""
    longest = max(1.0, min(30.0, transport.options.timeout - 5))
    params: dict[str, Any] = {"timeout": round(max(0.0, min(longest, deadline - time.monotonic())), 1)}
    if done is not None:
        params["done"] = done
    return params


async def _async_wait_run(runs: Runs, run_id: str, timeout: float, on_progress) -> Json:
    deadline = time.monotonic() + timeout
    done = None
    while True:
        state = await runs._call("GET", f"/{run_id}/wait", params=_wait_params(runs._t, deadline, done))
        if on_progress:
            on_progress(state)
        if state.get("endedAt"):
            return await runs.get(run_id)
        if time.monotonic() >= deadline:
            raise TimeoutError(f"run {run_id} did not end within {timeout:g} s")
        done = state["progress"]["done"]


class Sessions(ListResource):
    path = "/api/sessions"

    def create(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """POST /api/sessions: agent_id, persona_id, objective_id, config, llm_config, auto_start."""
        return self._call("POST", json_body=payload(body, fields))

    def state(self, session_id: str) -> Json:
        """The session's status, outcome and counts without its transcript (GET .../status)."""
        return self._call("GET", f"/{session_id}/status")

    def get(self, session_id: str) -> Json:
        """The session with its messages, verdict per criterion and findings."""
        return self._call("GET", f"/{session_id}")

    def start(self, session_id: str) -> Json:
        return self._call("POST", f"/{session_id}/start")

    def cancel(self, session_id: str) -> Json:
        return self._call("POST", f"/{session_id}/cancel")

    def stop(self, session_id: str) -> Json:
        """DELETE: stops it and keeps the transcript."""
        return self._call("DELETE", f"/{session_id}")

    def rerun(self, session_id: str) -> Json:
        """A new session with the same agent, persona, objective and settings, started at once."""
        return self._call("POST", f"/{session_id}/rerun")

    def usage(self, session_id: str) -> Json:
        """Per role (simulator, agent, judge): the models, calls, tokens and cost."""
        return self._call("GET", f"/{session_id}/usage")

    def export(self, session_id: str, *, format: str = "json") -> Json:
        """JSON (a dict) or Markdown (text); a browser session's with every step, findings and files."""
        return self._call("GET", f"/{session_id}/export", params={"format": format})

    def report(self, session_id: str) -> str:
        """A browser session's printable HTML report, its screenshots inline."""
        return self._call("GET", f"/{session_id}/report", headers={"Accept": "text/html"})

    def pages(self, session_id: str) -> Json:
        """The pages a browser session went through, each with its outcome and findings."""
        return self._call("GET", f"/{session_id}/pages")

    def voice(self, session_id: str) -> Json:
        """A voice session's call: answer latency (p50, p95), silences, talk-over, barge-in, recordings."""
        return self._call("GET", f"/{session_id}/voice")

    def events(self, session_id: str) -> Json:
        return self._t.call("GET", f"/api/events/{session_id}")

    def findings(self, session_id: str) -> Json:
        return self._t.call("GET", f"/api/events/{session_id}/findings")

    def verdict(self, session_id: str) -> Json:
        """The latest judgement's rows (None before it is judged): `criteria` and `checks`, each
        with status, reasoning, `evidenceMessageIds`, `blame` and `source`; the session's
        `outcome` and `blame`, the judge model and prompt version, and the simulator check."""
        return self._call("GET", f"/{session_id}/verdicts")

    def judgements(self, session_id: str) -> Json:
        """Every judgement of the session, newest first (the first is its verdict)."""
        return self._call("GET", f"/{session_id}/judgements")

    def rejudge(self, session_id: str, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """Judge the stored session again, without replaying it (judge_model, repeats, temperature)."""
        return self._call("POST", f"/{session_id}/judgements", json_body=payload(body, fields) or None)

    def reviews(self, session_id: str) -> Json:
        """Human reviews of the verdict, newest first (the first overrides the judge's outcome)."""
        return self._call("GET", f"/{session_id}/reviews")

    def review(self, session_id: str, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """Review the verdict: criteria (status, note, blame), findings confirmed or dismissed, missed ones."""
        return self._call("POST", f"/{session_id}/reviews", json_body=payload(body, fields))

    def artifacts(self, session_id: str, *, kind: str | None = None) -> Json:
        return self._call("GET", f"/{session_id}/artifacts", params=query({"kind": kind}))

    def artifact(self, session_id: str, artifact_id: str) -> bytes:
        if isinstance(self._t, AsyncTransport):
            return _async_bytes(self._t, f"{self.path}/{session_id}/artifacts/{artifact_id}")
        return self._t.send("GET", f"{self.path}/{session_id}/artifacts/{artifact_id}").content

    def subscribe(self, session_id: str, callback: Callable[[Json], Any] | None = None) -> Any:
        """The session's live updates over Server-Sent Events, {type, data} with type message |
        status | progress | finding | error | complete, from the start (what was said before
        you subscribed is replayed), ending after `complete`. With `callback`, each update is
        handed to it and the call returns the session once complete; without, an iterator
        (async iterator on the async client) of the updates."""
        if isinstance(self._t, AsyncTransport):
            updates = _async_updates(self._t, session_id)
            return _async_deliver(self, session_id, updates, callback) if callback else updates
        updates = _updates(self._t, session_id)
        if callback is None:
            return updates
        for update in updates:
            callback(update)
        return self.get(session_id)

    def wait(self, session_id: str, *, timeout: float = 600) -> Json:
        """The session once it has ended, followed over the live stream."""
        if isinstance(self._t, AsyncTransport):
            return _async_wait_session(self, session_id, timeout)
        deadline = time.monotonic() + timeout
        for _ in self.subscribe(session_id):
            if time.monotonic() > deadline:
                break
        session = self.get(session_id)
        if session["status"] not in TERMINAL:
            raise TimeoutError(f"session {session_id} did not end within {timeout:g} s")
        return session


def _stream_path(session_id: str) -> str:
    return f"/api/events/{session_id}/stream"


def _updates(transport: SyncTransport, session_id: str) -> Iterator[Json]:
    for event, data in sse_events(transport.stream_lines(_stream_path(session_id))):
        if event != "update":
            continue
        yield data
        if data.get("type") == "complete":
            return


async def _async_updates(transport: AsyncTransport, session_id: str) -> AsyncIterator[Json]:
    async for event, data in async_sse_events(transport.stream_lines(_stream_path(session_id))):
        if event != "update":
            continue
        yield data
        if data.get("type") == "complete":
            return


async def _async_deliver(sessions: Sessions, session_id: str, updates, callback) -> Json:
    async for update in updates:
        result = callback(update)
        if hasattr(result, "__await__"):
            await result
    return await sessions.get(session_id)


async def _async_wait_session(sessions: Sessions, session_id: str, timeout: float) -> Json:
    import asyncio

    async def follow() -> None:
        async for _ in sessions.subscribe(session_id):
            pass

    try:
        await asyncio.wait_for(follow(), timeout)
    except TimeoutError:
        pass
    session = await sessions.get(session_id)
    if session["status"] not in TERMINAL:
        raise TimeoutError(f"session {session_id} did not end within {timeout:g} s")
    return session


async def _async_bytes(transport: AsyncTransport, path: str) -> bytes:
    return (await transport.send("GET", path)).content


class Auth(Resource):
    path = "/api/auth"

    def register(self, email: str, password: str, name: str = "", **fields: Any) -> Json:
        return self._call("POST", "/register", json_body=payload({"email": email, "password": password,
                                                                 "name": name}, fields))  # fmt: skip

    def login(self, email: str, password: str) -> Json:
        """{access_token, token_type, expires_in}; MimicClient.login() also keeps the token."""
        return self._call("POST", "/login", json_body={"email": email, "password": password})

    def logout(self) -> Json:
        return self._call("POST", "/logout")

    def me(self) -> Json:
        return self._call("GET", "/me")

    def update_me(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        return self._call("PATCH", "/me", json_body=payload(body, fields))


class ApiKeys(Resource):
    path = "/api/auth/api-keys"

    def list(self) -> Json:
        return self._call("GET")

    def create(self, name: str, expires_at: str | None = None) -> Json:
        """The key is in the answer once (`key`), never again."""
        return self._call("POST", json_body=payload({"name": name}, {"expires_at": expires_at}))

    def delete(self, key_id: str) -> None:
        return self._call("DELETE", f"/{key_id}")


class Workspaces(Resource):
    path = "/api/workspaces"

    def list(self) -> Json:
        return self._call("GET")

    def create(self, name: str) -> Json:
        return self._call("POST", json_body={"name": name})

    def update_current(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        return self._call("PATCH", "/current", json_body=payload(body, fields))

    def switch(self, workspace_id: str) -> Json:
        return self._call("POST", f"/{workspace_id}/switch")


class Access(Resource):
    path = "/api/access"

    def roles(self) -> Json:
        return self._call("GET", "/roles")

    def team(self) -> Json:
        return self._call("GET", "/team")

    def invite(self, email: str, role: str) -> Json:
        return self._call("POST", "/team/members", json_body={"email": email, "role": role})

    def set_role(self, user_id: str, role: str) -> Json:
        return self._call("PATCH", f"/team/members/{user_id}", json_body={"role": role})

    def remove(self, user_id: str) -> None:
        return self._call("DELETE", f"/team/members/{user_id}")

    def revoke_invitation(self, invitation_id: str) -> None:
        return self._call("DELETE", f"/invitations/{invitation_id}")

    def accept_invitation(self, token: str) -> Json:
        return self._call("POST", "/invitations/accept", json_body={"token": token})


class Audit(ListResource):
    path = "/api/audit"


class Webhooks(CrudResource):
    path = "/api/webhooks"

    def list(self, **params: Any) -> Json:
        return self._call("GET", params=query(params))

    def event_names(self) -> Json:
        return self._call("GET", "/events")

    def test(self, webhook_id: str) -> Json:
        return self._call("POST", f"/{webhook_id}/test")

    def deliveries(self, webhook_id: str, **params: Any) -> Json:
        return self._call("GET", f"/{webhook_id}/deliveries", params=query(params))


class Providers(Resource):
    path = "/api/providers"

    def list(self) -> Json:
        return self._call("GET")

    def configure(self, provider_id: str, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        return self._call("PUT", f"/{provider_id}", json_body=payload(body, fields))

    def remove(self, provider_id: str) -> None:
        return self._call("DELETE", f"/{provider_id}")

    def test(self, provider_id: str, model: str | None = None) -> Json:
        return self._call("POST", f"/{provider_id}/test", json_body=payload(None, {"model": model}))


class Models(Resource):
    path = "/api/models"

    def list(self, provider: str | None = None) -> Json:
        return self._call("GET", params=query({"provider": provider}))

    def add_custom(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        return self._call("POST", "/custom", json_body=payload(body, fields))

    def remove_custom(self, model_id: str) -> None:
        return self._call("DELETE", f"/custom/{model_id}")

    def set_defaults(self, simulator: str | None = None, judge: str | None = None, agent: str | None = None) -> Json:
        return self._call("PUT", "/defaults", json_body=payload(None, {"simulator": simulator, "judge": judge,
                                                                        "agent": agent}))  # fmt: skip


class Analytics(Resource):
    path = "/api/analytics"

    def sessions(self, **params: Any) -> Json:
        return self._call("GET", "/sessions", params=query(params))

    def overview(self, **params: Any) -> Json:
        return self._call("GET", "/overview", params=query(params))

    def breakdown(self, **params: Any) -> Json:
        return self._call("GET", "/breakdown", params=query(params))

    def agent(self, agent_id: str, **params: Any) -> Json:
        return self._call("GET", f"/agents/{agent_id}", params=query(params))

    def judge(self, **params: Any) -> Json:
        """The judge's flip rate and agreement with human reviews over time."""
        return self._call("GET", "/judge", params=query(params))

    def pages(self, agent_id: str, **params: Any) -> Json:
        """A website's findings page by page (a browser agent), against baseline_agent_id's."""
        return self._call("GET", "/pages", params=query({"agent_id": agent_id, **params}))

    def agent_report(self, agent_id: str, **params: Any) -> str:
        return self._call("GET", f"/agents/{agent_id}/report", params=query({"format": "html", **params}))


class MimicFiles(Resource):
    """mimic.yaml: push (import) a file into the workspace, pull (export) one from it."""

    path = "/api/mimic-yaml"

    def push(self, document: str | dict[str, Any], *, env: dict[str, str] | None = None, dry_run: bool = False) -> Json:
        """{created, updated, unchanged} per kind; `env` holds the values of the ${NAME} references."""
        return self._call("POST", "/import", json_body={"document": document, "env": env or {}, "dryRun": dry_run})

    def pull(self, *, personas: list[str] | None = None, objectives: list[str] | None = None,
             agents: list[str] | None = None, suites: list[str] | None = None,
             defaults: bool = True) -> Json:  # fmt: skip
        """{document, warnings, missing}: everything, or exactly the items named."""
        params: list[tuple[str, Any]] = [("defaults", str(defaults).lower())]
        for key, names in (("persona", personas), ("objective", objectives), ("agent", agents), ("suite", suites)):
            params += [(key, name) for name in names or []]
        return self._call("GET", "/export", params=_Params(params))

    def schema(self) -> Json:
        return self._t.call("GET", "/api/schemas/mimic.yaml.json")


class _Params(dict):
    """Repeated query parameters (persona=a&persona=b) through the transport's dict interface."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        grouped: dict[str, Any] = {}
        for key, value in pairs:
            grouped.setdefault(key, []).append(value)
        super().__init__({k: v if len(v) > 1 or k in ("persona", "objective", "agent", "suite") else v[0]
                          for k, v in grouped.items()})  # fmt: skip
