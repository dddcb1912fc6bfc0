"""Domain errors raised by ``service.crud``; the app maps each to one HTTP status."""


class ServiceError(Exception):
    """Base class; the message is safe to show to the caller."""

    status_code = 400


class NotFound(ServiceError):
    status_code = 404


class Conflict(ServiceError):
    """The request is valid but the state forbids it (resolved, held by someone else, handled)."""

    status_code = 409


class InvalidInput(ServiceError):
    status_code = 422
