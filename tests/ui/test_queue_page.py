"""Queue page: urgent first, badges and reasons, one-click claim, clear errors."""

from agent_ui.client import ApiError


def test_queue_lists_conversations_with_friction_badge_and_top_reason(open_page, fake):
    at = open_page("views/queue.py")
    text = [m.value for m in at.markdown]
    assert "**2** waiting" in text
    first = next(i for i, t in enumerate(text) if "Mette" in t)
    second = next(i for i, t in enumerate(text) if "Ana" in t)
    assert first < second, "the service's order (most urgent first) is kept"
    assert ":red-badge[friction 86%]" in text[first]
    assert ":green-badge[friction 12%]" in text[second]
    assert ":material/warning: The customer asked for a person" in text
    assert "waiting 5 min" in text[first]
    assert fake.called("queue")


def test_claim_with_one_click_opens_the_conversation(open_page, fake):
    at = open_page("views/queue.py")
    at.button(key="claim_c-angry").click().run()
    assert not at.exception
    assert fake.called("claim") == [("c-angry",)]
    assert at.session_state["conversation_id"] == "c-angry"
    assert fake.called("conversation")[-1] == ("c-angry",)
    assert any("Conversation with" in t.value for t in at.title)


def test_claim_taken_by_someone_else_says_so_and_stays(open_page, fake):
    fake.fail["claim"] = ApiError("Someone got there first: held by eva", 409)
    at = open_page("views/queue.py")
    at.button(key="claim_c-angry").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Someone got there first: held by eva"]
    assert at.session_state.get("conversation_id") != "c-angry"
    assert any(t.value == "Queue" for t in at.title)


def test_empty_queue_and_unreachable_service(open_page, fake):
    fake.queue_items = []
    at = open_page("views/queue.py")
    assert any("Nobody is waiting" in i.value for i in at.info)
    fake.fail["queue"] = ApiError("Cannot reach the ReplyDesk service at http://x", retryable=True)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Cannot reach the ReplyDesk service at http://x"]
