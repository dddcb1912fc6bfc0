"""Training and evaluation of ReplyDesk's models, and the learning loop."""
