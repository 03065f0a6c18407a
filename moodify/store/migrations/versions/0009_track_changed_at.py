"""when a build last rewrote a track, so a running server's catalogue index notices a rebuild

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('tracks', sa.Column('changed_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column('tracks', 'changed_at')
