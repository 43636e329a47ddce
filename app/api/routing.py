"""The API's routers: each one steps aside at once for a path that none of its routes can match.

FastAPI (0.165) finds a request's route by asking every included router's routes in turn, and
asking one route costs a few microseconds of bookkeeping before its pattern is even tried: with
twenty-four routers and 150 routes, finding a route cost more CPU than many a handler. A path
that matches a route's template begins with the template's text before its first parameter, so
a router whose routes' texts the path begins with none of cannot match it, not even partially
(a 405); it says so without asking each route. Routers are included without a prefix of their
own (app/api/main.py): the texts are those of their routes' own paths.
"""

from __future__ import annotations

from fastapi import APIRouter as _FastAPIRouter
from starlette.routing import Match, get_route_path
from starlette.types import Scope


class APIRouter(_FastAPIRouter):
    _starts: tuple[int, tuple[str, ...] | None] = (-1, None)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        starts = self._route_starts()
        if starts is not None and not get_route_path(scope).startswith(starts):
            return Match.NONE, {}
        return super().matches(scope)

    def _route_starts(self) -> tuple[str, ...] | None:
        """The text before the first parameter of each route's path; None (no shortcut) when a
        route has no path of its own (an included router). Made again when routes are added."""
        count, starts = self._starts
        if count != len(self.routes):
            paths = [getattr(route, "path", None) for route in self.routes]
            starts = None if None in paths else tuple({path.split("{", 1)[0] for path in paths})  # type: ignore[union-attr]
            self._starts = (len(self.routes), starts)
        return starts
