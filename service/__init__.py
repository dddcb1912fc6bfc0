"""The FastAPI service: conversations, decisions, handoff and feedback, stored with SQLAlchemy."""
