"""the last message position on each conversation

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The turn that posts a message holds the conversation's row lock anyway, so reading and
    # bumping a counter on that row replaces a `select max(seq)` over the messages per message.
    # ADD COLUMN with a constant default needs no table rebuild on SQLite or PostgreSQL.
    op.add_column(
        "conversations",
        sa.Column("last_seq", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    # Existing conversations carry on after their last message.
    op.execute(
        "UPDATE conversations SET last_seq = COALESCE("
        "(SELECT MAX(messages.seq) FROM messages WHERE messages.conversation_id = conversations.id), 0)"
    )


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch_op:
        batch_op.drop_column("last_seq")
