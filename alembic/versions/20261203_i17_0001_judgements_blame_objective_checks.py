"""judgements, blame, objective checks

A judgement table (judge model, prompt version, outcome, blame, simulator check); verdict
rows become criteria or checks of a judgement, with source, blame, gating and the rule that
resolved them; findings point to their judgement; sessions keep their blame; objectives
carry their own checks. Sessions judged before this get one judgement each (prompt version
"legacy") holding their verdict rows and judge findings.

Revision ID: i17_0001
Revises: 0006
Create Date: 2026-12-03

"""
import uuid
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import app.models.base
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = 'i17_0001'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('judgement',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('session_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('judge_model', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('prompt_version', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('blame', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('simulator', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('settings', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('notes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('error', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['requested_by'], ['user.id'], name=op.f('fk_judgement_requested_by_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_judgement_session_id_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_judgement_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_judgement'))
    )
    with op.batch_alter_table('judgement', schema=None) as batch_op:
        batch_op.create_index('ix_judgement_session_created', ['session_id', 'created_at'], unique=False)
        batch_op.create_index('ix_judgement_workspace_created', ['workspace_id', 'created_at'], unique=False)

    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('judgement_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_finding_judgement_id_judgement'), 'judgement', ['judgement_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checks', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default='[]'))

    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('blame', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))

    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('judgement_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
        batch_op.add_column(sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default='criterion'))
        batch_op.add_column(sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default='judge'))
        batch_op.add_column(sa.Column('blame', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.add_column(sa.Column('gating', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('resolved_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch_op.create_index('ix_verdict_judgement', ['judgement_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_verdict_judgement_id_judgement'), 'judgement', ['judgement_id'], ['id'], ondelete='CASCADE')

    _judgements_for_judged_sessions()


def _judgements_for_judged_sessions() -> None:
    """One 'legacy' judgement per session that has verdict rows, holding them and its judge findings."""
    bind = op.get_bind()
    verdict, finding = sa.table("verdict", sa.column("session_id"), sa.column("judgement_id"), sa.column("criterion_index"), sa.column("key")), sa.table("finding", sa.column("session_id"), sa.column("judgement_id"), sa.column("source"))
    session = sa.table("session", sa.column("id"), sa.column("workspace_id"), sa.column("outcome"), sa.column("verdict_summary"), sa.column("llm_config", sa.JSON()), sa.column("ended_at", app.models.base.UTCDateTime()), sa.column("created_at", app.models.base.UTCDateTime()))
    judgement = sa.table("judgement", *(sa.column(c) for c in ("id", "workspace_id", "session_id", "judge_model", "prompt_version", "status", "outcome", "summary")), sa.column("simulator", sa.JSON()), sa.column("settings", sa.JSON()), sa.column("notes", sa.JSON()), sa.column("created_at", app.models.base.UTCDateTime()))
    judged = sa.select(verdict.c.session_id).distinct()
    rows = bind.execute(sa.select(session).where(session.c.id.in_(judged))).all()
    for row in rows:
        judgement_id = str(uuid.uuid4())
        model = (row.llm_config or {}).get("judgeModel") or "unknown"
        bind.execute(judgement.insert().values(
            id=judgement_id, workspace_id=row.workspace_id, session_id=row.id, judge_model=model, prompt_version="legacy",
            status="completed", outcome=row.outcome or "", summary=row.verdict_summary or "", simulator={}, settings={},
            notes={}, created_at=row.ended_at or row.created_at,
        ))
        bind.execute(verdict.update().where(verdict.c.session_id == row.id).values(judgement_id=judgement_id))
        bind.execute(finding.update().where(finding.c.session_id == row.id, finding.c.source == "judge").values(judgement_id=judgement_id))
    bind.execute(verdict.update().values(key=sa.literal("criterion:") + sa.cast(verdict.c.criterion_index, sa.String)))


def downgrade() -> None:
    """Downgrade schema (a check's verdict row has no place in the old schema: dropped)."""
    op.execute("DELETE FROM verdict WHERE kind = 'check'")
    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_verdict_judgement_id_judgement'), type_='foreignkey')
        batch_op.drop_index('ix_verdict_judgement')
        batch_op.drop_column('resolved_by')
        batch_op.drop_column('gating')
        batch_op.drop_column('blame')
        batch_op.drop_column('source')
        batch_op.drop_column('key')
        batch_op.drop_column('kind')
        batch_op.drop_column('judgement_id')

    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_column('blame')

    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.drop_column('checks')

    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_finding_judgement_id_judgement'), type_='foreignkey')
        batch_op.drop_column('judgement_id')

    with op.batch_alter_table('judgement', schema=None) as batch_op:
        batch_op.drop_index('ix_judgement_workspace_created')
        batch_op.drop_index('ix_judgement_session_created')

    op.drop_table('judgement')
