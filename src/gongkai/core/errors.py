"""Errors raised by services: a stable code, field paths and a message rendered in the reader's language.

The classes live in ``gongkai.core.domain.errors`` so that pure rules raise the same errors; importing this
module installs Django's ``gettext`` as their translation, so ``str(error)`` and ``error.message`` read in the
language active where the error is shown (the request's), not where it was raised.
"""

from django.utils.translation import gettext

from gongkai.core.domain.errors import (
    DomainError,
    InvalidTransition,
    Message,
    NotAllowed,
    Sentences,
    ValidationFailed,
    gettext_noop,
    render,
    use_translation,
)

use_translation(gettext)

__all__ = ["DomainError", "InvalidTransition", "Message", "NotAllowed", "Sentences", "ValidationFailed", "gettext_noop", "render"]
