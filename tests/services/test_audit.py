"""The audit log, through the services: each recorded action once, written with the change
(a change that fails leaves no entry), read only by admins, paginated and filtered."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from sqlmodel import select

from app.models import AuditEvent, Persona
from app.models.account import ApiKeyCreate, InvitationCreate, MemberUpdate, Role, User
from app.models.base import utcnow
from app.models.finding_groups import FindingGroupUpdate, GroupState
from app.models.library import AgentCreate, ObjectiveCreate, PersonaCreate
from app.models.providers import CustomModelCreate, ProviderSettings
from app.models.session import Finding, SessionCreate
from app.models.suite import SuiteCreate
from app.models.webhook import WebhookCreate
from app.services import (
    accounts,
    agents,
    api_keys,
    audit,
    finding_groups,
    objectives,
    personas,
    providers,
    sessions,
    suites,
    team,
    webhooks,
)
from app.services.access import Principal, RequestMeta
from app.services.errors import AuthenticationFailed, PermissionDenied
from app.services.pagination import PageParams
from tests.conftest import PASSWORD, Account

META = RequestMeta(ip="203.0.113.7", user_agent="pytest-audit/1.0")


def _principal(account: Account, **extra) -> Principal:
    return Principal(account.user_id, account.email, account.workspace_id, Role(account.role), meta=META, **extra)


def _events(db, workspace_id: str | None) -> list[AuditEvent]:
    db.expire_all()
    return list(db.exec(select(AuditEvent).where(AuditEvent.workspace_id == workspace_id)).all())


def _actions(db, workspace_id: str | None) -> Counter[str]:
    return Counter(e.action for e in _events(db, workspace_id))


def test_sign_ins_are_recorded_in_each_workspace_of_the_user(db, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role="editor")  # a member of their own workspace and the owner's
    own_workspace = next(
        w.id for w in accounts.list_workspaces(session=db, principal=_principal(member)) if w.id != owner.workspace_id
    )

    accounts.login(session=db, email=member.email.upper(), password=PASSWORD, meta=META)
    with pytest.raises(AuthenticationFailed):
        accounts.login(session=db, email=member.email, password="not-the-password", meta=META)

    for workspace_id in (owner.workspace_id, own_workspace):
        events = {e.action: e for e in _events(db, workspace_id)}
        assert _actions(db, workspace_id) == {"auth.sign_in": 1, "auth.sign_in_failed": 1}
        signed_in = events["auth.sign_in"]
        assert signed_in.actor_user_id == member.user_id and signed_in.actor_email == member.email
        assert (signed_in.ip, signed_in.user_agent) == (META.ip, META.user_agent)
        assert events["auth.sign_in_failed"].details == {"reason": "wrong_password"}


def test_a_failed_sign_in_of_an_unknown_email_has_no_workspace(db, make_account) -> None:
    make_account()
    with pytest.raises(AuthenticationFailed):
        accounts.login(session=db, email="Nobody@Example.com", password="whatever-1", meta=META)
    [event] = _events(db, None)
    assert event.action == "auth.sign_in_failed" and event.actor_user_id is None
    assert event.actor_email == "nobody@example.com" and event.details == {"reason": "unknown_email"}
    assert event.ip == META.ip


def test_every_audited_change_is_recorded_once(db, make_account) -> None:
    owner = make_account()
    principal = _principal(owner)
    workspace = owner.workspace_id

    key = api_keys.create_api_key(session=db, principal=principal, data=ApiKeyCreate(name="CI"))
    api_keys.revoke_api_key(session=db, principal=principal, key_id=key.id)

    withdrawn = team.invite_member(session=db, principal=principal, data=InvitationCreate(email="w@example.com"))
    team.revoke_invitation(session=db, principal=principal, invitation_id=withdrawn.id)
    joiner = make_account("joiner@example.com")
    invited = team.invite_member(
        session=db, principal=principal, data=InvitationCreate(email="joiner@example.com", role=Role.viewer)
    )
    team.accept_invitation(session=db, user_id=joiner.user_id, token=invited.token, meta=META)
    team.change_role(session=db, principal=principal, user_id=joiner.user_id, data=MemberUpdate(role=Role.editor))
    team.change_role(session=db, principal=principal, user_id=joiner.user_id, data=MemberUpdate(role=Role.editor))
    team.remove_member(session=db, principal=principal, user_id=joiner.user_id)

    persona = personas.create_persona(session=db, principal=principal, data=PersonaCreate(name="Dana"))
    objective = objectives.create_objective(
        session=db,
        principal=principal,
        data=ObjectiveCreate.model_validate({"name": "Order", "definition": {"goal": "g"}}),
    )
    agent = agents.create_agent(
        session=db, principal=principal,
        data=AgentCreate.model_validate({"name": "Bot", "type": "hosted", "config": {"systemPrompt": "You help."}}),
    )  # fmt: skip
    suite = suites.create_suite(
        session=db, principal=principal,
        data=SuiteCreate(name="Nightly", agent_id=agent.id, persona_ids=[persona.id], objective_ids=[objective.id]),
    )  # fmt: skip
    suites.delete_suite(session=db, principal=principal, suite_id=suite.id)
    personas.delete_persona(session=db, principal=principal, persona_id=persona.id)
    objectives.delete_objective(session=db, principal=principal, objective_id=objective.id)
    agents.delete_agent(session=db, principal=principal, agent_id=agent.id)

    hook = webhooks.create_webhook(
        session=db, principal=principal,
        data=WebhookCreate(url="https://hooks.example.com/mimic", events=["session.completed"]),
    )  # fmt: skip
    webhooks.delete_webhook(session=db, principal=principal, webhook_id=hook.id)
    providers.configure_provider(
        session=db, principal=principal, provider_id="ollama", data=ProviderSettings(baseUrl="http://127.0.0.1:9")
    )
    providers.remove_provider(session=db, principal=principal, provider_id="ollama")
    model = providers.add_custom_model(
        session=db,
        principal=principal,
        data=CustomModelCreate(name="Local", baseUrl="http://127.0.0.1:9/v1", model="x"),
    )
    providers.remove_custom_model(session=db, principal=principal, model_id=model.id)

    # A recurring finding's state, set in the findings inbox.
    seen_by = agents.create_agent(
        session=db, principal=principal,
        data=AgentCreate.model_validate({"name": "Bot 2", "type": "hosted", "config": {"systemPrompt": "You help."}}),
    )  # fmt: skip
    run_of = sessions.create_session(session=db, principal=principal, data=SessionCreate(
        agent_id=seen_by.id, objective_id=objectives.create_objective(
            session=db, principal=principal,
            data=ObjectiveCreate.model_validate({"name": "Order 2", "definition": {"goal": "g"}})).id,
        persona_id=personas.create_persona(session=db, principal=principal, data=PersonaCreate(name="Sam")).id,
    ))  # fmt: skip
    finding = Finding(workspace_id=workspace, session_id=run_of.id, type="repetition", severity="low",
                      description="The agent sent the same reply 2 times")  # fmt: skip
    db.add(finding)
    db.commit()
    finding_groups.set_group_state(session=db, principal=principal, signature=finding.signature,
                                   data=FindingGroupUpdate(state=GroupState.acknowledged))  # fmt: skip

    # The judging actions have their tests (tests/api/test_reviews.py, test_calibrations.py, ...).
    expected = {action: 1 for action in audit.ACTIONS
                if not action.startswith("auth.") and action not in audit.JUDGING_ACTIONS}  # fmt: skip
    assert _actions(db, workspace) == {**expected, "invitation.created": 2}  # one withdrawn, one accepted
    by_action = {e.action: e for e in _events(db, workspace)}
    assert by_action["api_key.created"].target_name == "CI" and by_action["api_key.created"].target_id == key.id
    assert by_action["member.role_changed"].details == {"from": "viewer", "to": "editor"}
    assert by_action["member.role_changed"].target_name == "joiner@example.com"
    assert by_action["member.removed"].details == {"role": "editor"}
    accepted = by_action["invitation.accepted"]
    assert accepted.actor_user_id == joiner.user_id and accepted.ip == META.ip
    assert by_action["persona.deleted"].target_name == "Dana"
    assert by_action["suite.deleted"].target_name == "Nightly"
    assert by_action["webhook.deleted"].target_name == "https://hooks.example.com/mimic"
    assert by_action["custom_model.deleted"].target_name == "Local"
    for event in _events(db, workspace):
        if event.action != "invitation.accepted":
            assert event.actor_user_id == owner.user_id and event.actor_email == owner.email
        assert event.ip == META.ip and event.user_agent == META.user_agent


def test_an_action_through_an_api_key_names_the_key(db, make_account) -> None:
    owner = make_account()
    key = api_keys.create_api_key(session=db, principal=_principal(owner), data=ApiKeyCreate(name="CI"))
    by_key = accounts.authenticate(session=db, credential=key.key, meta=META)
    persona = personas.create_persona(session=db, principal=by_key, data=PersonaCreate(name="Scripted"))
    personas.delete_persona(session=db, principal=by_key, persona_id=persona.id)
    [deleted] = [e for e in _events(db, owner.workspace_id) if e.action == "persona.deleted"]
    assert deleted.actor_api_key_id == key.id and deleted.actor_user_id == owner.user_id


def test_a_change_that_fails_in_the_database_leaves_no_entry(db, make_account) -> None:
    owner = make_account()
    principal = _principal(owner)
    persona = personas.create_persona(session=db, principal=principal, data=PersonaCreate(name="Kept"))
    # A trigger that refuses every delete of a persona, in each database's dialect.
    if db.get_bind().dialect.name == "postgresql":
        create = [
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE 'no'; END$$",
            "CREATE TRIGGER refuse_persona_delete BEFORE DELETE ON persona FOR EACH ROW EXECUTE FUNCTION refuse()",
        ]
        drop = ["DROP TRIGGER refuse_persona_delete ON persona", "DROP FUNCTION refuse()"]
    else:
        create = ["CREATE TRIGGER refuse_persona_delete BEFORE DELETE ON persona BEGIN SELECT RAISE(ABORT, 'no'); END"]
        drop = ["DROP TRIGGER refuse_persona_delete"]
    for statement in create:
        db.execute(text(statement))
    db.commit()
    try:
        with pytest.raises(DatabaseError):
            personas.delete_persona(session=db, principal=principal, persona_id=persona.id)
        db.rollback()
    finally:
        for statement in drop:
            db.execute(text(statement))
        db.commit()
    assert db.get(Persona, persona.id) is not None
    assert _actions(db, owner.workspace_id)["persona.deleted"] == 0


def test_only_admins_read_the_log_and_only_their_workspace(db, make_account) -> None:
    owner = make_account()
    stranger = make_account()
    personas.delete_persona(
        session=db, principal=_principal(stranger),
        persona_id=personas.create_persona(session=db, principal=_principal(stranger), data=PersonaCreate(name="S")).id,
    )  # fmt: skip
    for role in ("viewer", "editor"):
        with pytest.raises(PermissionDenied):
            audit.list_events(
                session=db, principal=_principal(make_account(join=owner, role=role)), params=PageParams()
            )
    admin = _principal(make_account(join=owner, role="admin"))
    assert audit.list_events(session=db, principal=admin, params=PageParams()).pagination.total == 0
    assert audit.list_events(session=db, principal=_principal(stranger), params=PageParams()).pagination.total == 1


def test_pages_and_filters(db, make_account) -> None:
    owner = make_account()
    admin = make_account(join=owner, role="admin")
    for name in ("P1", "P2", "P3"):
        created = personas.create_persona(session=db, principal=_principal(owner), data=PersonaCreate(name=name))
        personas.delete_persona(session=db, principal=_principal(owner), persona_id=created.id)
    api_keys.create_api_key(session=db, principal=_principal(admin), data=ApiKeyCreate(name="Admin's"))
    reader = _principal(admin)

    first = audit.list_events(session=db, principal=reader, params=PageParams(page=1, limit=2))
    second = audit.list_events(session=db, principal=reader, params=PageParams(page=2, limit=2))
    assert first.pagination.total == 4 and first.pagination.pages == 2
    assert [e.action for e in first.data] == ["api_key.created", "persona.deleted"]  # newest first
    assert [e.target_name for e in second.data] == ["P2", "P1"]

    deleted = audit.list_events(session=db, principal=reader, params=PageParams(), action="persona.deleted")
    assert [e.target_name for e in deleted.data] == ["P3", "P2", "P1"]
    by_admin = audit.list_events(session=db, principal=reader, params=PageParams(), actor=admin.user_id)
    assert [e.action for e in by_admin.data] == ["api_key.created"]

    now = utcnow()
    assert audit.list_events(session=db, principal=reader, params=PageParams(), since=now).pagination.total == 0
    earlier = audit.list_events(session=db, principal=reader, params=PageParams(), until=now - timedelta(hours=1))
    assert earlier.pagination.total == 0
    # Without an offset a moment is read as UTC.
    naive_since = (now - timedelta(hours=1)).replace(tzinfo=None)
    assert audit.list_events(session=db, principal=reader, params=PageParams(), since=naive_since).pagination.total == 4


def test_a_removed_user_is_still_named_in_the_log(db, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role="editor")
    persona = personas.create_persona(session=db, principal=_principal(member), data=PersonaCreate(name="Left"))
    personas.delete_persona(session=db, principal=_principal(member), persona_id=persona.id)
    db.delete(db.get(User, member.user_id))
    db.commit()
    [event] = [e for e in _events(db, owner.workspace_id) if e.action == "persona.deleted"]
    assert event.actor_user_id == member.user_id and event.actor_email == member.email
