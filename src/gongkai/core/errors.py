"""Errors raised by services. Each carries a stable code so interfaces can map it to a message or HTTP status."""


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, **context):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.context = context

    def __str__(self) -> str:
        return str(self.message)


class NotAllowed(DomainError):
    """The actor is not entitled to this action on this object (authorisation only)."""

    code = "not_allowed"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class ValidationFailed(DomainError):
    code = "validation_failed"
