"""mimic_sdk: the Python client of the Mimic REST API.

    from mimic_sdk import MimicClient

    client = MimicClient(base_url="http://localhost:3000", token="...")
    session = client.sessions.create(agent_id="...", persona_id="...", objective_id="...", auto_start=True)
    for update in client.sessions.subscribe(session["id"]):
        print(update["type"], update["data"])

AsyncMimicClient offers the same with `await`. Errors are MimicAPIError subclasses
(ValidationError, NotFoundError, ...) carrying the API's code, message and field details.
"""

from mimic_sdk._client import AsyncMimicClient, MimicClient
from mimic_sdk._errors import (
    AuthenticationError,
    ConflictError,
    FieldProblem,
    MimicAPIError,
    MimicConnectionError,
    MimicError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from mimic_sdk._http import VERSION as __version__

__all__ = [
    "AsyncMimicClient",
    "AuthenticationError",
    "ConflictError",
    "FieldProblem",
    "MimicAPIError",
    "MimicClient",
    "MimicConnectionError",
    "MimicError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "ValidationError",
    "__version__",
]
