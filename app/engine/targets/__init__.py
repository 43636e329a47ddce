"""Target adapters: one per agent type, behind one async interface (send a turn, get a reply)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import httpx

from app.engine.targets.base import Target, TargetError, TargetReply, TargetSpec, Turn, outbound_error
from app.engine.targets.http import HttpWebhookTarget, http_error
from app.engine.targets.openai import hosted_agent_target, openai_compatible_target
from app.engine.targets.voice import probe_voice
from app.engine.targets.voice_hosted import HostedVoiceTransport
from app.engine.targets.voice_http import WavTurnTransport
from app.engine.targets.voice_stream import MediaStreamTransport
from app.engine.targets.websocket import WebSocketTarget
from app.engine.targets.whatsapp import WhatsAppTarget
from app.outbound import OutboundError, check_url, outbound_client, read_prefix
from app.voice.speech import ListeningSettings, SpeechError, VoiceSettings, recognize, synthesize

__all__ = [
    "HostedVoiceTransport",
    "MediaStreamTransport",
    "ProbeResult",
    "Target",
    "TargetError",
    "TargetReply",
    "TargetSpec",
    "Turn",
    "WavTurnTransport",
    "build_target",
    "probe",
]

CHAT_TYPES = frozenset({"http", "openai", "websocket", "hosted", "whatsapp"})


def build_target(spec: TargetSpec) -> Target:
    if spec.type == "http":
        return HttpWebhookTarget(spec.config)
    if spec.type == "openai":
        return openai_compatible_target(spec.config)
    if spec.type == "websocket":
        return WebSocketTarget(spec.config)
    if spec.type == "hosted":
        return hosted_agent_target(spec.config, spec.credentials)
    if spec.type == "whatsapp":
        return WhatsAppTarget(spec.agent_id, spec.config)
    raise TargetError("config", f"a {spec.type} agent is not a chat target")


@dataclass(frozen=True)
class ProbeResult:
    reachable: bool
    latency_ms: int | None
    reply: str | None = None
    error: str | None = None
    status_code: int | None = None


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SEARCH_BYTES = 64 * 1024


async def _probe_website(config: dict) -> ProbeResult:
    started = time.perf_counter()
    try:
        # Each redirect hop is checked by the client's transport; the page is read only as far
        # as its title could be (a large page is not a failure).
        async with outbound_client(follow_redirects=True, timeout=config["timeoutSeconds"]) as client:
            async with client.stream("GET", config["targetUrl"]) as response:
                head = (await read_prefix(response, _TITLE_SEARCH_BYTES)).decode(
                    response.encoding or "utf-8", errors="replace"
                )
        if response.status_code >= 400:
            raise TargetError(
                "auth" if response.status_code in (401, 403) else "http_status",
                f"HTTP {response.status_code}: {head[:300]}",
                status_code=response.status_code,
            )
    except httpx.HTTPError as exc:
        error = http_error(exc)
        return ProbeResult(False, None, error=error.message)
    except OutboundError as exc:
        return ProbeResult(False, None, error=f"{exc.kind}: {exc.message}")
    except TargetError as exc:
        return ProbeResult(False, int((time.perf_counter() - started) * 1000), error=exc.message,
                           status_code=exc.status_code)  # fmt: skip
    title = _TITLE.search(head)
    reply = f"HTTP {response.status_code}" + (f" · {title.group(1).strip()[:200]}" if title else "")
    return ProbeResult(True, int((time.perf_counter() - started) * 1000), reply=reply, status_code=response.status_code)


def _target_url(spec: TargetSpec) -> str | None:
    """The URL a chat target sends to (None for hosted agents, which use a provider)."""
    key = {"http": "url", "websocket": "url", "openai": "baseUrl", "whatsapp": "webhookUrl", "voice": "url"}.get(
        spec.type
    )
    return spec.config.get(key) if key else None


VOICE_GREETING = "Hello, this is a test call from Mimic."


async def _probe_voice(spec: TargetSpec) -> ProbeResult:
    """Says a short greeting (offline voice) and reports the latency to the reply's first
    audio and what the reply said (offline recogniser)."""

    async def heard(samples) -> str:
        return (await recognize(samples, ListeningSettings())).text

    try:
        greeting = await synthesize(VOICE_GREETING, VoiceSettings())
        result = await probe_voice(spec, greeting, heard)
    except TargetError as exc:
        return ProbeResult(False, None, error=f"{exc.kind}: {exc.message}", status_code=exc.status_code)
    except SpeechError as exc:
        return ProbeResult(False, None, error=f"speech: {exc.message}")
    return ProbeResult(True, result.latency_ms, reply=result.reply or "(audio without recognisable words)")


async def probe(spec: TargetSpec, message: str) -> ProbeResult:
    """Send one message (or load the website) and say whether the target answered."""
    if spec.type == "browser":
        return await _probe_website(spec.config)
    url = _target_url(spec)
    if url:
        try:  # the adapters check too; this answers early, before any retry
            await check_url(url)
        except OutboundError as exc:
            error = outbound_error(exc)
            return ProbeResult(False, None, error=f"{error.kind}: {error.message}")
    if spec.type == "voice":
        return await _probe_voice(spec)
    target = build_target(spec)
    try:
        reply = await target.send(Turn(session_id=f"probe-{spec.agent_id}", message=message))
        return ProbeResult(True, reply.latency_ms, reply=reply.content)
    except TargetError as exc:
        return ProbeResult(False, None, error=f"{exc.kind}: {exc.message}", status_code=exc.status_code)
    finally:
        await target.close()
