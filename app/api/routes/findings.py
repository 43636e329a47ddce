"""/api/findings/groups: the findings inbox, every finding of the workspace grouped by its
normalised signature, with the state the team gave each group."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.routing import APIRouter
from app.models.finding_groups import (
    GROUP_SORTS,
    STATE_FILTERS,
    FindingGroup,
    FindingGroupDetail,
    FindingGroupUpdate,
)
from app.models.session import Severity
from app.services import finding_groups
from app.services.pagination import PageParams, Paginated

router = APIRouter(prefix="/api/findings", tags=["findings"])

# Enums in the OpenAPI document.
StateFilter = Literal[STATE_FILTERS]  # type: ignore[valid-type]
GroupSort = Literal[GROUP_SORTS]  # type: ignore[valid-type]
Signature = Annotated[str, Path(max_length=32, description="The group's signature (from the list)")]


@router.get("/groups", response_model=Paginated[FindingGroup], summary="The findings inbox: findings grouped")
def list_groups(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    state: Annotated[
        StateFilter | None,
        Query(description="open, acknowledged, fixed, wont_fix, regressed (fixed and seen since) or active "
              "(open, acknowledged or regressed)"),
    ] = None,  # fmt: skip
    severity: Annotated[Severity | None, Query(description="Least highest severity")] = None,
    agent_id: Annotated[str | None, Query(alias="agentId", max_length=36, description="Only this agent's")] = None,
    type: Annotated[str | None, Query(max_length=40, description="Only findings of this type")] = None,
    sort: Annotated[GroupSort, Query(description="Newest occurrence, most frequent, most severe, newest group")] = (
        "lastSeen"
    ),
) -> Paginated[FindingGroup]:
    """One row per recurring problem: findings whose type, rule and text agree once counts,
    numbers, ids, quotes and URLs are set aside ("the same reply 2 times" and "3 times" are
    one row), with how often and where it was seen, its highest severity and its state. A
    group marked fixed that was seen again since is `regressed`."""
    filters = finding_groups.GroupFilters(
        state=state, severity=severity.value if severity else None, agent_id=agent_id or None, type=type or None,
        sort=sort,
    )
    return finding_groups.list_groups(session=session, principal=principal, params=params, filters=filters)


@router.get("/groups/{signature}", response_model=FindingGroupDetail, summary="One group with its occurrences")
def get_group(signature: Signature, principal: CurrentPrincipal, session: SessionDep) -> FindingGroupDetail:
    return finding_groups.get_group(session=session, principal=principal, signature=signature)


@router.patch("/groups/{signature}", response_model=FindingGroup, summary="Set a group's state")
def set_group_state(
    signature: Signature, data: FindingGroupUpdate, principal: CurrentPrincipal, session: SessionDep
) -> FindingGroup:
    """open, acknowledged, fixed or wont_fix, with an optional note. The state holds for the
    group's later occurrences too; one seen after it was marked fixed reads `regressed`."""
    return finding_groups.set_group_state(session=session, principal=principal, signature=signature, data=data)
