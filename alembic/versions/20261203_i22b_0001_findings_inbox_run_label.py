"""Findings inbox (finding.signature, finding_group_state) and run.label (the agent's version)

Revision ID: i22b_0001
Revises: i24_0001
Create Date: 2026-12-03

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

from app.models.base import UTCDateTime
from app.models.finding_signature import finding_signature


# revision identifiers, used by Alembic.
revision: str = 'i22b_0001'
down_revision: Union[str, Sequence[str], None] = 'i24_0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_BATCH = 1000


def _sign_existing_findings() -> None:
    """The findings stored before: their signature, computed as new ones get it."""
    bind = op.get_bind()
    finding = sa.table('finding', sa.column('id', sa.String), sa.column('type', sa.String),
                       sa.column('description', sa.Text), sa.column('evidence', sa.JSON),
                       sa.column('signature', sa.String))
    last = ''
    while True:
        rows = bind.execute(
            sa.select(finding.c.id, finding.c.type, finding.c.description, finding.c.evidence)
            .where(finding.c.id > last).order_by(finding.c.id).limit(_BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            evidence = row.evidence if isinstance(row.evidence, dict) else {}
            bind.execute(finding.update().where(finding.c.id == row.id)
                         .values(signature=finding_signature(row.type, row.description or '', evidence)))
        last = rows[-1].id


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'finding_group_state',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('fixed_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['updated_by'], ['user.id'], name=op.f('fk_finding_group_state_updated_by_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'],
                                name=op.f('fk_finding_group_state_workspace_id_workspace'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_group_state')),
        sa.UniqueConstraint('workspace_id', 'signature', name='uq_finding_group_state_workspace_signature'),
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False,
                                      server_default=''))
    _sign_existing_findings()
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.alter_column('signature', server_default=None)
        batch_op.create_index('ix_finding_workspace_signature', ['workspace_id', 'signature'], unique=False)
    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.alter_column('label', server_default=None)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('run', schema=None) as batch_op:
        batch_op.drop_column('label')
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index('ix_finding_workspace_signature')
        batch_op.drop_column('signature')
    op.drop_table('finding_group_state')
