"""/api/personas: CRUD, duplicate, import and export."""

from app.api.routes.library import add_crud_routes, add_transfer_routes
from app.api.routing import APIRouter
from app.models.library import PersonaCreate, PersonaPublic, PersonaUpdate
from app.services import personas

router = APIRouter(prefix="/api/personas", tags=["personas"])
add_transfer_routes(router, kind="personas", public=PersonaPublic)
add_crud_routes(
    router, label="persona", public=PersonaPublic, create=PersonaCreate, update=PersonaUpdate, service=personas
)
