"""Staff pages of the column texts: what editors write around the generated 指南 and 制度 pages of their agencies
(the texts and their writer are the sites area's, ``gongkai.sites.column_texts``; the portal shows them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.backoffice.access import staff_required
from gongkai.core.errors import NotAllowed, ValidationFailed
from gongkai.sites import column_texts as texts

PUBLIC_PAGE = {"guide_intro": "portal:guide", "guide_outro": "portal:guide", "rules": "portal:rules"}


def _editable_agencies(request):
    agencies = texts.editable_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied(_("您无权编辑栏目文字"))
    return agencies


@staff_required
def column_texts(request):
    agencies = _editable_agencies(request)
    stored = texts.texts_of(agencies)
    rows = [{"agency": agency,
             "columns": [{"code": code, "label": label, "text": stored.get((agency.pk, code))}
                         for code, label in texts.COLUMNS]}
            for agency in agencies]
    return render(request, "backoffice/columns/column_texts.html", {"rows": rows, "max_text": texts.MAX_TEXT})


@staff_required
def edit_column_text(request, code, column):
    agency = _editable_agencies(request).filter(code=code).first()
    label = texts.column_label(column)
    if agency is None or label is None:
        raise Http404(_("没有该机构或栏目"))
    current = texts.column_text(agency, column)
    body, error = (current.body if current else ""), ""
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            texts.set_column_text(actor=request.user, agency=agency, column=column, body=body)
        except ValidationFailed as exc:
            error = str(exc)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        else:
            messages.success(request, _("已保存，公开页面已更新。"))
            return redirect(reverse("backoffice:column_texts") + f"#agency-{agency.code}")
    return render(request, "backoffice/columns/column_text_edit.html", {
        "agency": agency, "column": column, "label": label, "body": body, "error": error,
        "max_text": texts.MAX_TEXT, "public_url": reverse(PUBLIC_PAGE[column], kwargs={"code": agency.code}),
    })
