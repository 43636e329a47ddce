"""MimicClient (blocking) and AsyncMimicClient, one attribute per resource of the REST API."""

from __future__ import annotations

import os
from typing import Any

import httpx

from mimic_sdk import _judging as j
from mimic_sdk import _resources as r
from mimic_sdk._http import AsyncTransport, Options, SyncTransport

DEFAULT_URL = "http://localhost:3000"


class _Surface:
    """What both clients offer; the transport decides whether calls block or are awaited."""

    def __init__(self, transport: SyncTransport | AsyncTransport) -> None:
        self._transport = transport
        self.auth = r.Auth(transport)
        self.api_keys = r.ApiKeys(transport)
        self.workspaces = r.Workspaces(transport)
        self.access = r.Access(transport)
        self.audit = r.Audit(transport)
        self.personas = r.Personas(transport)
        self.objectives = r.Objectives(transport)
        self.agents = r.Agents(transport)
        self.sessions = r.Sessions(transport)
        self.suites = r.Suites(transport)
        self.runs = r.Runs(transport)
        self.finding_groups = r.FindingGroups(transport)
        self.webhooks = r.Webhooks(transport)
        self.providers = r.Providers(transport)
        self.models = r.Models(transport)
        self.analytics = r.Analytics(transport)
        self.mimic_file = r.MimicFiles(transport)
        self.judgements = j.Judgements(transport)
        self.reviews = j.Reviews(transport)
        self.judging_settings = j.JudgingSettings(transport)
        self.calibration_sets = j.CalibrationSets(transport)
        self.calibrations = j.Calibrations(transport)
        self.voice_settings = j.VoiceSettings(transport)

    @property
    def base_url(self) -> str:
        return self._transport.options.base_url

    @property
    def token(self) -> str | None:
        return self._transport.options.token

    @token.setter
    def token(self, value: str | None) -> None:
        self._transport.options.token = value

    def search(self, q: str, *, types: list[str] | None = None, limit: int | None = None) -> Any:
        return self._transport.call("GET", "/api/search", params=r.query({"q": q, "types": types, "limit": limit}))

    def health(self) -> Any:
        return self._transport.call("GET", "/health")

    def info(self) -> Any:
        """{name, version, status} of the API."""
        return self._transport.call("GET", "/api")

    def whatsapp_send(self, agent_id: str, body: dict[str, Any], *, access_token: str) -> Any:
        """What a WhatsApp-style bot under test calls to answer (Graph API format)."""
        return self._transport.call("POST", f"/api/whatsapp/{agent_id}/messages", json_body=body,
                                    headers={"Authorization": f"Bearer {access_token}"})  # fmt: skip


def _options(base_url: str | None, token: str | None, api_key: str | None, workspace_id: str | None,
             timeout: float, max_retries: int, headers: dict[str, str] | None) -> Options:  # fmt: skip
    return Options(
        base_url=(base_url or os.environ.get("MIMIC_URL") or DEFAULT_URL).rstrip("/"),
        token=token or api_key or os.environ.get("MIMIC_TOKEN") or os.environ.get("MIMIC_API_KEY"),
        workspace_id=workspace_id, timeout=timeout, max_retries=max_retries, headers=dict(headers or {}),
    )  # fmt: skip


class MimicClient(_Surface):
    """The blocking client:

        client = MimicClient(base_url="http://localhost:3000", token="...")
        session = client.sessions.create(agent_id=..., persona_id=..., objective_id=..., auto_start=True)
        client.sessions.subscribe(session["id"], print)

    `token` is a JWT from login or an API key (MIMIC_TOKEN / MIMIC_API_KEY when omitted);
    `base_url` defaults to MIMIC_URL, else http://localhost:3000."""

    def __init__(self, base_url: str | None = None, token: str | None = None, *, api_key: str | None = None,
                 workspace_id: str | None = None, timeout: float = 60.0, max_retries: int = 3,
                 headers: dict[str, str] | None = None, http_client: httpx.Client | None = None) -> None:  # fmt: skip
        options = _options(base_url, token, api_key, workspace_id, timeout, max_retries, headers)
        super().__init__(SyncTransport(options, http_client))

    @classmethod
    def login(cls, base_url: str, email: str, password: str, **kwargs: Any) -> MimicClient:
        """A client signed in with email and password."""
        client = cls(base_url, **kwargs)
        client.token = client.auth.login(email, password)["access_token"]
        return client

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> MimicClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncMimicClient(_Surface):
    """The same surface, every call awaited; iterate() and subscribe() are async iterators."""

    def __init__(self, base_url: str | None = None, token: str | None = None, *, api_key: str | None = None,
                 workspace_id: str | None = None, timeout: float = 60.0, max_retries: int = 3,
                 headers: dict[str, str] | None = None,
                 http_client: httpx.AsyncClient | None = None) -> None:  # fmt: skip
        options = _options(base_url, token, api_key, workspace_id, timeout, max_retries, headers)
        super().__init__(AsyncTransport(options, http_client))

    @classmethod
    async def login(cls, base_url: str, email: str, password: str, **kwargs: Any) -> AsyncMimicClient:
        client = cls(base_url, **kwargs)
        client.token = (await client.auth.login(email, password))["access_token"]
        return client

    async def close(self) -> None:
        await self._transport.close()

    async def __aenter__(self) -> AsyncMimicClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
