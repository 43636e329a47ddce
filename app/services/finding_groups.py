"""The findings inbox: every finding of a workspace grouped by its signature (type, rule and
text with counts, numbers, ids, quotes and URLs normalised away; app/models/finding_groups.py),
with the state the team gave the group. Analytics' "top recurring findings" is this grouping
over its range (`top_groups`).

The grouping is one GROUP BY over (workspace_id, signature), indexed; the agents, pages and
latest text are fetched for the page's groups only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, distinct, func, literal, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.models.base import utcnow
from app.models.finding_groups import (
    GROUP_SORTS,
    STATE_FILTERS,
    FindingGroup,
    FindingGroupDetail,
    FindingGroupOccurrence,
    FindingGroupState,
    FindingGroupUpdate,
    GroupState,
    finding_rule,
    normalised_text,
)
from app.models.library import Agent
from app.models.session import Finding, SimSession
from app.services import audit
from app.services.access import Permission, Principal, require
from app.services.errors import FieldError, NotFound, ValidationFailed
from app.services.pagination import PageParams, Paginated, paginate

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3, "critical": 4}
SEVERITY_BY_RANK = {rank: name for name, rank in SEVERITY_RANK.items()}
MAX_AGENTS_SHOWN = 10
MAX_PAGES_SHOWN = 10
MAX_OCCURRENCES = 50


@dataclass(frozen=True)
class GroupFilters:
    """Which groups to list. `state`: open, acknowledged, fixed, wont_fix, regressed (fixed
    and seen again since), or active (open, acknowledged or regressed); `severity`: the least
    highest severity; `agent_id`: only findings of that agent's sessions (the counts then are
    that agent's)."""

    state: str | None = None
    severity: str | None = None
    agent_id: str | None = None
    type: str | None = None
    sort: str = "lastSeen"

    def check(self) -> None:
        problems = []
        if self.state and self.state not in STATE_FILTERS:
            problems.append(FieldError("state", f"must be one of: {', '.join(STATE_FILTERS)}"))
        if self.severity and self.severity not in SEVERITY_RANK:
            problems.append(FieldError("severity", f"must be one of: {', '.join(SEVERITY_RANK)}"))
        if self.sort not in GROUP_SORTS:
            problems.append(FieldError("sort", f"must be one of: {', '.join(GROUP_SORTS)}"))
        if problems:
            raise ValidationFailed("Invalid request data", problems)


def _grouped(workspace_id: str, conditions: Sequence[Any], filters: GroupFilters) -> Any:
    """One row per signature: its counts, dates, highest severity and stored state."""
    f, g = Finding, FindingGroupState
    rank = func.max(case(*((col(f.severity) == name, n) for name, n in SEVERITY_RANK.items()), else_=0))
    count, last_seen, first_seen = func.count(), func.max(f.created_at), func.min(f.created_at)
    since_fixed = func.sum(
        case((and_(col(g.fixed_at).is_not(None), col(f.created_at) > g.fixed_at), 1), else_=0)
    ).label("since_fixed")
    query = (
        select(
            f.signature,
            count,
            func.count(distinct(f.session_id)),
            first_seen,
            last_seen,
            rank,
            g.state,
            g.note,
            g.fixed_at,
            g.updated_at,
            since_fixed,
        )  # fmt: skip
        .select_from(f)
        .join(SimSession, col(SimSession.id) == f.session_id)
        .outerjoin(g, and_(col(g.workspace_id) == f.workspace_id, col(g.signature) == f.signature))
        .where(col(f.workspace_id) == workspace_id, *conditions)
        .group_by(f.signature, g.state, g.note, g.fixed_at, g.updated_at)
    )
    if filters.agent_id:
        query = query.where(col(SimSession.agent_id) == filters.agent_id)
    if filters.type:
        query = query.where(col(f.type) == filters.type)
    state = func.coalesce(g.state, GroupState.open.value)
    came_back = and_(col(g.state) == GroupState.fixed, since_fixed > 0)
    if filters.state == "regressed":
        query = query.where(col(g.state) == GroupState.fixed).having(since_fixed > 0)
    elif filters.state == "active":
        query = query.having(or_(state.in_([GroupState.open.value, GroupState.acknowledged.value]), came_back))
    elif filters.state:
        query = query.where(state == filters.state)
    if filters.severity:
        query = query.having(rank >= SEVERITY_RANK[filters.severity])
    order = {"lastSeen": [last_seen.desc()], "firstSeen": [first_seen.desc()],
             "count": [count.desc(), last_seen.desc()],
             "severity": [rank.desc(), count.desc(), last_seen.desc()]}[filters.sort]  # fmt: skip
    return query.order_by(*order, f.signature)


