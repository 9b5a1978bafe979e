"""The working-day calendar for platform administrators: which years are official, and importing a year."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from gongkai.backoffice.access import staff_required
from gongkai.calendars import selectors as calendar_selectors
from gongkai.calendars.domain.notice import NoticeError, parse_notice
from gongkai.calendars.services import set_calendar_year
from gongkai.core.time import local_today

MAX_NOTICE_BYTES = 256 * 1024


class NoticeUploadForm(forms.Form):
    file = forms.FileField(label="放假安排文件（JSON）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_NOTICE_BYTES:
            raise forms.ValidationError("文件过大（上限 256 KB）")
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise forms.ValidationError(f"文件不是有效的 UTF-8 JSON：{exc}") from None
        try:
            return parse_notice(data)
        except NoticeError as exc:
            raise forms.ValidationError(exc.problems) from None


@staff_required
def calendar_years(request):
    if not request.user.is_superuser:
        raise PermissionDenied("只有平台管理员可以维护工作日历")
    form = NoticeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        change = set_calendar_year(actor=request.user, notice=form.cleaned_data["file"])
        recomputed = sum(change.recomputed.values())
        messages.success(
            request,
            f"已{'导入' if change.created else '更新'}{change.year}年放假安排；状态变化的日期 "
            f"{len(change.changed_dates)} 个，重新计算的期限 {recomputed} 个。",
        )
        for moved in change.moved:
            messages.info(request, moved.describe())
        return redirect("backoffice:calendar_years")
    this_year = local_today().year
    years = calendar_selectors.calendar_years(this_year - 3, this_year + 2)
    return render(request, "backoffice/calendar_years.html", {"years": years, "form": form})
