"""The whole loop in a real headless Chromium: a customer writes, an agent edits the suggestion, the
customer sees the reply, and the edit is stored as feedback. Screenshots of each page go to docs/.
"""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CUSTOMER_TEXT = "I want to talk to a person. My card has still not arrived and I ordered it two weeks ago!"
EDITED_TEXT = "Hi Ana, sorry for the wait: your new card was posted yesterday and arrives within 2 days."
WAIT_S = 45


def _wait(driver, condition, timeout: float = WAIT_S):
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        condition
    )


def _click(driver, by: str, selector: str) -> None:
    """Click once the element is there; the queue re-renders itself, so a stale element is retried."""
    deadline = time.monotonic() + WAIT_S
    while True:
        try:
            _wait(driver, ec.element_to_be_clickable((by, selector))).click()
            return
        except (StaleElementReferenceException, WebDriverException):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _button(label: str) -> tuple[str, str]:
    return By.XPATH, f"//button[.//p[normalize-space()='{label}']]"


def _nav(driver, title: str) -> None:
    _click(driver, By.XPATH, f"//a[@data-testid='stSidebarNavLink'][.//span[normalize-space()='{title}']]")


def _text_shown(driver, text: str) -> None:
    _wait(driver, lambda d: text in d.find_element(By.TAG_NAME, "body").text)


def _screenshot(driver, name: str) -> None:
    time.sleep(1.5)  # let charts and fonts settle
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def test_customer_agent_edit_loop(system, browser):
    driver = browser
    driver.get(f"{system.console_url}/customer_chat")
    _click(driver, *_button("Start a new chat"))
    _text_shown(driver, "Conversation ")
    conversation_id = re.search(r"Conversation (\S+)", driver.find_element(By.TAG_NAME, "body").text).group(1)
    chat = _wait(driver, ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
    chat.send_keys(CUSTOMER_TEXT + Keys.ENTER)
    _text_shown(driver, "handed to a person")

    # The agent finds it in the queue and claims it with one click.
    _nav(driver, "Queue")
    _wait(driver, ec.presence_of_element_located((By.CSS_SELECTOR, f".st-key-queue_item_{conversation_id}")))
    _screenshot(driver, "queue")
    _click(driver, By.CSS_SELECTOR, f".st-key-claim_{conversation_id} button")

    # The conversation opens with the suggestion in the edit box; the agent edits and sends it.
    box = _wait(driver, ec.element_to_be_clickable((By.CSS_SELECTOR, "[class*='st-key-edit_'] textarea")))
    suggestion_id = next(
        c.removeprefix("st-key-edit_")
        for c in box.find_element(By.XPATH, "ancestor::div[contains(@class, 'st-key-edit_')]")
        .get_attribute("class")
        .split()
        if c.startswith("st-key-edit_")
    )
    assert box.get_attribute("value"), "the edit box starts with the suggested reply"
    _screenshot(driver, "conversation")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(EDITED_TEXT)
    _click(driver, *_button("Send edited"))
    _text_shown(driver, "Sent your edited reply.")

    # The edit is stored as feedback, with the text the customer got.
    suggestion = system.api("GET", f"/v1/suggestions/{suggestion_id}").json()
    assert suggestion["status"] == "edited"
    assert suggestion["final_text"] == EDITED_TEXT
    messages = system.api("GET", f"/v1/conversations/{conversation_id}").json()["messages"]
    assert [m["text"] for m in messages if m["role"] == "agent"] == [EDITED_TEXT]

    # The customer sees the reply in the chat.
    _nav(driver, "Customer chat")
    _text_shown(driver, EDITED_TEXT)
    _screenshot(driver, "customer_chat")

    _nav(driver, "Insights")
    _text_shown(driver, "Automation rate")
    _screenshot(driver, "insights")
    _nav(driver, "Models")
    _text_shown(driver, "Active model")
    _screenshot(driver, "models")
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "Traceback" not in body and "Error" not in body


def _port_open(url: str) -> bool:
    host, port = url.removeprefix("http://").split(":")
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, int(port))) == 0


def test_ctrl_c_stops_the_api_and_the_console(system):
    import signal

    assert _port_open(system.api_url) and _port_open(system.console_url)
    system.process.send_signal(signal.SIGINT)
    assert system.process.wait(timeout=30) == 0, system.log_tail()
    assert not _port_open(system.api_url) and not _port_open(system.console_url)
