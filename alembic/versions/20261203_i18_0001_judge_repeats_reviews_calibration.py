"""judge repeats, human reviews, calibration sets and reports, judged conversations

Judgements record their trigger and their repeats (criteria, flipped and unstable counts);
verdict rows their votes; sessions the flipped and unstable criteria of their current
judgement and when they were last reviewed; runs the figures before each change after they
ended and their last re-judge. New tables: review, calibration_set, calibration_report and
conversation_judgement (conversations judged through POST /api/judgements). Existing
judgements get their criteria counted.

Revision ID: i18_0001
Revises: i16_0001
Create Date: 2026-12-03

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import app.models.base
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = 'i18_0001'
down_revision: Union[str, Sequence[str], None] = 'i16_0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('calibration_set',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('cases', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('case_count', sa.Integer(), nullable=False),
    sa.Column('criteria_count', sa.Integer(), nullable=False),
    sa.Column('finding_count', sa.Integer(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_calibration_set_created_by_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_calibration_set_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calibration_set')),
    sa.UniqueConstraint('workspace_id', 'name', name='uq_calibration_set_workspace_name')
    )
    with op.batch_alter_table('calibration_set', schema=None) as batch_op:
        batch_op.create_index('ix_calibration_set_workspace_created', ['workspace_id', 'created_at'], unique=False)

    op.create_table('conversation_judgement',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('conversation', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('judge_model', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('prompt_version', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('settings', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('repeats', sa.Integer(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('blame', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('result', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('criteria_count', sa.Integer(), nullable=False),
    sa.Column('flipped_criteria', sa.Integer(), nullable=False),
    sa.Column('unstable_criteria', sa.Integer(), nullable=False),
    sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['requested_by'], ['user.id'], name=op.f('fk_conversation_judgement_requested_by_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_conversation_judgement_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_judgement'))
    )
    with op.batch_alter_table('conversation_judgement', schema=None) as batch_op:
        batch_op.create_index('ix_conversation_judgement_reference', ['workspace_id', 'reference'], unique=False)
        batch_op.create_index('ix_conversation_judgement_workspace_created', ['workspace_id', 'created_at'], unique=False)

    op.create_table('calibration_report',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('set_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('set_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('judge_model', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('prompt_version', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('repeats', sa.Integer(), nullable=False),
    sa.Column('temperature', sa.Float(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('case_count', sa.Integer(), nullable=False),
    sa.Column('criteria_count', sa.Integer(), nullable=False),
    sa.Column('done_cases', sa.Integer(), nullable=False),
    sa.Column('accuracy', sa.Float(), nullable=True),
    sa.Column('kappa', sa.Float(), nullable=True),
    sa.Column('metrics', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('cases', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('error', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('worker_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('completed_at', app.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['requested_by'], ['user.id'], name=op.f('fk_calibration_report_requested_by_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['set_id'], ['calibration_set.id'], name=op.f('fk_calibration_report_set_id_calibration_set'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_calibration_report_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calibration_report'))
    )
    with op.batch_alter_table('calibration_report', schema=None) as batch_op:
        batch_op.create_index('ix_calibration_report_judge', ['workspace_id', 'judge_model', 'prompt_version'], unique=False)
        batch_op.create_index('ix_calibration_report_workspace_created', ['workspace_id', 'created_at'], unique=False)

    op.create_table('review',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('session_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('judgement_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('reviewer_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('reviewer_email', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
    sa.Column('criteria', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('findings', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('added_findings', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('blame', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('disagreements', sa.Integer(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['judgement_id'], ['judgement.id'], name=op.f('fk_review_judgement_id_judgement'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user.id'], name=op.f('fk_review_reviewer_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_review_session_id_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], name=op.f('fk_review_workspace_id_workspace'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index('ix_review_session_created', ['session_id', 'created_at'], unique=False)
        batch_op.create_index('ix_review_workspace_created', ['workspace_id', 'created_at'], unique=False)

    with op.batch_alter_table('judgement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False, server_default='session'))
        batch_op.add_column(sa.Column('repeats', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('criteria_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('flipped_criteria', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('unstable_criteria', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('summary_history', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('rejudge', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default='{}'))

    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('flipped_criteria', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('unstable_criteria', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('reviewed_at', app.models.base.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('votes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('unstable', sa.Boolean(), nullable=False, server_default=sa.false()))

    # Judgements made before: one judgement each, with its criteria counted.
    judgement = sa.table("judgement", sa.column("id"), sa.column("criteria_count"))
    verdict = sa.table("verdict", sa.column("judgement_id"), sa.column("kind"))
    counted = sa.select(sa.func.count()).where(verdict.c.judgement_id == judgement.c.id, verdict.c.kind == "criterion").scalar_subquery()
    op.get_bind().execute(judgement.update().values(criteria_count=counted))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('verdict', schema=None) as batch_op:
        batch_op.drop_column('unstable')
        batch_op.drop_column('votes')

    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('unstable_criteria')
        batch_op.drop_column('flipped_criteria')

    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.drop_column('rejudge')
        batch_op.drop_column('summary_history')

    with op.batch_alter_table('judgement', schema=None) as batch_op:
        batch_op.drop_column('unstable_criteria')
        batch_op.drop_column('flipped_criteria')
        batch_op.drop_column('criteria_count')
        batch_op.drop_column('repeats')
        batch_op.drop_column('trigger')

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index('ix_review_workspace_created')
        batch_op.drop_index('ix_review_session_created')

    op.drop_table('review')
    with op.batch_alter_table('calibration_report', schema=None) as batch_op:
        batch_op.drop_index('ix_calibration_report_workspace_created')
        batch_op.drop_index('ix_calibration_report_judge')

    op.drop_table('calibration_report')
    with op.batch_alter_table('conversation_judgement', schema=None) as batch_op:
        batch_op.drop_index('ix_conversation_judgement_workspace_created')
        batch_op.drop_index('ix_conversation_judgement_reference')

    op.drop_table('conversation_judgement')
    with op.batch_alter_table('calibration_set', schema=None) as batch_op:
        batch_op.drop_index('ix_calibration_set_workspace_created')

    op.drop_table('calibration_set')
