"""The outbound policy (app/outbound.py): the SSRF table (each address class refused, public
addresses and allow-listed hosts accepted), then real requests from every kind of target,
webhooks, the agent probe and the provider test: an allowed server on 127.0.0.1 is reached,
a server on 127.0.0.2 (refused: only 127.0.0.1/32 is allowed; Linux answers all of 127/8
on the loopback device) is not, and neither is it through a redirect from the allowed one."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI, Request, WebSocket
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.engine.targets import TargetError, TargetSpec, Turn, build_target, probe
from app.engine.targets.openai import openai_compatible_target
from app.outbound import (
    OutboundPolicy,
    OutboundRefused,
    UnresolvedHost,
    check_url,
    outbound_client,
)
from app.settings import Settings, settings
from tests.support.bots import http_bot, websocket_bot
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub
from tests.support.sessions import Api

ONLY_127_0_0_1 = "127.0.0.1/32"
PUBLIC_ONLY = OutboundPolicy()

# ---- the table -------------------------------------------------------------------------------

REFUSED = [
    ("http://127.0.0.1/", "loopback"),
    ("http://127.8.9.10:8080/admin", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://localhost:8000/", "loopback"),  # a name: its resolved address is what counts
    ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
    ("http://0x7f.1/", "loopback"),  # ... and in hex
    ("http://10.1.2.3/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://172.31.255.254/", "private"),
    ("http://192.168.0.10/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
    ("http://100.100.100.200/latest/meta-data/", "cloud metadata"),
    ("http://169.254.1.1/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "unique-local"),
    ("http://[fd12:3456:789a::1]/", "unique-local"),
    ("http://100.64.0.1/", "shared (CGNAT)"),
    ("http://100.127.255.254/", "shared (CGNAT)"),
    ("http://0.0.0.0:8000/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://255.255.255.255/", "reserved"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),  # IPv4-mapped IPv6
    ("http://[::ffff:a9fe:a9fe]/", "cloud metadata"),  # ::ffff:169.254.169.254
    ("http://[::ffff:10.0.0.1]/", "private"),
    ("http://[64:ff9b::a9fe:a9fe]/", "cloud metadata"),  # NAT64 of 169.254.169.254
    ("http://[2002:a9fe:a9fe::1]/", "cloud metadata"),  # 6to4 of 169.254.169.254
    ("ws://127.0.0.1:9/ws", "loopback"),
    ("wss://[::1]/socket", "loopback"),
    ("https://10.0.0.1:8443/v1", "private"),
]


@pytest.mark.parametrize(("url", "label"), REFUSED)
async def test_each_address_class_is_refused(url: str, label: str) -> None:
    with pytest.raises(OutboundRefused) as refused:
        await check_url(url, policy=PUBLIC_ONLY)
    assert f"is a {label} address" in refused.value.message
    assert "MIMIC_OUTBOUND_ALLOW" in refused.value.message and refused.value.kind == "refused"


@pytest.mark.parametrize(
    "url", ["http://93.184.215.14/", "https://8.8.8.8/dns-query", "http://[2606:4700:4700::1111]/",
            "http://[::ffff:8.8.8.8]/", "wss://1.1.1.1/socket"],
)  # fmt: skip
async def test_a_public_address_is_accepted(url: str) -> None:
    addresses = await check_url(url, policy=PUBLIC_ONLY)
    assert len(addresses) == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://8.8.8.8:70/", "ftp://8.8.8.8/", "http:///path"])
async def test_only_http_and_websocket_urls_with_a_host_are_accepted(url: str) -> None:
    with pytest.raises(OutboundRefused):
        await check_url(url, policy=PUBLIC_ONLY)


async def test_a_host_that_does_not_resolve_is_a_clear_error() -> None:
    with pytest.raises(UnresolvedHost, match="cannot resolve host 'no-such-host.invalid'"):
        await check_url("https://no-such-host.invalid/hook", policy=PUBLIC_ONLY)


@pytest.mark.parametrize(
    ("allow", "url", "allowed"),
    [
        ("loopback", "http://127.0.0.1:3000/", True),
        ("loopback", "http://127.0.0.2/", True),
        ("loopback", "http://[::1]/", True),
        ("loopback", "http://[::ffff:127.0.0.1]/", True),
        ("loopback", "http://localhost/", True),
        ("loopback", "http://10.0.0.1/", False),
        ("loopback", "http://169.254.169.254/", False),
        ("private", "http://10.0.0.1/", True),
        ("private", "http://172.20.1.1/", True),
        ("private", "http://192.168.1.1/", True),
        ("private", "http://[fd00::5]/", True),
        ("private", "http://127.0.0.1/", False),
        ("private", "http://100.64.0.1/", False),
        ("private", "http://169.254.169.254/", False),
        ("private", "http://[fd00:ec2::254]/", False),  # a metadata address, though unique-local
        ("10.0.0.0/8", "http://10.2.3.4/", True),
        ("10.0.0.0/8", "http://192.168.1.1/", False),
        (" 192.168.1.7 , loopback", "http://192.168.1.7/", True),
        ("192.168.1.7", "http://192.168.1.8/", False),
        ("169.254.169.254/32", "http://169.254.169.254/", True),  # only when named
        ("fd00:ec2::254", "http://[fd00:ec2::254]/", True),
        ("localhost", "http://localhost:3000/", True),
        ("localhost", "http://127.0.0.1:3000/", False),
        ("LOCALHOST.", "http://localhost/", True),
    ],
)
async def test_the_allow_list(allow: str, url: str, allowed: bool) -> None:
    policy = OutboundPolicy.parse(allow)
    if allowed:
        assert await check_url(url, policy=policy)
    else:
        with pytest.raises(OutboundRefused):
            await check_url(url, policy=policy)


def test_wildcard_host_names_cover_subdomains_only() -> None:
    policy = OutboundPolicy.parse("*.lab.example.com, exact.example.org")
    assert policy.allows_host("api.lab.example.com") and policy.allows_host("a.b.lab.example.com")
    assert not policy.allows_host("lab.example.com") and not policy.allows_host("evil-lab.example.com")
    assert policy.allows_host("EXACT.example.org.") and not policy.allows_host("sub.exact.example.org")


def test_a_bad_allow_list_stops_the_settings_with_the_entries_named() -> None:
    with pytest.raises(ValidationError, match=r"http://intranet, 10\.0\.0\.0/99"):
        Settings(outbound_allow="loopback, http://intranet, 10.0.0.0/99")
    assert Settings(outbound_allow=" loopback, private, 10.0.0.0/8, ::1, db.internal, *.corp.example ").outbound_allow


# ---- real requests ---------------------------------------------------------------------------


@dataclass
class Far:
    """A server the policy refuses (127.0.0.2): it records anything that reaches it."""

    url: str
    ws_url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def only_127_0_0_1(monkeypatch) -> None:
    monkeypatch.setattr(settings, "outbound_allow", ONLY_127_0_0_1)


@pytest.fixture
def far(only_127_0_0_1):
    hits: list[str] = []
    app = FastAPI()

    @app.api_route("/{path:path}", methods=["GET", "POST"])
    async def anything(path: str, request: Request):
        hits.append(f"{request.method} /{path}")
        return {"data": {"reply": "internal secret"}, "choices": [{"message": {"content": "internal secret"}}]}

    @app.websocket("/ws")
    async def ws(websocket: WebSocket):
        hits.append("WS /ws")
        await websocket.accept()
        await websocket.send_json({"reply": "internal secret"})
        await websocket.close()

    with LoopbackServer(app, host="127.0.0.2") as server:
        yield Far(server.url, server.ws_url, hits)


@pytest.fixture
def redirector(far):
    """An allowed server (127.0.0.1) that redirects every request to the refused one."""
    app = FastAPI()

    @app.api_route("/{path:path}", methods=["GET", "POST"])
    async def anything(path: str):
        return RedirectResponse(f"{far.url}/{path}", status_code=307)

    with LoopbackServer(app) as server:
        yield server


async def test_an_allowed_host_is_reached(only_127_0_0_1) -> None:
    with LoopbackServer(http_bot()) as bot:
        target = build_target(TargetSpec("a", "http", _http_config(f"{bot.url}/chat")))
        reply = await target.send(Turn("s-1", "Hello"))
        await target.close()
    assert "Acme support bot" in reply.content


async def test_an_allowed_host_name_is_reached_whatever_its_address(monkeypatch) -> None:
    monkeypatch.setattr(settings, "outbound_allow", "localhost")
    with LoopbackServer(http_bot()) as bot:
        target = build_target(TargetSpec("a", "http", _http_config(f"http://localhost:{bot.port}/chat")))
        reply = await target.send(Turn("s-1", "Hello"))
        await target.close()
        direct = build_target(TargetSpec("a", "http", _http_config(f"{bot.url}/chat")))  # 127.0.0.1 is not
        with pytest.raises(TargetError) as refused:
            await direct.send(Turn("s-1", "Hello"))
        await direct.close()
    assert "Acme support bot" in reply.content and refused.value.kind == "refused"


def _http_config(url: str) -> dict:
    return {"url": url, "method": "POST", "bodyTemplate": '{"message": "{{message}}"}', "replyPath": "data.reply",
            "timeoutSeconds": 5}  # fmt: skip


async def test_the_http_and_whatsapp_targets_refuse_at_once_without_retrying(far: Far) -> None:
    whatsapp = {"webhookUrl": f"{far.url}/webhook", "phoneNumber": "+15550001", "timeoutSeconds": 5}
    for spec in (TargetSpec("a", "http", _http_config(f"{far.url}/chat")), TargetSpec("a", "whatsapp", whatsapp)):
        target = build_target(spec)
        with pytest.raises(TargetError) as refused:
            await target.send(Turn("s-1", "Hello"))
        await target.close()
        assert refused.value.kind == "refused" and not refused.value.retryable
        assert "127.0.0.2 is a loopback address" in refused.value.message
    assert far.hits == []


async def test_a_redirect_to_a_refused_address_is_not_followed(far: Far, redirector) -> None:
    # The checking transport, when a client follows redirects: each hop is checked.
    async with outbound_client(follow_redirects=True) as client:
        with pytest.raises(OutboundRefused, match="127.0.0.2"):
            await client.post(f"{redirector.url}/chat", json={"message": "hi"})
    # The website probe follows redirects.
    result = await probe(TargetSpec("a", "browser", {"targetUrl": f"{redirector.url}/", "timeoutSeconds": 5}), "")
    assert result.reachable is False and result.error.startswith("refused: 127.0.0.2 is a loopback address")
    # The HTTP target follows none: the redirect is an answer that is not JSON.
    target = build_target(TargetSpec("a", "http", _http_config(f"{redirector.url}/chat")))
    with pytest.raises(TargetError) as failed:
        await target.send(Turn("s-1", "Hello"))
    await target.close()
    assert failed.value.kind == "bad_response"
    assert far.hits == []


async def test_the_websocket_target(far: Far) -> None:
    def config(url: str) -> dict:
        return {"url": url, "messageTemplate": '{"message": "{{message}}"}', "replyPath": "reply", "timeoutSeconds": 5}

    async def send(url: str) -> str:
        target = build_target(TargetSpec("a", "websocket", config(url)))
        try:
            return (await target.send(Turn("s-1", "Hello"))).content
        finally:
            await target.close()

    async def redirect_to(location: str) -> asyncio.Server:
        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode())
            await writer.drain()
            writer.close()

        return await asyncio.start_server(answer, "127.0.0.1", 0)

    with LoopbackServer(websocket_bot()) as bot:
        assert "Acme support bot" in await send(f"{bot.ws_url}/ws")  # allowed
        # A redirect to another allowed host is followed (checked like the first URL) ...
        allowed_hop = await redirect_to(f"{bot.ws_url}/ws")
        port = allowed_hop.sockets[0].getsockname()[1]
        assert "Acme support bot" in await send(f"ws://127.0.0.1:{port}/ws")
        allowed_hop.close()
    with pytest.raises(TargetError) as direct:
        await send(f"{far.ws_url}/ws")
    # ... one to a refused address is not.
    refused_hop = await redirect_to(f"{far.ws_url}/ws")
    port = refused_hop.sockets[0].getsockname()[1]
    with pytest.raises(TargetError) as redirected:
        await send(f"ws://127.0.0.1:{port}/ws")
    refused_hop.close()
    assert direct.value.kind == redirected.value.kind == "refused"
    assert "127.0.0.2 is a loopback address" in redirected.value.message
    assert far.hits == []


async def test_the_openai_compatible_target(far: Far, redirector) -> None:
    async def send(base_url: str) -> str:
        target = openai_compatible_target({"model": "gpt-test", "baseUrl": base_url, "timeoutSeconds": 5})
        try:
            return (await target.send(Turn("s-1", "Hello"))).content
        finally:
            await target.close()

    with OpenAIStub(script=["Hello from the stub"]) as stub:
        assert await send(stub.base_url) == "Hello from the stub"
    for base_url in (f"{far.url}/v1", f"{redirector.url}/v1"):  # directly, and through a redirect
        with pytest.raises(TargetError) as refused:
            await send(base_url)
        assert refused.value.kind == "refused" and "127.0.0.2 is a loopback address" in refused.value.message
    assert far.hits == []


# ---- through the API: sessions, the agent probe, webhooks, the provider test -----------------


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def test_a_refused_target_is_a_target_error_on_the_session(api: Api, far: Far) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent("http", _http_config(f"{far.url}/chat"))
    detail = api.wait(api.start(agent_id, persona_id, objective_id))
    assert detail["status"] == "error" and detail["endReason"] == "target_error"
    assert detail["error"]["source"] == "target" and detail["error"]["kind"] == "refused"
    assert "127.0.0.2 is a loopback address" in detail["error"]["message"]
    assert far.hits == []


def test_the_agent_probe_says_why(api: Api, far: Far) -> None:
    for agent_type, config in (("http", _http_config(f"{far.url}/chat")),
                               ("openai", {"baseUrl": f"{far.url}/v1", "model": "gpt-test", "timeoutSeconds": 5}),
                               ("browser", {"targetUrl": f"{far.url}/", "timeoutSeconds": 5})):  # fmt: skip
        result = api.post(f"/api/agents/{api.agent(agent_type, config)}/test")
        assert result["reachable"] is False, agent_type
        assert result["error"].startswith("refused: 127.0.0.2 is a loopback address"), result
    assert far.hits == []


def test_webhook_deliveries(api: Api, far: Far, redirector) -> None:
    direct = api.post("/api/webhooks", {"url": f"{far.url}/hook", "events": ["*"]})
    tested = api.post(f"/api/webhooks/{direct['id']}/test")
    assert tested["status"] == "failed" and tested["attempts"] == 1 and tested["responseStatus"] is None
    assert tested["error"].startswith("refused: 127.0.0.2 is a loopback address")
    # Deliveries follow no redirect (the 307 is the failed answer), so none leads elsewhere.
    redirected = api.post("/api/webhooks", {"url": f"{redirector.url}/hook", "events": ["*"]})
    tested = api.post(f"/api/webhooks/{redirected['id']}/test")
    assert tested["status"] == "failed" and tested["responseStatus"] == 307
    assert far.hits == []


def test_the_provider_test_refuses_a_custom_model_on_a_refused_address(api: Api, far: Far) -> None:
    api.post("/api/models/custom", {"name": "Inside", "baseUrl": f"{far.url}/v1", "model": "llama"})
    result = api.post("/api/providers/openai_compatible/test", {"model": "custom/inside"})
    assert result["ok"] is False and result["errorKind"] == "refused"
    assert "127.0.0.2 is a loopback address" in result["error"]
    assert far.hits == []


def test_the_policy_follows_the_setting(monkeypatch) -> None:
    from app.outbound import current_policy

    monkeypatch.setattr(settings, "outbound_allow", "private")
    assert current_policy() == OutboundPolicy.parse("private")
    monkeypatch.setattr(settings, "outbound_allow", "")
    assert current_policy() == PUBLIC_ONLY


def test_httpx_errors_still_surface_as_httpx_errors(only_127_0_0_1) -> None:
    async def closed_port() -> None:
        async with outbound_client(timeout=2) as client:
            await client.get("http://127.0.0.1:9/")

    with pytest.raises(httpx.ConnectError):
        asyncio.run(closed_port())
