"""The one settings object. Every value can be set by an environment variable
``REPLYDESK_<NAME>`` (``DATABASE_URL`` also works for the database) or a ``.env`` file.

Nothing is read at import time: call ``get_settings()``; tests call ``get_settings.cache_clear()``
after changing the environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REPLYDESK_", env_file=".env", extra="ignore")

    # Where trained models, the SQLite file and reports go; ignored by git.
    var_dir: Path = Path("var")
    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("REPLYDESK_DATABASE_URL", "DATABASE_URL"),
        description="SQLAlchemy URL; empty means a SQLite file in var_dir.",
    )
    answers_path: Path = DATA_DIR / "answers" / "banking77.yaml"
    # Values for the answer library's placeholders (JSON), over the library's own defaults.
    answer_values: dict[str, str] = Field(default_factory=dict)

    # The decision policy (see models.policy.PolicySettings).
    auto_reply_enabled: bool = True
    min_auto_confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    calm_below: float = Field(default=0.3, ge=0.0, le=1.0)
    friction_threshold: float | None = Field(default=None, ge=0.0, le=1.0)

    # The service: classify concurrent messages in one predict_batch call (service.batching).
    batch_predictions: bool = True

    # The agent console talks to the service over HTTP with an agent (or admin) key.
    api_url: str = "http://127.0.0.1:8000"
    api_key: str = ""
    # The console's customer chat page speaks as a chat channel, with a channel key.
    channel_api_key: str = ""

    log_level: str = "INFO"

    @property
    def models_dir(self) -> Path:
        return self.var_dir / "models"

    @property
    def friction_dir(self) -> Path:
        return self.var_dir / "friction"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.var_dir / 'replydesk.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
