"""mimic_sdk: the Python client of the Mimic REST API.

    from mimic_sdk import MimicClient

    client = MimicClient(base_url="http://localhost:3000", token="...")
    session = client.sessions.create(agent_id="...", persona_id="...", objective_id="...", auto_start=True)
    for update in client.sessions.subscribe(session["id"]):
        print(update["type"], update["data"])

AsyncMimicClient offers the same with `await`. Errors are MimicAPIError subclasses
(ValidationError, NotFoundError, ...) carrying the API's code, message and field details.
mimic_sdk.types names the values answers hold (Outcome, Blame, CriterionStatus).
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
from mimic_sdk.types import JUDGED_OUTCOMES, SET_APART_OUTCOMES, Blame, CriterionStatus, Outcome

__all__ = [
    "AsyncMimicClient",
    "AuthenticationError",
    "Blame",
    "CriterionStatus",
    "ConflictError",
    "FieldProblem",
    "JUDGED_OUTCOMES",
    "MimicAPIError",
    "MimicClient",
    "MimicConnectionError",
    "MimicError",
    "NotFoundError",
    "Outcome",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "SET_APART_OUTCOMES",
    "ServerError",
    "ValidationError",
    "__version__",
]
