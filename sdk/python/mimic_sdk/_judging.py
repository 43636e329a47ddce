"""The judging resources of the Mimic REST API: conversations judged from outside Mimic, the
review queue, the workspace's judging settings, calibration sets and calibration reports; and
the workspace's voice settings (how long call recordings are kept).
Sessions and runs are judged again from their own resources (`sessions.rejudge`, `runs.rejudge`)."""

from __future__ import annotations

import time
from typing import Any

from mimic_sdk._http import AsyncTransport
from mimic_sdk._resources import Json, ListResource, Resource, payload


class Judgements(ListResource):
    """Conversations that did not happen in Mimic, judged exactly as sessions are."""

    path = "/api/judgements"

    def judge(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """POST: persona, objective, transcript ([{senderType, content}]), and optionally
        judge_model, repeats, temperature, reference. {verdict, findings, conversation}."""
        return self._call("POST", json_body=payload(body, fields))

    def get(self, judgement_id: str) -> Json:
        return self._call("GET", f"/{judgement_id}")


class Reviews(ListResource):
    """The review queue: judged sessions waiting for a human (run_id, agent_id, disagreement,
    failed, sampled, reviewed). A review itself is `sessions.review`."""

    path = "/api/reviews"


class JudgingSettings(Resource):
    path = "/api/judging/settings"

    def get(self) -> Json:
        return self._call("GET")

    def update(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """judge_repeats (the default of independent judgements), review_sample_rate (admins)."""
        return self._call("PUT", json_body=payload(body, fields))


class VoiceSettings(Resource):
    path = "/api/voice/settings"

    def get(self) -> Json:
        return self._call("GET")

    def update(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """How many days call recordings are kept (admins)."""
        return self._call("PUT", json_body=payload(body, fields))


class CalibrationSets(ListResource):
    """Labelled conversations a judge is measured against."""

    path = "/api/calibration-sets"

    def get(self, set_id: str) -> Json:
        return self._call("GET", f"/{set_id}")

    def delete(self, set_id: str) -> None:
        return self._call("DELETE", f"/{set_id}")

    def import_(self, content: str | bytes | dict, *, format: str | None = None) -> Json:
        """A set as JSON or YAML text, or as a dict: {name, version, description, cases}."""
        if isinstance(content, dict):
            return self._call("POST", "/import", json_body=content)
        media = "application/yaml" if (format or "yaml") == "yaml" else "application/json"
        return self._call("POST", "/import", content=content, headers={"Content-Type": media})

    def export(self, set_id: str, *, format: str = "yaml") -> str:
        return self._call("GET", f"/{set_id}/export", params={"format": format})

    def from_reviews(self, body: dict[str, Any] | None = None, **fields: Any) -> Json:
        """A set made of reviewed sessions: name, and run_id, agent_id or session_ids."""
        return self._call("POST", "/from-reviews", json_body=payload(body, fields))


class Calibrations(ListResource):
    """Calibration reports: a judge run over a calibration set (accuracy, Cohen's kappa, flips)."""

    path = "/api/calibrations"

    def start(self, set_id: str, *, judge_model: str | None = None, repeats: int | None = None,
              temperature: float | None = None) -> Json:  # fmt: skip
        """Runs in the background: the report with status running (see `wait`)."""
        fields = {"set_id": set_id, "judge_model": judge_model, "repeats": repeats, "temperature": temperature}
        return self._call("POST", json_body=payload(None, fields))

    def get(self, report_id: str) -> Json:
        return self._call("GET", f"/{report_id}")

    def delete(self, report_id: str) -> None:
        return self._call("DELETE", f"/{report_id}")

    def wait(self, report_id: str, *, timeout: float = 3600, poll: float = 0.5) -> Json:
        """The report once it is no longer running (completed or error)."""
        if isinstance(self._t, AsyncTransport):
            return _async_wait_report(self, report_id, timeout, poll)
        deadline = time.monotonic() + timeout
        while True:
            report = self.get(report_id)
            if report["status"] != "running":
                return report
            if time.monotonic() > deadline:
                raise TimeoutError(f"calibration {report_id} did not end within {timeout:g} s")
            time.sleep(poll)


async def _async_wait_report(calibrations: Calibrations, report_id: str, timeout: float, poll: float) -> Json:
    deadline = time.monotonic() + timeout
    while True:
        report = await calibrations.get(report_id)
        if report["status"] != "running":
            return report
        if time.monotonic() > deadline:
            raise TimeoutError(f"calibration {report_id} did not end within {timeout:g} s")
        await calibrations._t.sleep(poll)


__all__ = ["CalibrationSets", "Calibrations", "JudgingSettings", "Judgements", "Reviews", "VoiceSettings"]
