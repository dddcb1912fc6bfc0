"""Data access: keyword-only functions taking ``session``, raising ``service.errors`` (never HTTP errors)."""
