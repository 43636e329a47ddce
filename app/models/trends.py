"""A suite's pass rate over its runs (GET /api/suites/{id}/trend) and its alert threshold."""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict
from pydantic import Field as PydanticField

from app.models.base import CamelModel


class TrendPoint(CamelModel):
    """One run of the suite: its pass rate over judged sessions with the 95 % Wilson interval."""

    run_id: str
    created_at: datetime
    ended_at: datetime | None
    status: str
    label: str = PydanticField(description="The run's label (the agent's version), as given at start")
    version: str = PydanticField(description="The label, else when the agent was last changed before the run")
    n: int = PydanticField(description="Judged sessions (passed + failed)")
    passed: int
    failed: int
    errors: int
    pass_rate: float | None
    ci_low: float | None
    ci_high: float | None
    threshold: float | None
    below_threshold: bool


class SuiteTrend(CamelModel):
    suite_id: str
    suite_name: str
    threshold: float | None = PydanticField(description="The suite's threshold now (config.thresholds.passRate)")
    points: list[TrendPoint] = PydanticField(description="The latest runs, oldest first")
    below_threshold: int = PydanticField(description="How many of these runs completed under their threshold")


class ThresholdUpdate(CamelModel):
    """PUT /api/suites/{id}/threshold: the least pass rate of a run (0 to 1); null removes it.
    A completed run under it is marked and fires run.below_threshold."""

    model_config = ConfigDict(extra="forbid")

    pass_rate: float | None = PydanticField(ge=0, le=1, description="Least pass rate over judged sessions, 0 to 1")
