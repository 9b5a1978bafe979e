"""Errors that rules and services raise: a stable code, the fields concerned, and a message rendered late.

An error is raised with a *message template* — the Chinese source string, marked for translation, with
``%(name)s`` placeholders — and its parameters; it is rendered each time it is read (``str(error)`` or
``error.message``), in the language active *then*: the language of the request that shows it, not of the code
that raised it (a queue worker, a timer, a service called under another language). Pure ``domain/`` code
imports no Django, so the translation function is installed once by ``gongkai.core.errors`` (the Django side);
without it, as in a plain unit test of a rule, messages render in the source language.

    raise ValidationFailed(gettext_noop("流水号 %(serial)s 超出 %(width)s 位"), code="catalog.serial_overflow",
                           field="serial", serial=serial, width=width)

``code`` is what machines read (the API's ``code``, tests, callers that branch on it): dotted, ``area.reason``,
never changed once published. ``field`` (a path such as ``"receipt.date"`` or a list of them) names the input
the error is about, so a form can attach the message to that field and the API can list it in ``fields``.
Other keyword arguments are the template's parameters; a parameter that is itself a lazy translation renders in
the same language, a list or tuple renders joined with the language's enumeration comma.
"""

from collections.abc import Callable, Iterable


def gettext_noop(message: str) -> str:
    """Marks a message for extraction (``makemessages`` knows this name) without translating it here."""
    return message


def _untranslated(message: str) -> str:
    return message


_translate: Callable[[str], str] = _untranslated


def use_translation(translate: Callable[[str], str]) -> None:
    """Install the function that translates a source string into the active language (done by core.errors)."""
    global _translate
    _translate = translate


def _text(value) -> str:
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, str):
        return _translate(value)
    return str(value)       # a lazy translation renders itself in the active language


class Message(str):
    """A sentence with parameters, rendered when read: ``Message(gettext_noop("请填写%(label)s。"), label=…)``.

    It is a ``str`` holding the source-language rendering, so code that joins or compares problems as text
    keeps working; ``str(message)`` (and an error or ``Sentences`` that contains it) renders it in the active
    language.
    """

    def __new__(cls, template: str, **params):
        self = super().__new__(cls, _format(template, params))
        self.template, self.params = template, params
        return self

    def __str__(self) -> str:
        return render(self.template, self.params)

    def __reduce__(self):
        return (_message, (self.template, self.params))


def _message(template, params):
    return Message(template, **params)


def _format(template: str, params: dict) -> str:
    try:
        return template % params if params else template
    except (KeyError, ValueError, TypeError):
        return template


class Sentences(tuple):
    """Several problems reported at once: each renders in the active language (a marked source string or a lazy
    translation), joined with the language's sentence separator (“；” or “; ”)."""


def _param(value):
    if isinstance(value, Sentences):
        return _translate("；").join(_text(v) for v in value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return _translate("、").join(_text(v) if not isinstance(v, str) else v for v in value)
    if isinstance(value, (int, float)) or value is None:
        return value
    return _text(value)     # a label from a rule's table translates when it has a catalogue entry


def render(template, params: dict) -> str:
    text = _text(template)
    if not params:
        return text
    try:
        return text % {name: _param(value) for name, value in params.items()}
    except (KeyError, ValueError, TypeError):
        return text


def _paths(field) -> tuple[str, ...]:
    if field is None or field == "":
        return ()
    if isinstance(field, str):
        return (field,)
    if isinstance(field, Iterable):
        return tuple(str(f) for f in field)
    return (str(field),)


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message, *, code: str | None = None, field=None, context: dict | None = None, **params):
        super().__init__(message)
        self.template = message
        self.params = params
        self.fields = _paths(field)
        self.context = dict(context or {})
        if code:
            self.code = code

    @property
    def message(self) -> str:
        """The message in the language active now."""
        return render(self.template, self.params)

    @property
    def field(self) -> str:
        """The first field path, or ""."""
        return self.fields[0] if self.fields else ""

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {render(self.template, self.params)!r})"

    @classmethod
    def like(cls, other: "DomainError", **overrides):
        """The same error (code, template, parameters, fields) as another class, e.g. a domain rule's refusal
        raised by a service as a ``ValidationFailed``."""
        return cls(overrides.pop("message", other.template), code=overrides.pop("code", other.code),
                   field=overrides.pop("field", other.fields or None), context=other.context,
                   **(other.params | overrides))


class NotAllowed(DomainError):
    """The actor is not entitled to this action on this object (authorisation only)."""

    code = "forbidden"


class InvalidTransition(DomainError):
    """The object is not in a state that allows the step."""

    code = "invalid_transition"


class ValidationFailed(DomainError):
    """Values read but refused by a rule."""

    code = "validation_failed"
