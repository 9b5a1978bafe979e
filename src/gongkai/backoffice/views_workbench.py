from django.shortcuts import render

from gongkai.agencies.domain.roles import ROLE_LABELS, Role
from gongkai.agencies.selectors import memberships_of
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
    roles = [(agency, ROLE_LABELS[Role(role)]) for agency, role in memberships_of(request.user)]
    panels = []
    for template, build in PANELS:
        context = build(request.user)
        if context is not None:
            panels.append((template, context))
    return render(request, "backoffice/workbench.html", {"roles": roles, "panels": panels})
