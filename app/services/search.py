"""Search across the workspace: personas, objectives, agents, suites by name and
description, sessions by the names of their persona, objective and agent (or the start of
their id), findings by their text (one hit per recurring problem). Never outside the
caller's workspace."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from app.models.library import Agent, Objective, Persona
from app.models.search import SEARCH_TYPES, SearchHit, SearchPagination, SearchResults
from app.models.session import Finding, SimSession
from app.models.suite import Suite
from app.services.access import Permission, Principal, require
from app.services.crud import LIKE_ESCAPE, like_pattern
from app.services.errors import FieldError, ValidationFailed

_NAMED: dict[str, tuple[Any, str]] = {
    "persona": (Persona, "/personas"),
    "objective": (Objective, "/objectives"),
    "agent": (Agent, "/agents"),
    "suite": (Suite, "/suites"),
}


def _score(name: str, q: str) -> int:
    """Exact name first, then names that start with the query, then any other match."""
    name = name.lower()
    return 3 if name == q else 2 if name.startswith(q) else 1 if q in name else 0


def _named(session: Session, principal: Principal, kind: str, q: str, limit: int) -> tuple[list[SearchHit], int]:
    model, base = _NAMED[kind]
    pattern = like_pattern(q)
    where = (model.workspace_id == principal.workspace_id,
             or_(col(model.name).ilike(pattern, escape=LIKE_ESCAPE),
                 col(model.description).ilike(pattern, escape=LIKE_ESCAPE)))  # fmt: skip
    total = session.exec(select(func.count()).select_from(model).where(*where)).one()
    rows = session.exec(
        select(model)
        .where(*where)
        .order_by(
            col(model.name).ilike(like_pattern(q, prefix=True), escape=LIKE_ESCAPE).desc(),
            col(model.created_at).desc(),
            col(model.id),
        )
        .limit(limit)
    ).all()
    hits = [SearchHit(type=kind, id=r.id, name=r.name, description=(r.description or "")[:200],
                      url=f"{base}/{r.id}", created_at=r.created_at) for r in rows]  # fmt: skip
    return hits, total


def _sessions(session: Session, principal: Principal, q: str, limit: int) -> tuple[list[SearchHit], int]:
    persona, objective, agent = aliased(Persona), aliased(Objective), aliased(Agent)
    pattern = like_pattern(q)
    query = (
        select(SimSession, persona.name, objective.name, agent.name)
        .join(persona, persona.id == SimSession.persona_id)
        .join(agent, agent.id == SimSession.agent_id)
        .outerjoin(objective, objective.id == SimSession.objective_id)
        .where(
            SimSession.workspace_id == principal.workspace_id,
            or_(*(col(name).ilike(pattern, escape=LIKE_ESCAPE) for name in (persona.name, objective.name, agent.name)),
                col(SimSession.id).ilike(like_pattern(q, prefix=True), escape=LIKE_ESCAPE)),
        )
    )  # fmt: skip
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(SimSession.created_at).desc(), col(SimSession.id)).limit(limit)).all()
    hits = []
    for row, persona_name, objective_name, agent_name in rows:
        outcome = f" · {row.outcome}" if row.outcome else ""
        hits.append(
            SearchHit(type="session", id=row.id, name=f"{persona_name} → {agent_name}",
                      description=f"{objective_name or '—'} · {row.status}{outcome}", url=f"/sessions/{row.id}",
                      created_at=row.created_at)
        )  # fmt: skip
    return hits, total


def _findings(session: Session, principal: Principal, q: str, limit: int) -> tuple[list[SearchHit], int]:
    """Findings by their text, one hit per recurring problem (its signature, as the inbox
    groups them), pointing at the session where it was seen last."""
    where = (Finding.workspace_id == principal.workspace_id,
             col(Finding.description).ilike(like_pattern(q), escape=LIKE_ESCAPE))  # fmt: skip
    total = session.exec(select(func.count(func.distinct(Finding.signature))).where(*where)).one()
    groups = (
        select(Finding.signature, func.count().label("n"), func.max(Finding.created_at).label("last"))
        .where(*where)
        .group_by(Finding.signature)
        .order_by(func.max(Finding.created_at).desc(), Finding.signature)
        .limit(limit)
        .subquery()
    )
    rows = session.exec(
        select(Finding, groups.c.n)
        .join(groups, (Finding.signature == groups.c.signature) & (Finding.created_at == groups.c.last))
        .where(Finding.workspace_id == principal.workspace_id)
        .order_by(groups.c.last.desc(), Finding.signature)
    ).all()
    hits, seen = [], set()
    for finding, count in rows:
        if finding.signature in seen:  # two occurrences stored in the same instant
            continue
        seen.add(finding.signature)
        times = f"{count} times" if count != 1 else "once"
        hits.append(
            SearchHit(type="finding", id=finding.signature, name=finding.description[:200],
                      description=f"{finding.type} · {finding.severity} · seen {times}",
                      url=f"/sessions/{finding.session_id}", created_at=finding.created_at)
        )  # fmt: skip
    return hits, total


def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.upper()}]" for c in word)


_TYPE = "(" + "|".join(_any_case(t) for t in SEARCH_TYPES) + ")"
# What parse_types reads: the type names in any case, separated by commas, spaces around them.
TYPES_PATTERN = f"^[ ,]*({_TYPE}[ ]*(,[ ,]*{_TYPE}[ ]*)*)?[ ,]*$"


def parse_types(types: str | None) -> list[str]:
    if not types:
        return list(SEARCH_TYPES)
    wanted = list(dict.fromkeys(t.strip(" ").lower() for t in types.split(",") if t.strip(" ")))
    unknown = [t for t in wanted if t not in SEARCH_TYPES]
    if unknown:
        raise ValidationFailed(
            "Unknown types", [FieldError("types", f"unknown: {', '.join(unknown)}; use {', '.join(SEARCH_TYPES)}")]
        )
    return wanted


# How deep pages go (page x limit): each type is read up to there to rank the hits together.
MAX_SEARCH_WINDOW = 1000
MAX_QUERY_LENGTH = 200


def search(
    *, session: Session, principal: Principal, q: str, types: list[str], limit: int = 20, page: int = 1
) -> SearchResults:
    """One page of `limit` hits, the best first (exact name, then prefix, then the rest; newest first)."""
    require(principal, Permission.read)
    q = q.strip().lower()
    if not q:
        raise ValidationFailed("Empty query", [FieldError("q", "Type something to search for.")])
    if len(q) > MAX_QUERY_LENGTH:
        raise ValidationFailed(
            "Query too long", [FieldError("q", f"The search is too long: {MAX_QUERY_LENGTH} characters at most.")]
        )
    window = page * limit
    # Hits are ranked across types up to MAX_SEARCH_WINDOW deep; a page past that is empty.
    depth = min(window, MAX_SEARCH_WINDOW)
    hits: list[SearchHit] = []
    counts: dict[str, int] = {}
    for kind in types:
        search_kind = {"session": _sessions, "finding": _findings}.get(kind)
        found, counts[kind] = (
            search_kind(session, principal, q, depth) if search_kind else _named(session, principal, kind, q, depth)
        )
        hits.extend(found)
    order = {kind: i for i, kind in enumerate(types)}
    hits.sort(key=lambda h: (-_score(h.name, q), order[h.type], -h.created_at.timestamp()))
    total = min(sum(counts.values()), MAX_SEARCH_WINDOW)
    return SearchResults(
        query=q,
        types=types,
        data=hits[window - limit : depth],
        counts=counts,
        pagination=SearchPagination(
            page=page, limit=limit, total=total, pages=math.ceil(total / limit) if total else 0
        ),
    )
