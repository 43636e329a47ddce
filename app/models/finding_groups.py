"""The findings inbox: findings grouped across sessions by a normalised signature, and the
state a team gives each group (open, acknowledged, fixed, won't fix), kept per workspace so
that it carries over to new occurrences."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field as PydanticField
from sqlalchemy import Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from app.models.base import CamelModel, created_at_field, id_field, timestamp_field, updated_at_field, workspace_fk
from app.models.finding_signature import finding_rule, finding_signature, normalised_text
from app.models.session import Finding


@event.listens_for(Finding, "before_insert")
@event.listens_for(Finding, "before_update")
def _sign(_mapper, _connection, finding: Finding) -> None:
    # Every finding the ORM stores or changes (judge, checks, measured, persona, review) is signed
    # here; a Core insert gets it from the column's default (app/models/session.py).
    finding.signature = finding_signature(finding.type, finding.description, finding.evidence)


__all__ = ["finding_rule", "finding_signature", "normalised_text"]


# ---- the state of a group ------------------------------------------------------------------


class GroupState(StrEnum):
    open = "open"
    acknowledged = "acknowledged"
    fixed = "fixed"
    wont_fix = "wont_fix"


class FindingGroupState(SQLModel, table=True):
    """What the team decided about one signature; a group without a row is open."""

    __tablename__ = "finding_group_state"
    __table_args__ = (UniqueConstraint("workspace_id", "signature", name="uq_finding_group_state_workspace_signature"),)

    id: str = id_field()
    workspace_id: str = workspace_fk()
    signature: str = Field(max_length=32)
    state: str = Field(default=GroupState.open, max_length=20)
    note: str = Field(default="", sa_type=Text)
    # When it was last marked fixed: an occurrence after it means the problem came back.
    fixed_at: datetime | None = timestamp_field()
    updated_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


# ---- API schemas -------------------------------------------------------------------------

# regressed: fixed and seen since; active: what still needs someone (open, acknowledged, regressed).
STATE_FILTERS = (*[s.value for s in GroupState], "regressed", "active")
GROUP_SORTS = ("lastSeen", "count", "severity", "firstSeen")


class FindingGroup(CamelModel):
    """Every finding of the workspace with one signature."""

    signature: str = PydanticField(description="The group's key: type, rule and normalised text, hashed")
    type: str
    rule: str = PydanticField(description="The audit rule's id (axe's) or the finding's type")
    pattern: str = PydanticField(description="The normalised text: counts as #, quotes as <quote>, ids as <id>")
    description: str = PydanticField(description="The latest occurrence's text")
    severity: str = PydanticField(description="The highest severity among its occurrences")
    count: int = PydanticField(description="How many times it was recorded")
    sessions: int = PydanticField(description="In how many sessions")
    first_seen: datetime
    last_seen: datetime
    agents: list[dict[str, str]] = PydanticField(default_factory=list, description="[{id, name}] of the agents")
    pages: list[str] = PydanticField(default_factory=list, description="Pages of the website it was seen on")
    latest_session_id: str = ""
    state: str = PydanticField(default=GroupState.open, description="open | acknowledged | fixed | wont_fix")
    note: str = ""
    state_updated_at: datetime | None = None
    fixed_at: datetime | None = None
    regressed: bool = PydanticField(default=False, description="Marked fixed, and seen again since")
    seen_since_fixed: int = PydanticField(default=0, description="Occurrences after it was marked fixed")


class FindingGroupUpdate(CamelModel):
    state: GroupState
    note: str | None = PydanticField(default=None, max_length=2000)


class FindingGroupOccurrence(CamelModel):
    finding_id: str
    session_id: str
    agent_id: str
    agent_name: str
    severity: str
    description: str
    page: str | None
    created_at: datetime


class FindingGroupDetail(FindingGroup):
    occurrences: list[FindingGroupOccurrence] = PydanticField(
        default_factory=list, description="The latest occurrences, newest first (50 at most)"
    )
