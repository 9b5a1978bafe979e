"""Who may see and handle a mailbox message: the one place the rule is written.

A message belongs to the agency that received it and, once assigned (交办), also to its handling department:
a user may do ``action`` to a message when they may do it in either (``gongkai.agencies.policy`` answers for
each agency). The selectors (lists and the access check), the services (every handling step), the back office
and the API all ask here.
"""

from django.db.models import Q

from gongkai.agencies.policy import agencies_where, can


def may(user, action: str, message) -> bool:
    """Whether ``user`` may do ``action`` to ``message``: in its receiving agency or its assigned department."""
    if can(user, action, message.agency):
        return True
    return bool(message.department_id) and can(user, action, message.department)


def messages_where(user, action: str) -> Q:
    """The same rule as a filter on messages, for lists and counts."""
    agencies = agencies_where(user, action)
    return Q(agency__in=agencies) | Q(department__in=agencies)
