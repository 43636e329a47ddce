"""/api/objectives: CRUD, duplicate, import and export."""

from app.api.routes.library import add_crud_routes, add_transfer_routes
from app.api.routing import APIRouter
from app.models.library import ObjectiveCreate, ObjectivePublic, ObjectiveUpdate
from app.services import objectives

router = APIRouter(prefix="/api/objectives", tags=["objectives"])
add_transfer_routes(router, kind="objectives", public=ObjectivePublic)
add_crud_routes(
    router, label="objective", public=ObjectivePublic, create=ObjectiveCreate, update=ObjectiveUpdate,
    service=objectives,
)  # fmt: skip
