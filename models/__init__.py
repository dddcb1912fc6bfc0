"""ReplyDesk's models: the reply classifier, the friction detector and the decision policy.

This package imports nothing from ``service``, ``training`` or ``agent_ui``: they depend on it.
"""
