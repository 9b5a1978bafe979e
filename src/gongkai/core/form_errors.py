"""A service's refusal shown on the form that caused it: on the field it names, or above the form."""

from gongkai.core.errors import DomainError


def _form_field(form, path: str) -> str | None:
    candidates = (path, path.replace(".", "_"), path.rsplit(".", 1)[-1])
    return next((name for name in candidates if name in form.fields), None)


def add_domain_error(form, error: DomainError | Exception) -> None:
    """Attach ``error``'s message (rendered in the active language) to each form field its paths name, or to
    the form as a whole when it names none the form has. Safe to call more than once per form."""
    names = [name for name in (_form_field(form, p) for p in getattr(error, "fields", ())) if name]
    if not names:
        form.add_error(None, str(error))
        return
    for name in dict.fromkeys(names):
        if name in form.fields:
            form.add_error(name, error.message)
