"""The HTTP layer: dependencies, one router per resource, collected in ``service.api.main``."""
