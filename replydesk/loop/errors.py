"""The loop's one error base class, so the CLI can turn any of them into a one-line message
without importing the heavy modules (training, torch) that raise them."""


class LoopError(ValueError):
    """Bad input or a state the loop cannot act on; the message is meant for the user."""
