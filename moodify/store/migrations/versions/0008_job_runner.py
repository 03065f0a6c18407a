"""which process runs a local job (its spool lease), so a start-up fails only a dead one's jobs

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('jobs', sa.Column('runner', sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column('jobs', 'runner')
