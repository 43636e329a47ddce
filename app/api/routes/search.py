"""/api/search: one query across the workspace's personas, objectives, agents, sessions and suites."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.errors import PATTERN_MESSAGES
from app.api.routing import APIRouter
from app.models.search import SearchResults
from app.services import search

router = APIRouter(prefix="/api/search", tags=["search"])


PATTERN_MESSAGES[search.TYPES_PATTERN] = "must be comma-separated types: persona, objective, agent, session, suite"


@router.get("", response_model=SearchResults, summary="Search the workspace")
def search_workspace(
    principal: CurrentPrincipal,
    session: SessionDep,
    q: Annotated[
        str,
        Query(min_length=1, max_length=search.MAX_QUERY_LENGTH, description="Words to find in names and descriptions"),
    ],
    types: Annotated[
        str | None,
        Query(
            pattern=search.TYPES_PATTERN,
            description="Comma-separated: persona,objective,agent,session,suite (default: all)",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Hits per page (max 100)")] = 20,
    page: Annotated[
        int, Query(ge=1, le=search.MAX_SEARCH_WINDOW, description="Page number, from 1 (ranked 1000 hits deep)")
    ] = 1,
) -> SearchResults:
    """Names and descriptions of personas, objectives, agents and suites, and sessions by the names
    of their persona, objective and agent (or the start of their id), in the caller's workspace.
    An empty or over-long query or an unknown type is a 422 in the one error shape."""
    return search.search(
        session=session, principal=principal, q=q, types=search.parse_types(types), limit=limit, page=page
    )
