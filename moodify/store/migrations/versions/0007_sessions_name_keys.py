"""server-side sessions for the multi-user server, and account names unique as they compare
(NFKC, case-folded)

Revision ID: 0007
Revises: 0006
"""

import unicodedata

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

UTF8MB4 = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('name_key', sa.String(length=150), nullable=True))
    # Existing accounts get their key; where two fold to one (Alice, alice), the older keeps it.
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('name', sa.String),
                     sa.column('password_hash', sa.String), sa.column('name_key', sa.String))
    connection = op.get_bind()
    taken = set()
    for user_id, name in connection.execute(sa.select(users.c.id, users.c.name)
                                            .where(users.c.password_hash.is_not(None)).order_by(users.c.id)):
        key = unicodedata.normalize("NFKC", name).casefold()
        if key not in taken:
            taken.add(key)
            connection.execute(users.update().where(users.c.id == user_id).values(name_key=key))
    with op.batch_alter_table('users') as batch:
        batch.create_unique_constraint('uq_users_name_key', ['name_key'])
    op.create_table('sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('csrf', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    **UTF8MB4)
    op.create_index('ix_sessions_user_id', 'sessions', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_sessions_user_id', table_name='sessions')
    op.drop_table('sessions')
    with op.batch_alter_table('users') as batch:
        batch.drop_constraint('uq_users_name_key', type_='unique')
        batch.drop_column('name_key')
