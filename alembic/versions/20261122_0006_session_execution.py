"""session execution: queued_at, worker lease

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import app.models.base


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queued_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('worker_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch_op.add_column(sa.Column('lease_expires_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.create_index('ix_session_status_lease', ['status', 'lease_expires_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_index('ix_session_status_lease')
        batch_op.drop_column('lease_expires_at')
        batch_op.drop_column('worker_id')
        batch_op.drop_column('queued_at')
