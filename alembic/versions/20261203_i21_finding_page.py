"""finding.page: the page of the website a browser finding is about (origin + path)

Revision ID: i21_0001
Revises: i18_0001
Create Date: 2026-12-03

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'i21_0001'
down_revision: Union[str, Sequence[str], None] = 'i18_0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('page', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True))
        batch_op.create_index('ix_finding_session_page', ['session_id', 'page'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index('ix_finding_session_page')
        batch_op.drop_column('page')
