"""Calibration: labelled sets of conversations (imported, or built from reviewed sessions)
and the reports of a judge run over them (accuracy, Cohen's kappa, the confusion matrix,
findings recall...), per judge model and prompt version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field as PydanticField
from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import (
    CamelModel,
    JSONType,
    Name,
    created_at_field,
    id_field,
    json_field,
    timestamp_field,
    updated_at_field,
    workspace_fk,
)


class LabelledSet(SQLModel, table=True):
    """A calibration set: labelled conversations in the format of app/services/calibration.py."""

    __tablename__ = "calibration_set"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name", name="uq_calibration_set_workspace_name"),
        Index("ix_calibration_set_workspace_created", "workspace_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    version: int = 1
    # import | reviews (built from reviewed sessions)
    source: str = Field(default="import", max_length=20)
    # The validated cases, as the format writes them (camelCase).
    cases: list[dict[str, Any]] = json_field(list)
    case_count: int = 0
    criteria_count: int = 0
    finding_count: int = 0
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class CalibrationReport(SQLModel, table=True):
    """One run of a judge over a calibration set, and how far it agreed with the labels."""

    __tablename__ = "calibration_report"
    __table_args__ = (
        Index("ix_calibration_report_workspace_created", "workspace_id", "created_at"),
        Index("ix_calibration_report_judge", "workspace_id", "judge_model", "prompt_version"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    set_id: str | None = Field(default=None, foreign_key="calibration_set.id", max_length=36, ondelete="SET NULL")
    # The set's name when the report was made: the report outlives the set.
    set_name: str = Field(max_length=200)
    judge_model: str = Field(max_length=200)
    prompt_version: str = Field(max_length=40)
    repeats: int = 1
    temperature: float | None = None
    # running | completed | error
    status: str = Field(default="running", max_length=20)
    case_count: int = 0
    criteria_count: int = 0
    done_cases: int = 0
    accuracy: float | None = None
    kappa: float | None = None
    # Every figure of the report (app/services/calibration.py `Score.as_dict`).
    metrics: dict[str, Any] = json_field()
    # Per case: each criterion's label and the judge's reading, the findings expected and found.
    cases: list[dict[str, Any]] = json_field(list)
    error: dict[str, Any] | None = Field(default=None, sa_type=JSONType, nullable=True)
    # The process running it (a report still running when its process stopped is ended as an error).
    worker_id: str | None = Field(default=None, max_length=80)
    requested_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    completed_at: datetime | None = timestamp_field()


# ---- API schemas -------------------------------------------------------------------------


class LabelledSetPublic(CamelModel):
    id: str
    name: str
    description: str
    version: int
    source: str = PydanticField(description="import | reviews")
    case_count: int
    criteria_count: int
    finding_count: int
    created_at: datetime
    updated_at: datetime


class LabelledSetDetail(LabelledSetPublic):
    cases: list[dict[str, Any]]


class SetFromReviews(CamelModel):
    """A calibration set made of reviewed sessions: the reviewer's readings are the labels."""

    name: Name
    description: str = PydanticField(default="", max_length=5000)
    run_id: str | None = PydanticField(default=None, max_length=36, description="Only the sessions of this run")
    agent_id: str | None = PydanticField(default=None, max_length=36, description="Only the sessions of this agent")
    session_ids: list[str] | None = PydanticField(
        default=None, max_length=1000, description="Only these sessions (each must have been reviewed)"
    )


class CalibrationCreate(CamelModel):
    set_id: str = PydanticField(max_length=200, description="The calibration set's id or name")
    judge_model: str | None = PydanticField(
        default=None, max_length=200, description="Else the workspace's default judge model"
    )
    repeats: int = PydanticField(default=1, ge=1, le=11, description="Judge repeats per case (gives the flip rate)")
    temperature: float | None = PydanticField(default=None, ge=0, le=2)


class CalibrationPublic(CamelModel):
    id: str
    set_id: str | None
    set_name: str
    judge_model: str
    prompt_version: str
    repeats: int
    temperature: float | None
    status: str = PydanticField(description="running | completed | error")
    case_count: int
    criteria_count: int
    done_cases: int
    accuracy: float | None
    kappa: float | None
    metrics: dict[str, Any] = PydanticField(
        description="accuracy, kappa, confusion (label -> judge -> count), flips, inconclusiveConfusions, "
        "falsePasses, byCategory, hard, findings {expected, strict, lenient, recallStrict, recallLenient, "
        "severityAgreement, falseAlarms, missed}, flipRate (with repeats)"
    )
    error: dict[str, Any] | None
    requested_by: str | None
    created_at: datetime
    completed_at: datetime | None


class CalibrationDetail(CalibrationPublic):
    cases: list[dict[str, Any]] = PydanticField(description="Per case: each criterion's label and the judge's reading")
