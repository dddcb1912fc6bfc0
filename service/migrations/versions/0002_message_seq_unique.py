"""one position per message in a conversation

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A backstop under the conversation lock: two messages never share a position. A unique
    # index rather than a constraint, so SQLite needs no table rebuild.
    op.create_index("uq_messages_seq", "messages", ["conversation_id", "seq"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_messages_seq", table_name="messages")
