"""Mimic's LLM layer: the only package that imports litellm.

    result = await complete(model="mimic/offline", messages=[...], role=LLMRole.persona, schema=PersonaTurn,
                            tool_name="persona_turn")

Importing it registers the offline simulator (`mimic/offline`) as litellm's `mimic` provider.
"""

import os

# Before litellm is first imported: it would otherwise fetch its cost map from the internet.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from app.llm.cache import ResponseCache, use_cache  # noqa: E402
from app.llm.catalog import (
    CUSTOM_PREFIX,
    OFFLINE_INFO,
    PROVIDERS,
    PROVIDERS_BY_ID,
    CredentialField,
    ModelInfo,
    Provider,
    bundled_models,
    provider_of,
    supports_vision,
)
from app.llm.client import (  # noqa: E402
    OFFLINE_MODEL,
    Credentials,
    LLMError,
    LLMResult,
    LLMRole,
    complete,
    display_name,
    is_offline,
)
from app.llm.offline import AUDIT_TOOL, JUDGE_TOOL, PERSONA_TOOL  # noqa: E402
from app.llm.speech import SpeechResult, TranscriptionResult, synthesize_speech, transcribe_speech  # noqa: E402

__all__ = [
    "CUSTOM_PREFIX",
    "OFFLINE_INFO",
    "PROVIDERS",
    "PROVIDERS_BY_ID",
    "CredentialField",
    "ModelInfo",
    "Provider",
    "ResponseCache",
    "use_cache",
    "bundled_models",
    "provider_of",
    "supports_vision",
    "AUDIT_TOOL",
    "JUDGE_TOOL",
    "OFFLINE_MODEL",
    "PERSONA_TOOL",
    "Credentials",
    "LLMError",
    "LLMResult",
    "LLMRole",
    "complete",
    "display_name",
    "is_offline",
    "SpeechResult",
    "TranscriptionResult",
    "synthesize_speech",
    "transcribe_speech",
]
