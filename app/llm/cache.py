"""A cache of LLM answers keyed by the request, for reproducible reruns of `mimic test --cache`.

The key is a hash of everything that shapes the answer (model, messages, tools, temperature,
max tokens, seed, and the offline model's out-of-band context), never the credentials. Ids
differ from run to run (a session's, its messages', which the judge cites): in the key and in
the stored answer they are placeholders in order of appearance, put back as this run's ids when
the answer is reused. The latencies a transcript shows vary too and are left out of the key
(deterministic checks measure them). Only the simulator's and the judge's calls are cached: the
agent under test (a hosted agent's LLM) always answers afresh, since its answers are what is
being tested. Off unless `use_cache` is called; one JSON file per answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Roles whose answers are never cached: the agent under test, and connection tests.
UNCACHED_ROLES = frozenset({"agent", "test"})


@dataclass(frozen=True)
class CachedAnswer:
    content: str
    data: dict[str, Any] | None
    model: str
    prompt_tokens: int
    completion_tokens: int


class ResponseCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(request: dict[str, Any]) -> tuple[str, dict[str, str]]:
        """(the key, this request's ids -> their placeholders)."""
        shaping = {k: request.get(k) for k in ("model", "messages", "tools", "tool_choice", "temperature",
                                                "max_tokens", "seed", "offline_context")}  # fmt: skip
        text = _LATENCY.sub(lambda m: m.group(1) + "_", json.dumps(_timeless(shaping), sort_keys=True, default=str))
        ids: dict[str, str] = {}
        for found in _UUID.findall(text):
            ids.setdefault(found, f"<id-{len(ids) + 1}>")
        return hashlib.sha256(_UUID.sub(lambda m: ids[m.group(0)], text).encode()).hexdigest(), ids

    @staticmethod
    def hide_ids(answer: CachedAnswer, ids: dict[str, str]) -> CachedAnswer:
        return _replace(answer, lambda text: _UUID.sub(lambda m: ids.get(m.group(0), m.group(0)), text))

    @staticmethod
    def restore_ids(answer: CachedAnswer, ids: dict[str, str]) -> CachedAnswer:
        back = {placeholder: real for real, placeholder in ids.items()}
        return _replace(answer, lambda text: _PLACEHOLDER.sub(lambda m: back.get(m.group(0), m.group(0)), text))

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedAnswer | None:
        try:
            stored = json.loads(self._path(key).read_text())
            answer = CachedAnswer(**stored)
        except (OSError, ValueError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return answer

    def put(self, key: str, answer: CachedAnswer) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole then renamed: a rerun never reads half an answer.
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w") as handle:
            json.dump(answer.__dict__, handle)
        os.replace(temporary, path)


_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
_LATENCY = re.compile(r'(\(|\\"latencyMs\\": |"latencyMs": )\d+(?= ms\)|,|\})')
_PLACEHOLDER = re.compile(r"<id-\d+>")


def _timeless(value: Any) -> Any:
    """`value` with every latencyMs (a number, or a map of them) left out of structured data."""
    if isinstance(value, dict):
        return {k: "_" if k == "latencyMs" else _timeless(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


def _replace(answer: CachedAnswer, change) -> CachedAnswer:
    data = json.loads(change(json.dumps(answer.data))) if answer.data is not None else None
    return CachedAnswer(change(answer.content), data, answer.model, answer.prompt_tokens, answer.completion_tokens)


_active: ResponseCache | None = None


def use_cache(directory: Path | str | None) -> ResponseCache | None:
    """Turns the cache on (a directory) or off (None) for this process."""
    global _active
    _active = ResponseCache(Path(directory)) if directory else None
    return _active


def active(role: str) -> ResponseCache | None:
    return None if str(role) in UNCACHED_ROLES else _active
