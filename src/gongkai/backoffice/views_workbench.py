from django.shortcuts import render

from gongkai.agencies.domain.roles import ROLE_LABELS, Role
from gongkai.agencies.models import Membership
from gongkai.backoffice import (
    views_cases_panel,
    views_catalog_panel,
    views_engagement,
    views_reports,
    views_sites,
)
from gongkai.backoffice.access import staff_required

# Each area adds a panel: (template name, function(user) -> context dict, or None to hide the panel).
PANELS: list[tuple[str, object]] = []
PANELS.append(("backoffice/reports/_panel.html", views_reports.workbench_panel))
PANELS.append(("backoffice/engagement/_panel.html", views_engagement.workbench_panel))
PANELS.append(("backoffice/cases/_panel.html", views_cases_panel.cases_panel))
PANELS.append(("backoffice/catalog/_panel.html", views_catalog_panel.workbench_panel))
PANELS.append(("backoffice/sites/_panel.html", views_sites.workbench_panel))


@staff_required
def workbench(request):
    memberships = (
        Membership.objects.filter(user=request.user).select_related("agency").order_by("agency__path", "role")
    )
    roles = [(m.agency, ROLE_LABELS[Role(m.role)]) for m in memberships]
    panels = []
    for template, build in PANELS:
        context = build(request.user)
        if context is not None:
            panels.append((template, context))
    return render(request, "backoffice/workbench.html", {"roles": roles, "panels": panels})
