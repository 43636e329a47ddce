"""The workspace's judging settings at the service: defaults until set, set by those who manage
the workspace (audited with before and after), per workspace, and used by the review queue."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.models.account import Role, Workspace
from app.models.audit import AuditEvent
from app.models.review import JudgingSettings
from app.services import judging_settings
from app.services.errors import PermissionDenied
from tests.services.lab import principal_of


def test_defaults_until_set_then_what_was_set(db, make_account) -> None:
    me = principal_of(make_account())
    defaults = judging_settings.get_settings(session=db, principal=me)
    assert (defaults.judge_repeats, defaults.review_sample_rate) == (1, 0.0)
    wanted = JudgingSettings(judge_repeats=3, review_sample_rate=0.25)
    assert judging_settings.update_settings(session=db, principal=me, data=wanted) == wanted
    assert judging_settings.get_settings(session=db, principal=me) == wanted
    [event] = db.exec(select(AuditEvent).where(AuditEvent.action == "judging.settings_changed")).all()
    assert event.details["before"] == {"judgeRepeats": 1, "reviewSampleRate": 0.0}
    assert event.details["after"] == {"judgeRepeats": 3, "reviewSampleRate": 0.25}


def test_other_workspace_settings_are_kept(db, make_account) -> None:
    me = principal_of(make_account())
    workspace = db.get(Workspace, me.workspace_id)
    workspace.settings = {"mimicFile": {"defaults": {"seed": 7}}}
    db.commit()
    judging_settings.update_settings(session=db, principal=me, data=JudgingSettings(judge_repeats=5))
    db.refresh(workspace)
    assert workspace.settings["mimicFile"] == {"defaults": {"seed": 7}}
    assert workspace.settings["judging"]["judgeRepeats"] == 5


@pytest.mark.parametrize("role", [Role.viewer, Role.editor])
def test_only_admins_and_owners_change_them_though_everyone_reads_them(db, make_account, role) -> None:
    owner = make_account()
    member = principal_of(make_account(join=owner, role=role))
    with pytest.raises(PermissionDenied):
        judging_settings.update_settings(session=db, principal=member, data=JudgingSettings(judge_repeats=9))
    assert judging_settings.get_settings(session=db, principal=member).judge_repeats == 1
    admin = principal_of(make_account(join=owner, role=Role.admin))
    judging_settings.update_settings(session=db, principal=admin, data=JudgingSettings(judge_repeats=9))
    assert judging_settings.get_settings(session=db, principal=member).judge_repeats == 9


def test_each_workspace_has_its_own(db, make_account) -> None:
    mine, theirs = principal_of(make_account()), principal_of(make_account())
    judging_settings.update_settings(session=db, principal=mine, data=JudgingSettings(review_sample_rate=1.0))
    assert judging_settings.get_settings(session=db, principal=theirs).review_sample_rate == 0.0


@pytest.mark.parametrize("body", [{"judgeRepeats": 0}, {"judgeRepeats": 12}, {"reviewSampleRate": 1.5}])
def test_out_of_range_values_are_refused_by_the_model(body) -> None:
    with pytest.raises(ValueError):
        JudgingSettings.model_validate(body)
