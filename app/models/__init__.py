"""Every table of Mimic. Importing this package registers them all on SQLModel.metadata."""

from app.models.account import ApiKey, Invitation, Membership, RevokedToken, Role, SignInFailure, User, Workspace
from app.models.audit import AuditEvent
from app.models.calibration import CalibrationReport, LabelledSet
from app.models.finding_groups import FindingGroupState
from app.models.judgement import ConversationJudgement, Judgement
from app.models.library import Agent, AgentType, Objective, Persona
from app.models.review import Review
from app.models.session import (
    Artifact,
    Blame,
    Event,
    Finding,
    FindingType,
    LLMCall,
    Message,
    SessionOutcome,
    SessionStatus,
    Severity,
    SimSession,
    Verdict,
    VerdictStatus,
)
from app.models.suite import Run, RunStatus, Suite
from app.models.voice import VoiceCall, VoiceTurn
from app.models.webhook import DeliveryStatus, Webhook, WebhookDelivery

__all__ = [
    "Agent",
    "AgentType",
    "ApiKey",
    "Artifact",
    "AuditEvent",
    "Blame",
    "CalibrationReport",
    "ConversationJudgement",
    "DeliveryStatus",
    "Event",
    "FindingGroupState",
    "Invitation",
    "Judgement",
    "LabelledSet",
    "Finding",
    "FindingType",
    "LLMCall",
    "Membership",
    "Message",
    "Objective",
    "Persona",
    "Review",
    "RevokedToken",
    "Role",
    "SignInFailure",
    "Run",
    "RunStatus",
    "SessionOutcome",
    "SessionStatus",
    "Severity",
    "SimSession",
    "Suite",
    "User",
    "Verdict",
    "VoiceCall",
    "VoiceTurn",
    "VerdictStatus",
    "Webhook",
    "WebhookDelivery",
    "Workspace",
]
