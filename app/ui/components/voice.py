"""The parts of the session page that show a voice call: the recording (both channels,
playable and downloadable), the timeline of who spoke when (click to listen from there),
and the call's figures. Rows are plain dicts of strings (what State can hold)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.ui.components.library import form_section, input_field, number_field, select_field
from app.ui.components.model_picker import picker_props

PLAYER_ID = "voice-recording"


def seek_script(seconds: float) -> str:
    """Plays the recording from `seconds` (the page's own player)."""
    return (f"(() => {{ const a = document.getElementById('{PLAYER_ID}'); if (!a) return; "
            f"a.currentTime = {max(0.0, float(seconds)):.3f}; a.play().catch(() => {{}}); }})()")  # fmt: skip


def _ms(value: Any) -> str:
    return f"{int(value)} ms" if isinstance(value, int | float) else "—"


def figures(call: dict[str, Any]) -> list[dict[str, str]]:
    """The call's figures as label/value pairs (JSON of VoiceCallPublic, camelCase)."""
    interrupted = call.get("interruptions") or 0
    confidence = call.get("confidence")
    gaps = (call.get("summary") or {}).get("figures", {}).get("silenceGaps", {})
    return [
        {"label": "Time to first audio (p50)", "value": _ms(call.get("latencyP50Ms"))},
        {"label": "Time to first audio (p95)", "value": _ms(call.get("latencyP95Ms"))},
        {"label": "Talk-over", "value": _ms(call.get("talkOverMs"))},
        {"label": "Stopped when interrupted",
         "value": f"{call.get('yields', 0)} of {interrupted}" if interrupted else "not interrupted"},
        {"label": "Longest silence", "value": _ms(gaps.get("maxMs"))},
        {"label": "Long silences", "value": str(call.get("longSilences", 0))},
        {"label": "Agent pace", "value": f"{call['wordsPerMinute']:.0f} words/min" if call.get("wordsPerMinute")
         else "—"},
        {"label": "Recognition confidence", "value": f"{confidence:.0%}" if isinstance(confidence, int | float)
         else "—"},
    ]  # fmt: skip


def timeline(call: dict[str, Any]) -> list[dict[str, str]]:
    """Who spoke when, as bars placed in percent of the call (persona above, agent below)."""
    spans = (call.get("summary") or {}).get("timeline") or {}
    total = max(1, int(call.get("durationMs") or 1))
    bars = []
    for channel in ("persona", "agent"):
        for start, end in spans.get(channel, []):
            bars.append({"channel": channel, "left": f"{100 * start / total:.3f}%",
                         "width": f"{max(0.3, 100 * (end - start) / total):.3f}%",
                         "start": f"{start / 1000:.3f}",
                         "title": f"{channel} {start / 1000:.1f}–{end / 1000:.1f} s"})  # fmt: skip
    return bars


def notes(call: dict[str, Any]) -> list[str]:
    return [str(n) for n in (call.get("summary") or {}).get("notes", [])]


def placed(meta: dict[str, Any]) -> dict[str, str]:
    """Where a message is in the recording: `start` (seconds, for the player) and `at` (m:ss)."""
    start = (meta.get("voice") or {}).get("startMs")
    if not isinstance(start, int | float):
        return {"start": "", "at": ""}
    return {"start": f"{start / 1000:.3f}", "at": f"{int(start // 60000)}:{int(start / 1000) % 60:02d}"}


def play_button(m: rx.Var, recording_url: rx.Var, on_seek) -> rx.Component:
    """Plays the recording from a message (voice sessions with a recording)."""
    return rx.cond(
        (m["start"] != "") & (recording_url != ""),
        rx.button(rx.icon("play", size=12), m["at"], size="1", variant="ghost", type="button",
                  on_click=on_seek(m["start"]), aria_label="Play this message"),  # fmt: skip
    )


def _bar(bar: rx.Var, on_seek) -> rx.Component:
    return rx.box(
        position="absolute",
        left=bar["left"],
        width=bar["width"],
        top=rx.cond(bar["channel"] == "persona", "0.2rem", "1.6rem"),
        height="1.1rem",
        border_radius="3px",
        background=rx.cond(bar["channel"] == "persona", rx.color("violet", 9), rx.color("gray", 10)),
        title=bar["title"],
        cursor="pointer",
        on_click=on_seek(bar["start"]),
        data_testid="voice-bar",
    )


def voice_panel(
    recording_url: rx.Var, figure_rows: rx.Var, bars: rx.Var, note_rows: rx.Var, persona_name: rx.Var, on_seek
) -> rx.Component:
    """The recording, the timeline and the figures. `on_seek(seconds)` plays from there."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Call", size="4", as_="h2"),
                rx.spacer(),
                rx.cond(
                    recording_url != "",
                    rx.link(
                        rx.hstack(rx.icon("download", size=14), rx.text("Recording (WAV)"), spacing="1"),
                        href=recording_url,
                        download="call.wav",
                        size="2",
                    ),  # fmt: skip
                ),
                width="100%",
                align="center",
            ),
            rx.cond(
                recording_url != "",
                rx.el.audio(
                    src=recording_url,
                    controls=True,
                    preload="metadata",
                    id=PLAYER_ID,
                    style={"width": "100%"},
                    aria_label="The call: persona on the left, agent on the right",
                ),
                rx.text(
                    "The recording is not available (deleted by the audio retention, or not stored).",
                    size="2",
                    color_scheme="gray",
                ),
            ),  # fmt: skip
            rx.text(
                "Stereo: ",
                persona_name,
                " on the left channel, the agent on the right. Click a bar or a message to listen from there.",
                size="1",
                color_scheme="gray",
            ),  # fmt: skip
            rx.hstack(
                rx.vstack(
                    rx.text(persona_name, size="1", weight="bold", color_scheme="violet"),
                    rx.text("Agent", size="1", weight="bold"),
                    spacing="2",
                    min_width="6rem",
                ),  # fmt: skip
                rx.box(
                    rx.foreach(bars, lambda bar: _bar(bar, on_seek)),
                    position="relative",
                    height="3rem",
                    width="100%",
                    background=rx.color("gray", 2),
                    border_radius="var(--radius-2)",
                    aria_label="Who spoke when",
                    role="img",
                ),
                width="100%",
                align="center",
            ),
            rx.grid(
                rx.foreach(
                    figure_rows,
                    lambda f: rx.vstack(
                        rx.text(f["label"], size="1", color_scheme="gray"),
                        rx.text(f["value"], size="3", weight="medium"),
                        spacing="0",
                    ),  # fmt: skip
                ),
                columns=rx.breakpoints(initial="2", md="4"),
                spacing="3",
                width="100%",
            ),
            rx.foreach(note_rows, lambda n: rx.callout(n, icon="info", size="1", width="100%")),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="voice-panel",
    )


def analytics_cards(voice: Any) -> list[dict[str, str]]:
    """The voice figures of the Analytics page (a VoiceStats, or None: no voice call)."""
    if voice is None:
        return []

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:,.0f} ms"

    rate = "—" if voice.yield_rate is None else f"{voice.yield_rate:.0%}"
    return [
        {"label": "Voice: time to first audio", "value": f"{ms(voice.latency_p50_ms)} / {ms(voice.latency_p95_ms)}",
         "hint": f"p50 / p95 of {voice.turns:,} answers in {voice.sessions:,} calls"},
        {"label": "Voice: stopped when interrupted", "value": rate,
         "hint": f"{voice.yields} of {voice.interruptions} interruptions"},
        {"label": "Voice: talk-over", "value": f"{voice.talk_over_ms / 1000:,.1f} s",
         "hint": f"both speaking at once · {voice.long_silences} long silences"},
        {"label": "Voice: pace and recognition",
         "value": "—" if voice.words_per_minute is None else f"{voice.words_per_minute:.0f} wpm",
         "hint": "recognition confidence " + ("—" if voice.confidence is None else f"{voice.confidence:.0%}")},
    ]  # fmt: skip


def analytics_row(cards: rx.Var, card) -> rx.Component:
    """`card(label, value, hint)` is the page's stat card."""
    return rx.cond(
        cards.length() > 0,
        rx.grid(
            rx.foreach(cards, lambda c: card(c["label"], c["value"], c["hint"])),
            columns=rx.breakpoints(initial="1", sm="2", xl="4"),
            spacing="3",
            width="100%",
            data_testid="voice-stats",
        ),
    )


# -- the persona's voice, in the persona editor ---------------------------------------------------

_V = "config.voice."
_R = _V + "realism."
VOICE_FIELD_NAMES = (
    _V + "engine", _V + "model", _V + "voice", _V + "accent", _V + "rateWpm", _V + "pitch", _V + "listenEngine",
    _V + "listenModel", _R + "noise", _R + "snrDb", _R + "fillers", _R + "pauses", _R + "pauseMs",
    _R + "bargeIn.afterMs", _R + "bargeIn.every", _R + "bargeIn.maxTimes",
)  # fmt: skip
NOISE_OPTIONS = (("none", "none"), ("street", "street"), ("babble", "café babble"), ("office", "office"),
                 ("white", "white"), ("pink", "pink"), ("brown", "brown"))  # fmt: skip


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def voice_values(voice: dict[str, Any] | None) -> dict[str, str]:
    """A persona's voice config (camelCase) as the editor's input texts."""
    voice = voice or {}
    realism = voice.get("realism") or {}
    barge = realism.get("bargeIn") or {}
    values = {_V + key: _text(voice.get(key)) for key in ("model", "voice", "accent", "rateWpm", "pitch",
                                                          "listenModel")}  # fmt: skip
    values |= {_V + "engine": voice.get("engine") or "espeak", _V + "listenEngine": voice.get("listenEngine")
               or "pocketsphinx", _R + "noise": realism.get("noise") or "none"}  # fmt: skip
    values |= {_R + key: _text(realism.get(key)) for key in ("snrDb", "fillers", "pauses", "pauseMs")}
    values |= {_R + "bargeIn." + key: _text(barge.get(key)) for key in ("afterMs", "every", "maxTimes")}
    return values


def voice_payload(form: dict[str, Any]) -> dict[str, Any] | None:
    """The voice part of the persona form; None when nothing in it differs from the defaults."""

    def get(name: str) -> str:
        return str(form.get(name, "")).strip()

    realism: dict[str, Any] = {key: get(_R + key) for key in ("snrDb", "fillers", "pauses", "pauseMs") if get(_R + key)}
    if get(_R + "noise") not in ("", "none"):
        realism["noise"] = get(_R + "noise")
    barge = {key: get(_R + "bargeIn." + key) for key in ("afterMs", "every", "maxTimes") if get(_R + "bargeIn." + key)}
    if barge:
        realism["bargeIn"] = barge
    voice: dict[str, Any] = {key: get(_V + key) for key in ("model", "voice", "accent", "rateWpm", "pitch",
                                                            "listenModel") if get(_V + key)}  # fmt: skip
    if get(_V + "engine") == "hosted":
        voice["engine"] = "hosted"
    if get(_V + "listenEngine") == "hosted":
        voice["listenEngine"] = "hosted"
    if realism:
        voice["realism"] = realism
    return voice or None


def voice_section(state) -> rx.Component:
    """The persona editor's "Voice" section."""
    return form_section(
        "Voice (voice agents)",
        "How the persona sounds and listens on calls with voice agents. Empty fields follow the traits: low "
        "patience and high urgency speak faster; an `accent` trait picks the voice.",
        select_field(state, "Speech", _V + "engine", (("espeak", "espeak-ng (offline)"), ("hosted", "hosted model")),
                     hint="Offline needs no key."),
        input_field(state, "Speech model (hosted)", _V + "model", placeholder="openai/tts-1", **picker_props()),
        input_field(state, "Hosted voice", _V + "voice", placeholder="alloy"),
        input_field(state, "Accent or language", _V + "accent", placeholder="scottish, en-gb, es",
                    hint="An espeak-ng voice, or american, british, scottish, caribbean…"),
        number_field(state, "Speaking rate (words/min)", _V + "rateWpm", min="80", max="320"),
        number_field(state, "Pitch (0-99)", _V + "pitch", min="0", max="99"),
        select_field(state, "Listening", _V + "listenEngine",
                     (("pocketsphinx", "PocketSphinx (offline, US English)"), ("hosted", "hosted model"))),
        input_field(state, "Listening model (hosted)", _V + "listenModel", placeholder="openai/whisper-1",
                    **picker_props()),
        select_field(state, "Background noise", _R + "noise", NOISE_OPTIONS, hint="Generated; mixed at the SNR below."),
        number_field(state, "Signal-to-noise ratio (dB)", _R + "snrDb", min="-10", max="60", hint="Default 20."),
        number_field(state, "Fillers (chance per sentence)", _R + "fillers", min="0", max="1", hint="0 to 1: um, uh…"),
        number_field(state, "Pauses mid-sentence (chance)", _R + "pauses", min="0", max="1"),
        number_field(state, "Pause length (ms)", _R + "pauseMs", min="100", max="10000"),
        number_field(state, "Barge-in after (ms)", _R + "bargeIn.afterMs", min="0", max="30000",
                     hint="Cut into the agent's answer this far in; empty: never."),
        number_field(state, "Barge-in on every n-th answer", _R + "bargeIn.every", min="1", max="100"),
        number_field(state, "Barge-in at most (times)", _R + "bargeIn.maxTimes", min="1", max="100"),
    )  # fmt: skip
