"""Staff pages of the portal: the text that editors write around the generated 指南 and 制度 pages.

They live with the portal, which owns that text, and share the back office's look and navigation.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.policy import agencies_where, is_staff_member
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.portal.models import ColumnText
from gongkai.portal.services import MAX_TEXT, set_column_text

PUBLIC_PAGE = {ColumnText.Column.GUIDE_INTRO: "portal:guide", ColumnText.Column.GUIDE_OUTRO: "portal:guide",
               ColumnText.Column.RULES: "portal:rules"}


def _editable_agencies(request):
    if not request.user.is_authenticated:
        return None
    if not is_staff_member(request.user):
        raise PermissionDenied(_("不是工作人员账号"))
    agencies = agencies_where(request.user, "portal.edit").filter(is_active=True).order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("您无权编辑栏目文字"))
    return agencies


def column_texts(request):
    agencies = _editable_agencies(request)
    if agencies is None:
        return redirect_to_login(request.get_full_path())
    texts = {(t.agency_id, t.column): t for t in ColumnText.objects.filter(agency__in=agencies)}
    rows = [{"agency": agency,
             "columns": [{"code": code, "label": label, "text": texts.get((agency.pk, code))}
                         for code, label in ColumnText.Column.choices]}
            for agency in agencies]
    return render(request, "portal/staff/column_texts.html", {"rows": rows, "max_text": MAX_TEXT})


def edit_column_text(request, code, column):
    agencies = _editable_agencies(request)
    if agencies is None:
        return redirect_to_login(request.get_full_path())
    agency = agencies.filter(code=code).first()
    if agency is None or column not in ColumnText.Column.values:
        raise Http404(_("没有该机构或栏目"))
    current = ColumnText.objects.filter(agency=agency, column=column).first()
    body, error = (current.body if current else ""), ""
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            set_column_text(actor=request.user, agency=agency, column=column, body=body)
        except ValidationFailed as exc:
            error = str(exc)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        else:
            messages.success(request, _("已保存，公开页面已更新。"))
            return redirect(reverse("portal:column_texts") + f"#agency-{agency.code}")
    return render(request, "portal/staff/column_text_edit.html", {
        "agency": agency, "column": column, "label": ColumnText.Column(column).label, "body": body,
        "error": error, "max_text": MAX_TEXT,
        "public_url": reverse(PUBLIC_PAGE[ColumnText.Column(column)], kwargs={"code": agency.code}),
    })
