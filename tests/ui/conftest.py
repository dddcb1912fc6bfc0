"""AppTest fixtures: the console's app with its HTTP client replaced by ``FakeClient``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from agent_ui import client as client_module
from tests.ui.fake_service import FakeClient

APP = Path(__file__).resolve().parents[2] / "agent_ui" / "app.py"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeClient:
    service = FakeClient()
    monkeypatch.setattr(client_module, "get_client", lambda: service)
    monkeypatch.setattr(client_module, "get_channel_client", lambda: service)
    return service


@pytest.fixture
def open_page(fake: FakeClient) -> Iterator[Callable[..., AppTest]]:
    """``open_page("views/queue.py", **session_state)`` runs the app on that page."""

    def _open(page: str, **state: object) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=15)
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    yield _open
