"""The learning loop: agent feedback → redacted training rows → a challenger model → gated promotion.

It composes the service's database (``service``) and training (``training``), so it lives in the
application shell rather than in either of them.
"""
