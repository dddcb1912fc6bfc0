"""ReplyDesk's application shell: the one settings object and the ``replydesk`` CLI."""