def _complete(
    session: Session, workspace_id: str, rows: Sequence[Any], conditions: Sequence[Any]
) -> list[FindingGroup]:
    """The page's groups with their latest text, agents and pages."""
    if not rows:
        return []
    f = Finding
    signatures = [r[0] for r in rows]
    # Scoped to some sessions (analytics' range and agent), the findings are reached from those
    # sessions: the signature is then compared as an expression, which no index serves, else the
    # planner walks every session in range for each signature (seconds on a big workspace).
    signature = (col(f.signature) + literal("")) if conditions else col(f.signature)
    scope = [col(f.workspace_id) == workspace_id, signature.in_(signatures), *conditions]
    # The latest occurrence of each: the one recorded at its group's last_seen (looked up by the
    # (workspace_id, signature) index; on a tie of timestamps, any one of them).
    at_last_seen = or_(*(and_(col(f.signature) == r[0], col(f.created_at) == r[4]) for r in rows))
    latest: dict[str, Any] = {}
    for row in session.exec(
        select(f.signature, f.type, f.description, f.evidence, f.session_id, f.id)
        .where(col(f.workspace_id) == workspace_id, col(f.signature).in_(signatures), at_last_seen)
        .order_by(col(f.id))
    ).all():  # fmt: skip
        latest[row[0]] = row
    agents: dict[str, list[dict[str, str]]] = defaultdict(list)
    for signature, agent_id, name in session.exec(
        select(f.signature, SimSession.agent_id, Agent.name).distinct()
        .select_from(f).join(SimSession, col(SimSession.id) == f.session_id)
        .outerjoin(Agent, col(Agent.id) == SimSession.agent_id)
        .where(*scope).order_by(f.signature, Agent.name)
    ).all():  # fmt: skip
        agents[signature].append({"id": agent_id, "name": name or "(deleted agent)"})
    pages: dict[str, list[str]] = defaultdict(list)
    for signature, page in session.exec(
        select(f.signature, f.page).distinct().select_from(f).join(SimSession, col(SimSession.id) == f.session_id)
        .where(*scope, col(f.page).is_not(None), col(f.page) != "").order_by(f.signature, f.page)
    ).all():  # fmt: skip
        pages[signature].append(page)
    groups = []
    for signature, count, sessions, first, last, rank, state, note, fixed_at, state_at, since_fixed in rows:
        _, type_, description, evidence, session_id, _n = latest[signature]
        state = state or GroupState.open
        groups.append(
            FindingGroup(
                signature=signature, type=type_, rule=finding_rule(type_, evidence),
                pattern=normalised_text(description), description=description,
                severity=SEVERITY_BY_RANK.get(rank, "low"), count=count, sessions=sessions, first_seen=first,
                last_seen=last, agents=agents[signature][:MAX_AGENTS_SHOWN], pages=pages[signature][:MAX_PAGES_SHOWN],
                latest_session_id=session_id, state=state, note=note or "", state_updated_at=state_at,
                fixed_at=fixed_at, regressed=state == GroupState.fixed and bool(since_fixed),
                seen_since_fixed=int(since_fixed or 0) if state == GroupState.fixed else 0,
            )
        )  # fmt: skip
    return groups


def list_groups(
    *, session: Session, principal: Principal, params: PageParams, filters: GroupFilters | None = None
) -> Paginated[FindingGroup]:
    """GET /api/findings/groups: one row per recurring problem, newest first by default."""
    require(principal, Permission.read)
    filters = filters or GroupFilters()
    filters.check()
    page = paginate(session, _grouped(principal.workspace_id, [], filters), params, lambda row: row)
    return Paginated[FindingGroup](
        data=_complete(session, principal.workspace_id, page.data, []), pagination=page.pagination
    )


