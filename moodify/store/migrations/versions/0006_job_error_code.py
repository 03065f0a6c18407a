"""a failed job's error code, so the app can say why in the person's language

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('jobs', sa.Column('error_code', sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column('jobs', 'error_code')
