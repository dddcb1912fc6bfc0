"""The model registry: trained model directories synced into ``model_versions``, one active.

The active version lives in the database so every replica follows the same row; switching
is one transaction and each replica's classifier provider notices it within a second or two.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.db import ModelActivation, ModelVersion
from service.errors import NotFound

log = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class ActiveModel:
    version: str
    path: str


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_model_dir(path: Path) -> dict[str, Any] | None:
    """The ``model.json`` of one saved model, or ``None`` when it is missing or unreadable."""
    try:
        meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("skipping model directory %s: %s", path, exc)
        return None
    return meta if isinstance(meta, dict) else None


def sync_models(*, session: Session, models_dir: Path) -> int:
    """Register every model directory under ``models_dir`` not yet known; returns how many were new."""
    if not models_dir.is_dir():
        return 0
    known = set(session.scalars(select(ModelVersion.version)))
    added = 0
    for path in sorted(p for p in models_dir.iterdir() if (p / "model.json").is_file()):
        meta = read_model_dir(path)
        if meta is None:
            continue
        version = str(meta.get("version") or path.name)
        if version in known:
            continue
        session.add(
            ModelVersion(
                version=version,
                path=str(path.resolve()),
                backend=str(meta.get("backend")) if meta.get("backend") is not None else None,
                created_at=_parse_time(meta.get("created_at")),
                metrics=meta.get("metrics") if isinstance(meta.get("metrics"), dict) else {},
                meta=meta,
            )
        )
        known.add(version)
        added += 1
    try:
        session.commit()
    except IntegrityError:  # another replica registered the same version at the same moment
        session.rollback()
        return 0
    if added:
        log.info("registered %d new model version(s) from %s", added, models_dir)
    return added


def list_models(*, session: Session) -> list[ModelVersion]:
    rows = session.scalars(select(ModelVersion)).all()
    return sorted(rows, key=lambda r: r.created_at or r.registered_at, reverse=True)


def active_model(*, session: Session) -> ActiveModel | None:
    row = session.execute(select(ModelVersion.version, ModelVersion.path).where(ModelVersion.active)).first()
    return ActiveModel(version=row.version, path=row.path) if row else None


def activate(
    *, session: Session, version: str, actor: str, reason: str | None = None, automatic: bool = False
) -> ModelVersion:
    """Make ``version`` the one active model and record who did it, when and why."""
    rows = session.scalars(select(ModelVersion).with_for_update()).all()
    target = next((r for r in rows if r.version == version), None)
    if target is None:
        session.rollback()
        raise NotFound(f"model version {version!r} is not registered")
    previous = next((r.version for r in rows if r.active), None)
    if automatic and previous is not None:  # another replica got there first (rows are locked now)
        session.commit()
        return next(r for r in rows if r.active)
    for row in rows:
        row.active = row.version == version
    session.add(
        ModelActivation(
            version=version, previous_version=previous, actor=actor, reason=reason, automatic=automatic
        )
    )
    session.commit()
    log.info("model %s activated by %s (was %s)", version, actor, previous)
    return target


def ensure_active(*, session: Session, models_dir: Path) -> ActiveModel | None:
    """Sync the folder and, when no model is active but some exist, activate the newest."""
    sync_models(session=session, models_dir=models_dir)
    current = active_model(session=session)
    if current is not None:
        return current
    rows = list_models(session=session)
    if not rows:
        return None
    row = activate(
        session=session,
        version=rows[0].version,
        actor=SYSTEM_ACTOR,
        reason="automatic: no model was active; the newest was chosen",
        automatic=True,
    )
    return ActiveModel(version=row.version, path=row.path)


def activation_history(*, session: Session, limit: int = 50) -> list[ModelActivation]:
    stmt = select(ModelActivation).order_by(ModelActivation.at.desc()).limit(limit)
    return list(session.scalars(stmt))