def top_groups(session: Session, workspace_id: str, conditions: Sequence[Any], limit: int) -> list[FindingGroup]:
    """The most frequent groups among the findings of the sessions `conditions` select
    (conditions on SimSession: analytics' range, agent and persona)."""
    query = _grouped(workspace_id, conditions, GroupFilters(sort="count")).limit(limit)
    return _complete(session, workspace_id, session.exec(query).all(), conditions)


def _group(session: Session, principal: Principal, signature: str) -> FindingGroup:
    row = session.exec(
        _grouped(principal.workspace_id, [col(Finding.signature) == signature[:32]], GroupFilters())
    ).first()
    if row is None:
        raise NotFound("No such finding group")
    return _complete(session, principal.workspace_id, [row], [])[0]


def get_group(*, session: Session, principal: Principal, signature: str) -> FindingGroupDetail:
    """GET /api/findings/groups/{signature}: the group with its latest occurrences."""
    require(principal, Permission.read)
    group = _group(session, principal, signature)
    f = Finding
    rows = session.exec(
        select(f.id, f.session_id, SimSession.agent_id, Agent.name, f.severity, f.description, f.page, f.created_at)
        .select_from(f).join(SimSession, col(SimSession.id) == f.session_id)
        .outerjoin(Agent, col(Agent.id) == SimSession.agent_id)
        .where(col(f.workspace_id) == principal.workspace_id, col(f.signature) == group.signature)
        .order_by(col(f.created_at).desc(), col(f.id)).limit(MAX_OCCURRENCES)
    ).all()  # fmt: skip
    occurrences = [
        FindingGroupOccurrence(finding_id=r[0], session_id=r[1], agent_id=r[2], agent_name=r[3] or "(deleted agent)",
                               severity=r[4], description=r[5], page=r[6], created_at=r[7])
        for r in rows
    ]  # fmt: skip
    return FindingGroupDetail(**group.model_dump(), occurrences=occurrences)


def set_group_state(
    *, session: Session, principal: Principal, signature: str, data: FindingGroupUpdate
) -> FindingGroup:
    """PATCH /api/findings/groups/{signature}: open, acknowledged, fixed or won't fix, for
    this problem's past and future occurrences. Marking it fixed notes when: a later
    occurrence makes the group regressed."""
    require(principal, Permission.write)
    before = _group(session, principal, signature)  # not found unless the workspace saw it
    now = utcnow()

    def apply(row: FindingGroupState) -> None:
        row.state, row.updated_at, row.updated_by = data.state.value, now, principal.user_id
        if data.note is not None:
            row.note = data.note
        if data.state == GroupState.fixed:
            row.fixed_at = now
        session.add(row)

    existing = session.exec(
        select(FindingGroupState).where(
            FindingGroupState.workspace_id == principal.workspace_id, FindingGroupState.signature == before.signature
        )
    ).first()
    if existing is None:
        existing = FindingGroupState(workspace_id=principal.workspace_id, signature=before.signature, created_at=now)
    apply(existing)
    audit.record(session, principal=principal, action="finding_group.state_changed", target_type="finding_group",
                 target_id=before.signature, target_name=before.pattern[:320],
                 details={"from": before.state, "to": data.state.value})  # fmt: skip
    try:
        session.commit()
    except IntegrityError:  # another request made the row first: change that one
        session.rollback()
        stored = session.exec(
            select(FindingGroupState).where(
                FindingGroupState.workspace_id == principal.workspace_id,
                FindingGroupState.signature == before.signature,
            )
        ).one()
        apply(stored)
        session.commit()
    return _group(session, principal, before.signature)


def open_counts(*, session: Session, principal: Principal) -> dict[str, int]:
    """How many groups are in each state (regressed apart), for the inbox's tabs."""
    require(principal, Permission.read)
    grouped = _grouped(principal.workspace_id, [], GroupFilters()).order_by(None).subquery()
    counts = dict.fromkeys(STATE_FILTERS, 0)
    state, came_back = func.coalesce(grouped.c.state, GroupState.open.value), grouped.c.since_fixed > 0
    for name, regressed, n in session.exec(select(state, came_back, func.count()).group_by(state, came_back)).all():
        counts[name] = counts.get(name, 0) + n
        if name == GroupState.fixed and regressed:
            counts["regressed"] += n
    return counts
