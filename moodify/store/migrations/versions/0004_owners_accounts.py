"""imported tracks belong to a user; passwords and personal API tokens for the multi-user server

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

UTF8MB4 = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}


def upgrade() -> None:
    with op.batch_alter_table('tracks') as batch:
        batch.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch.create_index('ix_tracks_owner_id', ['owner_id'], unique=False)
        batch.create_foreign_key('fk_tracks_owner', 'users', ['owner_id'], ['id'])
    op.add_column('users', sa.Column('password_hash', sa.String(length=200), nullable=True))
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash', name='uq_api_tokens_hash'),
    **UTF8MB4)
    op.create_index('ix_api_tokens_user_id', 'api_tokens', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_api_tokens_user_id', table_name='api_tokens')
    op.drop_table('api_tokens')
    op.drop_column('users', 'password_hash')
    with op.batch_alter_table('tracks') as batch:
        batch.drop_constraint('fk_tracks_owner', type_='foreignkey')
        batch.drop_index('ix_tracks_owner_id')
        batch.drop_column('owner_id')
