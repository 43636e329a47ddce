"""session verdict summary

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel
import app.models.base


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verdict_summary', sa.Text(), nullable=True))

    


def downgrade() -> None:
    """Downgrade schema."""
    
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_column('verdict_summary')

    
