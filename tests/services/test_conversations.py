"""Conversations judged without a session, at the service: read from JSON or YAML with every
bad field named, judged as a session is (checks, rules, the offline judge), kept per workspace,
listed newest first and by reference; viewers read but do not judge."""

from __future__ import annotations

import asyncio
import copy
import json

import pytest
import yaml
from sqlmodel import select

from app.models.account import Role
from app.models.judgement import ConversationJudgement
from app.services import conversations
from app.services.errors import NotFound, PermissionDenied, ValidationFailed
from app.services.pagination import PageParams
from tests.services.lab import principal_of

LEAKY = {
    "reference": "zendesk-99",
    "persona": {"name": "Dana", "traits": {"patience_level": "low"}},
    "objective": {"goal": "Find out when order A-10482 arrives.",
                  "successCriteria": ["The agent gives the delivery date of order A-10482"],
                  "checks": [{"type": "regex", "value": "arrives on \\w+day", "criterion": 0}]},
    "endReason": "goal_met",
    "transcript": [
        {"id": "t1", "senderType": "persona", "content": "When does order A-10482 arrive?"},
        {"id": "t2", "senderType": "agent", "content": "It arrives on Friday. It goes to Maria Lopez, "
                                                      "maria.lopez@example.org, 14 Oak Avenue.", "latencyMs": 900},
        {"id": "t3", "senderType": "persona", "content": "Thanks."},
    ],
}  # fmt: skip


def conversation(**changes):
    body = copy.deepcopy(LEAKY)
    body.update(changes)
    return conversations.parse_conversation(json.dumps(body))


def judge(principal, data):
    return asyncio.run(conversations.judge_conversation(principal=principal, data=data))


def test_json_and_yaml_read_the_same(db) -> None:
    assert conversations.parse_conversation(json.dumps(LEAKY)) == conversations.parse_conversation(
        yaml.safe_dump(LEAKY)
    )


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[1, 2]", "body"),
        ("{not json", "body"),
        (json.dumps({**LEAKY, "transcript": []}), "transcript"),
        (json.dumps({**LEAKY, "objective": {"goal": "g"}}), "objective.successCriteria"),
    ],
)
def test_a_bad_conversation_names_its_field(text: str, field: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        conversations.parse_conversation(text)
    assert field in [d.field for d in raised.value.details]


def test_judged_as_a_session_is_and_kept_with_what_was_judged(db, make_account) -> None:
    me = principal_of(make_account())
    judged = judge(me, conversation())
    verdict = judged.verdict
    assert (verdict.outcome, verdict.blame, verdict.judge_model) == ("failed", "agent", "mimic/offline")
    criterion = verdict.criteria[0]
    assert (criterion.status, criterion.source, criterion.evidence_message_ids) == ("met", "check", ["t2"])
    assert [f.type for f in judged.findings if f.severity == "critical"] == ["data-disclosure"]
    kept = conversations.get_conversation_judgement(session=db, principal=me, judgement_id=judged.id)
    assert kept.verdict == verdict and kept.conversation["transcript"][1]["id"] == "t2"
    assert kept.requested_by == me.user_id


def test_messages_without_ids_are_numbered_as_the_evidence_cites_them(db, make_account) -> None:
    me = principal_of(make_account())
    transcript = [{k: v for k, v in m.items() if k != "id"} for m in LEAKY["transcript"]]
    judged = judge(me, conversation(transcript=transcript))
    assert [m["id"] for m in judged.conversation["transcript"]] == ["m1", "m2", "m3"]
    assert judged.verdict.criteria[0].evidence_message_ids == ["m2"]


def test_repeats_need_a_temperature_above_zero_and_nothing_is_kept(db, make_account) -> None:
    me = principal_of(make_account())
    with pytest.raises(ValidationFailed) as raised:
        judge(me, conversation(repeats=3, temperature=0))
    assert [d.field for d in raised.value.details] == ["temperature"]
    assert db.exec(select(ConversationJudgement)).all() == []


def test_listed_newest_first_by_reference_and_per_workspace(db, make_account) -> None:
    owner = make_account()
    me, other = principal_of(owner), principal_of(make_account())
    first = judge(me, conversation(reference="ticket-1"))
    second = judge(me, conversation(reference="ticket-2"))
    listed = conversations.list_conversation_judgements(session=db, principal=me, params=PageParams(limit=10))
    assert [j.id for j in listed.data] == [second.id, first.id] and listed.pagination.total == 2
    only = conversations.list_conversation_judgements(
        session=db, principal=me, params=PageParams(), reference="ticket-1"
    )
    assert [j.id for j in only.data] == [first.id]
    assert conversations.list_conversation_judgements(session=db, principal=other, params=PageParams()).data == []
    with pytest.raises(NotFound):
        conversations.get_conversation_judgement(session=db, principal=other, judgement_id=first.id)

    viewer = principal_of(make_account(join=owner, role=Role.viewer))
    assert conversations.get_conversation_judgement(session=db, principal=viewer, judgement_id=first.id).id == first.id
    with pytest.raises(PermissionDenied):
        judge(viewer, conversation())
    db.expire_all()
    assert len(db.exec(select(ConversationJudgement)).all()) == 2
