"""Turn what the service layer rejected into messages next to the fields."""

from __future__ import annotations

from pydantic import ValidationError

from app.services.errors import ServiceError, validation_details


def field_errors(exc: ServiceError | ValidationError) -> tuple[str, dict[str, str]]:
    """(a message for the whole form, {field: message}); fields are named in camelCase."""
    if isinstance(exc, ValidationError):
        errors: dict[str, str] = {}
        for detail in validation_details(exc.errors()):
            errors.setdefault(detail.field or "form", detail.message)
        return "Please correct the fields marked below.", errors
    return exc.message, {d.field: d.message for d in exc.details}
