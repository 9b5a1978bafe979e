"""``{% if user|may:"catalog.import" %}``: a link or button shows only to those the page would let in.

The filter asks ``gongkai.backoffice.access.may_open``, the same function the page's view calls to refuse.
"""

from django import template

from gongkai.backoffice.access import may_open

register = template.Library()


@register.filter
def may(user, action: str) -> bool:
    return may_open(user, action)
