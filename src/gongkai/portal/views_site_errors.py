"""我为政府网站找错 on every site: a visitor reports what is wrong on a page; the site's 主办单位 answers.

The same guards as the mailbox (gongkai.core.public_forms): honeypot, size limits, a per-address rate limit
that counts only accepted reports; a refused report keeps what was typed and saves nothing."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongkai.core.errors import DomainError
from gongkai.core.public_forms import (
    PublicFormMixin,
    release_submission_slot,
    take_submission_slot,
    throttled_message,
)
from gongkai.portal.views_site import site_agency
from gongkai.sites import services
from gongkai.sites.labels import ERROR_KIND_CHOICES
from gongkai.sites.selectors import site_for_agency_path

SESSION_KEY = "site_report_sent"
FORM_NAME = "site-error-report"


class ErrorReportForm(PublicFormMixin):
    max_text_chars = 3000

    kind = forms.ChoiceField(label=gettext_lazy("问题类型"), choices=ERROR_KIND_CHOICES, widget=forms.RadioSelect,
                             initial="content")
    page_url = forms.CharField(label=gettext_lazy("问题页面的网址"), max_length=500,
                               help_text=gettext_lazy("出现问题的页面网址，可从浏览器地址栏复制。"))
    description = forms.CharField(label=gettext_lazy("问题描述"), max_length=2000, widget=forms.Textarea,
                                  help_text=gettext_lazy("请写明页面上哪里有错、错在哪里，2000字以内。"))
    contact_name = forms.CharField(label=gettext_lazy("姓名（选填）"), max_length=60, required=False)
    contact = forms.CharField(label=gettext_lazy("联系电话或电子邮箱（选填）"), max_length=100, required=False,
                              help_text=gettext_lazy("留下联系方式，我们可以把办理结果告诉您。"))

    def clean_page_url(self):
        value = self.cleaned_data["page_url"].strip()
        if any(ord(c) < 32 for c in value):
            raise forms.ValidationError(_("网址中有不可见字符，请重新复制。"))
        return value


def _site_of(code):
    agency = site_agency(code)
    site = site_for_agency_path(agency.path)
    if site is None:
        raise Http404(_("该机关没有开设网站"))
    return agency, site


@require_http_methods(["GET", "POST"])
def error_report(request, code):
    agency, site = _site_of(code)
    initial = {"page_url": request.GET.get("page", "")[:500]}
    form = ErrorReportForm(request.POST or None, initial=initial)
    status, wait = 200, None
    if request.method == "POST" and form.is_valid():
        wait = take_submission_slot(request, FORM_NAME)
        if wait is not None:
            form.add_error(None, throttled_message(wait))
            status = 429
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
            try:
                report = services.submit_error_report(site=site, **data)
            except DomainError as exc:
                release_submission_slot(request, FORM_NAME)
                form.add_error(None, exc.message)
                status = 400
            else:
                request.session[SESSION_KEY] = {"code": report.tracking_code, "agency": agency.code,
                                                "due": report.reply_due_on.isoformat()}
                return redirect("portal:site_error_report_sent", code=agency.code)
    elif request.method == "POST":
        status = 400
    response = render(request, "portal/site/error_report.html",
                      {"agency": agency, "site": site, "form": form, "column": "error_report",
                       "reply_days": services.reply_working_days()}, status=status)
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


def error_report_sent(request, code):
    agency, site = _site_of(code)
    sent = request.session.get(SESSION_KEY)
    if not sent or sent.get("agency") != agency.code:
        return redirect("portal:site_error_report", code=agency.code)
    return render(request, "portal/site/error_report_sent.html", {"agency": agency, "site": site, "sent": sent})
