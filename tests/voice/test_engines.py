"""The voice building blocks on their own: codecs, WAV files, noise at a chosen SNR, the
persona's fillers and pauses, traits to voice settings, voice activity detection, the offline
recogniser (in worker processes: the event loop keeps running), and the measurements."""

from __future__ import annotations

import asyncio
import random
import time
import warnings

import numpy as np
import pytest

from app.voice import audio
from app.voice.measure import AnswerMeasure, Thresholds, summarize
from app.voice.realism import NOISE_KINDS, NoiseSource, Realism, generate_noise, spoken_pieces, spoken_text
from app.voice.speech import (
    ListeningSettings,
    VoiceSettings,
    recognize,
    synthesize,
    voice_from_traits,
    word_error_rate,
)
from app.voice.timeline import CallRecording
from app.voice.vad import SpeechDetector, speech_segments

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # the reference G.711 codec of Python 3.11 (gone in 3.13)

R = audio.RATE


def _ms(samples: int) -> float:
    return samples * 1000 / R


def test_mulaw_matches_the_reference_codec_on_every_sample() -> None:
    every = np.arange(-32768, 32768, dtype=np.int16)
    assert audio.mulaw_encode(every) == audioop.lin2ulaw(every.tobytes(), 2)
    codes = bytes(range(256))
    assert audio.mulaw_decode(codes).tobytes() == audioop.ulaw2lin(codes, 2)


def test_wav_files_round_trip_and_bad_files_are_refused() -> None:
    tone = (np.sin(np.arange(R) * 2 * np.pi * 440 / R) * 8000).astype(np.int16)
    assert np.array_equal(audio.read_wav(audio.wav_bytes(tone)), tone)
    stereo = audio.read_wav(audio.stereo_wav(tone, tone))  # channels are averaged
    assert np.abs(stereo.astype(int) - tone).max() <= 1
    at_8k = audio.read_wav(audio.wav_bytes(audio.resample(tone, R, 8000), 8000))
    assert len(at_8k) == R and audio.dbfs(at_8k) == pytest.approx(audio.dbfs(tone), abs=0.5)
    for bad in (b"", b"RIFF\x00\x00\x00\x00WAVEjunk" + bytes(40), b"ID3" + bytes(100)):
        with pytest.raises(audio.AudioFormatError):
            audio.read_wav(bad)
    with pytest.raises(audio.AudioFormatError):
        audio.pcm16_decode(b"\x01\x02\x03")


def test_noise_is_mixed_at_the_requested_snr() -> None:
    speech = asyncio.run(synthesize("The parcel was left at the wrong address.", VoiceSettings()))
    speech = (speech * 0.25).astype(np.int16)  # headroom: a mix that clips holds less noise than asked
    for kind in NOISE_KINDS:
        noise = generate_noise(kind, 4, seed=5)
        assert np.array_equal(noise, generate_noise(kind, 4, seed=5))  # seeded: the same call sounds the same
        for snr in (20, 5, 0):
            mixed = audio.mix(speech, noise, snr)
            added = mixed.astype(np.float64) - speech
            measured = 20 * np.log10(audio.active_rms(speech) / np.sqrt(np.mean(added**2)))
            assert measured == pytest.approx(snr, abs=0.6), (kind, snr)


def test_a_noise_source_keeps_its_level_and_fills_the_silences() -> None:
    source = NoiseSource("street", 10, seed=1)
    quiet = audio.silence(500)
    assert np.array_equal(source.over(quiet), quiet)  # no level before the persona spoke
    source.level_for(3000.0)
    source.level_for(100.0)  # the first utterance set the level: it stays
    background = np.concatenate([source.over(audio.silence(500)) for _ in range(40)])  # the whole 20 s loop
    assert audio.rms(background) == pytest.approx(3000 / 10**0.5, rel=0.05)


def test_fillers_and_pauses_are_seeded_and_change_only_when_asked() -> None:
    text = "I ordered a tent three weeks ago. It has still not arrived and nobody answers my emails."
    plain = spoken_pieces(text, Realism(), random.Random(1))
    assert spoken_text(plain) == text and all(p.pause_ms == 0 for p in plain)
    hesitant = Realism(fillers=1.0, pauses=1.0, pause_ms=700)
    pieces = spoken_pieces(text, hesitant, random.Random(1))
    assert pieces == spoken_pieces(text, hesitant, random.Random(1))
    said = spoken_text(pieces).lower()
    assert any(f in said.replace(",", "").split() or f in said for f in ("um", "uh", "er", "well", "you know"))
    assert sum(p.pause_ms == 700 for p in pieces) == 2  # one pause in each sentence
    assert len(said.split()) > len(text.split())


def test_traits_become_voice_settings() -> None:
    hurried = voice_from_traits({"patience_level": "low", "urgency": "high"}, "en")
    relaxed = voice_from_traits({"patience_level": "high", "urgency": "low"}, "en")
    assert hurried.rate_wpm > 165 > relaxed.rate_wpm
    assert voice_from_traits({"accent": "scottish"}, "en").language == "en-gb-scotland"
    assert voice_from_traits({}, "es").language == "es"
    assert voice_from_traits({"communication_style": "anxious"}, "en").pitch > 50
    chosen = voice_from_traits({"urgency": "high"}, "en", {"rateWpm": 120, "pitch": 20, "accent": "en-gb"})
    assert (chosen.rate_wpm, chosen.pitch, chosen.language) == (120, 20, "en-gb")


