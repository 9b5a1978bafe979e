from django.shortcuts import render

from gongkai.agencies.domain.roles import ROLE_LABELS, Role
from gongkai.agencies.models import Membership
from gongkai.backoffice.access import staff_required


@staff_required
def workbench(request):
    memberships = (
        Membership.objects.filter(user=request.user).select_related("agency").order_by("agency__path", "role")
    )
    roles = [(m.agency, ROLE_LABELS[Role(m.role)]) for m in memberships]
    return render(request, "backoffice/workbench.html", {"roles": roles})
