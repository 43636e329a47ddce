"""/api/search: one query across the workspace's personas, objectives, agents, sessions and suites."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.errors import PATTERN_MESSAGES
from app.models.search import SearchResults
from app.services import search

router = APIRouter(prefix="/api/search", tags=["search"])


PATTERN_MESSAGES[search.TYPES_PATTERN] = "must be comma-separated types: persona, objective, agent, session, suite"


@router.get("", response_model=SearchResults, summary="Search the workspace")
def search_workspace(
    principal: CurrentPrincipal,
    session: SessionDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find in names and descriptions")],
    types: Annotated[
        str | None,
        Query(pattern=search.TYPES_PATTERN,
              description="Comma-separated: persona,objective,agent,session,suite (default: all)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResults:
    return search.search(session=session, principal=principal, q=q, types=search.parse_types(types), limit=limit)
