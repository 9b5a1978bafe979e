"""Form pieces of public pages that a loop in the template language would render slowly."""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@lru_cache(maxsize=256)
def _escaped(choices: tuple) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), format_html('<option value="{}">{}</option>', value, label)) for value, label in choices)


@register.simple_tag
def select_options(choices, selected=""):
    """``<option>`` elements for (value, label) pairs, the one equal to ``selected`` marked. The escaped
    options of a list are made once per process (the lists come from the shared cache and change rarely); a
    ``{% for %}`` with an ``{% if %}`` per option would cost template lookups per option on every request."""
    selected = "" if selected is None else str(selected)
    parts = []
    for value, html in _escaped(tuple(tuple(pair) for pair in choices)):
        parts.append(html.replace('">', '" selected>', 1) if value == selected else html)
    return mark_safe("".join(parts))
