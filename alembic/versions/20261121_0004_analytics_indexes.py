"""analytics indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

A covering index for the analytics' reply-latency queries: from the sessions of a range, their
agent replies' latencies are read from the index alone, without touching the message rows.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import app.models.base


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index('ix_message_session_role_latency', ['session_id', 'role', 'latency_ms'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index('ix_message_session_role_latency')
