"""LLM providers, the model catalog and the workspace's default models."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.errors import error_responses
from app.api.routing import APIRouter
from app.models.providers import (
    CustomModelCreate,
    DefaultModels,
    ModelPublic,
    ModelsPublic,
    ProviderPublic,
    ProviderSettings,
    ProvidersPublic,
    ProviderTestRequest,
    ProviderTestResult,
)
from app.services import providers

router = APIRouter(tags=["models"])


@router.get("/api/providers", response_model=ProvidersPublic, summary="Providers and the default models")
def list_providers(principal: CurrentPrincipal, session: SessionDep) -> ProvidersPublic:
    return providers.list_providers(session=session, principal=principal)


@router.put("/api/providers/{provider_id}", response_model=ProviderPublic, summary="Set a provider's credentials")
def configure_provider(
    provider_id: str, data: ProviderSettings, principal: CurrentPrincipal, session: SessionDep
) -> ProviderPublic:
    """Secrets are stored encrypted and shown masked; a masked value sent back keeps the stored one."""
    return providers.configure_provider(session=session, principal=principal, provider_id=provider_id, data=data)


@router.delete("/api/providers/{provider_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Forget a provider")
def remove_provider(provider_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    providers.remove_provider(session=session, principal=principal, provider_id=provider_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/api/providers/{provider_id}/test", response_model=ProviderTestResult, summary="One tiny completion")
async def test_provider(
    provider_id: str, principal: CurrentPrincipal, data: ProviderTestRequest | None = None
) -> ProviderTestResult:
    """Reports the latency, or the provider's error as it came."""
    return await providers.test_provider(
        principal=principal, provider_id=provider_id, model=data.model if data else None
    )


@router.get("/api/models", response_model=ModelsPublic, summary="The models this workspace can use")
def list_models(
    principal: CurrentPrincipal,
    session: SessionDep,
    provider: Annotated[str | None, Query(description="openai, anthropic, …, openai_compatible, mimic")] = None,
) -> ModelsPublic:
    return providers.list_models(session=session, principal=principal, provider=provider)


@router.post(
    "/api/models/custom",
    response_model=ModelPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Add a custom model",
    responses=error_responses(409),
)
def add_custom_model(data: CustomModelCreate, principal: CurrentPrincipal, session: SessionDep) -> ModelPublic:
    return providers.add_custom_model(session=session, principal=principal, data=data)


@router.delete(
    "/api/models/custom/{model_id:path}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove a custom model"
)
def remove_custom_model(model_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    providers.remove_custom_model(session=session, principal=principal, model_id=model_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/api/models/defaults", response_model=DefaultModels, summary="Default model per role")
def set_default_models(data: DefaultModels, principal: CurrentPrincipal, session: SessionDep) -> DefaultModels:
    return providers.set_default_models(session=session, principal=principal, data=data)
