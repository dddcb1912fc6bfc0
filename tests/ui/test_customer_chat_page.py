"""Customer chat page: start a chat, send through the channel API, see what happened and the replies."""

from replydesk.settings import get_settings


def test_chat_as_a_customer(open_page, fake, monkeypatch):
    monkeypatch.setenv("REPLYDESK_CHANNEL_API_KEY", "rd_channel")
    get_settings.cache_clear()
    at = open_page("views/customer_chat.py")
    assert not [w for w in at.warning if "CHANNEL" in w.value]
    assert any("Start a chat" in i.value for i in at.info)
    at.text_input(key="chat_name").input("Mette")
    at.button(key="FormSubmitter:start_chat-Start a new chat").click().run()
    assert fake.called("start_conversation") == [("Mette",)]
    assert at.session_state["chat_conversation"] == "c-new"

    at.chat_input(key="chat_input").set_value("I want a human now!").run()
    assert not at.exception
    (sent,) = fake.called("send_message")
    assert sent[:2] == ("c-new", "I want a human now!") and sent[2]
    assert at.chat_message[0].markdown[0].value == "I want a human now!"
    assert "handed to a person (asked for a person)" in at.chat_message[0].caption[0].value

    fake.reply_items = [{"id": "r-1", "role": "agent", "text": "Hi Mette, I am here.", "created_at": "x"}]
    at.run()
    assert [m.markdown[0].value for m in at.chat_message] == ["I want a human now!", "Hi Mette, I am here."]
    at.run()
    assert len(at.chat_message) == 2, "a reply is shown once"
    assert len(fake.called("send_message")) == 1
    get_settings.cache_clear()


def test_without_a_channel_key_the_page_says_which_key(open_page, monkeypatch):
    monkeypatch.setenv("REPLYDESK_CHANNEL_API_KEY", "")
    get_settings.cache_clear()
    at = open_page("views/customer_chat.py")
    assert any("set REPLYDESK_CHANNEL_API_KEY" in w.value for w in at.warning)
    get_settings.cache_clear()
