"""what online services tell about a track (names, licence deed, stream, download), whether it is
still available, and catalogue audio fetched for rendering

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

UTF8MB4 = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}


def upgrade() -> None:
    with op.batch_alter_table('tracks') as batch:
        batch.add_column(sa.Column('licence_url', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('stream_url', sa.String(length=1000), nullable=True))
        batch.add_column(sa.Column('download_url', sa.String(length=1000), nullable=True))
        batch.add_column(sa.Column('download_allowed', sa.Boolean(), nullable=True))
        batch.add_column(sa.Column('image_url', sa.String(length=1000), nullable=True))
        batch.add_column(sa.Column('available', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column('enriched_at', sa.DateTime(), nullable=True))
        batch.create_index('ix_tracks_enriched_at', ['enriched_at'], unique=False)
    op.create_table('track_audio',
    sa.Column('track_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=1000), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('analysis', sa.JSON(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['track_id'], ['tracks.id'], ),
    sa.PrimaryKeyConstraint('track_id'),
    **UTF8MB4)


def downgrade() -> None:
    op.drop_table('track_audio')
    with op.batch_alter_table('tracks') as batch:
        batch.drop_index('ix_tracks_enriched_at')
        for column in ('enriched_at', 'available', 'image_url', 'download_allowed', 'download_url',
                       'stream_url', 'licence_url'):
            batch.drop_column(column)
