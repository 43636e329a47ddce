"""Audio and speech for voice sessions, with no database and no network of its own:

- audio: PCM and G.711 mu-law, WAV files, levels, mixing (numpy)
- speech: text-to-speech (espeak-ng offline, hosted models through app.llm), speech-to-text
  (PocketSphinx offline in worker processes, hosted models), word error rate
- vad: where a party starts and stops speaking (WebRTC VAD)
- realism: background noise, fillers, pauses, barge-in
- timeline: a call's two channels on one clock (the recording)
- measure: per answer and per call figures, and the findings that follow
- plan: what a voice session is handed
"""