def test_voice_activity_is_found_to_the_frame() -> None:
    speech = asyncio.run(synthesize("Your order ships on Friday.", VoiceSettings(variant="f5")))
    stream = np.concatenate([audio.silence(700), speech, audio.silence(900), speech, audio.silence(500)])
    truth = [(700, 700 + _ms(len(speech))), (1600 + _ms(len(speech)), 1600 + 2 * _ms(len(speech)))]
    found = [s.ms() for s in speech_segments(stream)]
    assert len(found) == 2
    for (start, end), (true_start, true_end) in zip(found, truth, strict=True):
        assert abs(start - true_start) <= 40 and -20 <= end - true_end <= 150


def test_a_long_call_keeps_the_agents_speech_where_it_was_played() -> None:
    """The call's tracks grow as audio is placed; read past what was allocated, a track is
    silence of the length asked for, so a detector fed frame by frame keeps the call's time
    (a call's first 30 s once held the agent's detector back by the rest of the call)."""
    speech = asyncio.run(synthesize("Your order ships on Friday.", VoiceSettings(variant="f5")))
    track = CallRecording(120).agent
    assert len(track.read(40 * R, 41 * R)) == R and not track.read(40 * R, 41 * R).any()
    track.place(speech, 5 * R)
    track.place(speech, 45 * R)  # an answer after a long silence
    detector, frame = SpeechDetector(), R * 20 // 1000
    for position in range(0, 50 * R, frame):
        detector.feed(track.read(position, position + frame))
    found = [s.ms()[0] for s in detector.close()]
    assert len(found) == 2 and abs(found[0] - 5000) <= 40 and abs(found[1] - 45000) <= 40, found


def test_offline_recognition_hears_the_words_off_the_event_loop() -> None:
    text = "Is there anything else I can help you with today?"

    async def main() -> tuple[str, float]:
        speech = await synthesize(text, VoiceSettings(variant="f5", rate_wpm=150))
        lag, stop = 0.0, asyncio.Event()

        async def watch() -> None:  # the loop's responsiveness while the recogniser works
            nonlocal lag
            while not stop.is_set():
                started = time.perf_counter()
                await asyncio.sleep(0.01)
                lag = max(lag, time.perf_counter() - started - 0.01)

        watcher = asyncio.create_task(watch())
        heard = await recognize(speech, ListeningSettings())  # a second or more of decoding
        stop.set()
        await watcher
        return heard.text, lag

    heard, lag = asyncio.run(main())
    assert word_error_rate(text, heard) <= 0.3, heard
    assert lag < 0.25  # PocketSphinx holds the GIL: it decodes in a process of its own


def test_word_error_rate() -> None:
    assert word_error_rate("Order A-10482 ships", "order a ten thousand four hundred eighty two ships") == 0
    assert word_error_rate("It costs 4,095 euros.", "it costs four thousand ninety five euros") == 0
    assert word_error_rate("one two three four", "one three four five") == 0.5
    assert word_error_rate("", "") == 0


def test_measurements_and_their_findings() -> None:
    t = Thresholds(slow_answer_p50_ms=1500, slow_answer_p95_ms=3500, long_silence_ms=3000, yield_ms=1000,
                   barge_in_response_ms=4000)  # fmt: skip
    s = R // 1000  # samples per ms
    persona = [(0, 2000 * s), (8000 * s, 9000 * s), (20000 * s, 21000 * s)]
    quick = AnswerMeasure(0, 2000 * s, [(2600 * s, 5000 * s)], words=10)
    stubborn = AnswerMeasure(1, 9000 * s, [(9400 * s, 16000 * s)], interrupted=True, barge_in_at=10000 * s,
                             stopped_at=16000 * s, words=30)  # fmt: skip
    late = AnswerMeasure(2, 21000 * s, [(26000 * s, 27000 * s), (31000 * s, 32000 * s)], after_barge_in=True)
    summary = summarize([quick, stubborn, late], persona, t)
    assert [a.latency_ms for a in (quick, stubborn, late)] == [600, 400, 5000]
    assert summary.latency_p50_ms == 600 and summary.latency_p95_ms == 4560  # 600 + 0.9 x 4400
    assert stubborn.yield_ms == 6000 and stubborn.yielded(t) is False and quick.yielded(t) is None
    assert summary.interruptions == 1 and summary.yields == 0
    assert summary.talk_over_ms == 0  # the persona's barge-in speech is not in `persona` here
    assert quick.words_per_minute == 250.0
    kinds = [f.evidence["kind"] for f in summary.findings]
    # p95 over 3.5 s: slow; 5 s before an answer and 4 s inside one: long silences; kept talking 6 s;
    # answered the barge-in after 5 s.
    assert kinds == ["slow_answer", "long_silence", "long_silence", "no_yield", "no_response_after_barge_in"]

    polite = AnswerMeasure(0, 2000 * s, [(2500 * s, 3300 * s)], interrupted=True, barge_in_at=3000 * s,
                           stopped_at=3300 * s)  # fmt: skip
    fine = summarize([polite, AnswerMeasure(1, 6000 * s, [(6700 * s, 8000 * s)], after_barge_in=True)],
                     [(0, 2000 * s), (3000 * s, 6000 * s)], t)  # fmt: skip
    assert fine.findings == [] and fine.yields == 1 and fine.talk_over_ms == 300
